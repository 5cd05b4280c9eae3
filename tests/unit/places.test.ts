import { beforeAll, describe, expect, it } from "vitest";
import { loadPlaces, type Place, type PlaceResolution, type Places } from "../../storage/places.js";

let places: Places;

beforeAll(() => {
  places = loadPlaces();
});

/** The place a resolution found, failing the test with what came back otherwise. */
function foundPlace(result: PlaceResolution): Place {
  if (result.status !== "found") throw new Error(`expected found, got ${JSON.stringify(result)}`);
  return result.place;
}

function foundCode(input: string, options?: Parameters<Places["resolve"]>[1]): string {
  const place = foundPlace(places.resolve(input, options));
  return `${place.kind}:${place.code}`;
}

function candidateCodes(result: PlaceResolution): string[] {
  if (result.status !== "ambiguous") {
    throw new Error(`expected ambiguous, got ${JSON.stringify(result)}`);
  }
  return result.candidates.map((p) => p.code);
}

function suggestionCodes(result: PlaceResolution): string[] {
  if (result.status !== "unknown")
    throw new Error(`expected unknown, got ${JSON.stringify(result)}`);
  return result.suggestions.map((p) => p.code);
}

function place(kind: Place["kind"], code: string): Place {
  const found = places.byCode(kind, code);
  if (found === undefined) throw new Error(`no ${kind} ${code}`);
  return found;
}

const TARBES = "65440";
const LOURDES = "65286";
const CA_TLP = "200069300";

describe("resolving communes", () => {
  it("resolves a commune whatever its accents, case and hyphens", () => {
    for (const input of ["Tarbes", "TARBES", "  tarbes  "]) {
      expect(foundCode(input)).toBe(`commune:${TARBES}`);
    }
    for (const input of ["Bagnères-de-Bigorre", "bagneres de bigorre", "BAGNERES-DE-BIGORRE"]) {
      expect(foundCode(input)).toBe("commune:65059");
    }
  });

  it("returns the official place with its département and région", () => {
    expect(foundPlace(places.resolve("lourdes"))).toEqual({
      kind: "commune",
      code: LOURDES,
      name: "Lourdes",
      departements: ["65"],
      region: "76",
    });
  });

  it("expands the St- and Ste- abbreviations", () => {
    expect(foundCode("St-Lary-Soulan")).toBe("commune:65388");
    expect(foundCode("st lary soulan")).toBe("commune:65388");
    expect(foundCode("Ste-Colombe 69560")).toBe("commune:69189");
  });

  it("finds a name typed without its apostrophe", () => {
    expect(foundCode("Labergement Clemenciat")).toBe("commune:01001");
  });

  it("lists homonym communes, most populated first", () => {
    // Saint-Lary (32) has 271 inhabitants, Saint-Lary (09) 156.
    expect(candidateCodes(places.resolve("Saint-Lary"))).toEqual(["32384", "09267"]);
    const colombes = candidateCodes(places.resolve("Sainte-Colombe"));
    expect(colombes).toHaveLength(12);
    expect(colombes[0]).toBe("69189");
  });

  it("picks a homonym by its département, in parentheses or not", () => {
    expect(foundCode("Saint-Lary (32)")).toBe("commune:32384");
    expect(foundCode("Saint-Lary 09")).toBe("commune:09267");
    expect(foundCode("Saint-Lary (Ariège)")).toBe("commune:09267");
  });

  it("picks a homonym by its postal code", () => {
    expect(foundCode("Saint-Lary (09800)")).toBe("commune:09267");
    expect(foundCode("Sainte-Colombe 77650")).toBe("commune:77404");
  });

  it("accepts a qualifier on a unique name when it agrees", () => {
    expect(foundCode("Tarbes (65)")).toBe(`commune:${TARBES}`);
    expect(foundCode("Tarbes 65000")).toBe(`commune:${TARBES}`);
  });

  it("resolves a former commune (déléguée or associée) to the commune it now belongs to", () => {
    expect(foundPlace(places.resolve("Bellegarde-sur-Valserine")).name).toBe("Valserhône");
    expect(foundCode("Cordieux")).toBe("commune:01262"); // associée of Montluel
  });

  it("lists the current communes when two former communes share a name", () => {
    expect(candidateCodes(places.resolve("Corcelles"))).toEqual(["70477", "01080"]);
    expect(foundCode("Corcelles (01)")).toBe("commune:01080");
  });

  it("resolves Paris, Lyon and Marseille arrondissements to their city", () => {
    expect(foundCode("Paris 11e Arrondissement")).toBe("commune:75056");
    expect(foundCode("Lyon 3e")).toBe("commune:69123");
    expect(foundCode("Marseille 1er arrondissement")).toBe("commune:13055");
  });

  it("prefers the commune when a name is also a département", () => {
    expect(foundCode("Paris")).toBe("commune:75056");
    expect(foundCode("75")).toBe("departement:75");
  });
});

describe("resolving postal codes", () => {
  it("resolves a postal code of a single commune to that commune", () => {
    expect(foundCode("65000")).toBe(`commune:${TARBES}`);
    expect(foundCode("65 000")).toBe(`commune:${TARBES}`);
  });

  it("resolves a municipal arrondissement's postal code to its city", () => {
    expect(foundCode("75011")).toBe("commune:75056");
    expect(foundCode("13001", { communeRequired: true })).toBe("commune:13055");
  });

  it("gives a postcode place covering every commune of a shared postal code", () => {
    const postcode = foundPlace(places.resolve("65200"));
    expect(postcode).toEqual({
      kind: "postcode",
      code: "65200",
      name: "65200",
      departements: ["65"],
      region: "76",
    });
    expect(places.label(postcode)).toBe("65200 (Bagnères-de-Bigorre, Gerde…)");
  });

  it("lists the communes of a shared postal code when a single commune is required", () => {
    const codes = candidateCodes(places.resolve("65200", { communeRequired: true }));
    expect(codes).toHaveLength(24);
    expect(codes[0]).toBe("65059");
    expect(codes).toContain("65370"); // Pouzac
  });

  it("covers communes of several départements under one postal code", () => {
    expect(foundPlace(places.resolve("01200")).departements).toEqual(["01", "74"]);
  });

  it("knows nothing of a postal code that does not exist", () => {
    expect(places.resolve("65999")).toEqual({ status: "unknown", suggestions: [] });
  });
});

describe("resolving areas", () => {
  it("resolves a département by its number", () => {
    expect(foundCode("65")).toBe("departement:65");
    expect(foundCode("1")).toBe("departement:01");
    expect(foundCode("971")).toBe("departement:971");
    expect(places.label(place("departement", "971"))).toBe("Guadeloupe (971)");
  });

  it("resolves the Corsican départements whatever the case of their letter", () => {
    expect(foundCode("2A")).toBe("departement:2A");
    expect(foundCode("2a")).toBe("departement:2A");
    expect(foundCode("2b")).toBe("departement:2B");
    expect(candidateCodes(places.resolve("20"))).toEqual(["2A", "2B"]);
  });

  it("resolves a département by its name", () => {
    expect(foundCode("Hautes-Pyrénées")).toBe("departement:65");
    expect(foundCode("hautes pyrenees")).toBe("departement:65");
    expect(foundCode("département des Landes")).toBe("departement:40");
    // "La Réunion" alone is a commune of Lot-et-Garonne.
    expect(foundCode("La Réunion")).toBe("commune:47222");
    expect(foundCode("La Réunion (974)")).toBe("departement:974");
    expect(foundCode("département de La Réunion")).toBe("departement:974");
  });

  it("never reads a bare number as a name", () => {
    expect(places.resolve("1234")).toEqual({ status: "unknown", suggestions: [] });
    expect(places.resolve("999")).toEqual({ status: "unknown", suggestions: [] });
  });

  it("resolves an EPCI with its type prefix, a wrong one, or none", () => {
    for (const input of [
      "CA Tarbes-Lourdes-Pyrénées",
      "Tarbes-Lourdes-Pyrénées",
      "CC Tarbes-Lourdes-Pyrénées",
      "communauté d'agglomération Tarbes-Lourdes-Pyrénées",
      "agglo Tarbes Lourdes Pyrénées",
      "Tarbes Lourdes Pyrenees agglo",
    ]) {
      expect(foundCode(input), input).toBe(`epci:${CA_TLP}`);
    }
  });

  it("resolves a métropole named in either order", () => {
    const toulouse = foundCode("Toulouse Métropole");
    expect(toulouse).toMatch(/^epci:/);
    expect(foundCode("Métropole Toulouse")).toBe(toulouse);
    expect(foundPlace(places.resolve("Métropole de Lyon")).name).toBe("Métropole de Lyon");
  });

  it("resolves an EPCI from a word of its name when a type word says it is one", () => {
    expect(foundPlace(places.resolve("agglo Pau")).name).toBe("CA Pau Béarn Pyrénées");
  });

  it("gives an EPCI the départements of its members and no région when it spans two", () => {
    const aumale = foundPlace(places.resolve("CC Interrégionale Aumale - Blangy-sur-Bresle"));
    expect(aumale.departements).toEqual(["76", "80"]);
    expect(aumale.region).toBeUndefined();
  });

  it("resolves a région by its name, current or former", () => {
    expect(foundCode("Occitanie")).toBe("region:76");
    expect(foundCode("ile de france")).toBe("region:11");
    expect(foundCode("Midi-Pyrénées")).toBe("region:76");
    // "Bretagne" alone names two small communes; the area word asks for the région.
    expect(foundCode("région Bretagne")).toBe("region:53");
  });

  it("refuses areas when only communes are acceptable, suggesting communes", () => {
    const result = places.resolve("Occitanie", { allowAreas: false });
    expect(result.status).toBe("unknown");
    if (result.status === "unknown") {
      expect(result.suggestions.every((p) => p.kind === "commune")).toBe(true);
    }
    expect(places.resolve("65", { communeRequired: true }).status).toBe("unknown");
    expect(places.resolve("CA Tarbes-Lourdes-Pyrénées", { communeRequired: true }).status).toBe(
      "unknown",
    );
    expect(foundCode("Tarbes", { communeRequired: true })).toBe(`commune:${TARBES}`);
  });
});

describe("unknown and hostile input", () => {
  it("suggests close names for a misspelt one", () => {
    const suggestions = suggestionCodes(places.resolve("Tarbe"));
    expect(suggestions[0]).toBe(TARBES);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestionCodes(places.resolve("Bagneres de Bigore"))[0]).toBe("65059");
  });

  it("suggests the right commune when the qualifier does not match it", () => {
    expect(suggestionCodes(places.resolve("Lourdes (64)"))[0]).toBe(LOURDES);
  });

  it("returns unknown without throwing on garbage", () => {
    const hostile = [
      "",
      "   \t\n",
      "x".repeat(100_000),
      "Tarbes ".repeat(20_000),
      "\u0000\u0001\u001b[31m",
      "'; DROP TABLE listings; --",
      "🚲🚲🚲",
      "((((()))))",
      "\ud800",
      "zzzzqqqqwwww",
    ];
    for (const input of hostile) {
      const result = places.resolve(input);
      expect(result.status, JSON.stringify(input.slice(0, 20))).toBe("unknown");
    }
    expect(places.resolve(undefined as unknown as string).status).toBe("unknown");
    expect(places.resolvePrefix(["", "\u0000"])).toBeUndefined();
  });

  it("ignores control characters around a real name", () => {
    expect(foundCode("\u0000Tarbes\u0007")).toBe(`commune:${TARBES}`);
  });
});

describe("resolvePrefix", () => {
  it("takes the longest run of leading words that names a place", () => {
    const result = places.resolvePrefix(["Bagnères", "de", "Bigorre", "prêt", "de", "vélo"]);
    expect(result?.used).toBe(3);
    expect(foundPlace(result!.place).code).toBe("65059");
  });

  it("keeps a département qualifier that belongs to the place", () => {
    const result = places.resolvePrefix(["Saint-Lary", "32", "tondeuse"]);
    expect(result?.used).toBe(2);
    expect(foundPlace(result!.place).code).toBe("32384");
  });

  it("reports an ambiguous name with the words it used", () => {
    const result = places.resolvePrefix(["Saint", "Lary", "tondeuse"]);
    expect(result?.used).toBe(2);
    expect(candidateCodes(result!.place)).toEqual(["32384", "09267"]);
  });

  it("returns undefined when even the first word names no place", () => {
    expect(places.resolvePrefix(["vélo", "Tarbes"])).toBeUndefined();
    expect(places.resolvePrefix([])).toBeUndefined();
  });

  it("looks at no more than six words", () => {
    const words = ["communauté", "d'agglomération", "Tarbes", "Lourdes", "Pyrénées"];
    expect(places.resolvePrefix(words)?.used).toBe(5);
    expect(places.resolvePrefix(["x", ...words])).toBeUndefined();
  });
});

describe("codes and labels", () => {
  it("finds places by their code", () => {
    expect(places.byCode("commune", "2a004")?.name).toBe("Ajaccio");
    expect(places.byCode("departement", "2a")?.name).toBe("Corse-du-Sud");
    expect(places.byCode("epci", CA_TLP)?.name).toBe("CA Tarbes-Lourdes-Pyrénées");
    expect(places.byCode("region", "76")?.name).toBe("Occitanie");
    expect(places.byCode("postcode", "65000")?.departements).toEqual(["65"]);
    expect(places.byCode("commune", "99999")).toBeUndefined();
  });

  it("lists the postal codes of a commune, which pick it among homonyms", () => {
    expect(places.postcodesOf(place("commune", "65059"))).toEqual(["65200", "65710"]);
    expect(places.postcodesOf(place("commune", "75056"))).toContain("75116");
    expect(places.postcodesOf(place("postcode", "65200"))).toEqual(["65200"]);
    expect(places.postcodesOf(place("departement", "65"))).toEqual([]);
    const [postcode] = places.postcodesOf(place("commune", "09267"));
    expect(foundCode(`Saint-Lary (${postcode})`)).toBe("commune:09267");
  });

  it("labels every kind of place for people", () => {
    expect(places.label(place("commune", TARBES))).toBe("Tarbes (65)");
    expect(places.label(place("departement", "65"))).toBe("Hautes-Pyrénées (65)");
    expect(places.label(place("epci", CA_TLP))).toBe("CA Tarbes-Lourdes-Pyrénées");
    expect(places.label(place("region", "76"))).toBe("Occitanie");
    expect(places.label(place("postcode", "65000"))).toBe("65000 (Tarbes)");
  });

  it("shares frozen places that no caller can corrupt", () => {
    const tarbes = place("commune", TARBES);
    expect(() => {
      tarbes.departements.push("64");
    }).toThrow(TypeError);
    expect(place("commune", TARBES).departements).toEqual(["65"]);
  });
});

describe("tags", () => {
  it("tags a listing with its place and every area containing it", () => {
    expect(places.listingTags(place("commune", TARBES))).toBe(
      "com_65440 epci_200069300 dep_65 reg_76",
    );
    expect(places.listingTags(place("departement", "65"))).toBe("area_dep_65 dep_65 reg_76");
    expect(places.listingTags(place("epci", CA_TLP))).toBe(
      "area_epci_200069300 epci_200069300 dep_65 reg_76",
    );
    expect(places.listingTags(place("region", "76"))).toBe("area_reg_76 reg_76");
  });

  it("writes tags in lower case letters, digits and underscores only", () => {
    expect(places.listingTags(place("commune", "2A004"))).toBe(
      "com_2a004 epci_242010056 dep_2a reg_94",
    );
    const aumale = places.listingTags(place("epci", "200069722"));
    expect(aumale).toBe("area_epci_200069722 epci_200069722 dep_76 dep_80 reg_28 reg_32");
    expect(aumale).toMatch(/^[a-z0-9_ ]+$/);
  });

  it("leaves out the EPCI tag of a commune outside any EPCI", () => {
    expect(places.listingTags(place("commune", "29155"))).toBe("com_29155 dep_29 reg_53");
  });

  it("refuses to tag a listing with a postcode", () => {
    expect(() => places.listingTags(place("postcode", "65200"))).toThrow(/postcode 65200/);
  });

  it("searches inside a place and in the wider areas containing it", () => {
    expect(places.searchTags(place("commune", TARBES))).toEqual([
      "com_65440",
      "area_epci_200069300",
      "area_dep_65",
      "area_reg_76",
    ]);
    expect(places.searchTags(place("departement", "65"))).toEqual(["dep_65", "area_reg_76"]);
    expect(places.searchTags(place("epci", CA_TLP))).toEqual([
      "epci_200069300",
      "area_dep_65",
      "area_reg_76",
    ]);
    expect(places.searchTags(place("region", "76"))).toEqual(["reg_76"]);
  });

  it("searches a postcode as all its communes, without duplicate tags", () => {
    const tags = places.searchTags(place("postcode", "65200"));
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags.filter((t) => t.startsWith("com_"))).toHaveLength(24);
    expect(tags).toContain("com_65059");
    expect(tags.filter((t) => t === "area_dep_65")).toHaveLength(1);
  });
});

describe("overlaps", () => {
  it("matches a commune and the areas containing it, both ways", () => {
    const tarbes = place("commune", TARBES);
    for (const area of [
      place("departement", "65"),
      place("epci", CA_TLP),
      place("region", "76"),
      place("postcode", "65000"),
    ]) {
      expect(places.overlaps(tarbes, area), area.name).toBe(true);
      expect(places.overlaps(area, tarbes), area.name).toBe(true);
    }
    expect(places.overlaps(tarbes, tarbes)).toBe(true);
  });

  it("does not match places side by side", () => {
    const tarbes = place("commune", TARBES);
    const pyreneesAtlantiques = place("departement", "64");
    expect(places.overlaps(tarbes, pyreneesAtlantiques)).toBe(false);
    expect(places.overlaps(pyreneesAtlantiques, tarbes)).toBe(false);
    expect(places.overlaps(tarbes, place("commune", LOURDES))).toBe(false);
    expect(places.overlaps(place("departement", "65"), pyreneesAtlantiques)).toBe(false);
    expect(places.overlaps(place("region", "75"), place("epci", CA_TLP))).toBe(false);
  });
});

describe("randomCommune", () => {
  // A small deterministic generator, so that the test never depends on luck.
  function lcg(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  it("draws communes of the asked département, the most populated most often", () => {
    const rand = lcg(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const commune = places.randomCommune(rand, "65");
      expect(commune.kind).toBe("commune");
      expect(commune.departements).toEqual(["65"]);
      counts.set(commune.code, (counts.get(commune.code) ?? 0) + 1);
    }
    const [mostDrawn] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(mostDrawn).toBe(TARBES);
  });

  it("draws from all of France without a département, and refuses an unknown one", () => {
    expect(places.randomCommune(() => 0).kind).toBe("commune");
    expect(places.randomCommune(() => 0.999999).kind).toBe("commune");
    expect(() => places.randomCommune(() => 0.5, "00")).toThrow(/unknown département/);
  });
});
