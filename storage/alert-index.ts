/**
 * Matching new listings against alerts, in memory: alerts are grouped by their key
 * (storage/alerts.ts `alertKeysOf`), a listing looks up the keys it carries, and only the
 * alerts found there are checked in full — with exactly the search's rules: every word of
 * the alert starts a word of the listing (accents, case and plurals as in search), the kind,
 * category and terms are the same, and the listing lies at or around the alert's place.
 */
import { alertKeysOf, type Alert } from "./alerts.js";
import type { Listing } from "./listings.js";
import type { Places } from "./places.js";
import { searchTerms, wordsOf } from "./search.js";

/** What matching needs of a listing. */
export type MatchableListing = Pick<
  Listing,
  "id" | "kind" | "category" | "terms" | "placeTags" | "title" | "description" | "authorId"
>;

/** The words of a listing as the index holds them (folded, ligatures spelt out). */
export function listingWords(listing: Pick<Listing, "title" | "description">): string[] {
  return [...new Set(wordsOf(`${listing.title} ${listing.description}`))];
}

/** Longest indexed word start (search terms are cut to it). */
const MAX_PREFIX = 8;

/**
 * The keys a listing carries: the starts of its words, its category, its place tokens alone and
 * with its category, its kind and terms.
 */
export function listingKeys(listing: MatchableListing, words: readonly string[]): string[] {
  const keys = new Set<string>(["all", `c:${listing.category}`, `k:${listing.kind}`]);
  if (listing.terms) keys.add(`t:${listing.terms}`);
  for (const tag of listing.placeTags.split(" ")) {
    if (tag) keys.add(`p:${tag}`).add(`cp:${listing.category}:${tag}`);
  }
  for (const word of words) {
    if (word.length < 3) keys.add(`w:${word}`);
    for (let n = 3; n <= Math.min(MAX_PREFIX, word.length); n++) keys.add(`w:${word.slice(0, n)}`);
  }
  return [...keys];
}

/** An alert ready to check: its terms and the place tokens a listing must carry one of. */
interface PreparedAlert {
  alert: Alert;
  terms: string[];
  placeTags: Set<string> | undefined;
}

function prepare(alert: Alert, places: Places): PreparedAlert {
  const place =
    alert.criteria.place && places.byCode(alert.criteria.place.kind, alert.criteria.place.code);
  return {
    alert,
    terms: searchTerms(alert.criteria.words),
    placeTags: place ? new Set(places.searchTags(place)) : undefined,
  };
}

/** Whether a prepared alert matches a listing (the search's rules). */
function matches(
  prepared: PreparedAlert,
  listing: MatchableListing,
  words: readonly string[],
  listingTags: readonly string[],
): boolean {
  const { criteria } = prepared.alert;
  if (criteria.kind && criteria.kind !== listing.kind) return false;
  if (criteria.category && criteria.category !== listing.category) return false;
  if (criteria.terms && criteria.terms !== listing.terms) return false;
  if (prepared.placeTags) {
    const tags = prepared.placeTags;
    if (!listingTags.some((tag) => tags.has(tag))) return false;
  }
  return prepared.terms.every((term) =>
    words.some((word) => (term.length >= 3 ? word.startsWith(term) : word === term)),
  );
}

/** Alerts grouped by key, for matching many listings. */
export class AlertIndex {
  private readonly byKey = new Map<string, PreparedAlert[]>();
  /** How many alerts were checked in full (the work done), for the benchmark. */
  checked = 0;

  constructor(alerts: readonly Alert[], places: Places) {
    for (const alert of alerts) {
      const prepared = prepare(alert, places);
      for (const key of alertKeysOf(alert.criteria, places)) {
        const list = this.byKey.get(key);
        if (list) list.push(prepared);
        else this.byKey.set(key, [prepared]);
      }
    }
  }

  /** The alerts a listing matches (each once); `words` when already known (`listingWords`). */
  match(listing: MatchableListing, words = listingWords(listing)): Alert[] {
    const found = new Map<number, Alert>();
    const tags = listing.placeTags.split(" ");
    for (const key of listingKeys(listing, words)) {
      for (const candidate of this.byKey.get(key) ?? []) {
        if (found.has(candidate.alert.id)) continue;
        this.checked++;
        if (matches(candidate, listing, words, tags))
          found.set(candidate.alert.id, candidate.alert);
      }
    }
    return [...found.values()];
  }
}

/** Whether one alert matches one listing, checked directly (tests, the naive benchmark). */
export function alertMatchesListing(
  alert: Alert,
  listing: MatchableListing,
  places: Places,
): boolean {
  return matches(
    prepare(alert, places),
    listing,
    listingWords(listing),
    listing.placeTags.split(" "),
  );
}
