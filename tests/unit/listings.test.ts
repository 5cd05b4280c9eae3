import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
});
afterEach(async () => {
  await bot.stop();
});

const DAY = 86_400_000;

async function post(
  text = "/offre Prêt de camionnette 12 m³ le week-end #vehicules lieu:Tarbes modalite:pret",
  as = "ana",
) {
  await bot.say(text, { as });
}

describe("posting in one line", () => {
  it("saves an offer with its category, place and terms, and says so", async () => {
    const reply = await bot.ask(
      "/offre Prêt de camionnette 12 m³ le week-end #vehicules lieu:Tarbes modalite:pret",
    );
    expect(reply).toContain("Votre offre #1 est publiée");
    expect(reply).toContain("Catégorie : Véhicules et transport (#vehicules)");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      kind: "offer",
      title: "Prêt de camionnette 12 m³ le week-end",
      category: "vehicles",
      terms: "loan",
      placeKind: "commune",
      communeCode: "65440",
      departementCode: "65",
      epciCode: "200069300",
      regionCode: "76",
      status: "open",
    });
  });

  it("expires after the configured number of days by default, at the end of that day in Paris", async () => {
    await post();
    // 2026-11-29 + 60 days = 2027-01-28, 23:59:59 Paris time.
    expect(new Date(listingById(bot.app.db, 1)!.expiresAt).toISOString()).toBe(
      "2027-01-28T22:59:59.000Z",
    );
  });

  it("keeps user text as typed, markup included, without interpreting it", async () => {
    await post("/offre <b>Gros</b> *lot* de `palettes` #materiaux lieu:65");
    expect(listingById(bot.app.db, 1)!.title).toBe("<b>Gros</b> *lot* de `palettes`");
    expect(await bot.ask("/annonce 1")).toContain("<b>Gros</b> *lot* de `palettes`");
  });
});

describe("showing listings", () => {
  it("shows a listing's card, with management buttons for its author only", async () => {
    await post();
    const [mine] = await bot.say("/annonce 1");
    expect(mine!.text).toContain("Offre #1 — Prêt de camionnette 12 m³ le week-end");
    expect(mine!.text).toContain("Lieu : Tarbes (65)");
    expect(mine!.text).toContain("Modalité : Prêt");
    expect(mine!.text).toContain("Publiée par : Ana");
    expect(mine!.text).toContain("Statut : ouverte");
    expect(mine!.buttons).toEqual(["/renouveler 1", "/cloturer 1", "/modifier 1", "/supprimer 1"]);
    const [theirs] = await bot.say("#1 please", { as: "bob" });
    expect(theirs).toBeUndefined();
    const [other] = await bot.say("/annonce #1", { as: "bob" });
    expect(other!.buttons).toEqual(["/contacter 1", "/signaler 1"]);
    expect(await bot.ask("/annonce 7")).toContain("Il n'y a pas d'annonce #7");
  });

  it("lists my listings, open ones first, by pages", async () => {
    for (let i = 1; i <= 12; i++) await post(`/offre Objet numéro ${i} #autre lieu:Tarbes`);
    await bot.say("/cloturer 12 donne");
    const [page1] = await bot.say("/mesannonces");
    expect(page1!.text).toContain("Vos annonces (12), dont 11 ouvertes");
    expect(page1!.text.indexOf("#11 ")).toBeLessThan(page1!.text.indexOf("#10 "));
    expect(page1!.text).not.toContain("#12 ");
    expect(page1!.buttons).toEqual(["/mesannonces 2"]);
    const [page2] = await bot.say("/mesannonces 2", { button: "m1" });
    expect(page2!.text).toContain("#1 ");
    expect(page2!.text).toContain("#12 Objet numéro 12 — ");
    expect(page2!.text).toContain("(clôturée, donnée)");
    expect(page2!.message.replaces).toBe("m1");
    expect(await bot.ask("/mesannonces", { as: "nobody" })).toContain(
      "Vous n'avez encore publié aucune annonce",
    );
  });
});

describe("changing a listing", () => {
  beforeEach(async () => {
    await post();
  });

  it("changes each field and shows the result", async () => {
    expect(await bot.ask("/modifier 1 titre Prêt de minibus")).toContain("Annonce #1 modifiée");
    await bot.say("/modifier 1 description Permis B, le samedi.");
    await bot.say("/modifier 1 categorie #services");
    await bot.say("/modifier 1 lieu Lourdes");
    await bot.say("/modifier 1 modalite don");
    await bot.say("/modifier 1 echeance 15/01/2027");
    expect(listingById(bot.app.db, 1)).toMatchObject({
      title: "Prêt de minibus",
      description: "Permis B, le samedi.",
      category: "services",
      communeCode: "65286",
      terms: "gift",
      expiresAt: Date.parse("2027-01-15T22:59:59Z"),
    });
    expect(await bot.ask("/chercher minibus lieu:Lourdes")).toContain("#1 Prêt de minibus");
    await bot.say('/modifier 1 "titre" Prêt de minibus 9 places');
    expect(listingById(bot.app.db, 1)!.title).toBe("Prêt de minibus 9 places");
  });

  it("explains what to type when the field or value is missing or wrong", async () => {
    expect(await bot.ask("/modifier 1")).toContain("Quel champ de l'annonce #1");
    expect(await bot.ask("/modifier 1 titr X")).toContain("Vouliez-vous dire « titre » ?");
    expect(await bot.ask("/modifier 1 lieu")).toContain(
      "Indiquez la nouvelle valeur du champ « lieu »",
    );
    expect(await bot.ask("/modifier 1 lieu Atlantide")).toContain(
      "Je ne trouve pas le lieu « Atlantide »",
    );
    expect(listingById(bot.app.db, 1)!.communeCode).toBe("65440");
  });

  it("renews a listing, and puts an expired one back online", async () => {
    bot.clock.advance(61 * DAY);
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    expect(listingById(bot.app.db, 1)!.status).toBe("expired");
    expect(await bot.ask("/chercher camionnette")).toContain("Aucune annonce ouverte");
    expect(await bot.ask("/renouveler 1")).toContain(
      "L'annonce #1 est prolongée jusqu'au 30 mars 2027",
    );
    expect(listingById(bot.app.db, 1)!.status).toBe("open");
    expect(await bot.ask("/chercher camionnette")).toContain("#1 Prêt de camionnette");
  });

  it("closes a listing with its outcome, offering the outcomes as buttons", async () => {
    const [question] = await bot.say("/cloturer 1");
    expect(question!.text).toContain("Comment s'est terminée l'annonce #1 ?");
    expect(question!.buttons).toEqual([
      "/cloturer 1 donne",
      "/cloturer 1 recu",
      "/cloturer 1 retire",
      "/cloturer 1 realise",
      "/cloturer 1 promis",
    ]);
    expect(await bot.ask("/cloturer 1 donne", { button: "m1" })).toContain(
      "L'annonce #1 est clôturée : donnée",
    );
    expect(listingById(bot.app.db, 1)).toMatchObject({ status: "closed", outcome: "given" });
    expect(await bot.ask("/renouveler 1")).toContain(
      "L'annonce #1 est clôturée : elle ne peut plus changer",
    );
    expect(await bot.ask("/cloturer 1 donne")).toContain("est clôturée");
  });

  it("deletes a listing only after confirmation", async () => {
    const [question] = await bot.say("/supprimer 1");
    expect(question!.text).toContain("Supprimer définitivement l'annonce #1");
    expect(question!.buttons).toEqual(["/supprimer 1 oui"]);
    expect(listingById(bot.app.db, 1)).toBeDefined();
    expect(await bot.ask("/supprimer 1 oui")).toContain("L'annonce #1 est supprimée");
    expect(listingById(bot.app.db, 1)).toBeUndefined();
    expect(await bot.ask("/chercher camionnette statut:toutes")).toContain(
      "Aucune annonce ne correspond",
    );
  });

  it("records every change after posting in the audit log (the listing itself records its creation)", async () => {
    await bot.say("/modifier 1 titre Prêt de minibus");
    await bot.say("/cloturer 1 realise");
    const actions = bot.app.db.$client
      .prepare("SELECT action FROM audit_log WHERE listing_id = 1 ORDER BY id")
      .pluck()
      .all();
    expect(actions).toEqual(["listing-edited", "listing-closed"]);
  });
});

describe("expiry", () => {
  it("expires listings when their date passes and tells their author privately, once", async () => {
    await post();
    await post("/besoin Local de stockage #locaux lieu:Tarbes jusqu:30j", "bob");
    bot.clock.advance(31 * DAY);
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    expect(listingById(bot.app.db, 1)!.status).toBe("open");
    expect(listingById(bot.app.db, 2)!.status).toBe("expired");
    const notices = bot.adapter.sent.filter((s) => s.destination.kind === "member");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.destination).toEqual({ kind: "member", platform: "test", userId: "bob" });
    expect(notices[0]!.text).toContain(
      "Votre annonce #2 « Local de stockage » est arrivée à échéance",
    );
    expect(notices[0]!.buttons).toEqual(["/renouveler 2", "/cloturer 2"]);
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    expect(bot.adapter.sent.filter((s) => s.destination.kind === "member")).toHaveLength(1);
  });

  it("writes the expiry notice in the author's language", async () => {
    await bot.say("/language en", { as: "sam" });
    await post("/offer Spare pallets #materials in:65 until:10d", "sam");
    bot.clock.advance(11 * DAY);
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    const notice = bot.adapter.sent.find((s) => s.destination.kind === "member");
    expect(notice!.text).toContain('Your listing #1 "Spare pallets" has reached its end date');
    expect(notice!.buttons).toEqual(["/renew 1", "/close 1"]);
  });
});
