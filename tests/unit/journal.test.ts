import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { I18n, LOCALES } from "../../bot/i18n.js";
import { projectPath } from "../../storage/paths.js";
import { JOURNAL_ACTIONS } from "../../commands/journal.js";
import { startHarness, type Harness } from "../helpers/harness.js";

/** Every action the code records: `action: "x"`, and both sides of `action: c ? "x" : "y"`. */
function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const dir of ["bot", "commands", "storage"]) {
    const files = readdirSync(projectPath(dir), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    for (const file of files) {
      const source = readFileSync(join(projectPath(dir), file), "utf8");
      for (const m of source.matchAll(/\baction: (?:[^,\n?]+ \? "([a-z-]+)" : )?"([a-z-]+)"/g)) {
        if (m[1]) found.add(m[1]);
        if (m[2]) found.add(m[2]);
      }
    }
  }
  return found;
}

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
  bot.adapter.animators.add("room1|ana");
  await bot.say("/reseau Réseau des Coteaux", { room: "room1" });
});
afterEach(async () => {
  await bot.stop();
});

describe("/journal", () => {
  it("shows a network's animators who did what, when and why, newest first", async () => {
    await bot.say("/offre Lot de palettes #materiaux lieu:Tarbes", { as: "bea" });
    await bot.say("/diffuser Promo", { as: "bea" });
    bot.clock.advance(60_000);
    await bot.say("/retirer 1 doublon d'une autre annonce");
    const log = await bot.ask("/journal");
    expect(log).toContain("Journal du réseau « Réseau des Coteaux » (page 1)");
    const lines = log.split("\n").filter((l) => l.includes(" · "));
    expect(lines[0]).toContain(
      "29 nov., 10:01 · Ana · a retiré l'annonce #1 (motif : doublon d'une autre annonce)",
    );
    expect(lines[1]).toContain("Bea · s'est vu refuser la commande « broadcast »");
    expect(lines.at(-1)).toContain("Ana · a relié un salon test au réseau");
  });

  it("shows a member, in private, only the decisions that concern them", async () => {
    await bot.say("/offre Lot de palettes #materiaux lieu:Tarbes", { as: "bea" });
    await bot.say("/offre Broyeur #equipement lieu:Tarbes", { as: "carl" });
    await bot.say("/retirer 1 hors sujet");
    const replies = await bot.say("/journal", { as: "bea" });
    expect(replies.map((r) => r.destination.kind)).toEqual(["member"]);
    expect(replies[0]?.text).toContain("Les décisions qui vous concernent");
    expect(replies[0]?.text).toContain("Ana · a retiré l'annonce #1 (motif : hors sujet)");
    expect(replies[0]?.text).not.toContain("relié un salon");
    expect(await bot.ask("/journal", { as: "carl" })).toContain("Rien n'y est encore inscrit.");
  });

  it("pages through a long log with a button", async () => {
    for (let i = 0; i < 20; i++) await bot.say(`/reseau resume ${8 + (i % 10)}:00`);
    const first = await bot.say("/journal");
    expect(first[0]?.buttons).toEqual(["/journal 2"]);
    const second = await bot.ask("/journal 2");
    expect(second).toContain("(page 2)");
    expect(second.split("\n").filter((l) => l.includes(" · "))).toHaveLength(6);
    expect(await bot.ask("/journal 3")).toContain("Il n'y a pas d'autre page.");
  });

  it("has a sentence in every language for every action the bot records", () => {
    const recorded = recordedActions();
    // The scan itself works: actions of several kinds are found.
    for (const known of ["listing-removed", "member-approved", "member-refused", "poll-created"])
      expect(recorded).toContain(known);
    expect([...recorded].filter((a) => !JOURNAL_ACTIONS.has(a))).toEqual([]);
    const i18n = new I18n();
    for (const locale of LOCALES)
      expect([...JOURNAL_ACTIONS].filter((a) => !i18n.has(locale, `journal-${a}`))).toEqual([]);
  });

  it("tells a member the membership decision about them in words, with its reason", async () => {
    await bot.say("/reseau adhesion validation");
    await bot.say("/charte oui", { as: "carl" });
    const request = bot.app.db.$client
      .prepare(
        "SELECT n.id FROM network_members n JOIN members m ON m.id = n.member_id WHERE m.platform_user_id = 'carl'",
      )
      .pluck()
      .get() as number;
    expect(await bot.ask(`/refuser ${request} activité hors du territoire`)).toContain("Carl");
    const log = await bot.ask("/journal", { as: "carl", dm: true });
    expect(log).toContain("Carl · a demandé à rejoindre le réseau");
    expect(log).toContain(
      "Ana · a refusé l'adhésion de Carl (motif : activité hors du territoire)",
    );
    // No raw action id shows through.
    expect(log).not.toMatch(/· [a-z]+-[a-z-]+$/m);
    const network = await bot.ask("/journal");
    expect(network).toContain(
      "Ana · a réglé l'adhésion au réseau : sur validation par l'animation",
    );
  });
});
