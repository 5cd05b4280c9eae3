/**
 * Reads the official geography shipped by `@etalab/decoupage-administratif` and builds the
 * indexes `Places` answers from. The JSON is parsed once per `Places` and dropped after
 * indexing (read with fs rather than `require`, whose cache would keep 12 MB alive).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Place } from "./places.js";
import { FORMER_REGIONS, compactKey, epciCores, placeKey, stripArticles } from "./places-keys.js";

interface RawCommune {
  code: string;
  nom: string;
  type: "commune-actuelle" | "commune-deleguee" | "commune-associee" | "arrondissement-municipal";
  departement: string;
  region: string;
  codesPostaux?: string[];
  population?: number;
  /** Former communes (déléguée, associée): the current commune they belong to. */
  chefLieu?: string;
  /** Municipal arrondissements: their city (Paris, Lyon, Marseille). */
  commune?: string;
}
interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}
interface RawRegion {
  code: string;
  nom: string;
}
interface RawEpci {
  code: string;
  nom: string;
  populationMunicipale?: number;
  membres: { code: string }[];
}

/** A current commune with what the tags and the postcode lookups need. */
export interface CommuneEntry {
  /** The shared, frozen place. */
  place: Place;
  /** Municipal population (0 when the data has none). */
  population: number;
  /** SIREN of its EPCI; undefined for the few communes outside any (islands, overseas). */
  epci: string | undefined;
}

/** An EPCI and its population, for ranking homonyms. */
export interface EpciEntry {
  /** The shared, frozen place. */
  place: Place;
  /** Municipal population. */
  population: number;
  /** Every key its name is found under without its type word. */
  cores: string[];
}

/** Everything `Places` looks up, each index a Map. */
export interface PlaceData {
  /** Current communes by INSEE code. */
  communes: Map<string, CommuneEntry>;
  /** EPCIs by SIREN. */
  epcis: Map<string, EpciEntry>;
  /** Départements by code ("2A", "971"). */
  departements: Map<string, Place>;
  /** Régions by code. */
  regions: Map<string, Place>;
  /** Postal code -> INSEE codes of its current communes, most populated first. */
  postcodes: Map<string, string[]>;
  /** Current commune names (and names without their parenthesised part) -> communes. */
  communesByKey: Map<string, Place[]>;
  /**
   * Former communes (déléguées, associées) and municipal arrondissements -> the current
   * communes they belong to. Looked up after current names, which therefore win.
   */
  formerByKey: Map<string, Place[]>;
  /** Compact keys (no spaces) of both, when they differ from the key: a last resort. */
  communesByCompact: Map<string, Place[]>;
  /** Full official EPCI names. */
  epcisByKey: Map<string, Place[]>;
  /** EPCI names without their type word ("tarbes lourdes pyrenees"). */
  epcisByCore: Map<string, Place[]>;
  /** Département names, with and without their article. */
  departementsByKey: Map<string, Place>;
  /** Région names (with and without their article), then former région names. */
  regionsByKey: Map<string, Place>;
  /** Postcode places, built when first asked for (a few thousand at most). */
  postcodePlaces: Map<string, Place>;
}

const DATA_DIR = "@etalab/decoupage-administratif/data";

function readData<T>(require: NodeJS.Require, file: string): T {
  return JSON.parse(readFileSync(require.resolve(`${DATA_DIR}/${file}.json`), "utf8")) as T;
}

// Places are shared by every caller: freezing them turns an accidental mutation into an
// immediate TypeError instead of a corrupted index.
function freezePlace(place: Place): Place {
  Object.freeze(place.departements);
  return Object.freeze(place);
}

/** Indexes an area name with and without its article: "la reunion" and "reunion". */
function setName(map: Map<string, Place>, name: string, place: Place): void {
  const key = placeKey(name);
  for (const k of [key, stripArticles(key)]) if (!map.has(k)) map.set(k, place);
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** Short keys for a municipal arrondissement: "paris 11", "paris 11e", "paris 11eme". */
function arrondissementKeys(name: string): string[] {
  const match = /^(.*) (\d+)(?:er|e) arrondissement$/.exec(placeKey(name));
  if (match === null) return [];
  const [, city, n] = match;
  return [`${city} ${n}`, `${city} ${n}e`, `${city} ${n}er`, `${city} ${n}eme`];
}

/** Reads the etalab JSON files and builds the indexes. */
export function loadPlaceData(): PlaceData {
  const require = createRequire(import.meta.url);
  const rawRegions = readData<RawRegion[]>(require, "regions");
  const rawDepartements = readData<RawDepartement[]>(require, "departements");
  const rawCommunes = readData<RawCommune[]>(require, "communes");
  const rawEpcis = readData<RawEpci[]>(require, "epci");

  const regions = new Map<string, Place>();
  const regionsByKey = new Map<string, Place>();
  for (const r of rawRegions) {
    const place = freezePlace({ kind: "region", code: r.code, name: r.nom, departements: [] });
    regions.set(r.code, place);
    setName(regionsByKey, r.nom, place);
  }
  for (const [key, code] of Object.entries(FORMER_REGIONS)) {
    const place = regions.get(code);
    if (place !== undefined && !regionsByKey.has(key)) regionsByKey.set(key, place);
  }

  const departements = new Map<string, Place>();
  const departementsByKey = new Map<string, Place>();
  for (const d of rawDepartements) {
    const place = freezePlace({
      kind: "departement",
      code: d.code,
      name: d.nom,
      departements: [d.code],
      region: d.region,
    });
    departements.set(d.code, place);
    setName(departementsByKey, d.nom, place);
  }

  // EPCI membership is only listed on the EPCI side; invert it for the communes.
  const epciOf = new Map<string, string>();
  for (const e of rawEpcis) for (const m of e.membres) epciOf.set(m.code, e.code);

  // One frozen ["65"] per département, shared by its communes: 35,000 fewer arrays.
  const inDepartement = new Map<string, string[]>();
  const departementList = (code: string): string[] => {
    let list = inDepartement.get(code);
    if (list === undefined) inDepartement.set(code, (list = [code]));
    return list;
  };
  const communes = new Map<string, CommuneEntry>();
  const postcodes = new Map<string, string[]>();
  const communesByKey = new Map<string, Place[]>();
  const communesByCompact = new Map<string, Place[]>();
  for (const c of rawCommunes) {
    if (c.type !== "commune-actuelle") continue;
    const place = freezePlace({
      kind: "commune",
      code: c.code,
      name: c.nom,
      departements: departementList(c.departement),
      region: c.region,
    });
    communes.set(c.code, { place, population: c.population ?? 0, epci: epciOf.get(c.code) });
    for (const postcode of c.codesPostaux ?? []) push(postcodes, postcode, c.code);
    const key = placeKey(c.nom);
    push(communesByKey, key, place);
    if (key.includes(" ")) push(communesByCompact, compactKey(key), place);
    // "Château-Chinon (Ville)" and "(Campagne)": "Château-Chinon" should name both.
    if (c.nom.includes("(")) push(communesByKey, placeKey(c.nom.replace(/\(.*\)/, "")), place);
  }

  const formerByKey = new Map<string, Place[]>();
  for (const c of rawCommunes) {
    const parentCode = c.type === "arrondissement-municipal" ? c.commune : c.chefLieu;
    const parent = parentCode === undefined ? undefined : communes.get(parentCode);
    if (c.type === "commune-actuelle" || parent === undefined) continue;
    const keys = [placeKey(c.nom), ...arrondissementKeys(c.nom)];
    for (const key of keys) {
      push(formerByKey, key, parent.place);
      if (!communesByKey.has(key) && key.includes(" ")) {
        push(communesByCompact, compactKey(key), parent.place);
      }
    }
    // Arrondissement postcodes (75011) lead to the city; the city usually lists them too.
    for (const postcode of c.codesPostaux ?? []) push(postcodes, postcode, parent.place.code);
  }

  const epcis = new Map<string, EpciEntry>();
  const epcisByKey = new Map<string, Place[]>();
  const epcisByCore = new Map<string, Place[]>();
  for (const e of rawEpcis) {
    const deps = new Set<string>();
    for (const m of e.membres) {
      const dep = communes.get(m.code)?.place.departements[0];
      if (dep !== undefined) deps.add(dep);
    }
    const depList = [...deps].sort();
    const regionSet = new Set(depList.map((d) => departements.get(d)?.region));
    const region = regionSet.size === 1 ? [...regionSet][0] : undefined;
    const place = freezePlace({
      kind: "epci",
      code: e.code,
      name: e.nom,
      departements: depList,
      ...(region === undefined ? {} : { region }),
    });
    const cores = epciCores(e.nom);
    epcis.set(e.code, { place, population: e.populationMunicipale ?? 0, cores });
    push(epcisByKey, placeKey(e.nom), place);
    push(epcisByKey, placeKey(e.nom.replace(/\([^()]*\)/g, " ")), place);
    for (const core of cores) push(epcisByCore, core, place);
  }

  // Homonyms are offered most populated first, the likeliest meaning on top.
  const population = (p: Place): number =>
    (p.kind === "epci" ? epcis.get(p.code) : communes.get(p.code))?.population ?? 0;
  const byPopulation = (a: Place, b: Place) =>
    population(b) - population(a) || a.code.localeCompare(b.code);
  for (const map of [communesByKey, formerByKey, communesByCompact, epcisByKey, epcisByCore]) {
    for (const list of map.values()) if (list.length > 1) list.sort(byPopulation);
  }
  const communePopulation = (code: string) => communes.get(code)?.population ?? 0;
  for (const list of postcodes.values()) {
    if (list.length > 1) list.sort((a, b) => communePopulation(b) - communePopulation(a));
  }

  return {
    communes,
    epcis,
    departements,
    regions,
    postcodes,
    communesByKey,
    formerByKey,
    communesByCompact,
    epcisByKey,
    epcisByCore,
    departementsByKey,
    regionsByKey,
    postcodePlaces: new Map(),
  };
}

/** The current communes with that postal code, most populated first. */
export function postcodeCommunes(data: PlaceData, postcode: string): Place[] {
  const codes = data.postcodes.get(postcode) ?? [];
  return codes.flatMap((code) => data.communes.get(code)?.place ?? []);
}

/** The place standing for a postal code and all its communes; undefined for an unknown code. */
export function postcodePlace(data: PlaceData, postcode: string): Place | undefined {
  const cached = data.postcodePlaces.get(postcode);
  if (cached !== undefined) return cached;
  const communes = postcodeCommunes(data, postcode);
  if (communes.length === 0) return undefined;
  const regions = new Set(communes.map((c) => c.region));
  const region = regions.size === 1 ? [...regions][0] : undefined;
  const place = freezePlace({
    kind: "postcode",
    code: postcode,
    name: postcode,
    departements: [...new Set(communes.flatMap((c) => c.departements))].sort(),
    ...(region === undefined ? {} : { region }),
  });
  data.postcodePlaces.set(postcode, place);
  return place;
}
