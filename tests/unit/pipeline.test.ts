import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Pipeline } from "../../bot/pipeline.js";
import { allCommands, allFlows } from "../../commands/index.js";
import { noArgs } from "../../commands/args.js";
import { CommandRegistry } from "../../commands/registry.js";
import { defineCommand } from "../../commands/types.js";
import { createListing, listingById, placeColumns } from "../../storage/listings.js";
import {
  bindRoomToNetwork,
  findOrCreateNetwork,
  findOrCreateRoom,
} from "../../storage/networks.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { pino } from "pino";
import { Writable } from "node:stream";

let bot: Harness;
afterEach(async () => {
  await bot.stop();
});

function count(table: string): number {
  return (bot.app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number })
    .n;
}

describe("the pipeline", () => {
  beforeEach(async () => {
    bot = await startHarness();
  });

  it("handles a redelivered event only once", async () => {
    const first = await bot.say("/offre Prêt de minibus #vehicules lieu:Tarbes", {
      eventId: "e-1",
    });
    const again = await bot.say("/offre Prêt de minibus #vehicules lieu:Tarbes", {
      eventId: "e-1",
    });
    expect(first).toHaveLength(1);
    expect(again).toHaveLength(0);
    expect(count("listings")).toBe(1);
  });

  it("speaks the member's chosen language, else the platform's, else the territory's", async () => {
    expect(await bot.ask("/annonce 99", { as: "zoe" })).toContain("Il n'y a pas d'annonce #99");
    expect(await bot.ask("/annonce 99", { as: "sam", localeHint: "en-GB" })).toContain(
      "There is no listing #99",
    );
    expect(await bot.ask("/langue en", { as: "zoe" })).toContain("I will speak to you in English");
    expect(await bot.ask("/annonce 99", { as: "zoe", localeHint: "fr" })).toContain(
      "There is no listing #99",
    );
    expect(await bot.ask("/language fr", { as: "zoe" })).toContain(
      "je vous parlerai désormais en français",
    );
  });

  it("ignores plain conversation in a group and records nobody for it", async () => {
    expect(await bot.say("Bonjour à tous !")).toHaveLength(0);
    expect(count("members")).toBe(0);
  });

  it("answers plain text in a private chat with a pointer to the help", async () => {
    expect(await bot.ask("bonjour", { dm: true })).toContain(
      "Les commandes commencent par « / », par exemple /aide",
    );
  });

  it("recognises /cmd@botname and !cmd, and command names typed with accents", async () => {
    expect(await bot.ask("/aide@soliterr_bot")).toContain("Publier");
    expect(await bot.ask("!aide")).toContain("Publier");
    await bot.say("/offre Prêt de minibus #vehicules lieu:Tarbes");
    expect(await bot.ask("/Clôturer 1 donne")).toContain("L'annonce #1 est clôturée : donnée");
  });

  it("suggests the closest command for a typo, and stays silent in a group for other bots' commands", async () => {
    expect(await bot.ask("/chrecher vélo")).toContain("Vouliez-vous dire /chercher ?");
    expect(await bot.say("/weather Tarbes")).toHaveLength(0);
    expect(await bot.ask("/weather Tarbes", { dm: true })).toContain(
      "Je ne connais pas la commande « /weather »",
    );
  });

  it("answers a wrongly typed command with what to type instead", async () => {
    const reply = await bot.ask("/annonce quarante-deux");
    expect(reply).toContain("Indiquez le numéro de l'annonce, par exemple 42 ou #42.");
    expect(reply).toContain("Syntaxe : /annonce <numéro>");
  });

  it("refuses a message over the length limit, politely", async () => {
    expect(await bot.ask(`/chercher ${"a".repeat(5000)}`)).toMatch(
      /Votre message est trop long \(4\s000 caractères au plus\)/u,
    );
  });

  it("threads a group reply to the command and sends private matters privately", async () => {
    const [reply] = await bot.say("/aide");
    expect(reply!.destination).toEqual({ kind: "room", platform: "test", roomId: "room1" });
    expect(reply!.message.inReplyTo).toMatch(/^in-/);
    const sent = await bot.say("/offre");
    expect(sent.map((s) => s.destination.kind)).toEqual(["room", "member"]);
    expect(sent[0]!.text).toContain("Ana, je vous écris en privé");
    expect(sent[1]!.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(sent[1]!.text).toContain("Que proposez-vous ?");
  });
});

describe("rate limiting", () => {
  beforeEach(async () => {
    bot = await startHarness({ config: { RATE_LIMIT_PER_MINUTE: "3" } });
  });

  it("asks a hurried member to slow down once, then lets them go on a minute later", async () => {
    for (let i = 0; i < 3; i++)
      expect(await bot.ask("/annonce 1")).toContain("Il n'y a pas d'annonce #1");
    expect(await bot.ask("/annonce 1")).toContain("Doucement");
    expect(await bot.say("/annonce 1")).toHaveLength(0);
    expect(await bot.ask("/annonce 1", { as: "other" })).toContain("Il n'y a pas d'annonce #1");
    bot.clock.advance(61_000);
    expect(await bot.ask("/annonce 1")).toContain("Il n'y a pas d'annonce #1");
  });
});

describe("authorisation", () => {
  let networkA: number;
  beforeEach(async () => {
    bot = await startHarness();
    const { db } = bot.app;
    const now = bot.clock.now();
    networkA = findOrCreateNetwork(db, "Réseau A", now).id;
    const networkB = findOrCreateNetwork(db, "Réseau B", now).id;
    bindRoomToNetwork(
      db,
      findOrCreateRoom(db, { platform: "test", platformRoomId: "roomA", kind: "group" }, now).id,
      networkA,
    );
    bindRoomToNetwork(
      db,
      findOrCreateRoom(db, { platform: "test", platformRoomId: "roomB", kind: "group" }, now).id,
      networkB,
    );
    await bot.say("/offre Palettes à donner #materiaux lieu:Tarbes", {
      as: "author",
      room: "roomA",
    });
    expect(listingById(db, 1)!.networkId).toBe(networkA);
  });

  it("refuses moderation to a plain member, records the refusal and changes nothing", async () => {
    const reply = await bot.ask("/retirer 1 spam", { as: "mallory", room: "roomA" });
    expect(reply).toContain("La commande /retirer est réservée aux animateurs");
    expect(listingById(bot.app.db, 1)!.status).toBe("open");
    const audit = bot.app.db.$client
      .prepare("SELECT action, details FROM audit_log WHERE action = 'command-refused'")
      .all();
    expect(audit).toEqual([
      { action: "command-refused", details: JSON.stringify({ command: "remove", role: "member" }) },
    ]);
  });

  it("lets an animator of the listing's network remove it, and tells the author why", async () => {
    bot.adapter.animators.add("roomA|anim");
    const sent = await bot.say("/retirer 1 Annonce commerciale hors charte", {
      as: "anim",
      room: "roomA",
    });
    const toRoom = sent.find((s) => s.destination.kind === "room");
    const toAuthor = sent.find((s) => s.destination.kind === "member");
    expect(toRoom!.text).toContain("L'annonce #1 est retirée");
    expect(toAuthor!.destination).toEqual({ kind: "member", platform: "test", userId: "author" });
    expect(toAuthor!.text).toContain("Motif : Annonce commerciale hors charte");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      status: "removed",
      removalReason: "Annonce commerciale hors charte",
    });
    expect(await bot.ask("/annonce 1", { as: "someone" })).toContain(
      "a été retirée par l'animation",
    );
  });

  it("does not let an animator of another network remove the listing", async () => {
    bot.adapter.animators.add("roomB|anim");
    expect(await bot.ask("/retirer 1 hors charte", { as: "anim", room: "roomB" })).toContain(
      "n'appartient pas au réseau de ce salon",
    );
    expect(listingById(bot.app.db, 1)!.status).toBe("open");
  });

  it("lets a territory administrator remove a listing from anywhere", async () => {
    expect(await bot.ask("/retirer 1 doublon", { as: "admin", dm: true })).toContain(
      "L'annonce #1 est retirée",
    );
  });

  it("does not let a member change another member's listing", async () => {
    expect(await bot.ask("/cloturer 1 donne", { as: "mallory" })).toContain(
      "L'annonce #1 n'est pas la vôtre",
    );
    expect(await bot.ask("/supprimer 1 oui", { as: "mallory" })).toContain("n'est pas la vôtre");
    expect(await bot.ask("/modifier 1 titre Arnaque", { as: "mallory" })).toContain(
      "n'est pas la vôtre",
    );
    expect(listingById(bot.app.db, 1)).toMatchObject({
      status: "open",
      title: "Palettes à donner",
    });
  });

  it("hides moderation commands from members in the help but shows them to animators", async () => {
    const member = await bot.ask("/aide", { room: "roomA" });
    for (const reserved of ["/retirer", "/sourdine", "/signalements", "/approuver", "/demandes"])
      expect(member).not.toContain(reserved);
    expect(member).toContain("/journal");
    bot.adapter.animators.add("roomA|anim");
    const animator = await bot.ask("/aide", { as: "anim", room: "roomA" });
    for (const reserved of ["/retirer", "/sourdine", "/signalements", "/approuver", "/demandes"])
      expect(animator).toContain(reserved);
  });
});

describe("errors", () => {
  it("answers a bug with a generic localised message, logs it, and rolls back the command's changes", async () => {
    bot = await startHarness();
    const lines: string[] = [];
    const logger = pino(
      { level: "error" },
      new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }),
    );
    const { db, places } = bot.app;
    const boom = defineCommand({
      id: "boom",
      names: { fr: ["boum"], en: ["boom"] },
      section: "account",
      access: "everyone",
      args: noArgs,
      run: (ctx) => {
        const resolved = places.resolve("Tarbes");
        if (resolved.status !== "found") throw new Error("no Tarbes");
        createListing(
          ctx.db,
          {
            kind: "offer",
            title: "half done",
            description: "",
            category: "other",
            terms: null,
            place: placeColumns(places, resolved.place),
            authorId: ctx.member.id,
            networkId: null,
            expiresAt: ctx.now + 1,
          },
          ctx.now,
        );
        throw new Error("secret stack detail");
      },
    });
    const app = bot.app;
    const pipeline = new Pipeline({
      db,
      i18n: app.i18n,
      places,
      catalog: app.catalog,
      registry: new CommandRegistry([...allCommands, boom]),
      flows: allFlows,
      notifier: app.notifier,
      settings: {
        territoryName: "T",
        timeZone: "Europe/Paris",
        listingExpiryDays: 60,
        defaultLocale: "fr",
        admins: [],
        rateLimitPerMinute: 100,
        broadcastsPerDay: 5,
      },
      clock: bot.clock,
      logger,
      roleOf: () => Promise.resolve("member"),
      onQueued: () => app.outbox.kick(),
    });
    await pipeline.handle({
      platform: "test",
      eventId: randomUUID(),
      room: { id: "room1", kind: "group" },
      sender: { id: "ana", displayName: "Ana" },
      text: "/boum",
      timestamp: new Date(),
    });
    await app.outbox.drain();
    const text = bot.adapter.sent.map((s) => s.text).join("\n");
    expect(text).toContain("Désolé, quelque chose s'est mal passé de notre côté");
    expect(text).not.toContain("secret stack detail");
    expect(count("listings")).toBe(0);
    expect(count("processed_events")).toBe(1);
    expect(lines.join("")).toContain("secret stack detail");
  });
});
