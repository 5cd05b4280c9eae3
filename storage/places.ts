/**
 * French places (communes, postal codes, EPCI, départements, régions) from the official
 * INSEE geography: understanding what people type, labelling places, and the tags that let
 * a full-text filter find listings "at or around" a place.
 */
import { loadPlaceData, postcodeCommunes, postcodePlace, type PlaceData } from "./places-data.js";
import { departementCode } from "./places-keys.js";
import { PlaceResolver } from "./places-resolve.js";

/** The kinds of place a person can name. */
export type PlaceKind = "commune" | "postcode" | "epci" | "departement" | "region";

/** A place, shared and frozen: never mutate one. */
export interface Place {
  /** What kind of place this is. */
  kind: PlaceKind;
  /** INSEE code (commune "65440", département "2A", région "76"), EPCI SIREN or postal code. */
  code: string;
  /** Official name ("Tarbes", "CA Tarbes-Lourdes-Pyrénées"); the code itself for a postcode. */
  name: string;
  /** Codes of the départements the place lies in ([] for a région). */
  departements: string[];
  /** Région code, when the place lies in a single one. */
  region?: string;
}

/** What a typed place name turned out to be. */
export type PlaceResolution =
  | { status: "found"; place: Place }
  | { status: "ambiguous"; candidates: Place[] }
  | { status: "unknown"; suggestions: Place[] };

/** How strict `resolve` is. */
export interface ResolveOptions {
  /** Only a single commune will do (a listing's place): a shared postcode is ambiguous. Default false. */
  communeRequired?: boolean;
  /** Accept EPCI, départements and régions (a search area). Default true; false under communeRequired. */
  allowAreas?: boolean;
}

const MAX_PREFIX_WORDS = 6;

function tag(prefix: string, code: string): string {
  return `${prefix}_${code.toLowerCase()}`;
}

/** The official geography with lookups; build one with `loadPlaces()`. */
export class Places {
  private readonly data: PlaceData;
  private readonly resolver: PlaceResolver;
  private readonly randomPools = new Map<string, { places: Place[]; cumulative: number[] }>();
  // Commune -> its postal codes, only needed to write disambiguations: built on first use.
  private communePostcodes: Map<string, string[]> | undefined;

  /** Wraps already loaded data; prefer `loadPlaces()`. */
  constructor(data: PlaceData) {
    this.data = data;
    this.resolver = new PlaceResolver(data);
  }

  /** Understands a commune, postal code, EPCI, département or région as people type them. */
  resolve(input: string, options: ResolveOptions = {}): PlaceResolution {
    return this.resolver.resolve(input, options, true);
  }

  /**
   * Finds the longest run of leading words (up to 6) that names a place, for a parser that
   * splits on spaces: ["Bagnères", "de", "Bigorre", "prêt"] -> Bagnères-de-Bigorre, used 3.
   */
  resolvePrefix(
    words: string[],
    options: ResolveOptions = {},
  ): { place: PlaceResolution; used: number } | undefined {
    for (let used = Math.min(MAX_PREFIX_WORDS, words.length); used >= 1; used--) {
      // No suggestions here: a miss only means "try fewer words".
      const place = this.resolver.resolve(words.slice(0, used).join(" "), options, false);
      if (place.status !== "unknown") return { place, used };
    }
    return undefined;
  }

  /** The place of that kind and code, if it exists ("2a" is read as "2A"). */
  byCode(kind: PlaceKind, code: string): Place | undefined {
    switch (kind) {
      case "commune":
        return this.data.communes.get(code.toUpperCase())?.place;
      case "postcode":
        return postcodePlace(this.data, code);
      case "epci":
        return this.data.epcis.get(code)?.place;
      case "departement":
        return this.data.departements.get(departementCode(code) ?? code.toUpperCase());
      case "region":
        return this.data.regions.get(code);
    }
  }

  /** The postal codes of a commune, in ascending order ([code] for a postcode, [] for an area). */
  postcodesOf(place: Place): string[] {
    if (place.kind === "postcode") return [place.code];
    if (place.kind !== "commune") return [];
    if (this.communePostcodes === undefined) {
      this.communePostcodes = new Map();
      for (const [postcode, communes] of this.data.postcodes) {
        for (const code of communes) {
          const list = this.communePostcodes.get(code);
          if (list === undefined) this.communePostcodes.set(code, [postcode]);
          else list.push(postcode);
        }
      }
      for (const list of this.communePostcodes.values()) list.sort();
    }
    return [...(this.communePostcodes.get(place.code) ?? [])];
  }

  /** A short human label: "Tarbes (65)", "Hautes-Pyrénées (65)", "65200 (Bagnères-de-Bigorre, Pouzac…)". */
  label(place: Place): string {
    switch (place.kind) {
      case "commune":
        return `${place.name} (${place.departements[0] ?? "?"})`;
      case "departement":
        return `${place.name} (${place.code})`;
      case "postcode": {
        const names = postcodeCommunes(this.data, place.code).map((p) => p.name);
        if (names.length === 0) return place.code;
        const more = names.length > 2 ? "…" : "";
        return `${place.code} (${names.slice(0, 2).join(", ")}${more})`;
      }
      case "epci":
      case "region":
        return place.name;
    }
  }

  /**
   * The tokens stored with a listing located at `place`, for the full-text filter: its own
   * code and every area containing it. A listing covering an area also gets `area_*`.
   */
  listingTags(place: Place): string {
    const region = (dep: string) => this.data.departements.get(dep)?.region;
    switch (place.kind) {
      case "commune": {
        const epci = this.data.communes.get(place.code)?.epci;
        const dep = place.departements[0] ?? "";
        const tags = [tag("com", place.code)];
        if (epci !== undefined) tags.push(tag("epci", epci));
        tags.push(tag("dep", dep), tag("reg", place.region ?? region(dep) ?? ""));
        return tags.join(" ");
      }
      case "epci": {
        const regions = new Set(place.departements.map(region));
        return [
          tag("area_epci", place.code),
          tag("epci", place.code),
          ...place.departements.map((d) => tag("dep", d)),
          ...[...regions].flatMap((r) => (r === undefined ? [] : [tag("reg", r)])),
        ].join(" ");
      }
      case "departement":
        return [
          tag("area_dep", place.code),
          tag("dep", place.code),
          tag("reg", place.region ?? ""),
        ].join(" ");
      case "region":
        return [tag("area_reg", place.code), tag("reg", place.code)].join(" ");
      case "postcode":
        throw new Error(
          `listingTags: postcode ${place.code} is not a listing place; resolve it with communeRequired`,
        );
    }
  }

  /**
   * The tokens of which any marks a listing "at or around" `place`: listings inside it, and
   * listings whose own place is a wider area containing it.
   */
  searchTags(place: Place): string[] {
    const tags = new Set<string>();
    switch (place.kind) {
      case "commune": {
        const dep = place.departements[0] ?? "";
        const epci = this.data.communes.get(place.code)?.epci;
        tags.add(tag("com", place.code));
        if (epci !== undefined) tags.add(tag("area_epci", epci));
        tags.add(tag("area_dep", dep));
        tags.add(tag("area_reg", place.region ?? this.data.departements.get(dep)?.region ?? ""));
        break;
      }
      case "postcode":
        for (const commune of postcodeCommunes(this.data, place.code)) {
          for (const t of this.searchTags(commune)) tags.add(t);
        }
        break;
      case "epci": {
        tags.add(tag("epci", place.code));
        for (const d of place.departements) tags.add(tag("area_dep", d));
        for (const d of place.departements) {
          const region = this.data.departements.get(d)?.region;
          if (region !== undefined) tags.add(tag("area_reg", region));
        }
        break;
      }
      case "departement":
        tags.add(tag("dep", place.code));
        tags.add(tag("area_reg", place.region ?? ""));
        break;
      case "region":
        tags.add(tag("reg", place.code));
        break;
    }
    return [...tags];
  }

  /** True when one place contains the other or they are the same (need/offer matching). */
  overlaps(a: Place, b: Place): boolean {
    const own = new Set(this.ownTags(a));
    return this.searchTags(b).some((t) => own.has(t));
  }

  /** A random current commune, weighted by population, optionally in one département. */
  randomCommune(rand: () => number, departement?: string): Place {
    const key = departement === undefined ? "" : (departementCode(departement) ?? departement);
    let pool = this.randomPools.get(key);
    if (pool === undefined) {
      const places: Place[] = [];
      const cumulative: number[] = [];
      let total = 0;
      for (const entry of this.data.communes.values()) {
        if (key !== "" && entry.place.departements[0] !== key) continue;
        // +1 keeps communes without a population figure possible, if unlikely.
        total += entry.population + 1;
        places.push(entry.place);
        cumulative.push(total);
      }
      if (places.length === 0) throw new Error(`randomCommune: unknown département "${key}"`);
      pool = { places, cumulative };
      this.randomPools.set(key, pool);
    }
    const target = rand() * (pool.cumulative.at(-1) ?? 0);
    let low = 0;
    let high = pool.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((pool.cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    const place = pool.places[low];
    if (place === undefined) throw new Error("randomCommune: empty pool");
    return place;
  }

  /** The tags a place carries as a listing; a postcode carries those of its communes. */
  private ownTags(place: Place): string[] {
    if (place.kind !== "postcode") return this.listingTags(place).split(" ");
    return postcodeCommunes(this.data, place.code).flatMap((c) => this.listingTags(c).split(" "));
  }
}

/** Loads the official geography into a new `Places` (a few hundred ms, under 20 MB of heap). */
export function loadPlaces(): Places {
  return new Places(loadPlaceData());
}
