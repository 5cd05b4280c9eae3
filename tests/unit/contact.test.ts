/**
 * Contact between members through the bot, driven as people would: a message to a listing's
 * author, answers, the conversation list, handles shared only by mutual consent, outcomes,
 * limits, blocking and reports — and a conversation between a Telegram and a Matrix member.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../adapters/types.js";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";
import { waitFor } from "../helpers/wait.js";

let bot: Harness;
afterEach(async () => {
  await bot.stop();
});

const OFFER = "/offre Prêt de camionnette 12 m³ #vehicules lieu:Tarbes";

/** A bot with a network room, an offer #1 by Ana, and Bob in the room. */
async function withOffer(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  bot = await startHarness(options);
  await bot.say("/reseau Réseau du Val", { as: "admin" });
  await bot.say(OFFER, { as: "ana" });
  return bot;
}

function privateTo(sent: Sent[], user: string): Sent[] {
  return sent.filter((s) => s.destination.kind === "member" && s.destination.userId === user);
}

function onlyPrivateTo(sent: Sent[], user: string): Sent {
  const found = privateTo(sent, user);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("contacting a listing's author", () => {
  it("relays the message privately with the sender's name, never their platform id", async () => {
    await withOffer();
    const sent = await bot.say("/contacter 1 Bonjour, elle est libre samedi ?", { as: "bob" });
    const relayed = onlyPrivateTo(sent, "ana");
    expect(relayed.text).toContain("Bob vous écrit au sujet de votre annonce #1");
    expect(relayed.text).toContain("Bonjour, elle est libre samedi ?");
    expect(relayed.buttons).toEqual([
      "/repondre 1",
      "/partager_contact 1",
      "/conclure 1 promis",
      "/conclure 1 donne",
      "/bloquer 1",
      "/signaler message 1",
    ]);
    // The sender's platform id ("bob") appears nowhere: not in the text, not in a button.
    expect(JSON.stringify(relayed.message)).not.toMatch(/\bbob\b/);
    const confirmation = sent.find((s) => s.destination.kind === "room");
    expect(confirmation?.text).toContain("Message transmis en privé à Ana");
    expect(bot.app.db.$client.prepare("SELECT count(*) AS n FROM contact_messages").get()).toEqual({
      n: 1,
    });
  });

  it("offers a contact button under someone else's listing, which asks for the text privately", async () => {
    await withOffer();
    const card = await bot.say("/annonce 1", { as: "bob" });
    expect(card[0]?.buttons).toContain("/contacter 1");
    const asked = await bot.say("/contacter 1", { as: "bob", button: "m1" });
    expect(onlyPrivateTo(asked, "bob").text).toContain(
      "Votre message pour l'auteur de l'annonce #1",
    );
    const sent = await bot.say("Je suis intéressé", { as: "bob", dm: true });
    expect(onlyPrivateTo(sent, "ana").text).toContain("Je suis intéressé");
  });

  it("carries the conversation on with /repondre, both ways, and lists it in /messages", async () => {
    await withOffer();
    await bot.say("/contacter 1 Bonjour !", { as: "bob" });
    const answer = await bot.say("/repondre 1 Oui, samedi c'est possible", { as: "ana", dm: true });
    const toBob = onlyPrivateTo(answer, "bob");
    expect(toBob.text).toContain("Ana vous répond au sujet de l'annonce #1");
    expect(toBob.buttons).not.toContain("/conclure 1 promis");
    const list = await bot.ask("/messages", { as: "bob", dm: true });
    expect(list).toContain("n°1 vous avez écrit à Ana au sujet de #1");
    expect(list).toContain("« Oui, samedi c'est possible »");
    expect(await bot.ask("/messages", { as: "carla", dm: true })).toContain(
      "Vous n'avez encore aucune conversation",
    );
    expect(await bot.ask("/repondre 1 intrus", { as: "carla", dm: true })).toContain(
      "Je ne trouve pas de conversation n°1",
    );
  });

  it("refuses to contact one's own listing, or a closed one", async () => {
    await withOffer();
    expect(await bot.ask("/contacter 1", { as: "ana", button: "m1" })).toContain("est la vôtre");
    expect(await bot.ask("/contacter 1 moi ?", { as: "ana" })).toContain("est la vôtre");
    await bot.say("/cloturer 1 donne", { as: "ana" });
    expect(await bot.ask("/contacter 1 encore ?", { as: "bob" })).toContain("n'est plus ouverte");
  });

  it("counts the people who contacted the author on the listing", async () => {
    await withOffer();
    await bot.say("/contacter 1 un", { as: "bob" });
    await bot.say("/contacter 1 deux", { as: "bob" });
    await bot.say("/contacter 1 trois", { as: "carla" });
    expect(await bot.ask("/annonce 1", { as: "ana" })).toContain(
      "2 personnes ont contacté l'auteur",
    );
  });
});

describe("the sender's structure", () => {
  it("names the structure the sender acts for in the relayed message", async () => {
    await withOffer();
    await bot.say("/structure creer", { as: "bob", dm: true });
    for (const answer of [
      "Garage du Lavedan",
      "entreprise",
      "G",
      "Lourdes",
      "passer",
      "passer",
      "passer",
    ])
      await bot.say(answer, { as: "bob", dm: true });
    const sent = await bot.say("/contacter 1 Bonjour", { as: "bob" });
    expect(onlyPrivateTo(sent, "ana").text).toContain(
      "Bob (Garage du Lavedan) vous écrit au sujet de votre annonce #1",
    );
  });
});

describe("sharing handles", () => {
  it("reveals handles only once both sides agreed", async () => {
    await withOffer();
    await bot.say("/contacter 1 Bonjour", { as: "bob" });
    const offered = await bot.say("/partager_contact 1", { as: "bob", dm: true });
    const toAna = onlyPrivateTo(offered, "ana");
    expect(toAna.text).toContain("Bob propose d'échanger vos coordonnées");
    expect(JSON.stringify(offered.map((s) => s.message))).not.toMatch(/\bbob\b/);
    const accepted = await bot.say("/partager_contact 1", { as: "ana", dm: true });
    expect(onlyPrivateTo(accepted, "bob").text).toContain("Sur test : ana");
    const here = accepted.find((s) => s.destination.kind === "room");
    expect(here?.text).toContain("Sur test : bob");
  });
});

describe("recording the outcome from the conversation", () => {
  it("closes the listing with the outcome and tells the other person", async () => {
    await withOffer();
    await bot.say("/contacter 1 Bonjour", { as: "bob" });
    const sent = await bot.say("/conclure 1 promis", { as: "ana", dm: true });
    expect(listingById(bot.app.db, 1)).toMatchObject({ status: "closed", outcome: "promised" });
    expect(onlyPrivateTo(sent, "bob").text).toContain("Ana a clôturé l'annonce #1");
    expect(await bot.ask("/conclure 1 donne", { as: "bob", dm: true })).toContain(
      "Seul l'auteur de l'annonce #1",
    );
  });
});

describe("limits and blocking", () => {
  it("stops new conversations beyond the daily limit, and lets them start again a day later", async () => {
    await withOffer({ config: { CONTACTS_PER_DAY: "2" } });
    await bot.say("/offre Deuxième offre #vehicules lieu:Tarbes", { as: "ana" });
    await bot.say("/offre Troisième offre #vehicules lieu:Tarbes", { as: "ana" });
    await bot.say("/contacter 1 un", { as: "bob" });
    await bot.say("/contacter 2 deux", { as: "bob" });
    const refused = await bot.say("/contacter 3 trois", { as: "bob" });
    expect(refused.map((s) => s.text).join()).toContain("déjà ouvert 2 conversations");
    expect(privateTo(refused, "ana")).toHaveLength(0);
    // An ongoing conversation goes on.
    expect(privateTo(await bot.say("/contacter 1 encore", { as: "bob" }), "ana")).toHaveLength(1);
    bot.clock.advance(86_400_000 + 1);
    expect(privateTo(await bot.say("/contacter 3 trois", { as: "bob" }), "ana")).toHaveLength(1);
  });

  it("stops messages beyond the daily message limit", async () => {
    await withOffer({ config: { CONTACT_MESSAGES_PER_DAY: "2" } });
    await bot.say("/contacter 1 un", { as: "bob" });
    await bot.say("/contacter 1 deux", { as: "bob" });
    expect(await bot.ask("/contacter 1 trois", { as: "bob" })).toContain("envoyé 2 messages");
  });

  it("no longer relays the messages of someone blocked, until unblocked", async () => {
    await withOffer();
    await bot.say("/contacter 1 Bonjour", { as: "bob" });
    expect(await bot.ask("/bloquer 1", { as: "ana", dm: true })).toContain(
      "Bob ne peut plus vous écrire",
    );
    const refused = await bot.say("/contacter 1 Tu es là ?", { as: "bob" });
    expect(privateTo(refused, "ana")).toHaveLength(0);
    expect(refused.map((s) => s.text).join()).toContain("ne peut pas être transmis");
    await bot.say("/debloquer 1", { as: "ana", dm: true });
    expect(privateTo(await bot.say("/contacter 1 Et là ?", { as: "bob" }), "ana")).toHaveLength(1);
  });
});

describe("reports", () => {
  it("tells the network's animators privately and records the report", async () => {
    await withOffer();
    bot.adapter.animators.add("room1|carla");
    await bot.say("/reseau", { as: "carla" });
    const sent = await bot.say("/signaler 1 Annonce publicitaire", { as: "bob" });
    const notice = onlyPrivateTo(sent, "carla");
    expect(notice.text).toContain("Bob signale l'annonce #1");
    expect(notice.text).toContain("Motif : Annonce publicitaire");
    const audit = bot.app.db.$client
      .prepare("SELECT action, details FROM audit_log WHERE action = 'listing-reported'")
      .all();
    expect(audit).toEqual([
      { action: "listing-reported", details: '{"reason":"Annonce publicitaire","report":1}' },
    ]);
    expect(await bot.ask("/signaler 1", { as: "bob" })).toContain(
      "Pourquoi signalez-vous l'annonce #1",
    );
  });

  it("reports the messages of a conversation, quoting the last one received", async () => {
    await withOffer();
    bot.adapter.animators.add("room1|carla");
    await bot.say("/reseau", { as: "carla" });
    await bot.say("/contacter 1 Achetez mes lunettes de soleil !", { as: "bob" });
    const sent = await bot.say("/signaler message 1 Publicité", { as: "ana", dm: true });
    const notice = onlyPrivateTo(sent, "carla");
    expect(notice.text).toContain("Ana signale des messages de Bob");
    expect(notice.text).toContain("Dernier message reçu : « Achetez mes lunettes de soleil ! »");
    expect(await bot.ask("/signaler message 9 Publicité", { as: "ana", dm: true })).toContain(
      "Je ne trouve pas de conversation n°9",
    );
  });
});

describe("across platforms", () => {
  it("carries a conversation between a Telegram member and a Matrix member", async () => {
    await withOffer({ platforms: ["telegram", "matrix"] });
    await bot.say("/reseau Réseau du Val", {
      as: "admin",
      platform: "matrix",
      room: "!val:example.org",
    });
    await bot.say(OFFER, { as: "@mila:example.org", platform: "matrix", room: "!val:example.org" });
    const sent = await bot.say("/contacter 2 Bonjour depuis Telegram", {
      as: "4242",
      platform: "telegram",
      room: "-100",
    });
    const relayed = sent.find(
      (s) => s.destination.kind === "member" && s.destination.platform === "matrix",
    );
    expect(relayed?.destination).toEqual({
      kind: "member",
      platform: "matrix",
      userId: "@mila:example.org",
    });
    expect(relayed?.text).toContain("Bonjour depuis Telegram");
    // No Telegram id anywhere in what the Matrix member receives.
    expect(relayed?.buttons[0]).toBe("/repondre 1");
    expect(JSON.stringify(relayed?.message)).not.toContain("4242");
    const back = await bot.say("!repondre 1 Bonjour depuis Matrix", {
      as: "@mila:example.org",
      platform: "matrix",
      dm: true,
    });
    const toTelegram = back.find(
      (s) => s.destination.kind === "member" && s.destination.platform === "telegram",
    );
    expect(toTelegram?.destination).toEqual({
      kind: "member",
      platform: "telegram",
      userId: "4242",
    });
    expect(toTelegram?.text).toContain("Bonjour depuis Matrix");
    expect(JSON.stringify(toTelegram?.message)).not.toContain("mila:example.org");
  });
});

describe("delivery of relayed messages", () => {
  it("keeps a message for an author the bot cannot write to, says so, and delivers it when they come", async () => {
    await withOffer();
    let closed = true;
    bot.adapter.beforeSend = (destination) => {
      if (closed && destination.kind === "member" && destination.userId === "ana")
        throw new DeliveryError("403 Forbidden: bot can't initiate conversation", "unreachable");
    };
    await bot.say("/contacter 1 Bonjour", { as: "bob" });
    expect(privateTo(bot.adapter.sent, "ana")).toHaveLength(0);
    // The next sender is told that Ana has not opened her private chat yet.
    expect(await bot.ask("/contacter 1 Vous êtes là ?", { as: "carla" })).toContain(
      "Ana n'a pas encore ouvert de discussion privée avec le bot",
    );
    closed = false;
    await bot.say("/start", { as: "ana", dm: true });
    const relayed = privateTo(bot.adapter.sent, "ana").map((s) => s.text);
    expect(relayed.filter((t) => t.includes("Bob vous écrit"))).toHaveLength(1);
    expect(relayed.filter((t) => t.includes("Carla vous écrit"))).toHaveLength(1);
  });

  it("delivers a relayed message once, after a network failure", async () => {
    await withOffer();
    let failures = 0;
    bot.adapter.beforeSend = (destination) => {
      if (destination.kind === "member" && failures++ === 0)
        throw new DeliveryError("ECONNRESET", "network");
    };
    await bot.say("/contacter 1 Bonjour", { as: "bob" });
    await waitFor(() => privateTo(bot.adapter.sent, "ana").length === 1, "the relayed message");
    await bot.app.outbox.drain();
    expect(failures).toBeGreaterThan(1);
    expect(privateTo(bot.adapter.sent, "ana")).toHaveLength(1);
  });

  it("delivers a relayed message queued before a stop once, after the restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soliterr-contact-"));
    try {
      await withOffer({ databasePath: join(dir, "bot.db") });
      await bot.app.outbox.stop(0);
      // Straight to the pipeline (`say` would wait for a delivery that is stopped).
      await bot.adapter.handler!({
        platform: "test",
        eventId: "contact-before-stop",
        room: { id: "room1", kind: "group" },
        sender: { id: "bob", displayName: "Bob" },
        text: "/contacter 1 Bonjour avant l'arrêt",
        timestamp: new Date(bot.clock.now()),
      });
      expect(privateTo(bot.adapter.sent, "ana")).toHaveLength(0);
      await bot.stop();
      bot = await startHarness({
        databasePath: join(dir, "bot.db"),
        start: "2026-11-29T10:01:00+01:00",
      });
      await bot.app.outbox.drain();
      const relayed = privateTo(bot.adapter.sent, "ana");
      expect(relayed).toHaveLength(1);
      expect(relayed[0]!.text).toContain("Bonjour avant l'arrêt");
    } finally {
      await bot.stop();
      bot = await startHarness();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
