/**
 * Searching listings with the FTS5 index (listings_fts, kept in sync by triggers).
 *
 * Every filter is a token of the index's `tags` column (`st_open`, `kind_offer`,
 * `cat_vehicles`, `terms_loan`, place tokens from storage/places.ts), so one FTS query answers
 * words and filters together, walking the index newest first (rowid = listing number, which
 * grows with time) and stopping after a page. What people type never reaches FTS5 as syntax:
 * it is cut into words of letters and digits, each quoted.
 */
import { readProjectJson } from "./paths.js";
import { desc, eq, lt, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { listingsByIds, type Listing } from "./listings.js";
import type { PlaceKind, Places } from "./places.js";
import { searches } from "./schema.js";
import { fold } from "./text.js";

/** What a search asks for (saved with the search, for paging). */
export interface SearchCriteria {
  words: string[];
  kind?: "offer" | "need";
  category?: string;
  terms?: string;
  place?: { kind: PlaceKind; code: string };
  status: "open" | "closed" | "expired" | "all";
  /** A fixed list of listings instead of criteria (the full list of a digest). */
  ids?: number[];
}

/** One page of results. */
export interface SearchResult {
  listings: Listing[];
  hasMore: boolean;
  /** `recent`: newest first; `relevance`: titles holding every word first, newest first in each group. */
  ordering: "recent" | "relevance";
}

const STOP_WORDS = new Set(readProjectJson<string[]>("storage", "reference", "stop-words.json"));

/**
 * What splits words: anything but letters and digits, and the few letters (New Tai Lue,
 * Vedic signs) that SQLite's older Unicode tables read as separators — a term holding one
 * would become a phrase, which the index (detail=column) refuses.
 */
const SEPARATORS = /(?:[^\p{L}\p{N}_]|[\u19B0-\u19C0\u19C8\u19C9\u1CF2\u1CF3])+/u;

/** Longest indexed prefix (the `prefix` option of listings_fts goes from 3 to 8 characters). */
const MAX_PREFIX = 8;

/**
 * The search terms of what people typed: folded words of letters and digits, without stop
 * words (unless nothing else is left), with a French plural s/x dropped, and cut to the
 * longest indexed prefix. Each term of 3 characters or more is matched as a word start, so
 * "camion" finds "camionnette" and "véhicules" finds "vehicule".
 */
export function searchTerms(words: readonly string[]): string[] {
  const tokens = words.flatMap((w) => wordsOf(w));
  const meaningful = tokens.filter((w) => !STOP_WORDS.has(w) && w.length > 1);
  const kept = meaningful.length > 0 ? meaningful : tokens;
  const terms = kept.map((w) =>
    (w.length > 3 && /[^sx][sx]$/.test(w) ? w.slice(0, -1) : w).slice(0, MAX_PREFIX),
  );
  return [...new Set(terms)].slice(0, 12);
}

/** The words of a text as the index reads them: folded, split on anything but letters and digits. */
export function wordsOf(text: string): string[] {
  return fold(text)
    .split(SEPARATORS)
    .filter((w) => w.length > 0);
}

/** One term as FTS5 syntax: a quoted string, as a word start when long enough. */
export function term(t: string): string {
  const quoted = `"${t.replace(/"/g, '""')}"`;
  return t.length >= 3 ? `${quoted}*` : quoted;
}

/** The statuses a search may ask for, as the tags that include and exclude them. */
const STATUS_TAGS: Record<SearchCriteria["status"], { include: string; exclude: string }> = {
  open: { include: "st_open", exclude: "(st_closed OR st_expired OR st_removed OR st_pending)" },
  closed: { include: "st_closed", exclude: "(st_open OR st_expired OR st_removed OR st_pending)" },
  expired: {
    include: "st_expired",
    exclude: "(st_open OR st_closed OR st_removed OR st_pending)",
  },
  // Removed listings, and those waiting for approval, are never found.
  all: { include: "(st_open OR st_closed OR st_expired)", exclude: "(st_removed OR st_pending)" },
};

/**
 * The FTS5 queries of a search, in the order their results are shown. Without words: one
 * query, newest first. With words: listings whose title holds every word, then those where
 * some word is only in the description; newest first in each group.
 *
 * A common status (nine listings in ten are open) is cheaper to check as the absence of the
 * others once something more selective has narrowed the match: `… NOT tags:(st_closed OR …)`
 * rather than `tags:st_open`, which FTS5 would intersect in full.
 */
export function searchQueries(places: Places, criteria: SearchCriteria): string[] {
  const filters: string[] = [];
  if (criteria.kind) filters.push(`kind_${criteria.kind}`);
  if (criteria.category) filters.push(`cat_${criteria.category}`);
  if (criteria.terms) filters.push(`terms_${criteria.terms}`);
  if (criteria.place) {
    const place = places.byCode(criteria.place.kind, criteria.place.code);
    if (place) filters.push(`(${places.searchTags(place).join(" OR ")})`);
  }
  const status = STATUS_TAGS[criteria.status];
  const selective = criteria.status === "closed" || criteria.status === "expired";
  const terms = searchTerms(criteria.words);
  if (terms.length === 0 && (filters.length === 0 || selective)) {
    return [`tags : (${[status.include, ...filters].join(" AND ")})`];
  }
  const tagPart = selective ? [status.include, ...filters] : filters;
  const statusNot = selective ? "" : ` NOT tags : ${status.exclude}`;
  const tags = tagPart.length > 0 ? ` AND tags : (${tagPart.join(" AND ")})` : "";
  if (terms.length === 0) return [`tags : (${tagPart.join(" AND ")})${statusNot}`];
  const words = `(${terms.map(term).join(" AND ")})`;
  const inTitle = `{title} : ${words}`;
  return [
    `${inTitle}${tags}${statusNot}`,
    `{title description} : ${words}${tags}${statusNot} NOT ${inTitle}`,
  ];
}

const PAGE_SQL =
  "SELECT rowid FROM listings_fts WHERE listings_fts MATCH ? ORDER BY rowid DESC LIMIT ?";

/** The page query, prepared once per database (every post runs it to find counterparts). */
function pageStatement(db: Db) {
  return prepared(db, "searchPage", () =>
    db.$client.prepare<[string, number], number>(PAGE_SQL).pluck(),
  );
}

/** Searches listings; `page` is 0-based. */
export function searchListings(
  db: Db,
  places: Places,
  criteria: SearchCriteria,
  page: number,
  pageSize: number,
): SearchResult {
  if (criteria.ids) {
    // A fixed list (a digest's): shown in its order, open listings only unless asked.
    const start = page * pageSize;
    const rows = listingsByIds(db, criteria.ids.slice(start, start + pageSize)).filter(
      (l) =>
        l.status === criteria.status ||
        (criteria.status === "all" && l.status !== "removed" && l.status !== "pending"),
    );
    return { listings: rows, hasMore: criteria.ids.length > start + pageSize, ordering: "recent" };
  }
  const statement = pageStatement(db);
  const queries = searchQueries(places, criteria);
  // Walk the groups in order: skip `offset` results, collect one more than a page.
  let offset = page * pageSize;
  let wanted = pageSize + 1;
  const ids: number[] = [];
  for (const query of queries) {
    const rows = statement.all(query, wanted + offset);
    ids.push(...rows.slice(offset));
    offset = Math.max(0, offset - rows.length);
    wanted = pageSize + 1 - ids.length;
    if (wanted <= 0) break;
  }
  return {
    listings: listingsByIds(db, ids.slice(0, pageSize)),
    hasMore: ids.length > pageSize,
    ordering: queries.length > 1 ? "relevance" : "recent",
  };
}

/** Saves a search for paging; returns its id. */
export function saveSearch(
  db: Db,
  memberId: number,
  criteria: SearchCriteria,
  now: number,
): number {
  return prepared(db, "saveSearch", () =>
    db
      .insert(searches)
      .values({
        memberId: sql.placeholder("memberId"),
        criteria: sql.placeholder("criteria"),
        createdAt: sql.placeholder("now"),
      })
      .returning({ id: searches.id })
      .prepare(),
  ).get({ memberId, criteria: JSON.stringify(criteria), now }).id;
}

/** A saved search, with its criteria. */
export interface SavedSearch {
  id: number;
  memberId: number;
  criteria: SearchCriteria;
  page: number;
}

function saved(row: typeof searches.$inferSelect | undefined): SavedSearch | undefined {
  return (
    row && {
      id: row.id,
      memberId: row.memberId,
      criteria: JSON.parse(row.criteria) as SearchCriteria,
      page: row.page,
    }
  );
}

/** A saved search by id. */
export function searchById(db: Db, id: number): SavedSearch | undefined {
  return saved(db.select().from(searches).where(eq(searches.id, id)).get());
}

/** The member's latest search. */
export function latestSearch(db: Db, memberId: number): SavedSearch | undefined {
  return saved(
    db
      .select()
      .from(searches)
      .where(eq(searches.memberId, memberId))
      .orderBy(desc(searches.id))
      .limit(1)
      .get(),
  );
}

/** Remembers the last page shown. */
export function setSearchPage(db: Db, id: number, page: number): void {
  prepared(db, "setSearchPage", () =>
    db
      .update(searches)
      .set({ page: sql`${sql.placeholder("page")}` })
      .where(eq(searches.id, sql.placeholder("id")))
      .prepare(),
  ).run({ id, page });
}

/** Forgets searches made before `before`. */
export function purgeSearches(db: Db, before: number): number {
  return db.delete(searches).where(lt(searches.createdAt, before)).run().changes;
}

/** Words of a title that say what it is about (the longest, stop words left out). */
const COUNTERPART_WORDS = 5;

/**
 * The FTS5 query finding the open listings of the opposite kind that match a listing: same
 * category, places that overlap (one contains the other), and at least one significant word
 * of its title in common. Undefined when the title has no significant word.
 */
export function counterpartQuery(
  places: Places,
  listing: Pick<Listing, "kind" | "category" | "placeKind" | "placeCode" | "title">,
): string | undefined {
  const terms = searchTerms([listing.title])
    .filter((t) => t.length >= 3)
    .sort((a, b) => b.length - a.length)
    .slice(0, COUNTERPART_WORDS);
  const place = places.byCode(listing.placeKind, listing.placeCode);
  if (terms.length === 0 || !place) return undefined;
  const opposite = listing.kind === "offer" ? "need" : "offer";
  const words = terms.map(term).join(" OR ");
  const around = places.searchTags(place).join(" OR ");
  return `{title description} : (${words}) AND tags : (kind_${opposite} AND cat_${listing.category} AND (${around})) NOT tags : ${STATUS_TAGS.open.exclude}`;
}

/** The newest open listings of the opposite kind matching a listing (not its author's own). */
export function findCounterparts(
  db: Db,
  places: Places,
  listing: Pick<
    Listing,
    "id" | "kind" | "category" | "placeKind" | "placeCode" | "title" | "authorId"
  >,
  limit: number,
): Listing[] {
  const query = counterpartQuery(places, listing);
  if (!query) return [];
  const ids = pageStatement(db).all(query, limit * 2);
  return listingsByIds(
    db,
    ids.filter((id) => id !== listing.id),
  )
    .filter((l) => l.authorId !== listing.authorId)
    .slice(0, limit);
}
