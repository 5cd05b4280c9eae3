/**
 * Reports kept for review: `/signaler` stores them (and still tells the animators), the
 * network's animators list the open ones with `/signalements` and act on each — remove the
 * listing, mute its author, or dismiss — and administrators see every network's.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";

let bot: Harness;

beforeEach(async () => {
  bot = await startHarness();
  bot.adapter.animators.add("room1|anim");
  await bot.say("/reseau Réseau du Val", { as: "anim" });
  await bot.say("/offre Vente de montres de luxe #materiaux lieu:Tarbes", { as: "carl" });
});
afterEach(async () => {
  await bot.stop();
});

function privateTo(sent: Sent[], user: string): Sent[] {
  return sent.filter((s) => s.destination.kind === "member" && s.destination.userId === user);
}

function reports(): unknown[] {
  return bot.app.db.$client
    .prepare("SELECT id, kind, status, outcome, reason, note FROM reports ORDER BY id")
    .all();
}

describe("reports to review", () => {
  it("stores a report, tells the animator privately with buttons to act, and lists it", async () => {
    const sent = await bot.say("/signaler 1 Annonce publicitaire", { as: "bea" });
    const [notice] = privateTo(sent, "anim");
    expect(notice!.text).toContain("Bea signale l'annonce #1");
    expect(notice!.buttons).toEqual([
      "/annonce 1",
      "/signalements",
      "/signalements retirer 1",
      "/signalements sourdine 1 7j",
      "/signalements classer 1",
    ]);
    expect(reports()).toEqual([
      {
        id: 1,
        kind: "listing",
        status: "open",
        outcome: null,
        reason: "Annonce publicitaire",
        note: null,
      },
    ]);
    const list = await bot.ask("/signalements", { as: "anim" });
    expect(list).toContain("Signalements ouverts — Réseau du Val : 1");
    expect(list).toMatch(
      /n°1 · 29 nov\..* · annonce #1 « Vente de montres de luxe » de Carl \(n°\d+\), signalée par Bea \(n°\d+\) — motif : Annonce publicitaire/,
    );
  });

  it("dismisses a report with a note, in the log, and it leaves the list", async () => {
    await bot.say("/signaler 1 Annonce publicitaire", { as: "bea" });
    expect(
      await bot.ask("/signalements classer 1 vérifié, rien d'anormal", { as: "anim" }),
    ).toContain("Signalement n°1 classé");
    expect(reports()).toEqual([
      {
        id: 1,
        kind: "listing",
        status: "handled",
        outcome: "dismissed",
        reason: "Annonce publicitaire",
        note: "vérifié, rien d'anormal",
      },
    ]);
    expect(await bot.ask("/signalements", { as: "anim" })).toContain("Aucun signalement ouvert");
    expect(await bot.ask("/journal", { as: "anim" })).toContain(
      "a classé le signalement n°1 (Carl)",
    );
    expect(await bot.ask("/signalements classer 1", { as: "anim" })).toContain(
      "Le signalement n°1 est déjà traité par Anim (classé)",
    );
    expect(listingById(bot.app.db, 1)!.status).toBe("open");
  });

  it("removes the reported listing by button from the animator's private chat, with the report's reason", async () => {
    await bot.say("/signaler 1 Annonce publicitaire", { as: "bea" });
    await bot.say("/signaler 1 Arnaque probable", { as: "dan" });
    const sent = await bot.say("/signalements retirer 1", { as: "anim", dm: true, button: "m2" });
    expect(sent.map((s) => s.text).join("\n")).toContain("L'annonce #1 est retirée");
    expect(privateTo(sent, "carl")[0]!.text).toContain("Motif : Annonce publicitaire");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      status: "removed",
      removalReason: "Annonce publicitaire",
    });
    // Both reports of the listing are closed by its removal.
    expect(reports()).toMatchObject([
      { status: "handled", outcome: "removed" },
      { status: "handled", outcome: "removed" },
    ]);
  });

  it("mutes the person whose messages were reported", async () => {
    await bot.say("/contacter 1 Intéressé par une montre", { as: "bea" });
    await bot.say("/repondre 1 Envoyez d'abord 500 euros par mandat", { as: "carl", dm: true });
    await bot.say("/signaler message 1 Demande d'argent suspecte", { as: "bea", dm: true });
    expect(await bot.ask("/signalements", { as: "anim" })).toContain("messages de Carl");
    expect(await bot.ask("/signalements retirer 1", { as: "anim" })).toContain(
      "porte sur des messages, pas sur une annonce",
    );
    const sent = await bot.say("/signalements sourdine 1 7j", { as: "anim" });
    expect(privateTo(sent, "carl")[0]!.text).toContain("Motif : Demande d'argent suspecte");
    expect(reports()).toMatchObject([{ kind: "message", status: "handled", outcome: "muted" }]);
    expect(await bot.ask("/repondre 1 Alors ?", { as: "carl", dm: true })).toContain(
      "Vous êtes en sourdine",
    );
  });

  it("shows administrators every network's reports, and pages long lists", async () => {
    for (let i = 0; i < 9; i++)
      await bot.say(`/signaler 1 Motif numéro ${i + 1}`, { as: `member${i}` });
    const [page1] = await bot.say("/signalements", { as: "admin", dm: true });
    expect(page1!.text).toContain("Signalements ouverts — Journal du territoire : 9");
    expect(page1!.text).toContain("Motif numéro 9");
    expect(page1!.text).not.toContain("Motif numéro 1\n");
    expect(page1!.buttons).toContain("/signalements 2");
    const page2 = await bot.ask("/signalements 2", { as: "admin", dm: true, button: "m1" });
    expect(page2).toContain("Motif numéro 1");
  });

  it("works in English", async () => {
    await bot.say("/signaler 1 Spam", { as: "bea" });
    await bot.say("/language en", { as: "anim", dm: true });
    expect(await bot.ask("/reports", { as: "anim" })).toContain("Open reports — Réseau du Val: 1");
    expect(await bot.ask("/reports dismiss 1", { as: "anim" })).toContain("Report n°1 dismissed");
  });
});
