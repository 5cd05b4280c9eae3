/**
 * The permission matrix: every command (or use of a command) reserved to a network's
 * animators or to the territory's administrators, tried by a plain member on each platform,
 * is refused with a localised message and changes nothing but the record of the refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkRoom, startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;

/** Tables whose rows a refused command may add or touch (who wrote, the event, the answer). */
const BOOKKEEPING = new Set([
  "audit_log",
  "processed_events",
  "members",
  "rooms",
  "outbox",
  "conversations",
  "searches",
  "digest_settings",
  "__drizzle_migrations",
  "sqlite_sequence",
]);

/** Everything else in the database, as text. */
function fingerprint(): string {
  const client = bot.app.db.$client;
  const tables = client
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' ORDER BY name",
    )
    .pluck()
    .all()
    .filter((t) => !BOOKKEEPING.has(t));
  return JSON.stringify(tables.map((t) => [t, client.prepare(`SELECT * FROM "${t}"`).all()]));
}

function refusals(): number {
  return bot.app.db.$client
    .prepare<[], number>("SELECT count(*) FROM audit_log WHERE action = 'command-refused'")
    .pluck()
    .get()!;
}

/** Each platform's group room of the network. */
const ROOMS = { telegram: "g-telegram", matrix: "g-matrix" } as const;

beforeAll(async () => {
  bot = await startHarness({ platforms: ["telegram", "matrix"] });
  bot.adapters.get("telegram")!.animators.add(`${ROOMS.telegram}|ana`);
  bot.adapters.get("matrix")!.animators.add(`${ROOMS.matrix}|ana`);
  await bot.say("/reseau Réseau des Coteaux", { room: ROOMS.telegram, platform: "telegram" });
  await linkRoom(bot, {
    from: ROOMS.telegram,
    fromPlatform: "telegram",
    to: ROOMS.matrix,
    platform: "matrix",
    as: "ana",
  });
  // Something to act on: a listing, a broadcast draft, a report, a pending membership request.
  await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes", {
    room: ROOMS.telegram,
    platform: "telegram",
  });
  await bot.say("/diffuser Réunion lundi", { room: ROOMS.telegram, platform: "telegram" });
  await bot.say('/sondage "Quelle date ?" "Jeudi" "Vendredi"', {
    room: ROOMS.telegram,
    platform: "telegram",
  });
  // Bea took part before the network chose to validate newcomers: she stays a member.
  for (const platform of ["telegram", "matrix"] as const) {
    await bot.say("/aide", { as: "bea", room: ROOMS[platform], platform });
  }
  // A report to review (Bea reports Ana's listing).
  await bot.say("/signaler 1 Annonce en double", {
    as: "bea",
    room: ROOMS.telegram,
    platform: "telegram",
  });
  await bot.say("/reseau adhesion validation", { room: ROOMS.telegram, platform: "telegram" });
  await bot.say("/aide", { as: "carl", room: ROOMS.telegram, platform: "telegram" });
});
afterAll(async () => {
  await bot.stop();
});

/** What only animators (or administrators) may do, as a plain member would type it. */
const RESERVED = [
  "/retirer 1 abus",
  "/diffuser Bonjour à tous",
  "/diffuser partout Bonjour à tous",
  "/diffusions envoyer 1",
  "/diffusions annuler 1",
  "/diffusions epingler 1",
  "/stats",
  "/stats territoire",
  "/reseau Autre réseau",
  "/reseau lier",
  "/reseau resume 18:00",
  "/reseau adhesion ouverte",
  "/reseau questions Qui êtes-vous ?",
  "/demandes",
  "/accepter 1",
  "/refuser 1",
  '/sondage "Quelle date ?" "Jeudi" "Vendredi"',
  "/sondage « Apéro ? » « Oui » « Non »",
  "/sondage clore 1",
  "/sourdine",
  "/sourdine @carl 7j spam",
  "/sourdine lever @carl",
  "/finsourdine @carl",
  "/mute @carl 7d",
  "/signalements",
  "/signalements 2",
  "/signalements classer 1",
  "/signalements retirer 1",
  "/signalements sourdine 1 7j",
  "/reports dismiss 1",
  "/reseau moderation oui",
  "/reseau moderation non",
  "/amoderer",
  "/approuver 1",
  "/rejeter 1 doublon",
];

describe("the permission matrix", () => {
  for (const platform of ["telegram", "matrix"] as const) {
    for (const line of RESERVED) {
      it(`refuses « ${line} » to a plain member on ${platform}, changing nothing`, async () => {
        // Bea is an approved member: refusals are about rights, not membership.
        const before = fingerprint();
        const recorded = refusals();
        const answer = await bot.ask(line, { as: "bea", room: ROOMS[platform], platform });
        expect(answer).toMatch(/^⛔ /);
        expect(answer).toMatch(/réservée|réservés|administrateurs|n'est pas la vôtre/);
        expect(fingerprint()).toBe(before);
        expect(refusals()).toBe(recorded + 1);
      });
    }
  }
});
