/**
 * Alerts: the `/alerte`, `/alertes` and `/digest` commands as a member uses them, and the
 * matching rule — an alert brings exactly the open listings that the same `/chercher` finds.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlertIndex, alertMatchesListing } from "../../storage/alert-index.js";
import { alertsOfMember, type Alert } from "../../storage/alerts.js";
import { digestSettingsOf } from "../../storage/digests.js";
import { listingById, type Listing } from "../../storage/listings.js";
import { searchListings } from "../../storage/search.js";
import { startHarness, type Harness, type SayOptions, type Sent } from "../helpers/harness.js";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
  // Only the test moves time: the jobs run when it calls runAll, never on a real-time tick.
  await bot.app.scheduler.stop();
});
afterEach(async () => {
  await bot.stop();
});

const DAY = 86_400_000;

/** Posts a listing in one line and returns its number (fails when it was not published). */
async function post(line: string, as = "bob"): Promise<number> {
  const reply = await bot.ask(line, { as });
  const published = /Votre (?:offre|besoin) #(\d+) est publiée?/.exec(reply);
  if (!published) throw new Error(`"${line}" was not published: ${reply}`);
  return Number(published[1]);
}

/** The only message the bot sent in answer, which must be there. */
async function only(text: string, options: SayOptions = {}): Promise<Sent> {
  const sent = await bot.say(text, options);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

/** The member's id in the database (they must have written to the bot already). */
function memberId(user: string): number {
  const id = bot.app.db.$client
    .prepare<[string], number>("SELECT id FROM members WHERE platform_user_id = ?")
    .pluck()
    .get(user);
  if (id === undefined) throw new Error(`no member ${user}`);
  return id;
}

/** A member's alerts as stored. */
function alertsOf(user: string): Alert[] {
  return alertsOfMember(bot.app.db, memberId(user));
}

const PRIVATE_TO_ANA = { kind: "member", platform: "test", userId: "ana" };

describe("saving an alert with /alerte", () => {
  it("saves the criteria and answers in the member's private chat, even when asked in a group", async () => {
    const reply = await only("/alerte camionnette lieu:65");

    expect(reply.destination).toEqual(PRIVATE_TO_ANA);
    expect(reply.text).toContain(
      "🔔 Alerte n°1 enregistrée : « camionnette » · Hautes-Pyrénées (65)",
    );
    expect(reply.text).toContain(
      "Les nouvelles annonces qui y correspondent vous seront envoyées chaque jour à 08:00. Pour changer : /digest.",
    );
    expect(alertsOf("ana").map((a) => a.criteria)).toEqual([
      { words: ["camionnette"], place: { kind: "departement", code: "65" } },
    ]);
  });

  it("keeps kind, category and terms, and numbers alerts in the order they were saved", async () => {
    await bot.say("/alerte camionnette lieu:65");
    const second = await only("/alerte #vehicules type:offre modalite:pret", { dm: true });

    expect(second.text).toContain(
      "🔔 Alerte n°2 enregistrée : offres · Véhicules et transport · Prêt",
    );
    expect(alertsOf("ana")[1]!.criteria).toEqual({
      words: [],
      kind: "offer",
      category: "vehicles",
      terms: "loan",
    });
  });

  it("refuses the same alert twice and names the one that exists", async () => {
    await bot.say("/alerte camionnette lieu:65");
    await bot.say("/alerte #alimentation");

    expect(await bot.ask("/alerte #alimentation")).toContain(
      "Vous avez déjà cette alerte (n°2). Vos alertes : /alertes.",
    );
    expect(alertsOf("ana")).toHaveLength(2);
  });

  it("refuses a 51st alert and keeps the 50 saved", async () => {
    for (let i = 1; i <= 50; i++) {
      expect(await bot.ask(`/alerte motcle${i}`)).toContain(`Alerte n°${i} enregistrée`);
    }

    expect(await bot.ask("/alerte encoreune")).toContain(
      "Vous avez déjà 50 alertes, le maximum. Supprimez-en une d'abord (voir /alertes).",
    );
    expect(alertsOf("ana")).toHaveLength(50);
  });

  it("explains an unknown category instead of saving a wrong alert", async () => {
    expect(await bot.ask("/alerte #velos")).toContain(
      "Je ne connais pas la catégorie « velos ». Catégories : #vehicules,",
    );
    expect(bot.app.db.$client.prepare("SELECT count(*) FROM alerts").pluck().get()).toBe(0);
  });

  it("creates the member's digest settings at the default rhythm, counting only listings posted afterwards", async () => {
    await post("/offre Camionnette déjà là #vehicules lieu:Tarbes");
    await bot.say("/alerte camionnette");

    expect(digestSettingsOf(bot.app.db, memberId("ana"))).toMatchObject({
      rhythm: "daily",
      time: "08:00",
      cursor: 1,
      nextDueAt: Date.parse("2026-11-30T08:00:00+01:00"),
    });
  });
});

describe("an alert without any criterion", () => {
  it("asks for confirmation, saying how many listings were posted over the last week", async () => {
    await bot.stop();
    bot = await startHarness({ start: "2026-11-16T10:00:00+01:00" });
    await bot.app.scheduler.stop();
    await post("/offre Ancienne offre #autre lieu:Tarbes");
    await post("/besoin Ancien besoin #autre lieu:Tarbes");
    bot.clock.advance(5 * DAY);
    await post("/offre Offre de la semaine #autre lieu:Tarbes");
    bot.clock.advance(4 * DAY);
    await post("/offre Offre récente #autre lieu:Lourdes");
    const closed = await post("/besoin Besoin déjà pourvu #autre lieu:Pau", "carl");
    await bot.say(`/cloturer ${closed} recu`, { as: "carl" });

    const ask = await only("/alerte");

    expect(ask.destination).toEqual(PRIVATE_TO_ANA);
    expect(ask.text).toContain(
      "Une alerte sans aucun critère vous enverrait toutes les nouvelles annonces du territoire : 3 la semaine dernière. La confirmer ? Ou précisez plutôt, par exemple : /alerte #vehicules lieu:65",
    );
    expect(ask.buttons).toEqual(["/alerte tout"]);
    expect(alertsOf("ana")).toEqual([]);
  });

  it("says « aucune » when nothing was posted", async () => {
    expect(await bot.ask("/alerte")).toContain("du territoire : aucune la semaine dernière.");
    expect(bot.app.db.$client.prepare("SELECT count(*) FROM alerts").pluck().get()).toBe(0);
  });

  it("is saved by its confirmation button, /alerte tout", async () => {
    const ask = await only("/alerte");
    const saved = await only(ask.buttons[0]!, { dm: true, button: "m1" });

    expect(saved.text).toContain("🔔 Alerte n°1 enregistrée :");
    expect(alertsOf("ana").map((a) => a.criteria)).toEqual([{ words: [] }]);
  });
});

describe("listing and managing alerts", () => {
  beforeEach(async () => {
    await bot.say("/alerte camionnette lieu:65");
    await bot.say("/alerte #alimentation type:besoin");
  });

  it("lists the alerts with their numbers, the rhythm and how to manage them", async () => {
    const list = await only("/alertes");

    expect(list.destination).toEqual(PRIVATE_TO_ANA);
    expect(list.text).toContain("Vos alertes (2) :");
    expect(list.text).toContain("• 1. « camionnette » · Hautes-Pyrénées (65)");
    expect(list.text).toContain("• 2. besoins · Alimentation et circuits courts");
    expect(list.text).toContain("Elles vous sont envoyées chaque jour à 08:00.");
    expect(list.text).toContain("/alerte pause 1 (ou reprise), /alerte suppr 1");
  });

  it("says how to create one when there is none", async () => {
    expect(await bot.ask("/alertes", { as: "bob" })).toContain(
      "Vous n'avez pas encore d'alerte. Pour en créer une : /alerte <critères>",
    );
  });

  it("pauses and resumes an alert by its number, and shows it paused in the list", async () => {
    expect(await bot.ask("/alerte pause 2")).toContain(
      "⏸ Alerte n°2 en pause : elle ne vous enverra plus rien jusqu'à sa reprise.",
    );
    expect(alertsOf("ana").map((a) => a.paused)).toEqual([false, true]);
    expect(await bot.ask("/alertes")).toContain(
      "• 2. besoins · Alimentation et circuits courts (en pause)",
    );

    expect(await bot.ask("/alerte reprise 2")).toContain("▶️ Alerte n°2 reprise.");
    expect(alertsOf("ana").map((a) => a.paused)).toEqual([false, false]);
    expect(await bot.ask("/alertes")).not.toContain("en pause");
  });

  it("deletes an alert, and the next one takes its number", async () => {
    expect(await bot.ask("/alerte suppr 1")).toContain("🗑️ Alerte n°1 supprimée.");

    expect(alertsOf("ana").map((a) => a.criteria.category)).toEqual(["food"]);
    expect(await bot.ask("/alertes")).toContain("• 1. besoins · Alimentation et circuits courts");
  });

  it("names the alerts there are when a number is unknown, and changes nothing", async () => {
    expect(await bot.ask("/alerte pause 3")).toContain(
      "Vous n'avez pas d'alerte n°3 : vous en avez 2. Voir /alertes.",
    );
    expect(await bot.ask("/alerte suppr zéro")).toContain("Vous n'avez pas d'alerte n°zéro");
    expect(await bot.ask("/alerte reprise 1", { as: "bob" })).toContain(
      "Vous n'avez pas encore d'alerte.",
    );
    expect(alertsOf("ana").map((a) => a.paused)).toEqual([false, false]);
  });

  it("manages only the member's own alerts", async () => {
    await bot.say("/alerte tondeuse", { as: "bob" });
    await bot.say("/alerte suppr 1", { as: "bob" });

    expect(alertsOf("ana")).toHaveLength(2);
    expect(alertsOf("bob")).toEqual([]);
  });
});

describe("the « Créer une alerte » button under search results", () => {
  it("saves the search's criteria as an alert", async () => {
    await post("/offre Prêt de camionnette #vehicules lieu:Tarbes modalite:pret");
    const [results] = await bot.say("/chercher camionnette type:offre lieu:65 modalite:pret");
    expect(results!.buttons).toContain("/alerte recherche 1");

    const saved = await only("/alerte recherche 1", { button: "m2" });

    expect(saved.text).toContain(
      "🔔 Alerte n°1 enregistrée : « camionnette » · offres · Hautes-Pyrénées (65) · Prêt",
    );
    expect(alertsOf("ana").map((a) => a.criteria)).toEqual([
      {
        words: ["camionnette"],
        kind: "offer",
        terms: "loan",
        place: { kind: "departement", code: "65" },
      },
    ]);
  });

  it("keeps the alert among open listings when the search asked for closed ones", async () => {
    await bot.say("/chercher camion statut:fermees");
    await bot.say("/alerte recherche 1");
    expect(alertsOf("ana").map((a) => a.criteria)).toEqual([{ words: ["camion"] }]);
  });

  it("refuses another member's search, and a search that does not exist", async () => {
    await bot.say("/chercher camionnette", { as: "bob" });

    expect(await bot.ask("/alerte recherche 1")).toContain(
      "Je ne retrouve pas cette recherche. Relancez-la avec /chercher.",
    );
    expect(await bot.ask("/alerte recherche 99")).toContain("Je ne retrouve pas cette recherche");
    expect(bot.app.db.$client.prepare("SELECT count(*) FROM alerts").pluck().get()).toBe(0);
  });
});

describe("/digest, the rhythm of the digests", () => {
  it("shows the default rhythm and the next digest's time", async () => {
    const shown = await only("/digest");
    expect(shown.destination).toEqual(PRIVATE_TO_ANA);
    expect(shown.text).toContain(
      "Vos résumés arrivent chaque jour à 08:00. Prochain : lundi 30 novembre 2026 à 08:00.",
    );
    expect(shown.text).toContain("par exemple /digest hebdomadaire 18:00 vendredi");
  });

  it("sets a daily time", async () => {
    const set = await bot.ask("/digest quotidien 07:30");
    expect(set).toContain("C'est noté : vos résumés arriveront chaque jour à 07:30.");
    expect(set).toContain("Prochain résumé : lundi 30 novembre 2026 à 07:30.");
    expect(digestSettingsOf(bot.app.db, memberId("ana"))).toMatchObject({
      rhythm: "daily",
      time: "07:30",
      nextDueAt: Date.parse("2026-11-30T07:30:00+01:00"),
    });
  });

  it("sets a weekly day and an hour written 18h", async () => {
    const set = await bot.ask("/digest hebdomadaire vendredi 18h");
    expect(set).toContain("vos résumés arriveront chaque vendredi à 18:00.");
    expect(set).toContain("Prochain résumé : vendredi 4 décembre 2026 à 18:00.");
    expect(digestSettingsOf(bot.app.db, memberId("ana"))).toMatchObject({
      rhythm: "weekly",
      weekday: 5,
      time: "18:00",
      nextDueAt: Date.parse("2026-12-04T18:00:00+01:00"),
    });
    expect(await bot.ask("/digest")).toContain("Vos résumés arrivent chaque vendredi à 18:00.");
  });

  it("sets the immediate rhythm, due within the minute", async () => {
    const set = await bot.ask("/digest immediat");
    expect(set).toContain("vos résumés arriveront dans la minute qui suit leur publication.");
    const settings = digestSettingsOf(bot.app.db, memberId("ana"))!;
    expect(settings.rhythm).toBe("immediate");
    expect(settings.nextDueAt - bot.clock.now()).toBeLessThanOrEqual(60_000);
  });

  it("stops the digests with jamais, keeping the alerts", async () => {
    await bot.say("/alerte camionnette");
    const set = await bot.ask("/digest jamais");
    expect(set).toContain("Vous ne recevrez plus de résumé ; vos alertes restent enregistrées.");
    expect(digestSettingsOf(bot.app.db, memberId("ana"))!.rhythm).toBe("never");
    expect(alertsOf("ana")).toHaveLength(1);
  });

  it("shows a stopped rhythm plainly, without a next date", async () => {
    await bot.say("/digest jamais");
    const shown = await bot.ask("/digest");
    expect(shown).not.toContain("{???}");
    expect(shown).toMatch(/jamais|arrêtés/);
    expect(shown).not.toContain("Prochain :");
    expect(shown).toContain("Pour changer : quotidien, hebdomadaire, immediat ou jamais");
  });

  it("explains a word it does not understand, and keeps the rhythm", async () => {
    await bot.say("/digest quotidien 07:30");
    expect(await bot.ask("/digest bientot")).toContain(
      "Je ne comprends pas « bientot ». Rythmes : quotidien, hebdomadaire, immediat, jamais ; une heure (08:00, 18h30) ; un jour (lundi…).",
    );
    expect(await bot.ask("/digest 25:00")).toContain("Je ne comprends pas « 25:00 »");
    expect(digestSettingsOf(bot.app.db, memberId("ana"))).toMatchObject({
      rhythm: "daily",
      time: "07:30",
    });
  });
});

describe("alerts in English", () => {
  const en: SayOptions = { as: "eve", localeHint: "en" };

  it("saves with /alert, lists with /alerts and sets a weekly digest with /digest weekly 18:00 friday", async () => {
    expect(await bot.ask("/alert van in:65", en)).toContain(
      'Alert no. 1 saved: "van" · Hautes-Pyrénées (65)',
    );
    const list = await bot.ask("/alerts", en);
    expect(list).toContain("Your alerts (1):");
    expect(list).toContain("/alert pause 1 (or resume), /alert delete 1");

    const set = await bot.ask("/digest weekly 18:00 friday", en);
    expect(set).toContain("every Friday at 18:00");
    expect(digestSettingsOf(bot.app.db, memberId("eve"))).toMatchObject({
      rhythm: "weekly",
      weekday: 5,
      time: "18:00",
    });
    expect(await bot.ask("/alert pause 1", en)).toContain("Alert no. 1");
    expect(alertsOf("eve")[0]!.paused).toBe(true);
  });
});

describe("what an alert matches", () => {
  /** Saves alerts as `veille` (in order) and returns them as stored. */
  async function alerts(...lines: string[]): Promise<Alert[]> {
    for (const line of lines) {
      expect(await bot.ask(`/alerte ${line}`, { as: "veille" })).toContain("enregistrée");
    }
    return alertsOf("veille");
  }

  function listing(id: number): Listing {
    const found = listingById(bot.app.db, id);
    if (!found) throw new Error(`no listing #${id}`);
    return found;
  }

  function matches(alert: Alert, id: number): boolean {
    return alertMatchesListing(alert, listing(id), bot.app.places);
  }

  it("ignores accents and case, and the French plurals in s and x", async () => {
    const vehicles = await post("/offre Prêt de VÉHICULES utilitaires #vehicules lieu:Tarbes");
    const boats = await post("/besoin Bateaux à moteur #vehicules lieu:Lourdes");
    const heart = await post("/offre Le cœur du métier #competences lieu:Tarbes");
    const [vehicule, boat, metier, coeur] = await alerts("vehicule", "bateaux", "METIER", "coeur");

    expect(matches(vehicule!, vehicles)).toBe(true);
    expect(matches(boat!, boats)).toBe(true);
    expect(matches(metier!, heart)).toBe(true);
    expect(matches(coeur!, heart)).toBe(true);
    expect(matches(vehicule!, boats)).toBe(false);
  });

  it("matches word starts anywhere in the title or description, and requires every word", async () => {
    const van = await post(
      "/offre Prêt de camionnette — idéale pour un déménagement #vehicules lieu:Tarbes",
    );
    const truck = await post("/offre Camion benne #vehicules lieu:Tarbes");
    const [camion, demenag, both, nope, middle] = await alerts(
      "camion",
      "déménag",
      "camion benne",
      "camion électrique",
      "nnette",
    );

    expect([matches(camion!, van), matches(camion!, truck)]).toEqual([true, true]);
    expect([matches(demenag!, van), matches(demenag!, truck)]).toEqual([true, false]);
    expect([matches(both!, van), matches(both!, truck)]).toEqual([false, true]);
    expect(matches(nope!, truck)).toBe(false);
    expect(matches(middle!, van)).toBe(false);
  });

  it("follows the place hierarchy: inside the area, and listings posted for a wider area", async () => {
    const tarbes = await post("/offre Tondeuse à Tarbes #equipement lieu:Tarbes");
    const pau = await post("/offre Tondeuse à Pau #equipement lieu:Pau");
    const dep65 = await post("/offre Tondeuse dans le 65 #equipement lieu:65");
    const region = await post("/offre Tondeuse en Occitanie #equipement lieu:Occitanie");
    const [inTarbes, in65, inRegion, inAgglo] = await alerts(
      "lieu:Tarbes",
      "lieu:65",
      "lieu:Occitanie",
      'lieu:"CA Tarbes-Lourdes-Pyrénées"',
    );

    const at = (alert: Alert) => [tarbes, pau, dep65, region].filter((id) => matches(alert, id));
    expect(at(inTarbes!)).toEqual([tarbes, dep65, region]);
    expect(at(in65!)).toEqual([tarbes, dep65, region]);
    expect(at(inRegion!)).toEqual([tarbes, dep65, region]);
    expect(at(inAgglo!)).toEqual([tarbes, dep65, region]);
  });

  it("requires the same kind, category and terms", async () => {
    const offer = await post("/offre Tondeuse #equipement lieu:Tarbes modalite:pret");
    const need = await post("/besoin Tondeuse #equipement lieu:Tarbes");
    const [offers, loans, gifts, food] = await alerts(
      "type:offre",
      "modalite:pret",
      "modalite:don",
      "#alimentation",
    );

    expect([matches(offers!, offer), matches(offers!, need)]).toEqual([true, false]);
    expect([matches(loans!, offer), matches(loans!, need)]).toEqual([true, false]);
    expect(matches(gifts!, offer)).toBe(false);
    expect(matches(food!, offer)).toBe(false);
  });

  it("brings exactly the open listings that the same search finds, for thirty listings and twenty alerts", async () => {
    const lines = [
      "/offre Prêt de camionnette 12 m³ le week-end #vehicules lieu:Tarbes modalite:pret",
      "/offre Camionnettes frigorifiques #vehicules lieu:Lourdes modalite:echange",
      "/besoin Véhicule utilitaire pour déménagement #vehicules lieu:Pau",
      "/offre VÉHICULES électriques en autopartage #vehicules lieu:65 modalite:mutualisation",
      '/besoin Camion benne — chantier de printemps #vehicules lieu:"CA Tarbes-Lourdes-Pyrénées"',
      "/offre Salle de réunion équipée #locaux lieu:Tarbes modalite:pret",
      "/offre Bureaux partagés — coworking au centre-ville #locaux lieu:Bagnères de Bigorre modalite:vente",
      "/besoin Local de stockage — 50 m² au sec #locaux lieu:Occitanie",
      "/offre Perceuse et outils de bricolage #equipement lieu:Tarbes modalite:pret",
      "/offre Tondeuses à gazon #equipement lieu:Toulouse modalite:don",
      "/besoin Échafaudage pour façade #equipement lieu:65",
      "/offre Palettes en bois — surplus d'entrepôt #materiaux lieu:Lourdes modalite:don",
      "/offre Cartons et emballages #materiaux lieu:Pau modalite:don",
      "/besoin Fournisseur de fruits rouges bio — 200 kg par semaine #alimentation lieu:65",
      "/offre Confitures de fruits rouges #alimentation lieu:Tarbes modalite:vente",
      "/offre Pommes et poires du verger #alimentation lieu:Bordeaux modalite:vente",
      "/besoin Comptable bénévole — mécénat de compétences #competences lieu:Tarbes modalite:mecenat",
      "/offre Conseil en gestion — le cœur du métier #competences lieu:Occitanie modalite:mecenat",
      "/offre Formation aux premiers secours #competences lieu:Ajaccio",
      "/besoin Maintenance informatique #services lieu:Lourdes",
      '/offre Conciergerie d\'entreprise #services lieu:"CA Tarbes-Lourdes-Pyrénées" modalite:vente',
      "/besoin Renfort pour les vendanges #personnel lieu:Pau",
      "/offre Bénévoles pour un événement — main d'œuvre #personnel lieu:Tarbes modalite:don",
      "/besoin Achats groupés d'énergie #projets lieu:Occitanie modalite:mutualisation",
      "/offre Camion frigorifique à partager #vehicules lieu:Toulouse modalite:mutualisation",
      "/besoin Bateaux pour le lac #vehicules lieu:Lourdes",
      "/offre Vélos cargo #vehicules lieu:Bagnères de Bigorre modalite:pret",
      "/offre Machine à café professionnelle #equipement lieu:Ajaccio modalite:don",
      "/besoin Camionnette — trajet vers Toulouse #vehicules lieu:Tarbes",
      "/offre Camionnette ancienne #vehicules lieu:Tarbes modalite:vente",
      "/offre Fruits secs et noix #alimentation lieu:Tarbes",
    ];
    const criteria = [
      "camionnette",
      "vehicule",
      "CAMIONNETTES lieu:65",
      "camion benne",
      "#vehicules lieu:Tarbes",
      'lieu:"CA Tarbes-Lourdes-Pyrénées"',
      "lieu:64",
      "lieu:Occitanie type:besoin",
      "type:offre modalite:don",
      "fruits rouges",
      "coeur",
      "#alimentation lieu:Nouvelle-Aquitaine",
      "bateaux",
      "frigorifique lieu:Toulouse",
      "mecenat",
      "lieu:2A",
      "lieu:65000",
      "le lac",
      "#competences type:offre modalite:mecenat",
      "camion",
      "tout",
    ];
    const saved = await alerts(...criteria);
    expect(saved).toHaveLength(criteria.length);
    const ids: number[] = [];
    for (const [i, line] of lines.entries()) ids.push(await post(line, `auteur${i % 5}`));
    // A closed listing is found by neither.
    await bot.say(`/cloturer ${ids[29]} donne`, { as: "auteur4" });
    const open = ids.map(listing).filter((l) => l.status === "open");
    expect(open).toHaveLength(30);

    // All the alerts in one index, as the digest job holds them.
    const index = new AlertIndex(saved, bot.app.places);
    const byAlert = new Map<number, number[]>(saved.map((a) => [a.id, []]));
    for (const l of open) for (const a of index.match(l)) byAlert.get(a.id)!.push(l.id);

    for (const [i, alert] of saved.entries()) {
      const searched = searchListings(
        bot.app.db,
        bot.app.places,
        { ...alert.criteria, status: "open" },
        0,
        100,
      ).listings.map((l) => l.id);
      const matched = byAlert.get(alert.id)!;
      const direct = open.filter((l) => alertMatchesListing(alert, l, bot.app.places));
      expect({ alert: criteria[i], ids: [...matched].sort((a, b) => a - b) }).toEqual({
        alert: criteria[i],
        ids: [...searched].sort((a, b) => a - b),
      });
      expect(direct.map((l) => l.id)).toEqual(matched);
    }
    // The comparison is not empty: most alerts find something, and some find little.
    const sizes = [...byAlert.values()].map((found) => found.length);
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThanOrEqual(18);
    expect(sizes.filter((n) => n > 0 && n < 5).length).toBeGreaterThanOrEqual(8);
  });

  it("reads words joined by an underscore the way the search does", async () => {
    const id = await post("/offre Aide au statut auto_entrepreneur #services lieu:Tarbes");
    const [whole, second, first] = await alerts("entrepreneur", "auto_entrepreneur", "auto");

    for (const alert of [whole!, second!, first!]) {
      const searched = searchListings(
        bot.app.db,
        bot.app.places,
        { ...alert.criteria, status: "open" },
        0,
        10,
      ).listings.map((l) => l.id);
      expect({ alert: alert.criteria.words, matches: matches(alert, id) }).toEqual({
        alert: alert.criteria.words,
        matches: searched.includes(id),
      });
    }
  });
});
