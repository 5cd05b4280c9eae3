/**
 * Retention periods: the daily job deletes relayed messages older than
 * RETENTION_MESSAGES_DAYS and turns listings ended more than RETENTION_CLOSED_LISTINGS_DAYS
 * ago into anonymous records; recent ones stay, and the statistics do not move.
 */
import { afterEach, describe, expect, it } from "vitest";
import { statsOf } from "../../storage/stats.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const DAY = 86_400_000;

let bot: Harness;
afterEach(async () => {
  await bot.stop();
});

function figures() {
  const from = Date.parse("2026-01-01T00:00:00Z");
  const to = Date.parse("2028-01-01T00:00:00Z");
  return statsOf(bot.app.db, { all: true }, from, to, 0);
}

describe("retention", () => {
  it("purges old messages and anonymises old ended listings, keeping the figures", async () => {
    bot = await startHarness({
      config: { RETENTION_MESSAGES_DAYS: "30", RETENTION_CLOSED_LISTINGS_DAYS: "60" },
    });
    await bot.say("/reseau Réseau du Val", { as: "admin" });
    await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes jusqu:6mois", { as: "ana" });
    await bot.say("/besoin Palettes de chêne #materiaux lieu:Tarbes", { as: "ana" });
    await bot.say("/contacter 1 Ancien message", { as: "bob" });
    await bot.say("/cloturer 2 recu", { as: "ana" });
    bot.clock.advance(40 * DAY);
    await bot.say("/contacter 1 Message récent", { as: "bob" });
    await bot.say("/offre Broyeur #equipement lieu:Tarbes", { as: "ana" });
    await bot.say("/cloturer 3 donne", { as: "ana" });
    const before = figures();

    bot.clock.advance(25 * DAY);
    await bot.app.scheduler.runAll();

    const q = bot.app.db.$client;
    expect(q.prepare("SELECT body FROM contact_messages ORDER BY id").pluck().all()).toEqual([
      "Message récent",
    ]);
    // Listing 2 ended 65 days ago: a record; listing 3 ended 25 days ago; listing 1 is open.
    expect(
      q
        .prepare(
          "SELECT id, title, status, outcome, commune_code AS commune, redacted_at IS NOT NULL AS r FROM listings ORDER BY id",
        )
        .all(),
    ).toEqual([
      {
        id: 1,
        title: "Prêt de camionnette",
        status: "open",
        outcome: null,
        commune: "65440",
        r: 0,
      },
      { id: 2, title: "", status: "closed", outcome: "received", commune: "65440", r: 1 },
      { id: 3, title: "Broyeur", status: "closed", outcome: "given", commune: "65440", r: 0 },
    ]);
    expect(figures()).toEqual(before);
    expect(await bot.ask("/mesannonces", { as: "ana", dm: true })).not.toContain("#2");
    const ended = await bot.ask("/chercher statut:cloturee", { as: "ana" });
    expect(ended).toContain("Broyeur");
    expect(ended).not.toContain("#2");
  });

  it("keeps everything for ever with never", async () => {
    bot = await startHarness({
      config: { RETENTION_MESSAGES_DAYS: "never", RETENTION_CLOSED_LISTINGS_DAYS: "0" },
    });
    await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes", { as: "ana" });
    await bot.say("/contacter 1 Ancien message", { as: "bob" });
    await bot.say("/cloturer 1 donne", { as: "ana" });
    bot.clock.advance(5000 * DAY);
    await bot.app.scheduler.runAll();
    const q = bot.app.db.$client;
    expect(q.prepare("SELECT count(*) FROM contact_messages").pluck().get()).toBe(1);
    expect(q.prepare("SELECT title FROM listings").pluck().get()).toBe("Prêt de camionnette");
  });
});
