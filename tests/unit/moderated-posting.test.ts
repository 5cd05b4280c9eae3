/**
 * Moderated posting: in a network with `/reseau moderation oui`, a member's new listing is
 * saved but waits, seen by its author only, until an animator approves it (by button or
 * `/approuver`) — then it opens under a new number and reaches search, matching and digests
 * as if just posted — or refuses it with a reason the author is told.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";

let bot: Harness;

beforeEach(async () => {
  bot = await startHarness();
  await bot.app.scheduler.stop();
  bot.adapter.animators.add("room1|anim");
  await bot.say("/reseau Réseau du Val", { as: "anim" });
});
afterEach(async () => {
  await bot.stop();
});

function privateTo(sent: Sent[], user: string): Sent[] {
  return sent.filter((s) => s.destination.kind === "member" && s.destination.userId === user);
}

function count(sql: string): number {
  return bot.app.db.$client.prepare<[], number>(sql).pluck().get()!;
}

describe("moderated posting", () => {
  it("is shown and switched by /reseau, with the network's animators, and logged", async () => {
    const before = await bot.ask("/reseau", { as: "bea" });
    expect(before).toContain("Animation : Anim");
    expect(before).toContain("Publication : libre.");
    expect(await bot.ask("/reseau moderation oui", { as: "anim" })).toContain(
      "Publication modérée dans le réseau « Réseau du Val »",
    );
    expect(await bot.ask("/reseau", { as: "bea" })).toContain("Publication : modérée");
    expect(await bot.ask("/reseau moderation peut-etre", { as: "anim" })).toContain(
      "Dites « oui » ou « non ». Exemple : /reseau moderation oui",
    );
    expect(await bot.ask("/journal", { as: "anim" })).toContain(
      "a mis la publication en mode modéré",
    );
  });

  it("holds a member's listing out of sight until approved by button, then opens it as just posted", async () => {
    await bot.say("/besoin Perceuse pour un chantier #outillage lieu:Tarbes", { as: "carl" });
    await bot.say("/alerte perceuse", { as: "dan" });
    await bot.say("/reseau moderation oui", { as: "anim" });

    const posted = await bot.say("/offre Prêt de perceuse à percussion #outillage lieu:Tarbes", {
      as: "bea",
    });
    expect(posted.find((s) => s.destination.kind === "room")!.text).toContain(
      "⏳ Votre offre #2 est enregistrée : elle attend la validation de l'animation du réseau.",
    );
    const [notice] = privateTo(posted, "anim");
    expect(notice!.text).toContain(
      "Bea a proposé l'annonce #2 dans le réseau « Réseau du Val » : elle attend votre validation.",
    );
    expect(notice!.buttons).toEqual(["/approuver 2", "/rejeter 2"]);
    // Nobody else sees it, and nothing is matched with it yet.
    expect(await bot.ask("/chercher perceuse statut:toutes", { as: "dan" })).not.toContain("#2");
    expect(await bot.ask("/annonce 2", { as: "dan" })).toContain("Il n'y a pas d'annonce #2");
    expect(await bot.ask("/contacter 2 Bonjour", { as: "dan" })).toContain(
      "Il n'y a pas d'annonce #2",
    );
    expect(count("SELECT count(*) FROM listing_matches")).toBe(0);
    expect(await bot.ask("/mesannonces", { as: "bea" })).toContain("(en attente de validation)");
    expect(await bot.ask("/amoderer", { as: "anim" })).toContain(
      "Une annonce attend une validation — Réseau du Val",
    );

    bot.clock.advance(3_600_000);
    const approved = await bot.say("/approuver 2", { as: "anim", dm: true, button: "m9" });
    expect(approved.map((s) => s.text).join("\n")).toContain(
      "Annonce publiée sous le n° #3 (proposée sous le n° #2)",
    );
    expect(privateTo(approved, "bea").map((s) => s.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "Votre annonce « Prêt de perceuse à percussion » est validée par l'animation du réseau « Réseau du Val » : elle est publiée sous le n° #3.",
        ),
        // Matching ran as for a new post: the need of Carl answers it.
        expect.stringContaining("#1"),
      ]),
    );
    expect(listingById(bot.app.db, 2)).toBeUndefined();
    expect(listingById(bot.app.db, 3)!.status).toBe("open");
    // Dated when approved, an hour after it was submitted.
    expect(listingById(bot.app.db, 3)!.createdAt).toBeGreaterThanOrEqual(
      Date.parse("2026-11-29T11:00:00+01:00"),
    );
    expect(await bot.ask("/chercher perceuse", { as: "dan" })).toContain("#3");
    expect(count("SELECT count(*) FROM listing_matches WHERE listing_id = 3")).toBe(1);

    // The next listing gets the next number; a stale button says what happened.
    expect(await bot.ask("/offre Escabeau #outillage lieu:Tarbes", { as: "anim" })).toContain(
      "Votre offre #4 est publiée",
    );
    expect(await bot.ask("/approuver 2", { as: "anim", dm: true })).toContain(
      "L'annonce #2 a déjà été validée par Anim : elle est publiée sous le n° #3.",
    );

    // Dan's digest the next morning has it, as a listing of the day.
    bot.clock.set(Date.parse("2026-11-30T08:00:00+01:00"));
    const before = bot.adapter.sent.length;
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    const digest = privateTo(bot.adapter.sent.slice(before), "dan").map((s) => s.text);
    expect(digest.join("\n")).toMatch(/#3 Prêt de perceuse à percussion/);
  });

  it("refuses a listing with the reason told to its author, asking for it from a button", async () => {
    await bot.say("/reseau moderation oui", { as: "anim" });
    await bot.say("/offre Vente de montres #materiaux lieu:Tarbes", { as: "bea" });
    expect(await bot.ask("/rejeter 1", { as: "anim", dm: true, button: "m3" })).toContain(
      "Pourquoi refuser l'annonce #1 ? Son auteur recevra le motif. Écrivez : /rejeter 1 …",
    );
    const sent = await bot.say("/rejeter 1 Vente commerciale hors charte", {
      as: "anim",
      dm: true,
    });
    expect(sent.map((s) => s.text).join("\n")).toContain("Annonce #1 refusée");
    const told = privateTo(sent, "bea")[0]!.text;
    expect(told).toContain("Votre annonce « Vente de montres » n'a pas été validée");
    expect(told).toContain("Vente commerciale hors charte");
    expect(listingById(bot.app.db, 1)).toMatchObject({ status: "removed" });
    expect(await bot.ask("/journal", { as: "bea", dm: true })).toContain(
      "a refusé l'annonce #1 (motif : Vente commerciale hors charte)",
    );
    expect(await bot.ask("/amoderer", { as: "anim" })).toContain("Aucune annonce n'attend");
  });

  it("publishes the animators' own listings at once", async () => {
    await bot.say("/reseau moderation oui", { as: "anim" });
    expect(await bot.ask("/offre Salle de réunion #locaux lieu:Tarbes", { as: "anim" })).toContain(
      "Votre offre #1 est publiée",
    );
  });

  it("refuses approval to someone who does not animate the network", async () => {
    await bot.say("/reseau moderation oui", { as: "anim" });
    await bot.say("/offre Vente de montres #materiaux lieu:Tarbes", { as: "bea" });
    expect(await bot.ask("/approuver 1", { as: "bea" })).toContain(
      "La commande /approuver est réservée aux animateurs",
    );
    expect(listingById(bot.app.db, 1)!.status).toBe("pending");
  });

  it("works in English", async () => {
    await bot.say("/language en", { as: "anim", dm: true });
    await bot.say("/language en", { as: "bea", dm: true });
    expect(await bot.ask("/network moderation on", { as: "anim" })).toContain(
      'Moderated posting in the network "Réseau du Val"',
    );
    expect(await bot.ask("/offer Drill to lend #tools lieu:Tarbes", { as: "bea" })).toContain(
      "Your offer #1 is saved: it waits for the approval",
    );
    expect(await bot.ask("/queue", { as: "anim" })).toContain("One listing waits for approval");
    expect(await bot.ask("/publish 1", { as: "anim" })).toContain("Listing published as #2");
  });
});
