/**
 * What a digest holds: for each member, one private message with the listings posted since
 * their previous digest that match their alerts or answer their own listings — each once,
 * with why it is there, and buttons that work.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertsOfMember } from "../../storage/alerts.js";
import { digestSettingsOf } from "../../storage/digests.js";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";

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
async function post(line: string, as = "bob"): Promise<number> {
  const reply = await bot.ask(line, { as });
  const published = /Votre (?:offre|besoin) #(\d+) est publiée?/.exec(reply);
  if (!published) throw new Error(`"${line}" was not published: ${reply}`);
  return Number(published[1]);
}

/** Moves the bot's clock to `time`, runs the scheduled jobs and returns what they sent. */
async function jobsAt(time: string): Promise<Sent[]> {
  bot.clock.set(Date.parse(time));
  const before = bot.adapter.sent.length;
  await bot.app.scheduler.runAll();
  await bot.app.outbox.drain();
  return bot.adapter.sent.slice(before);
}

/** The digests among sent messages, by member. */
function digestsTo(sent: Sent[], user: string): Sent[] {
  return sent.filter(
    (s) =>
      s.destination.kind === "member" && s.destination.userId === user && s.text.startsWith("📬"),
  );
}

/** The one digest a member received among sent messages. */
function digestTo(sent: Sent[], user: string): Sent {
  const digests = digestsTo(sent, user);
  expect(digests, `digests to ${user}`).toHaveLength(1);
  return digests[0]!;
}

/** The listing numbers of the lines of a message, in order. */
function numbers(text: string): number[] {
  return [...text.matchAll(/^• #(\d+) /gm)].map((m) => Number(m[1]));
}

/** The line of a listing in a message. */
function lineOf(text: string, id: number): string {
  const line = text.split("\n").find((l) => l.startsWith(`• #${id} `));
  if (!line) throw new Error(`no line for #${id} in:\n${text}`);
  return line;
}

/** The id the recording adapter gave a message it sent (for button presses on it). */
function messageId(sent: Sent): string {
  return `m${bot.adapter.sent.indexOf(sent) + 1}`;
}

function memberId(user: string): number {
  const id = bot.app.db.$client
    .prepare<[string], number>("SELECT id FROM members WHERE platform_user_id = ?")
    .pluck()
    .get(user);
  if (id === undefined) throw new Error(`no member ${user}`);
  return id;
}

// The harness starts on Sunday 2026-11-29 at 10:00 (Paris): the first digests are due on
// Monday at 08:00.
const MONDAY_8 = "2026-11-30T08:00:30+01:00";
const TUESDAY_8 = "2026-12-01T08:00:30+01:00";

describe("a daily digest", () => {
  it("sends each member one private message with the new listings matching their alerts", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say("/alerte #alimentation", { as: "carl" });
    const van = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    const truck = await post("/besoin Camion benne #vehicules lieu:Lourdes");
    const jam = await post("/offre Confitures de fraises #alimentation lieu:Tarbes");
    await post("/offre Tondeuse à gazon #equipement lieu:Tarbes");

    const sent = await jobsAt(MONDAY_8);

    const ana = digestTo(sent, "ana");
    expect(ana.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(ana.text).toContain("📬 2 nouvelles annonces pour vous — 30 novembre");
    expect(numbers(ana.text)).toEqual([truck, van]);
    expect(lineOf(ana.text, van)).toBe(
      `• #${van} Prêt de camionnette — 🚐 Offre · Tarbes (65) · 29 nov. — alerte n°1`,
    );
    expect(ana.text).toContain(
      `Pour voir une annonce : /annonce ${truck}. Vos alertes : /alertes.`,
    );
    const carl = digestTo(sent, "carl");
    expect(carl.text).toContain("📬 Une nouvelle annonce pour vous — 30 novembre");
    expect(numbers(carl.text)).toEqual([jam]);
    // The author has digest settings (for answers to their listings) but nothing matched.
    expect(
      sent.filter((s) => s.destination.kind === "member" && s.destination.userId === "bob"),
    ).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it("holds, the next day, only what was posted since the previous digest", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    const first = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    expect(numbers(digestTo(await jobsAt(MONDAY_8), "ana").text)).toEqual([first]);
    const second = await post("/offre Camion plateau #vehicules lieu:Tarbes");

    expect(numbers(digestTo(await jobsAt(TUESDAY_8), "ana").text)).toEqual([second]);
  });

  it("sends nothing before its time, and nothing at all when nothing matched", async () => {
    await bot.say("/alerte tondeuse", { as: "ana" });
    await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");

    expect(await jobsAt("2026-11-30T07:59:00+01:00")).toEqual([]);
    expect(await jobsAt(MONDAY_8)).toEqual([]);
    // The day was still gone through: the next digest is tomorrow, the listing is not news.
    expect(digestSettingsOf(bot.app.db, memberId("ana"))).toMatchObject({
      cursor: 1,
      nextDueAt: Date.parse("2026-12-01T08:00:00+01:00"),
      lastSentAt: null,
    });
  });

  it("lists a listing once when several alerts match it, naming one of them", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say("/alerte #vehicules", { as: "ana" });
    await bot.say("/alerte lieu:65", { as: "ana" });
    const van = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    const mower = await post("/offre Tondeuse #equipement lieu:Lourdes");

    const digest = digestTo(await jobsAt(MONDAY_8), "ana");

    expect(numbers(digest.text)).toEqual([mower, van]);
    expect(digest.text).toContain("📬 2 nouvelles annonces pour vous");
    expect(lineOf(digest.text, van)).toMatch(/ — alerte n°[123]$/);
    expect(lineOf(digest.text, mower)).toMatch(/ — alerte n°3$/);
  });

  it("leaves out the member's own listings", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await post("/offre Mon camion à prêter #vehicules lieu:Tarbes", "ana");
    const theirs = await post("/offre Camion plateau #vehicules lieu:Tarbes");

    expect(numbers(digestTo(await jobsAt(MONDAY_8), "ana").text)).toEqual([theirs]);
  });

  it("leaves out listings closed before the digest", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    const closed = await post("/offre Camion déjà prêté #vehicules lieu:Tarbes");
    const open = await post("/offre Camion plateau #vehicules lieu:Tarbes");
    await bot.say(`/cloturer ${closed} donne`, { as: "bob" });

    expect(numbers(digestTo(await jobsAt(MONDAY_8), "ana").text)).toEqual([open]);
  });

  it("leaves out listings that expired before the digest", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    const short = await post("/offre Camion pour demain seulement #vehicules lieu:Tarbes jusqu:1j");
    const open = await post("/offre Camion plateau #vehicules lieu:Tarbes");
    await bot.say("/digest hebdomadaire mercredi 08:00", { as: "ana" });
    // The expiry job runs at midnight, as it does every ten minutes.
    await jobsAt("2026-12-01T00:05:00+01:00");
    expect(listingById(bot.app.db, short)!.status).toBe("expired");

    expect(numbers(digestTo(await jobsAt("2026-12-02T08:00:30+01:00"), "ana").text)).toEqual([
      open,
    ]);
  });

  it("leaves out listings that expired while the bot was down, when it catches up", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    const short = await post("/offre Camion pour demain seulement #vehicules lieu:Tarbes jusqu:1j");
    const open = await post("/offre Camion plateau #vehicules lieu:Tarbes");

    // Down from Sunday to Wednesday: the listing ended on Monday night, unseen by any job.
    const sent = await jobsAt("2026-12-02T08:00:30+01:00");

    expect(listingById(bot.app.db, short)!.status).toBe("expired");
    expect(numbers(digestTo(sent, "ana").text)).toEqual([open]);
  });

  it("gets nothing from a paused alert", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say("/alerte tondeuse", { as: "ana" });
    await bot.say("/alerte pause 1", { as: "ana" });
    await post("/offre Camion plateau #vehicules lieu:Tarbes");
    const mower = await post("/offre Tondeuse #equipement lieu:Tarbes");

    expect(numbers(digestTo(await jobsAt(MONDAY_8), "ana").text)).toEqual([mower]);
  });

  it("names the matching alert by its number in /alertes, even when an earlier alert is paused", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say("/alerte tondeuse", { as: "ana" });
    await bot.say("/alerte pause 1", { as: "ana" });
    const mower = await post("/offre Tondeuse #equipement lieu:Tarbes");

    const digest = digestTo(await jobsAt(MONDAY_8), "ana");

    expect(lineOf(digest.text, mower)).toMatch(/ — alerte n°2$/);
    expect(digest.buttons).toContain("/alerte pause 2");
    expect(digest.buttons).not.toContain("/alerte pause 1");
  });

  it("sends nothing to a member who stopped the digests", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say("/digest jamais", { as: "ana" });
    await post("/offre Camion plateau #vehicules lieu:Tarbes");

    expect(digestsTo(await jobsAt(MONDAY_8), "ana")).toEqual([]);
    expect(digestsTo(await jobsAt("2026-12-07T08:00:30+01:00"), "ana")).toEqual([]);
  });

  it("is written in the member's language, with commands in that language", async () => {
    await bot.say("/alert van", { as: "eve", localeHint: "en" });
    await bot.say("/langue en", { as: "eve", localeHint: "en" });
    const van = await post("/offre Van électrique #vehicules lieu:Tarbes");

    const digest = digestTo(await jobsAt(MONDAY_8), "eve");

    expect(digest.text).toMatch(/^📬 One new listing for you/);
    expect(lineOf(digest.text, van)).toMatch(/ — alert no\. 1$/);
    expect(digest.buttons).toContain(`/listing ${van}`);
    // Its author is written to through the bot, from a button.
    expect(digest.buttons).toContain(`/contact ${van}`);
  });
});

describe("listings answering the member's own listing", () => {
  it("come in the digest with « répond à votre annonce #N », without any alert", async () => {
    const need = await post(
      "/besoin Camionnette pour un déménagement #vehicules lieu:Tarbes",
      "ana",
    );
    const offer = await post("/offre Camionnette disponible le samedi #vehicules lieu:65");
    await post("/offre Camionnette à Pau #vehicules lieu:Pau");
    await post("/offre Camionnette miniature #autre lieu:Tarbes");

    const digest = digestTo(await jobsAt(MONDAY_8), "ana");

    expect(numbers(digest.text)).toEqual([offer]);
    expect(lineOf(digest.text, offer)).toMatch(new RegExp(` — répond à votre annonce #${need}$`));
    expect(alertsOfMember(bot.app.db, memberId("ana"))).toEqual([]);
  });

  it("come once when an alert matches them too", async () => {
    await post("/besoin Camionnette pour un déménagement #vehicules lieu:Tarbes", "ana");
    await bot.say("/alerte camionnette", { as: "ana" });
    const offer = await post("/offre Camionnette disponible #vehicules lieu:Tarbes");

    const digest = digestTo(await jobsAt(MONDAY_8), "ana");

    expect(numbers(digest.text)).toEqual([offer]);
  });
});

describe("a long digest", () => {
  it("shows 15 listings, says how many more, and pages through all of them with « Tout voir »", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    const ids: number[] = [];
    for (let i = 1; i <= 18; i++) {
      ids.push(await post(`/offre Camion numéro ${i} #vehicules lieu:Tarbes`));
    }
    const newestFirst = [...ids].reverse();

    const digest = digestTo(await jobsAt(MONDAY_8), "ana");

    expect(digest.text).toContain("📬 18 nouvelles annonces pour vous");
    expect(numbers(digest.text)).toEqual(newestFirst.slice(0, 15));
    expect(digest.text).toContain("… et 3 autres (bouton « Tout voir »).");
    const all = digest.buttons.find((b) => b.startsWith("/plus "));
    expect(all).toBeDefined();
    expect(digest.message.text.buttons.flat().find((b) => b.command === all)?.label).toBe(
      "Tout voir",
    );

    const [page1] = await bot.say(all!, { as: "ana", dm: true, button: messageId(digest) });
    expect(numbers(page1!.text)).toEqual(newestFirst.slice(0, 10));
    const next = page1!.buttons.find((b) => b.startsWith("/plus "));
    const [page2] = await bot.say(next!, { as: "ana", dm: true, button: messageId(page1!) });
    expect(numbers(page2!.text)).toEqual(newestFirst.slice(10));
  });
});

describe("the digest's buttons", () => {
  it("show a listing, and pause the alert that brought it", async () => {
    await bot.say("/alerte tondeuse", { as: "ana" });
    await bot.say("/alerte camion", { as: "ana" });
    const van = await post("/offre Camion plateau #vehicules lieu:Tarbes");
    const digest = digestTo(await jobsAt(MONDAY_8), "ana");
    const labels = digest.message.text.buttons.flat().map((b) => [b.label, b.command]);
    expect(labels).toEqual([
      [`Voir #${van}`, `/annonce ${van}`],
      [`✉️ Contacter #${van}`, `/contacter ${van}`],
      ["⏸ Pause alerte n°2", "/alerte pause 2"],
    ]);

    const [shown] = await bot.say(`/annonce ${van}`, {
      as: "ana",
      dm: true,
      button: messageId(digest),
    });
    expect(shown!.text).toContain(`Offre #${van} — Camion plateau`);
    const [paused] = await bot.say("/alerte pause 2", {
      as: "ana",
      dm: true,
      button: messageId(digest),
    });
    expect(paused!.text).toContain("⏸ Alerte n°2 en pause");
    // Contacting the author from the digest asks for the message, in private.
    const [asked] = await bot.say(`/contacter ${van}`, {
      as: "ana",
      dm: true,
      button: messageId(digest),
    });
    expect(asked!.destination).toMatchObject({ kind: "room", roomId: "dm-ana" });
    expect(asked!.text).toMatch(/message/i);
    expect(alertsOfMember(bot.app.db, memberId("ana")).map((a) => a.paused)).toEqual([false, true]);

    await post("/offre Camion benne #vehicules lieu:Tarbes");
    expect(digestsTo(await jobsAt(TUESDAY_8), "ana")).toEqual([]);
  });
});
