/**
 * Turns what a person typed into a place: codes first, then names from the most specific
 * kind to the widest, then the closest names as suggestions.
 */
import { distance } from "fastest-levenshtein";
import type { Place, PlaceKind, PlaceResolution, ResolveOptions } from "./places.js";
import { postcodeCommunes, postcodePlace, type PlaceData } from "./places-data.js";
import {
  areaPrefix,
  compactKey,
  departementCode,
  epciCore,
  placeKey,
  stripArticles,
} from "./places-keys.js";

/** A "(65)" or "65000" after a name, to choose among homonyms. */
type Qualifier = { departement: string } | { postcode: string };

interface SuggestionEntry {
  key: string;
  place: Place;
  rank: number;
  population: number;
}

// No place name is longer than ~90 characters even with "communauté d'agglomération" in
// front: anything longer is not a place, and is refused before any work.
const MAX_INPUT_LENGTH = 120;
const MAX_SUGGESTIONS = 3;
// A typed EPCI fragment ("agglo Pau") matching more EPCIs than this is not a choice to offer.
const MAX_EPCI_FRAGMENT_MATCHES = 5;
const KIND_RANK: Record<PlaceKind, number> = {
  commune: 0,
  postcode: 1,
  epci: 2,
  departement: 3,
  region: 4,
};

const found = (place: Place): PlaceResolution => ({ status: "found", place });
const unknown = (suggestions: Place[] = []): PlaceResolution => ({
  status: "unknown",
  suggestions,
});
const fromList = (places: Place[]): PlaceResolution =>
  places.length === 1 && places[0] !== undefined
    ? found(places[0])
    : { status: "ambiguous", candidates: places };

/** The resolution half of `Places`. */
export class PlaceResolver {
  private readonly data: PlaceData;
  private suggestionPool: SuggestionEntry[] | undefined;

  /** Resolves against already loaded data. */
  constructor(data: PlaceData) {
    this.data = data;
  }

  /** See `Places.resolve`; `suggest: false` skips the (costlier) suggestions on a miss. */
  resolve(input: string, options: ResolveOptions, suggest: boolean): PlaceResolution {
    // Callers pass chat text: a non-string from untyped code is a miss, not a crash.
    if (typeof input !== "string") return unknown();
    const text = input.trim();
    if (text === "" || text.length > MAX_INPUT_LENGTH) return unknown();
    const key = placeKey(text);
    if (key === "") return unknown();
    const communeOnly = options.communeRequired === true || options.allowAreas === false;
    const byCode = this.resolveCode(key, options, communeOnly);
    if (byCode !== undefined) return byCode;
    const direct = this.lookupName(key, communeOnly, undefined);
    if (direct !== undefined) return direct;
    const qualified = this.splitQualifier(text, key);
    if (qualified !== undefined) {
      const result = this.lookupName(qualified.name, communeOnly, qualified.qualifier);
      if (result !== undefined) return result;
    }
    if (!suggest) return unknown();
    return unknown(this.suggest(qualified?.name ?? key, communeOnly, qualified?.qualifier));
  }

  /** Bare numbers are codes, never names: "65", "2A", "971", "65000", "65 000". */
  private resolveCode(
    key: string,
    options: ResolveOptions,
    communeOnly: boolean,
  ): PlaceResolution | undefined {
    const compact = /^\d{2} \d{3}$/.test(key) ? compactKey(key) : key;
    if (/^\d{5}$/.test(compact)) {
      const communes = postcodeCommunes(this.data, compact);
      if (communes.length <= 1) return communes[0] ? found(communes[0]) : unknown();
      if (options.communeRequired === true) return fromList(communes);
      const place = postcodePlace(this.data, compact);
      return place ? found(place) : unknown();
    }
    const dep = departementCode(compact);
    if (dep !== undefined) {
      if (communeOnly) return unknown();
      const place = this.data.departements.get(dep);
      if (place !== undefined) return found(place);
      // "20" was Corse until 1976; people still write it.
      const corse = ["2A", "2B"].flatMap((c) => this.data.departements.get(c) ?? []);
      return dep === "20" ? fromList(corse) : unknown();
    }
    return /^\d+$/.test(compact) ? unknown() : undefined;
  }

  /**
   * Looks a name key up, most specific kind first: current commune, former commune or
   * arrondissement, compact spelling, then (areas allowed) EPCI, département, région. A
   * qualifier filters each level; a level it empties gives way to the next.
   */
  private lookupName(
    key: string,
    communeOnly: boolean,
    qualifier: Qualifier | undefined,
  ): PlaceResolution | undefined {
    const d = this.data;
    const keep = (places: Place[] | Place | undefined): PlaceResolution | undefined => {
      const list = places === undefined ? [] : Array.isArray(places) ? places : [places];
      const kept = qualifier ? list.filter((p) => this.matches(p, qualifier)) : list;
      return kept.length > 0 ? fromList(kept) : undefined;
    };
    const area = communeOnly ? undefined : areaPrefix(key);
    if (area !== undefined) {
      const byName =
        area.kind === "departement"
          ? (d.departementsByKey.get(area.rest) ??
            d.departements.get(departementCode(area.rest) ?? ""))
          : d.regionsByKey.get(area.rest);
      const result = keep(byName);
      if (result !== undefined) return result;
    }
    const compact = compactKey(key);
    const communes =
      keep(d.communesByKey.get(key)) ??
      keep(d.formerByKey.get(key)) ??
      keep(d.communesByCompact.get(compact)) ??
      keep(d.communesByKey.get(compact));
    if (communes !== undefined || communeOnly) return communes;
    const { core, typed } = epciCore(key);
    return (
      keep(d.epcisByKey.get(key)) ??
      keep(d.epcisByCore.get(core)) ??
      keep(d.departementsByKey.get(key) ?? d.departementsByKey.get(stripArticles(key))) ??
      keep(d.regionsByKey.get(key) ?? d.regionsByKey.get(stripArticles(key))) ??
      (typed ? keep(this.epcisContaining(core)) : undefined)
    );
  }

  /** EPCIs whose name contains the typed words ("agglo Pau" -> CA Pau Béarn Pyrénées). */
  private epcisContaining(core: string): Place[] {
    if (core.length < 3) return [];
    const needle = ` ${core} `;
    const matches: Place[] = [];
    for (const entry of this.data.epcis.values()) {
      if (entry.cores.some((c) => ` ${c} `.includes(needle))) matches.push(entry.place);
    }
    return matches.length <= MAX_EPCI_FRAGMENT_MATCHES ? matches : [];
  }

  /** Splits "Saint-Lary (32)", "Saint-Lary 32", "Sainte-Colombe 69560" into name and qualifier. */
  private splitQualifier(
    text: string,
    key: string,
  ): { name: string; qualifier: Qualifier } | undefined {
    const parenthesised = /^(.*\S)\s*\(([^()]*)\)$/.exec(text);
    if (parenthesised !== null) {
      const name = placeKey(parenthesised[1] ?? "");
      const qualifier = this.parseQualifier(placeKey(parenthesised[2] ?? ""), true);
      if (name !== "" && qualifier !== undefined) return { name, qualifier };
    }
    const space = key.lastIndexOf(" ");
    if (space <= 0) return undefined;
    const qualifier = this.parseQualifier(key.slice(space + 1), false);
    return qualifier === undefined ? undefined : { name: key.slice(0, space), qualifier };
  }

  private parseQualifier(key: string, allowNames: boolean): Qualifier | undefined {
    if (/^\d{5}$/.test(key)) return { postcode: key };
    const dep = departementCode(key);
    if (dep !== undefined && this.data.departements.has(dep)) return { departement: dep };
    const byName = allowNames ? this.data.departementsByKey.get(stripArticles(key)) : undefined;
    return byName === undefined ? undefined : { departement: byName.code };
  }

  private matches(place: Place, qualifier: Qualifier): boolean {
    if ("postcode" in qualifier) {
      if (place.kind === "commune") {
        return this.data.postcodes.get(qualifier.postcode)?.includes(place.code) ?? false;
      }
      const deps = postcodePlace(this.data, qualifier.postcode)?.departements ?? [];
      return deps.some((dep) => this.inDepartement(place, dep));
    }
    return this.inDepartement(place, qualifier.departement);
  }

  private inDepartement(place: Place, dep: string): boolean {
    if (place.kind === "region") return this.data.departements.get(dep)?.region === place.code;
    return place.departements.includes(dep);
  }

  /**
   * The closest names (Levenshtein on keys): nearest first, then those agreeing with the
   * qualifier, then communes before areas, then the most populated.
   */
  private suggest(key: string, communeOnly: boolean, qualifier: Qualifier | undefined): Place[] {
    const { core, typed } = epciCore(key);
    const epciOnly = typed && !communeOnly;
    const wanted = epciOnly ? core : key;
    // Short inputs allow one typo, longer ones about one in three letters.
    const threshold = wanted.length <= 3 ? 1 : Math.max(2, Math.floor(wanted.length / 3));
    const scored: { entry: SuggestionEntry; distance: number; agrees: number }[] = [];
    for (const entry of this.suggestions()) {
      if (communeOnly && entry.place.kind !== "commune") continue;
      if (epciOnly && entry.place.kind !== "epci") continue;
      if (Math.abs(entry.key.length - wanted.length) > threshold) continue;
      const d = distance(entry.key, wanted);
      if (d > threshold) continue;
      const agrees = qualifier === undefined || this.matches(entry.place, qualifier) ? 0 : 1;
      scored.push({ entry, distance: d, agrees });
    }
    scored.sort(
      (a, b) =>
        a.distance - b.distance ||
        a.agrees - b.agrees ||
        a.entry.rank - b.entry.rank ||
        b.entry.population - a.entry.population,
    );
    return [...new Set(scored.map((s) => s.entry.place))].slice(0, MAX_SUGGESTIONS);
  }

  // Built on the first miss only: most processes mostly resolve well-typed names.
  private suggestions(): SuggestionEntry[] {
    if (this.suggestionPool !== undefined) return this.suggestionPool;
    const d = this.data;
    const pool: SuggestionEntry[] = [];
    const add = (key: string, place: Place, population: number) =>
      pool.push({ key, place, rank: KIND_RANK[place.kind], population });
    for (const [key, places] of d.communesByKey) {
      for (const p of places) add(key, p, d.communes.get(p.code)?.population ?? 0);
    }
    for (const e of d.epcis.values()) for (const core of e.cores) add(core, e.place, e.population);
    for (const [key, p] of d.departementsByKey) add(key, p, 0);
    for (const [key, p] of d.regionsByKey) add(key, p, 0);
    this.suggestionPool = pool;
    return pool;
  }
}
