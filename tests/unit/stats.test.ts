import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness({ start: "2026-11-02T10:00:00+01:00" });
  bot.adapter.animators.add("room1|ana");
  await bot.say("/reseau Réseau des Coteaux", { room: "room1" });
});
afterEach(async () => {
  await bot.stop();
});

const DAY = 86_400_000;

describe("/stats", () => {
  it("sends a network's figures and a weekly chart to its animator, in private", async () => {
    await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes", { as: "bea" });
    await bot.say("/besoin Camionnette pour un déménagement #vehicules lieu:Tarbes", {
      as: "carl",
    });
    bot.clock.advance(8 * DAY);
    await bot.say("/offre Palettes de bois #materiaux lieu:Lourdes", { as: "bea" });
    await bot.say("/offre Broyeur de végétaux #equipement lieu:Tarbes", { as: "dan" });
    await bot.say("/contacter 1 Bonjour, elle est libre samedi ?", { as: "carl", room: "room1" });
    await bot.say("/cloturer 3 donne", { as: "bea" });
    await bot.say("/retirer 4 doublon");
    // Another network's listing is not counted.
    bot.adapter.animators.add("room2|eve");
    await bot.say("/reseau Autre réseau", { as: "eve", room: "room2" });
    await bot.say("/offre Tracteur #vehicules lieu:Tarbes", { as: "eve", room: "room2" });

    const [sent] = await bot.say("/stats");
    expect(sent?.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(sent?.text).toContain(
      "📊 Réseau « Réseau des Coteaux » — du 12 octobre 2026 au 10 novembre 2026",
    );
    expect(sent?.text).toContain("4 annonces publiées (3 offres, 1 besoin)");
    expect(sent?.text).toContain("Véhicules et transport : 1 offre, 1 besoin");
    expect(sent?.text).toContain("Rapprochements besoin–offre trouvés : 1");
    expect(sent?.text).toContain("Annonces terminées : 1 données, 1 retirées par l'animation");
    expect(sent?.text).toContain("Mises en relation par le bot : 1");
    expect(sent?.text).toContain("Membres actifs : 4");
    expect(sent?.text).toContain("Structures ayant publié : 0");
    const chart = sent?.message.attachment;
    expect(chart?.kind).toBe("image");
    expect(
      readFileSync(chart?.path ?? "")
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
  });

  it("adds the figures as CSV on request, for the period asked", async () => {
    await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes", { as: "bea" });
    const replies = await bot.say("/stats 2026-11 csv");
    expect(replies[0]?.text).toContain("du 1er novembre 2026 au 2 novembre 2026");
    const csv = replies[1]?.message.attachment;
    expect(csv?.filename).toBe("stats.csv");
    const text = readFileSync(csv?.path ?? "", "utf8");
    expect(text).toContain('"posted","offer","vehicles","","","1"');
    expect(text).toContain('"posted_per_week","offer","","2026-11-02","","1"');
    expect(await bot.ask("/stats 2025-11")).toContain("Aucune annonce publiée");
  });

  it("refuses plain members and the territory's figures to animators; says which periods work", async () => {
    expect(await bot.ask("/stats", { as: "bea" })).toContain("réservée aux animateurs");
    expect(await bot.ask("/stats territoire")).toContain("réservés à ses administrateurs");
    expect(await bot.ask("/stats hier")).toContain(
      "Je ne comprends pas la période « hier ». Par exemple : /stats 30j",
    );
    const territory = await bot.ask("/stats 12mois", { as: "admin", dm: true });
    expect(territory).toContain("Territoire SoliTERR");
  });
});
