/**
 * What the bot says on its own besides digests: the needs and offers it finds when a listing
 * is posted, the "still relevant?" question before a listing ends, and a network's daily
 * summary in its rooms.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queueMatching } from "../../storage/digests.js";
import { listingById, type Listing } from "../../storage/listings.js";
import { networkByName } from "../../storage/networks.js";
import { linkRoom, startHarness, type Harness, type Sent } from "../helpers/harness.js";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
  // Only the test moves time: the jobs run when it calls runAll, never on a real-time tick.
  await bot.app.scheduler.stop();
});
afterEach(async () => {
  await bot.stop();
});

/** Posts a listing in one line and returns its number (fails when it was not published). */
async function post(line: string, as = "bob", room = "room1"): Promise<number> {
  const reply = await bot.ask(line, { as, room });
  const published = /Votre (?:offre|besoin) #(\d+) est publiée?/.exec(reply);
  if (!published) throw new Error(`"${line}" was not published: ${reply}`);
  return Number(published[1]);
}

/** Moves the bot's clock to `time`, runs the scheduled jobs and returns what they sent. */
async function jobsAt(time: number | string): Promise<Sent[]> {
  bot.clock.set(typeof time === "number" ? time : Date.parse(time));
  const before = bot.adapter.sent.length;
  await bot.app.scheduler.runAll();
  await bot.app.outbox.drain();
  return bot.adapter.sent.slice(before);
}

/** The listing numbers of the lines of a message, in order. */
function numbers(text: string): number[] {
  return [...text.matchAll(/^• #(\d+) /gm)].map((m) => Number(m[1]));
}

function listing(id: number): Listing {
  const found = listingById(bot.app.db, id);
  if (!found) throw new Error(`no listing #${id}`);
  return found;
}

const DAY = 86_400_000;

describe("needs and offers found when a listing is posted", () => {
  it("tells the author of an offer which open needs match it: same category, overlapping place, a shared word", async () => {
    const ana = await post(
      "/besoin Camionnette pour un déménagement #vehicules lieu:Tarbes",
      "ana",
    );
    const carl = await post("/besoin Location de camionnettes #vehicules lieu:65", "carl");
    await post("/besoin Camionnette frigorifique #vehicules lieu:Pau", "dave");
    await post("/besoin Camionnette miniature #autre lieu:Tarbes", "erin");
    await post("/besoin Véhicule utilitaire #vehicules lieu:Tarbes", "gina");
    await post("/offre Camionnette à louer #vehicules lieu:Tarbes", "hugo");

    const [published, notice] = await bot.say(
      "/offre Prêt de camionnette le samedi #vehicules lieu:Tarbes",
      { as: "bob" },
    );

    // The post is confirmed first; the matches follow in a message of their own, in private.
    expect(published!.text).toMatch(/^✅ Votre offre #(\d+) est publiée/);
    const id = Number(/#(\d+)/.exec(published!.text)?.[1]);
    expect(notice!.destination).toMatchObject({ kind: "member", userId: "bob" });
    expect(notice!.text).toContain(
      `🤝 2 besoins correspondent à votre offre #${id} (même catégorie, lieux proches, mots en commun) ; leurs auteurs en seront prévenus :`,
    );
    expect(numbers(notice!.text)).toEqual([carl, ana]);
    expect(notice!.buttons.slice(0, 2)).toEqual([`/annonce ${carl}`, `/annonce ${ana}`]);
  });

  it("counts neither the author's own needs nor closed ones", async () => {
    const open = await post(
      "/besoin Camionnette pour un déménagement #vehicules lieu:Tarbes",
      "ana",
    );
    await post("/besoin Camionnette le dimanche #vehicules lieu:Tarbes", "bob");
    const closed = await post("/besoin Camionnette urgente #vehicules lieu:Tarbes", "carl");
    await bot.say(`/cloturer ${closed} recu`, { as: "carl" });

    const reply = await bot.ask("/offre Prêt de camionnette #vehicules lieu:Tarbes", { as: "bob" });

    expect(reply).toMatch(/🤝 Un besoin correspond à votre offre #\d+/);
    expect(numbers(reply)).toEqual([open]);
  });

  it("finds the matches of a post left waiting by a crash at the next minute, once", async () => {
    const ana = await post(
      "/besoin Camionnette pour un déménagement #vehicules lieu:Tarbes",
      "ana",
    );
    const bob = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes", "bob");
    // As if the bot had stopped between saving the offer and matching it.
    bot.app.db.$client.prepare("DELETE FROM listing_matches").run();
    bot.app.db.$client.prepare("DELETE FROM outbox WHERE dedupe_key LIKE 'counterparts:%'").run();
    queueMatching(bot.app.db, bob, bot.clock.now());
    const before = bot.adapter.sent.length;
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    const notices = bot.adapter.sent.slice(before).filter((s) => s.text.startsWith("🤝"));
    expect(notices.map((n) => n.text)).toEqual([
      expect.stringContaining(`Un besoin correspond à votre offre #${bob}`),
    ]);
    expect(numbers(notices[0]!.text)).toEqual([ana]);
    const recorded = bot.app.db.$client
      .prepare("SELECT listing_id, matched_listing_id FROM listing_matches")
      .all();
    expect(recorded).toEqual([{ listing_id: bob, matched_listing_id: ana }]);
  });

  it("tells the author of a need which open offers match it", async () => {
    const offer = await post("/offre Palettes en bois #materiaux lieu:65", "ana");
    await post("/offre Palettes en plastique #materiaux lieu:Pau", "carl");

    const reply = await bot.ask("/besoin Palettes pour un chantier #materiaux lieu:Lourdes", {
      as: "bob",
    });

    expect(reply).toMatch(/🤝 Une offre correspond à votre besoin #\d+/);
    expect(numbers(reply)).toEqual([offer]);
  });

  it("says nothing of counterparts when there is none", async () => {
    await post("/besoin Tondeuse #equipement lieu:Tarbes", "ana");
    expect(await bot.ask("/offre Prêt de camionnette #vehicules lieu:Tarbes")).not.toContain("🤝");
  });
});

describe("« still relevant? » before a listing ends", () => {
  // Posted on 2026-11-29, a listing ends on 2027-01-28 at 23:59:59 Paris time.
  let id: number;
  beforeEach(async () => {
    id = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");
  });

  function remindersTo(sent: readonly Sent[], user: string): Sent[] {
    return sent.filter(
      (s) =>
        s.destination.kind === "member" && s.destination.userId === user && s.text.startsWith("⏳"),
    );
  }

  it("asks the author once, five days before the end, with renew and close buttons", async () => {
    expect(remindersTo(await jobsAt("2027-01-23T12:00:00+01:00"), "bob")).toEqual([]);

    const sent = await jobsAt("2027-01-24T00:05:00+01:00");
    const again = await jobsAt("2027-01-24T01:05:00+01:00");

    const [reminder] = remindersTo(sent, "bob");
    expect(reminder!.text).toBe(
      `⏳ Votre annonce #${id} « Prêt de camionnette » arrive à échéance le 28 janvier 2027. Toujours d'actualité ? Renouvelez-la, ou clôturez-la si elle a abouti. Sans réponse, elle expirera.`,
    );
    expect(reminder!.buttons).toEqual([`/renouveler ${id}`, `/cloturer ${id}`]);
    expect(remindersTo(again, "bob")).toEqual([]);
    expect(remindersTo(bot.adapter.sent, "bob")).toHaveLength(1);
  });

  it("extends the listing when renewed, and asks again only before the new end", async () => {
    const [reminder] = remindersTo(await jobsAt("2027-01-24T00:05:00+01:00"), "bob");
    const [renewed] = await bot.say(reminder!.buttons[0]!, {
      as: "bob",
      dm: true,
      button: `m${bot.adapter.sent.indexOf(reminder!) + 1}`,
    });

    expect(renewed!.text).toBe(`🔁 L'annonce #${id} est prolongée jusqu'au 25 mars 2027.`);
    expect(new Date(listing(id).expiresAt).toISOString()).toBe("2027-03-25T22:59:59.000Z");
    expect(remindersTo(await jobsAt("2027-01-29T00:05:00+01:00"), "bob")).toEqual([]);
    expect(remindersTo(await jobsAt("2027-03-20T12:00:00+01:00"), "bob")).toEqual([]);
    expect(listing(id).status).toBe("open");

    const [second] = remindersTo(await jobsAt("2027-03-21T00:05:00+01:00"), "bob");
    expect(second!.text).toContain("arrive à échéance le 25 mars 2027");
    expect(remindersTo(bot.adapter.sent, "bob")).toHaveLength(2);
  });

  it("lets the listing expire at its date when there is no answer", async () => {
    await jobsAt("2027-01-24T00:05:00+01:00");
    await jobsAt("2027-01-28T23:50:00+01:00");
    expect(listing(id).status).toBe("open");

    const sent = await jobsAt("2027-01-29T00:00:30+01:00");

    expect(listing(id).status).toBe("expired");
    expect(sent.map((s) => s.text)).toContainEqual(
      expect.stringContaining(
        `Votre annonce #${id} « Prêt de camionnette » est arrivée à échéance`,
      ),
    );
    expect(remindersTo(bot.adapter.sent, "bob")).toHaveLength(1);
  });

  it("does not ask about a listing closed in the meantime", async () => {
    await bot.say(`/cloturer ${id} donne`, { as: "bob" });
    expect(remindersTo(await jobsAt("2027-01-24T00:05:00+01:00"), "bob")).toEqual([]);
  });
});

describe("a network's daily summary", () => {
  const NETWORK = "Réseau du Lavedan";

  beforeEach(async () => {
    bot.adapter.animators.add("room1|ana");
    bot.adapter.animators.add("room2|ana");
    await bot.say(`/reseau ${NETWORK}`, { as: "ana", room: "room1" });
    await linkRoom(bot, { from: "room1", to: "room2", as: "ana" });
  });

  function roomMessages(sent: readonly Sent[]): Sent[] {
    return sent.filter((s) => s.destination.kind === "room");
  }

  it("posts the network's new listings in each of its rooms at the time set, once a day", async () => {
    const before = await post("/offre Déjà là avant le réglage #autre lieu:Tarbes");
    const set = await bot.ask("/reseau resume 18:00", { as: "ana", room: "room1" });
    expect(set).toContain(
      "📰 Chaque jour à 18:00, je posterai ici les nouvelles annonces du réseau (s'il y en a).",
    );
    const van = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    const jam = await post("/besoin Fruits rouges #alimentation lieu:65", "carl", "room2");
    await post("/offre Hors réseau #autre lieu:Pau", "dave", "room3");

    expect(roomMessages(await jobsAt("2026-11-29T17:59:00+01:00"))).toEqual([]);
    const sent = roomMessages(await jobsAt("2026-11-29T18:00:30+01:00"));

    expect(sent.map((s) => s.destination)).toEqual([
      { kind: "room", platform: "test", roomId: "room1" },
      { kind: "room", platform: "test", roomId: "room2" },
    ]);
    for (const summary of sent) {
      expect(summary.text).toMatch(/^📰 Réseau « Réseau du Lavedan » : 2 nouvelles annonces/);
      expect(numbers(summary.text)).toEqual([jam, van]);
      expect(numbers(summary.text)).not.toContain(before);
    }
    expect(roomMessages(await jobsAt("2026-11-29T18:01:00+01:00"))).toEqual([]);
    // Nothing new the next day: nothing posted.
    expect(roomMessages(await jobsAt("2026-11-30T18:00:30+01:00"))).toEqual([]);

    const later = await post("/offre Perceuse #equipement lieu:Tarbes");
    const next = roomMessages(await jobsAt("2026-12-01T18:00:30+01:00"));
    expect(next).toHaveLength(2);
    expect(next[0]!.text).toContain("une nouvelle annonce");
    expect(numbers(next[0]!.text)).toEqual([later]);
  });

  it("stops with /reseau resume non", async () => {
    await bot.say("/reseau resume 18:00", { as: "ana", room: "room1" });
    expect(await bot.ask("/reseau resume non", { as: "ana", room: "room1" })).toContain(
      "Le résumé quotidien du réseau est arrêté.",
    );
    await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");

    expect(roomMessages(await jobsAt("2026-11-29T18:00:30+01:00"))).toEqual([]);
    expect(networkByName(bot.app.db, NETWORK)).toMatchObject({
      summaryTime: null,
      summaryNextAt: null,
    });
  });

  it("is refused to a plain member", async () => {
    expect(await bot.ask("/reseau resume 18:00", { as: "carl", room: "room1" })).toContain(
      "La commande /reseau est réservée aux animateurs et animatrices du réseau de ce salon.",
    );
    expect(networkByName(bot.app.db, NETWORK)).toMatchObject({ summaryTime: null });
  });

  it("asks for an hour when the time is unreadable", async () => {
    expect(await bot.ask("/reseau resume tantot", { as: "ana", room: "room1" })).toContain(
      "Indiquez une heure (18:00) ou « non » pour arrêter : /reseau resume 18:00",
    );
    expect(networkByName(bot.app.db, NETWORK)).toMatchObject({ summaryTime: null });
  });

  it("is not mistaken for a network name in a room bound to no network", async () => {
    bot.adapter.animators.add("room3|ana");
    const reply = await bot.ask("/reseau resume 18:00", { as: "ana", room: "room3" });
    expect(reply).not.toContain("resume 18:00");
    expect(networkByName(bot.app.db, "resume 18:00")).toBeUndefined();
    expect(await bot.ask("/reseau", { as: "ana", room: "room3" })).toContain(
      "/reseau <nom du réseau>",
    );
  });
});

describe("renewing to a chosen date", () => {
  it("renews until the date given, and the next reminder follows that date", async () => {
    const id = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    await jobsAt(Date.parse("2027-01-24T00:05:00+01:00"));
    await bot.say(`/renouveler ${id} 15/02/2027`, { as: "bob", dm: true });
    const expires = listing(id).expiresAt;
    expect(new Date(expires).toISOString()).toBe("2027-02-15T22:59:59.000Z");

    const sent = await jobsAt(expires - 5 * DAY + 60_000);
    expect(sent.filter((s) => s.text.startsWith("⏳"))).toHaveLength(1);
  });
});
