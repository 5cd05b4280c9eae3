import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getConversation } from "../../storage/conversations.js";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;
const dirs: string[] = [];
afterEach(async () => {
  await bot.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function count(): number {
  return (bot.app.db.$client.prepare("SELECT count(*) AS n FROM listings").get() as { n: number })
    .n;
}

describe("the guided form", () => {
  it("asks one question at a time with buttons, then publishes after confirmation", async () => {
    bot = await startHarness();
    const dm = { dm: true };
    expect(await bot.ask("/offre", dm)).toContain("Étape 1/7. Que proposez-vous ?");
    expect(await bot.ask("Prêt de minibus 9 places", dm)).toContain("Étape 2/7. Décrivez-le");
    const [category] = await bot.say("Libre deux samedis par mois.", dm);
    expect(category!.text).toContain("Étape 3/7. Dans quelle catégorie ?");
    expect(category!.buttons).toContain("vehicules");
    // A button press sends its command as the answer.
    expect(await bot.ask("vehicules", { dm: true, button: "m3" })).toContain("Étape 4/7. Où ?");
    const [terms] = await bot.say("Lourdes", dm);
    expect(terms!.text).toContain("Étape 5/7. À quelles conditions ?");
    expect(terms!.buttons).toEqual([
      "don",
      "pret",
      "echange",
      "vente",
      "mutualisation",
      "mecenat",
      "passer",
      "/annuler",
    ]);
    expect(await bot.ask("pret", dm)).toContain("Étape 6/7. Jusqu'à quand");
    const confirm = await bot.ask("passer", dm);
    expect(confirm).toContain("Étape 7/7. Voici votre annonce. La publier ?");
    expect(confirm).toContain("Titre : Prêt de minibus 9 places");
    expect(confirm).toContain("Lieu : Lourdes (65)");
    expect(confirm).toContain("Jusqu'au : dans 60 jours (par défaut)");
    expect(count()).toBe(0);
    expect(await bot.ask("oui", dm)).toContain("Votre offre #1 est publiée");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      title: "Prêt de minibus 9 places",
      description: "Libre deux samedis par mois.",
      category: "vehicles",
      communeCode: "65286",
      terms: "loan",
    });
    expect(getConversation(bot.app.db, 1)).toBeUndefined();
  });

  it("moves to the private chat when started in a group", async () => {
    bot = await startHarness();
    const sent = await bot.say("/besoin");
    expect(sent[0]!.destination.kind).toBe("room");
    expect(sent[0]!.text).toContain("je vous écris en privé");
    expect(sent[1]!.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(sent[1]!.text).toContain("De quoi avez-vous besoin ?");
    // Plain text in the group is not an answer; in the private chat it is.
    expect(await bot.say("Chambre froide")).toHaveLength(0);
    expect(await bot.ask("Chambre froide", { dm: true })).toContain("Étape 2/7");
  });

  it("keeps the draft across a restart and goes on where it stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "soliterr-flow-"));
    dirs.push(dir);
    const databasePath = join(dir, "bot.db");
    bot = await startHarness({ databasePath });
    await bot.say("/offre", { dm: true });
    await bot.say("Salle de réunion 30 places", { dm: true });
    await bot.say("Vidéoprojecteur et wifi.", { dm: true });
    await bot.stop();

    bot = await startHarness({ databasePath });
    expect(await bot.ask("locaux", { dm: true })).toContain("Étape 4/7. Où ?");
    await bot.say("Bagnères-de-Bigorre", { dm: true });
    await bot.say("passer", { dm: true });
    await bot.say("31/12/2026", { dm: true });
    expect(await bot.ask("oui", { dm: true })).toContain("Votre offre #1 est publiée");
    const listing = listingById(bot.app.db, 1)!;
    expect(listing).toMatchObject({
      title: "Salle de réunion 30 places",
      description: "Vidéoprojecteur et wifi.",
      category: "premises",
      terms: null,
    });
    expect(new Date(listing.expiresAt).toISOString()).toBe("2026-12-31T22:59:59.000Z");
  });

  it("leaves the draft on /annuler, publishing nothing", async () => {
    bot = await startHarness();
    await bot.say("/offre", { dm: true });
    await bot.say("Prêt de perceuse", { dm: true });
    expect(await bot.ask("/annuler", { dm: true })).toContain("Brouillon abandonné");
    expect(await bot.ask("bonjour", { dm: true })).toContain("Les commandes commencent par « / »");
    expect(await bot.ask("/annuler", { dm: true })).toContain("Vous n'avez pas d'annonce en cours");
    expect(count()).toBe(0);
  });

  it("asks again, saying why, when an answer does not fit", async () => {
    bot = await startHarness();
    await bot.say("/offre", { dm: true });
    expect(await bot.ask("ab", { dm: true })).toContain(
      "Le titre doit faire entre 3 et 120 caractères.",
    );
    await bot.say("Prêt de remorque", { dm: true });
    await bot.say("/passer", { dm: true });
    expect(await bot.ask("velo", { dm: true })).toContain(
      "Je ne connais pas la catégorie « velo »",
    );
    await bot.say("vehicules", { dm: true });
    expect(await bot.ask("Tarbe", { dm: true })).toContain(
      "Je ne trouve pas le lieu « Tarbe ». Vouliez-vous dire : Tarbes (65)",
    );
    await bot.say("Tarbes", { dm: true });
    await bot.say("passer", { dm: true });
    expect(await bot.ask("32/13", { dm: true })).toContain("Je ne comprends pas la date « 32/13 »");
    expect(await bot.ask("2020-01-01", { dm: true })).toContain("Cette date est déjà passée");
    expect(await bot.ask("2030-01-01", { dm: true })).toContain(
      "Une annonce dure au plus 365 jours",
    );
    expect(await bot.ask("30j", { dm: true })).toContain("La publier ?");
  });

  it("offers the homonyms of an ambiguous commune as buttons", async () => {
    bot = await startHarness();
    await bot.say("/offre Prêt de bétonnière #equipement", { dm: true });
    const [question] = await bot.say("Saint-Martin", { dm: true });
    expect(question!.text).toContain("Plusieurs lieux correspondent à « Saint-Martin »");
    expect(question!.buttons.length).toBeGreaterThan(1);
    const choice = question!.buttons.find((b) => b.includes("(65"));
    expect(choice).toBeDefined();
    expect(await bot.ask(choice!, { dm: true, button: "m1" })).toContain(
      "Votre offre #1 est publiée",
    );
    expect(listingById(bot.app.db, 1)!.departementCode).toBe("65");
  });

  it("goes back to a field named at the confirmation, then returns to it", async () => {
    bot = await startHarness();
    for (const answer of [
      "/besoin",
      "Local de stockage",
      "passer",
      "locaux",
      "Tarbes",
      "passer",
      "passer",
    ]) {
      await bot.say(answer, { dm: true });
    }
    expect(await bot.ask("lieu", { dm: true })).toContain("Étape 4/7. Où ?");
    const confirm = await bot.ask("Lourdes", { dm: true });
    expect(confirm).toContain("La publier ?");
    expect(confirm).toContain("Lieu : Lourdes (65)");
    expect(await bot.ask("peut-être", { dm: true })).toContain("Répondez « oui » pour publier");
    expect(await bot.ask("oui", { dm: true })).toContain("Votre besoin #1 est publié");
    expect(listingById(bot.app.db, 1)!.communeCode).toBe("65286");
  });
});

describe("skipping", () => {
  it("does not skip the title, and answers /passer typed in a group in the private chat", async () => {
    bot = await startHarness();
    await bot.say("/offre");
    const [required] = await bot.say("/passer");
    expect(required!.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(required!.text).toContain("Le titre est nécessaire");
    expect(required!.text).toContain("Étape 1/7");
    await bot.say("Prêt de bâches", { dm: true });
    const [next] = await bot.say("/passer");
    expect(next!.destination.kind).toBe("member");
    expect(next!.text).toContain("Étape 3/7");
  });
});

describe("the one-line form", () => {
  it("asks only for what is missing, then publishes without another confirmation", async () => {
    bot = await startHarness();
    const sent = await bot.say("/offre Prêt de camionnette #vehicules modalite:pret");
    expect(sent[1]!.text).toContain("Étape 4/7. Où ?");
    expect(await bot.ask("65", { dm: true })).toContain("Votre offre #1 est publiée");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      placeKind: "departement",
      placeCode: "65",
      terms: "loan",
      category: "vehicles",
    });
  });

  it("says what it did not understand and asks for it again", async () => {
    bot = await startHarness();
    const sent = await bot.say(
      "/offre Prêt de camionnette #velo lieu:Tarbes modalite:gratuitement",
      { dm: true },
    );
    expect(sent[0]!.text).toContain("Je ne connais pas la catégorie « velo »");
    expect(sent[0]!.text).toContain("Je ne connais pas la modalité « gratuitement »");
    expect(sent[0]!.text).toContain("Étape 3/7. Dans quelle catégorie ?");
    expect(await bot.ask("vehicules", { dm: true })).toContain("Étape 5/7");
    expect(await bot.ask("don", { dm: true })).toContain("Votre offre #1 est publiée");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      category: "vehicles",
      terms: "gift",
      communeCode: "65440",
    });
  });

  it("reads a multi-word commune without quotes and an end date", async () => {
    bot = await startHarness();
    const tooFar = await bot.ask(
      "/besoin Chambre froide à partager — de juin à août #equipement lieu:Bagnères de Bigorre jusqu:31/08/2028",
      { dm: true },
    );
    expect(tooFar).toContain("Une annonce dure au plus 365 jours");
    expect(tooFar).toContain("Étape 6/7. Jusqu'à quand");
    expect(count()).toBe(0);
    await bot.say(
      "/besoin Chambre froide à partager — de juin à août #equipement lieu:Bagnères de Bigorre jusqu:31/08",
    );
    expect(listingById(bot.app.db, 1)).toMatchObject({
      title: "Chambre froide à partager",
      description: "de juin à août",
      communeCode: "65059",
    });
    expect(new Date(listingById(bot.app.db, 1)!.expiresAt).toISOString()).toBe(
      "2027-08-31T21:59:59.000Z",
    );
  });

  it("understands the English form", async () => {
    bot = await startHarness();
    expect(
      await bot.ask("/need Organic red berries #food in:65 terms:sale", { localeHint: "en" }),
    ).toContain("Your need #1 is posted");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      kind: "need",
      category: "food",
      terms: "sale",
      placeCode: "65",
    });
  });
});
