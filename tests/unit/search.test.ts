import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expireDueListings } from "../../storage/listings.js";
import {
  searchListings,
  searchQueries,
  searchTerms,
  type SearchCriteria,
} from "../../storage/search.js";
import { places, startHarness, type Harness, type SayOptions } from "../helpers/harness.js";

const GENERIC_ERROR = "Désolé, quelque chose s'est mal passé";
const ORDER_RELEVANCE = "Ordre : d'abord les annonces dont le titre contient tous vos mots";
const ORDER_RECENT = "Ordre : les plus récentes d'abord.";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
});
afterEach(async () => {
  await bot.stop();
});

/** Posts a listing in one line and returns its number (fails when it was not published). */
async function post(line: string, options: SayOptions = {}): Promise<number> {
  const reply = await bot.ask(line, options);
  const published = /Votre (?:offre|besoin) #(\d+) est publiée?/.exec(reply);
  if (!published) throw new Error(`"${line}" was not published: ${reply}`);
  return Number(published[1]);
}

/** The listing numbers of the result lines of a reply, in order. */
function numbers(reply: string): number[] {
  return [...reply.matchAll(/^• #(\d+) /gm)].map((m) => Number(m[1]));
}

/** Sends a search and returns the listing numbers it shows; never the generic error. */
async function found(query: string, options: SayOptions = {}): Promise<number[]> {
  const reply = await bot.ask(query, options);
  expect(reply).not.toContain(GENERIC_ERROR);
  expect(reply).toMatch(/^🔎|Aucune annonce|No (open )?listing/);
  return numbers(reply);
}

describe("search ignores accents and case", () => {
  let vehicles: number, fridge: number, heart: number, palm: number;
  beforeEach(async () => {
    vehicles = await post("/offre Prêt de Véhicules utilitaires #vehicules lieu:Tarbes");
    fridge = await post("/offre VEHICULE frigorifique #vehicules lieu:Tarbes");
    heart = await post("/besoin Le cœur du métier — conseil en gestion #competences lieu:Tarbes");
    palm = await post("/offre Coeur de palmier — ŒUVRE collective #alimentation lieu:Tarbes");
  });

  it("finds accented and capitalised titles from a plain lower-case word", async () => {
    expect(await found("/chercher vehicule")).toEqual([fridge, vehicles]);
  });

  it("finds plain titles from an accented, capitalised word", async () => {
    expect(await found("/chercher VÉHICULE")).toEqual([fridge, vehicles]);
    expect(await found("/chercher Véhicules")).toEqual([fridge, vehicles]);
  });

  it("finds the œ ligature from oe and oe from the ligature", async () => {
    expect(await found("/chercher coeur")).toEqual([palm, heart]);
    expect(await found("/chercher cœur")).toEqual([palm, heart]);
    expect(await found("/chercher CŒUR")).toEqual([palm, heart]);
  });

  it("folds the ligature in descriptions too", async () => {
    expect(await found("/chercher oeuvre")).toEqual([palm]);
    expect(await found("/chercher œuvres")).toEqual([palm]);
  });

  it("finds a title holding ß from the same word typed with ß or ss", async () => {
    const street = await post("/offre Matériel de la Straße #equipement lieu:Tarbes");
    expect(await found("/chercher Straße")).toEqual([street]);
    expect(await found("/chercher strasse")).toEqual([street]);
  });
});

describe("search words", () => {
  let van: number, boat: number, car: number, truck: number;
  beforeEach(async () => {
    van = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    boat = await post("/offre Bateau à moteur #vehicules lieu:Lourdes");
    car = await post("/besoin Véhicule électrique #vehicules lieu:Tarbes");
    truck = await post("/offre Camion benne #vehicules lieu:Tarbes");
  });

  it("matches word starts", async () => {
    expect(await found("/chercher camion")).toEqual([truck, van]);
    expect(await found("/chercher bat")).toEqual([boat]);
  });

  it("matches French plurals in s and x", async () => {
    expect(await found("/chercher camionnettes")).toEqual([van]);
    expect(await found("/chercher bateaux")).toEqual([boat]);
    expect(await found("/chercher vehicules")).toEqual([car]);
  });

  it("ignores stop words", async () => {
    expect(await found("/chercher prêt de camion")).toEqual([van]);
    expect(await found("/chercher un bateau pour le lac")).toEqual([]);
    expect(await found("/chercher le bateau à moteur")).toEqual([boat]);
  });

  it("requires every word", async () => {
    expect(await found("/chercher camion benne")).toEqual([truck]);
    expect(await found("/chercher camion électrique")).toEqual([]);
  });

  it("searches a quoted phrase as its words", async () => {
    expect(await found('/chercher "benne camion"')).toEqual([truck]);
  });

  it("finds nothing for a word that is in no listing, and says how to widen", async () => {
    const reply = await bot.ask("/chercher tracteur");
    expect(numbers(reply)).toEqual([]);
    expect(reply).toContain("Aucune annonce ouverte ne correspond à : « tracteur »");
    expect(reply).toContain("statut:toutes");
  });
});

describe("searchTerms", () => {
  it("folds, drops stop words and plurals, and cuts to eight letters", () => {
    expect(searchTerms(["Prêt", "de", "CAMIONNETTES"])).toEqual(["pret", "camionne"]);
    expect(searchTerms(["bateaux", "Véhicules"])).toEqual(["bateau", "vehicule"]);
    expect(searchTerms(["cœur"])).toEqual(["coeur"]);
  });

  it("keeps short words ending in s", () => {
    expect(searchTerms(["bus", "gaz"])).toEqual(["bus", "gaz"]);
  });

  it("splits on apostrophes and punctuation and drops one-letter words", () => {
    expect(searchTerms(["l'atelier", "d’Ana", "-camion*"])).toEqual(["atelier", "ana", "camion"]);
  });

  it("keeps stop words when nothing else is left", () => {
    expect(searchTerms(["de", "la"])).toEqual(["de", "la"]);
  });

  it("keeps no punctuation at all", () => {
    expect(searchTerms(['"', "*", "^", "(", ")", "{}", ":"])).toEqual([]);
  });

  it("keeps at most twelve distinct terms", () => {
    const words = Array.from({ length: 20 }, (_, i) => `mot${i}`);
    expect(searchTerms([...words, "mot0"])).toEqual(words.slice(0, 12));
  });
});

describe("searchQueries", () => {
  it("asks one query on the filters when there are no words", () => {
    expect(searchQueries(places(), { words: [], status: "open" })).toEqual(["tags : (st_open)"]);
  });

  it("asks titles first, then descriptions, with each word quoted as a word start", () => {
    const criteria: SearchCriteria = { words: ['camion" OR', "vl"], kind: "offer", status: "open" };
    expect(searchQueries(places(), criteria)).toEqual([
      '{title} : ("camion"* AND "vl") AND tags : (kind_offer) NOT tags : (st_closed OR st_expired OR st_removed OR st_pending)',
      '{title description} : ("camion"* AND "vl") AND tags : (kind_offer) NOT tags : (st_closed OR st_expired OR st_removed OR st_pending) NOT {title} : ("camion"* AND "vl")',
    ]);
  });

  it("checks an open status as the absence of the others, and a rare status directly", () => {
    expect(searchQueries(places(), { words: [], status: "open" })).toEqual(["tags : (st_open)"]);
    expect(searchQueries(places(), { words: [], category: "food", status: "open" })).toEqual([
      "tags : (cat_food) NOT tags : (st_closed OR st_expired OR st_removed OR st_pending)",
    ]);
    expect(searchQueries(places(), { words: [], category: "food", status: "closed" })).toEqual([
      "tags : (st_closed AND cat_food)",
    ]);
    expect(searchQueries(places(), { words: ["pomme"], status: "all" })).toEqual([
      '{title} : ("pomme"*) NOT tags : (st_removed OR st_pending)',
      '{title description} : ("pomme"*) NOT tags : (st_removed OR st_pending) NOT {title} : ("pomme"*)',
    ]);
  });
});

describe("search by place", () => {
  let tarbes: number, lourdes: number, pau: number, dep65: number, agglo: number;
  let occitanie: number, bagneres: number;
  beforeEach(async () => {
    tarbes = await post("/offre Tondeuse à Tarbes #equipement lieu:Tarbes");
    lourdes = await post("/offre Tondeuse à Lourdes #equipement lieu:Lourdes");
    pau = await post("/offre Tondeuse à Pau #equipement lieu:Pau");
    dep65 = await post("/offre Tondeuse partout dans le 65 #equipement lieu:65");
    agglo = await post(
      '/offre Tondeuse dans l\'agglo #equipement lieu:"CA Tarbes-Lourdes-Pyrénées"',
    );
    occitanie = await post("/offre Tondeuse en Occitanie #equipement lieu:Occitanie");
    bagneres = await post("/offre Tondeuse à Bagnères #equipement lieu:Bagnères de Bigorre");
  });

  it("finds everything inside a département, and areas containing it, but not the next one", async () => {
    expect(await found("/chercher lieu:65")).toEqual([
      bagneres,
      occitanie,
      agglo,
      dep65,
      lourdes,
      tarbes,
    ]);
    expect(await found("/chercher lieu:64")).toEqual([pau]);
  });

  it("finds the communes of an intercommunality and the areas containing it", async () => {
    expect(await found('/chercher lieu:"CA Tarbes-Lourdes-Pyrénées"')).toEqual([
      occitanie,
      agglo,
      dep65,
      lourdes,
      tarbes,
    ]);
  });

  it("finds a commune's listings and those posted for an area containing it, not its neighbours'", async () => {
    expect(await found("/chercher lieu:Tarbes")).toEqual([occitanie, agglo, dep65, tarbes]);
    expect(await found("/chercher lieu:Lourdes")).toEqual([occitanie, agglo, dep65, lourdes]);
  });

  it("finds the whole région", async () => {
    expect(await found("/chercher lieu:Occitanie")).toEqual([
      bagneres,
      occitanie,
      agglo,
      dep65,
      lourdes,
      tarbes,
    ]);
  });

  it("understands postal codes", async () => {
    expect(await found("/chercher lieu:65000")).toEqual([occitanie, agglo, dep65, tarbes]);
    // 65200 covers Bagnères-de-Bigorre and communes of the Tarbes-Lourdes agglomeration.
    expect(await found("/chercher lieu:65200")).toEqual([bagneres, occitanie, agglo, dep65]);
  });

  it("understands a place name of several words typed without quotes", async () => {
    expect(await found("/chercher tondeuse lieu:Bagnères de Bigorre")).toEqual([
      bagneres,
      occitanie,
      dep65,
    ]);
  });

  it("shows the place searched in the heading", async () => {
    expect(await bot.ask("/chercher lieu:65")).toContain("🔎 Hautes-Pyrénées (65) — page 1");
  });

  it("combines a place with words", async () => {
    expect(await found("/chercher tondeuse tarbes lieu:65")).toEqual([tarbes]);
  });
});

describe("search filters", () => {
  let van: number, vanNeed: number, pallets: number, fridgeVan: number, palletsNeed: number;
  beforeEach(async () => {
    van = await post("/offre Prêt de camionnette #vehicules lieu:Tarbes modalite:pret");
    vanNeed = await post("/besoin Camionnette pour déménagement #vehicules lieu:Tarbes");
    pallets = await post("/offre Don de palettes #materiaux lieu:Lourdes modalite:don");
    fridgeVan = await post("/offre Camionnette frigorifique #vehicules lieu:Pau modalite:don");
    palletsNeed = await post("/besoin Palettes en bois #materiaux lieu:Tarbes modalite:don");
  });

  it("filters by kind, in French and in English", async () => {
    expect(await found("/chercher type:offre")).toEqual([fridgeVan, pallets, van]);
    expect(await found("/chercher type:besoin")).toEqual([palletsNeed, vanNeed]);
    expect(await found("/chercher kind:need")).toEqual([palletsNeed, vanNeed]);
    expect(await found("/search kind:offers")).toEqual([fridgeVan, pallets, van]);
  });

  it("filters by category", async () => {
    expect(await found("/chercher #vehicules")).toEqual([fridgeVan, vanNeed, van]);
    expect(await found("/chercher #Matériaux")).toEqual([palletsNeed, pallets]);
  });

  it("filters by terms", async () => {
    expect(await found("/chercher modalite:don")).toEqual([palletsNeed, fridgeVan, pallets]);
    expect(await found("/chercher modalité:prêt")).toEqual([van]);
  });

  it("combines filters with each other and with words", async () => {
    expect(await found("/chercher camionnette type:offre")).toEqual([fridgeVan, van]);
    expect(await found("/chercher camionnette type:offre #vehicules modalite:don lieu:64")).toEqual(
      [fridgeVan],
    );
    expect(await found("/chercher camionnette type:offre #vehicules modalite:don lieu:65")).toEqual(
      [],
    );
    expect(
      await found("/chercher palettes type:besoin #materiaux modalite:don lieu:Tarbes"),
    ).toEqual([palletsNeed]);
    expect(await found("/chercher type:offre modalite:don lieu:65")).toEqual([pallets]);
  });

  it("states the filters in the heading", async () => {
    const reply = await bot.ask("/chercher camionnette type:offre #vehicules modalite:don");
    expect(reply).toContain("🔎 « camionnette » · offres · Véhicules");
    expect(reply).toContain("Don — page 1");
  });

  it("answers an unknown category with the valid ones and the closest", async () => {
    const reply = await bot.ask("/chercher #vehicul");
    expect(numbers(reply)).toEqual([]);
    expect(reply).toContain("Je ne connais pas la catégorie « vehicul »");
    expect(reply).toMatch(/Vouliez-vous dire #vehicules? \?/);
    expect(reply).toContain("Catégories : #vehicules, #locaux, #equipement");
    const far = await bot.ask("/chercher #zzzzzzzz");
    expect(far).toContain("Je ne connais pas la catégorie « zzzzzzzz ». Catégories : #vehicules");
    expect(far).not.toContain("Vouliez-vous dire");
  });

  it("answers an unknown kind, terms or status with the valid words", async () => {
    expect(await bot.ask("/chercher type:truc")).toContain("Types : offre, besoin");
    expect(await bot.ask("/chercher modalite:zzzzzz")).toContain("Modalités : don, pret");
    expect(await bot.ask("/chercher statut:bof")).toContain(
      "Statuts : ouverte, cloturee, expiree, toutes",
    );
  });

  it("searches with the first of two categories, as its message says", async () => {
    const reply = await bot.ask("/chercher camionnette #vehicules #outils");
    expect(reply).toContain("#vehicules");
    expect(numbers(reply)).toEqual([fridgeVan, vanNeed, van]);
  });
});

describe("search places that are not understood", () => {
  it("suggests the closest places for an unknown one", async () => {
    const reply = await bot.ask("/chercher lieu:Tarbs");
    expect(reply).toContain("Je ne trouve pas le lieu « Tarbs ». Vouliez-vous dire : Tarbes (65)");
  });

  it("says what to type for a place with no close name", async () => {
    const reply = await bot.ask("/chercher lieu:Xyzzyq");
    expect(reply).toContain("Je ne trouve pas le lieu « Xyzzyq »");
    expect(reply).toContain("Indiquez une commune (Tarbes), un code postal (65000)");
  });

  it("explains how to choose among communes of the same name, and the advice works", async () => {
    const reply = await bot.ask("/chercher lieu:Saint-Martin");
    expect(reply).toContain("Plusieurs lieux correspondent à « Saint-Martin »");
    expect(reply).toContain("Saint-Martin (65)");
    expect(reply).toContain("Saint-Martin (32)");
    expect(reply).toMatch(/par exemple lieu:"Saint-Martin \(\d{5}\)"/);
    const unquoted = await bot.ask("/chercher lieu:Saint Martin tracteur");
    expect(unquoted).toContain("Plusieurs lieux correspondent à « Saint Martin »");
    const there = await post('/offre Tracteur à prêter #equipement lieu:"Saint-Martin (65)"');
    await post("/offre Tracteur à Tarbes #equipement lieu:Tarbes");
    expect(await found('/chercher tracteur lieu:"Saint-Martin (65)"')).toEqual([there]);
  });
});

describe("search status", () => {
  let open: number, closed: number, expired: number;
  beforeEach(async () => {
    expired = await post("/offre Camion pour une semaine #vehicules lieu:Tarbes jusqu:7j");
    closed = await post("/offre Camion donné #vehicules lieu:Tarbes");
    open = await post("/offre Camion disponible #vehicules lieu:Tarbes");
    expect(await bot.ask(`/cloturer ${closed} donne`)).toContain(
      `L'annonce #${closed} est clôturée : donnée`,
    );
    bot.clock.advance(9 * 86_400_000);
    expect(expireDueListings(bot.app.db, bot.clock.now()).map((l) => l.id)).toEqual([expired]);
  });

  it("shows only open listings by default", async () => {
    expect(await found("/chercher camion")).toEqual([open]);
    expect(await found("/chercher")).toEqual([open]);
  });

  it("shows every status with statut:toutes, marking the closed ones", async () => {
    const reply = await bot.ask("/chercher camion statut:toutes");
    expect(numbers(reply)).toEqual([open, closed, expired]);
    expect(reply).toContain("tous statuts");
    expect(reply).toMatch(new RegExp(`#${closed} Camion donné — .*clôturée`));
    expect(reply).toMatch(new RegExp(`#${expired} Camion pour une semaine — .*expirée`));
  });

  it("shows only closed or only expired listings when asked", async () => {
    expect(await found("/chercher camion statut:closes")).toEqual([closed]);
    expect(await found("/chercher statut:expirees")).toEqual([expired]);
    expect(await found("/search status:closed")).toEqual([closed]);
    expect(await found("/chercher statut:ouvertes")).toEqual([open]);
  });

  it("never shows a removed listing", async () => {
    expect(await bot.ask(`/retirer ${open} Annonce en double`, { as: "admin" })).not.toContain(
      GENERIC_ERROR,
    );
    expect(await found("/chercher camion statut:toutes")).toEqual([closed, expired]);
    expect(await found("/chercher camion")).toEqual([]);
  });

  it("suggests statut:toutes when no open listing matches", async () => {
    const reply = await bot.ask("/chercher donné");
    expect(numbers(reply)).toEqual([]);
    expect(reply).toContain("ajoutez statut:toutes pour voir aussi les annonces closes");
  });

  it("keeps a closed listing out of the results when its author tries to renew it", async () => {
    await bot.ask(`/renouveler ${closed}`);
    expect(await found("/chercher camion")).toEqual([open]);
  });

  it("finds an expired listing again once its author renews it", async () => {
    await bot.ask(`/renouveler ${expired}`);
    expect(await found("/chercher camion")).toEqual([open, expired]);
  });
});

describe("search order", () => {
  let truck: number, trailer: number, smallTruck: number, platform: number;
  beforeEach(async () => {
    truck = await post("/offre Camion benne #vehicules lieu:Tarbes");
    trailer = await post("/offre Remorque — idéale derrière un camion #vehicules lieu:Tarbes");
    smallTruck = await post("/offre Petit camion #vehicules lieu:Tarbes");
    platform = await post("/offre Plateau — pour camion ou fourgon #vehicules lieu:Tarbes");
  });

  it("shows newest first without words, and says so", async () => {
    const reply = await bot.ask("/chercher");
    expect(numbers(reply)).toEqual([platform, smallTruck, trailer, truck]);
    expect(reply).toContain(ORDER_RECENT);
    expect(reply).not.toContain(ORDER_RELEVANCE);
    expect(reply).toContain("🔎 toutes les annonces — page 1");
  });

  it("shows newest first with filters only", async () => {
    const reply = await bot.ask("/chercher #vehicules lieu:65");
    expect(numbers(reply)).toEqual([platform, smallTruck, trailer, truck]);
    expect(reply).toContain(ORDER_RECENT);
  });

  it("shows titles holding the words before descriptions, newest first in each group, and says so", async () => {
    const reply = await bot.ask("/chercher camion");
    expect(numbers(reply)).toEqual([smallTruck, truck, platform, trailer]);
    expect(reply).toContain(ORDER_RELEVANCE);
    expect(reply).not.toContain(ORDER_RECENT);
  });

  it("puts a title holding only some of the words with the description matches", async () => {
    const mixed = await post("/offre Camion — avec benne basculante #vehicules lieu:Tarbes");
    expect(await found("/chercher camion benne")).toEqual([truck, mixed]);
  });

  it("points to the first result for details", async () => {
    expect(await bot.ask("/chercher camion")).toContain(
      `Pour voir une annonce en détail : /annonce ${smallTruck}.`,
    );
  });
});

describe("search pages", () => {
  /** The search id and page of the "more" button (`/plus <id> <page>`) in a sent message. */
  function moreButton(buttons: string[], page: number): string | undefined {
    return buttons.find((b) => new RegExp(`^/plus \\d+ ${page}$`).test(b));
  }

  let listings: number[];
  beforeEach(async () => {
    listings = [];
    for (let i = 1; i <= 25; i++) {
      listings.push(await post(`/offre Camion numéro ${i} #vehicules lieu:Tarbes`));
    }
  });
  const newestFirst = () => [...listings].reverse();
  // Paging happens in the private chat (results of several pages leave the group).
  const dm = { dm: true };

  it("sends results of several pages privately from a group, with a pointer in the group", async () => {
    const [pointer, results] = await bot.say("/chercher camion");
    expect(pointer!.destination).toEqual({ kind: "room", platform: "test", roomId: "room1" });
    expect(pointer!.text).toContain(
      "Ana, les résultats tiennent sur plusieurs pages : je vous les envoie en privé.",
    );
    expect(results!.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(numbers(results!.text)).toEqual(newestFirst().slice(0, 10));
    // One page is answered in the group itself.
    const mixer = await post("/offre Bétonnière #equipement lieu:Tarbes");
    const [single] = await bot.say("/chercher bétonnière");
    expect(single!.destination.kind).toBe("room");
    expect(numbers(single!.text)).toEqual([mixer]);
  });

  it("pages results by ten with a button for the next page", async () => {
    const [first] = await bot.say("/chercher camion", dm);
    expect(numbers(first!.text)).toEqual(newestFirst().slice(0, 10));
    expect(first!.text).toContain("— page 1");
    const more = moreButton(first!.buttons, 2);
    expect(more).toBeDefined();
    expect(first!.buttons).toEqual([more, expect.stringMatching(/^\/alerte recherche \d+$/)]);
    expect(first!.message.replaces).toBeUndefined();

    const second = await bot.say(more!, { dm: true, button: "m1" });
    expect(second).toHaveLength(1);
    expect(second[0]!.message.replaces).toBe("m1");
    expect(numbers(second[0]!.text)).toEqual(newestFirst().slice(10, 20));
    expect(second[0]!.text).toContain("— page 2");
    const searchId = /^\/plus (\d+) 2$/.exec(more!)![1];
    expect(second[0]!.buttons).toEqual([
      `/plus ${searchId} 1`,
      `/plus ${searchId} 3`,
      `/alerte recherche ${searchId}`,
    ]);

    const third = await bot.say(`/plus ${searchId} 3`, { dm: true, button: "m2" });
    expect(third[0]!.message.replaces).toBe("m2");
    expect(numbers(third[0]!.text)).toEqual(newestFirst().slice(20));
    expect(third[0]!.buttons).toEqual([`/plus ${searchId} 2`, `/alerte recherche ${searchId}`]);
  });

  it("gives the next page of the latest search with /plus alone", async () => {
    await bot.say("/chercher type:besoin", dm);
    await bot.say("/chercher camion", dm);
    expect(numbers(await bot.ask("/plus", dm))).toEqual(newestFirst().slice(10, 20));
    expect(numbers(await bot.ask("/plus", dm))).toEqual(newestFirst().slice(20));
    const after = await bot.ask("/plus", dm);
    expect(numbers(after)).toEqual([]);
    expect(after).toContain("Il n'y a pas d'autres résultats pour : « camion »");
  });

  it("goes back to an earlier page", async () => {
    const [first] = await bot.say("/chercher", dm);
    const searchId = /^\/plus (\d+) 2$/.exec(moreButton(first!.buttons, 2)!)![1];
    await bot.say(`/plus ${searchId} 3`, dm);
    expect(numbers(await bot.ask(`/plus ${searchId} 1`, dm))).toEqual(newestFirst().slice(0, 10));
  });

  it("does not let another member page someone else's search", async () => {
    const [first] = await bot.say("/chercher camion", dm);
    const more = moreButton(first!.buttons, 2)!;
    const reply = await bot.ask(more, { as: "bob", dm: true });
    expect(numbers(reply)).toEqual([]);
    expect(reply).toContain("Je ne retrouve pas cette recherche. Relancez-la avec /chercher");
    const alone = await bot.ask("/plus", { as: "bob", dm: true });
    expect(numbers(alone)).toEqual([]);
    expect(alone).toContain("Je ne retrouve pas cette recherche");
  });

  it("pages across titles and descriptions without losing or repeating a listing", async () => {
    // 12 listings with the word in the title, 13 with it only in the description, interleaved.
    const titles: number[] = [];
    const descriptions: number[] = [];
    for (let i = 1; i <= 25; i++) {
      if (i % 2 === 0) titles.push(await post(`/offre Remorque ${i} #vehicules lieu:Tarbes`));
      else
        descriptions.push(await post(`/offre Plateau ${i} — avec remorque #vehicules lieu:Tarbes`));
    }
    const expected = [...titles.reverse(), ...descriptions.reverse()];
    const pages = [
      numbers(await bot.ask("/chercher remorque", dm)),
      numbers(await bot.ask("/plus", dm)),
      numbers(await bot.ask("/plus", dm)),
    ];
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(expected);
  });
});

describe("searchListings", () => {
  it("tells whether more results follow and which order was used", async () => {
    for (let i = 1; i <= 3; i++) await post(`/offre Camion ${i} #vehicules lieu:Tarbes`);
    const criteria: SearchCriteria = { words: ["camion"], status: "open" };
    const first = searchListings(bot.app.db, places(), criteria, 0, 2);
    expect(first.listings.map((l) => l.id)).toEqual([3, 2]);
    expect(first.hasMore).toBe(true);
    expect(first.ordering).toBe("relevance");
    const last = searchListings(bot.app.db, places(), criteria, 1, 2);
    expect(last.listings.map((l) => l.id)).toEqual([1]);
    expect(last.hasMore).toBe(false);
    const exact = searchListings(bot.app.db, places(), criteria, 0, 3);
    expect(exact.listings.map((l) => l.id)).toEqual([3, 2, 1]);
    expect(exact.hasMore).toBe(false);
    const beyond = searchListings(bot.app.db, places(), { words: [], status: "open" }, 5, 2);
    expect(beyond).toEqual({ listings: [], hasMore: false, ordering: "recent" });
  });
});

describe("hostile search input", () => {
  // Listing numbers are fixed: the truck is #1 and the boat #2 in every fresh bot.
  const [TRUCK, BOAT] = [1, 2];
  beforeEach(async () => {
    expect(await post("/offre Camion benne #vehicules lieu:Tarbes")).toBe(TRUCK);
    expect(await post("/besoin Bateau à voile #vehicules lieu:Lourdes")).toBe(BOAT);
  });

  /** A fixed string of 500 punctuation characters (a small linear congruential generator). */
  function punctuation(): string {
    const chars = `"'*^-+(){}[]:;,.!?/\\|&%$@~<>=_«»“”„ `;
    let seed = 42;
    let out = "";
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      out += chars[seed % chars.length];
    }
    return out;
  }

  const cases: [string, number[]][] = [
    ['"', [BOAT, TRUCK]],
    ["*", [BOAT, TRUCK]],
    ["-", [BOAT, TRUCK]],
    ["^", [BOAT, TRUCK]],
    ["'", [BOAT, TRUCK]],
    ["NEAR(camion benne)", []],
    ["camion OR bateau", []],
    ["camion NOT benne", []],
    ["tags:st_closed", []],
    ["st_open", []],
    ["kind_offer cat_vehicles", []],
    ["{title}:camion", []],
    ["col:val", []],
    ["AND", []],
    ["NOT", []],
    ["OR", []],
    ["-benne", [TRUCK]],
    ["camion*", [TRUCK]],
    ["^camion", [TRUCK]],
    ['"camion"', [TRUCK]],
    ["'camion'", [TRUCK]],
    ["(camion)", [TRUCK]],
    ['benne" OR "bateau', []],
  ];

  it.each(cases)("searches %j as words", async (query, expected) => {
    expect(await found(`/chercher ${query}`)).toEqual(expected);
  });

  it("answers 500 random punctuation characters normally", async () => {
    const reply = await bot.ask(`/chercher ${punctuation()}`);
    expect(reply).not.toContain(GENERIC_ERROR);
    expect(reply).toMatch(/^🔎|^Aucune annonce/);
  });

  it("searches words holding letters SQLite's tokenizer reads as separators without an error", async () => {
    for (const word of ["ᦂᦰᦓ", "ab\u19B0cd", "ab\u1CF2cd"]) {
      const reply = await bot.ask(`/chercher camion ${word}`);
      expect(reply).not.toContain(GENERIC_ERROR);
      expect(reply).toMatch(/^🔎|^Aucune annonce/);
    }
  });
});

describe("search in English", () => {
  let van: number;
  beforeEach(async () => {
    van = await post("/offre Van aménagé #vehicules lieu:Tarbes");
    await post("/besoin Van frigorifique #vehicules lieu:Tarbes");
    await post("/offre Van utilitaire #vehicules lieu:Pau");
  });

  it("understands /search with English options and answers in French by default", async () => {
    const reply = await bot.ask("/search van in:65 kind:offer");
    expect(numbers(reply)).toEqual([van]);
    expect(reply).toContain(ORDER_RELEVANCE);
    expect(reply).toContain("🔎 « van » · offres · Hautes-Pyrénées (65) — page 1");
  });

  it("answers in English once the member chose English", async () => {
    expect(await bot.ask("/language en")).toContain("English");
    const reply = await bot.ask("/search van in:65 kind:offer");
    expect(numbers(reply)).toEqual([van]);
    expect(reply).toContain(
      "Order: first the listings whose title holds all your words, then those where they are in the description",
    );
    expect(reply).toContain('🔎 "van" · offers · Hautes-Pyrénées (65) — page 1');
    expect(reply).not.toContain("Ordre");
    expect(await bot.ask("/search in:65")).toContain("Order: newest first.");
    expect(await bot.ask("/search tractor")).toContain('No open listing matches: "tractor"');
  });

  it("pages an English search with /more buttons", async () => {
    for (let i = 0; i < 10; i++) await post(`/offre Van ${i} #vehicules lieu:Tarbes`);
    await bot.ask("/language en");
    const [first] = await bot.say("/search van", { dm: true });
    expect(first!.buttons).toEqual([
      expect.stringMatching(/^\/more \d+ 2$/),
      expect.stringMatching(/^\/alert search \d+$/),
    ]);
    const next = await bot.say(first!.buttons[0]!, { dm: true, button: "m9" });
    expect(numbers(next[0]!.text)).toHaveLength(3);
    expect(next[0]!.message.replaces).toBe("m9");
  });
});
