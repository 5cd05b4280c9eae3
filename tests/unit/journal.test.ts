import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../helpers/harness.js";

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
});
