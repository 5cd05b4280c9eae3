/** Listings (offers and needs): creating, reading, changing and ending them. */
import { and, asc, count, desc, eq, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import type { Place, Places } from "./places.js";
import { listings } from "./schema.js";

/** A listing row. */
export type Listing = typeof listings.$inferSelect;
/** `offer` or `need`. */
export type ListingKind = Listing["kind"];
/** `open`, `closed`, `expired`, `removed`, or `pending` (waiting for an animator's approval). */
export type ListingStatus = Listing["status"];

/** Not an anonymous record (storage/redaction.ts): records are shown to nobody. */
export const shown = isNull(listings.redactedAt);

/** Where a listing is, in the columns the listings table keeps. */
export interface ListingPlace {
  placeKind: Listing["placeKind"];
  placeCode: string;
  communeCode: string | null;
  departementCode: string | null;
  regionCode: string | null;
  epciCode: string | null;
  /** Tokens of the place hierarchy, for search filters. */
  placeTags: string;
}

/** The listing columns for a place. */
export function placeColumns(places: Places, place: Place): ListingPlace {
  if (place.kind === "postcode") throw new Error("a postcode is not a listing place");
  const tags = places.listingTags(place);
  const single = (prefix: string) => {
    const values = tags.split(" ").filter((t) => t.startsWith(prefix));
    return values.length === 1 ? (values[0]?.slice(prefix.length).toUpperCase() ?? null) : null;
  };
  return {
    placeKind: place.kind,
    placeCode: place.code,
    communeCode: place.kind === "commune" ? place.code : null,
    departementCode: place.departements.length === 1 ? (place.departements[0] ?? null) : null,
    regionCode: place.region ?? null,
    epciCode: single("epci_"),
    placeTags: tags,
  };
}

/** What a new listing needs. */
export interface NewListing {
  kind: ListingKind;
  title: string;
  description: string;
  category: string;
  terms: string | null;
  place: ListingPlace;
  authorId: number;
  networkId: number | null;
  /** The structure it is posted on behalf of (default none). */
  structureId?: number | null;
  expiresAt: number;
  /** `pending` when it waits for an animator's approval (moderated posting); default `open`. */
  status?: "open" | "pending";
}

/** Saves a new listing, open unless it waits for approval; its id is its public number. */
export function createListing(db: Db, input: NewListing, now: number): Listing {
  const insert = prepared(db, "createListing", () => {
    const p = (name: string) => sql.placeholder(name);
    return db
      .insert(listings)
      .values({
        kind: p("kind"),
        title: p("title"),
        description: p("description"),
        category: p("category"),
        terms: p("terms"),
        placeKind: p("placeKind"),
        placeCode: p("placeCode"),
        communeCode: p("communeCode"),
        departementCode: p("departementCode"),
        regionCode: p("regionCode"),
        epciCode: p("epciCode"),
        placeTags: p("placeTags"),
        authorId: p("authorId"),
        networkId: p("networkId"),
        structureId: p("structureId"),
        status: p("status"),
        createdAt: p("now"),
        updatedAt: p("now"),
        expiresAt: p("expiresAt"),
      })
      .returning()
      .prepare();
  });
  const { place, structureId, status, ...fields } = input;
  return insert.get({
    ...fields,
    ...place,
    structureId: structureId ?? null,
    status: status ?? "open",
    now,
  });
}

/** The listing with this number, or undefined (also for an anonymous record). */
export function listingById(db: Db, id: number): Listing | undefined {
  return prepared(db, "listingById", () =>
    db
      .select()
      .from(listings)
      .where(and(eq(listings.id, sql.placeholder("id")), shown))
      .prepare(),
  ).get({ id });
}

/** Listings by number, in the order of `ids` (missing ones skipped). */
export function listingsByIds(db: Db, ids: readonly number[]): Listing[] {
  if (ids.length === 0) return [];
  const rows = prepared(db, "listingsByIds", () =>
    db
      .select()
      .from(listings)
      .where(
        and(sql`${listings.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`, shown),
      )
      .prepare(),
  ).all({ ids: JSON.stringify(ids) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A member's listings: open ones first, then the others, newest first in each group. */
export function listingsOfAuthor(db: Db, authorId: number, limit: number, offset = 0): Listing[] {
  return db
    .select()
    .from(listings)
    .where(and(eq(listings.authorId, authorId), shown))
    .orderBy(sql`${listings.status} = 'open' DESC`, desc(listings.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** How many listings a member has, open and in all. */
export function countListingsOfAuthor(db: Db, authorId: number): { open: number; all: number } {
  return {
    open: countWhere(db, and(eq(listings.authorId, authorId), eq(listings.status, "open"), shown)),
    all: countWhere(db, and(eq(listings.authorId, authorId), shown)),
  };
}

function countWhere(db: Db, where: SQL | undefined): number {
  return db.select({ n: count() }).from(listings).where(where).get()?.n ?? 0;
}

/** The fields an author may change. */
export type ListingPatch = Partial<
  Pick<Listing, "title" | "description" | "category" | "terms" | "expiresAt"> & {
    place: ListingPlace;
  }
>;

/** Changes some fields of a listing. */
export function updateListing(db: Db, id: number, patch: ListingPatch, now: number): void {
  const { place, ...fields } = patch;
  db.update(listings)
    .set({ ...fields, ...(place ?? {}), updatedAt: now })
    .where(eq(listings.id, id))
    .run();
}

/** Extends a listing to `expiresAt`, opening it again if it had expired. */
export function renewListing(db: Db, id: number, expiresAt: number, now: number): void {
  db.update(listings)
    .set({ expiresAt, status: "open", closedAt: null, remindedAt: null, updatedAt: now })
    .where(and(eq(listings.id, id), inArray(listings.status, ["open", "expired"])))
    .run();
}

/** Closes a listing with its outcome (given, received, withdrawn, done). */
export function closeListing(db: Db, id: number, outcome: string, now: number): void {
  db.update(listings)
    .set({ status: "closed", outcome, closedAt: now, updatedAt: now })
    .where(eq(listings.id, id))
    .run();
}

/** Takes a listing down (moderation), keeping the reason. */
export function removeListing(db: Db, id: number, reason: string, now: number): void {
  db.update(listings)
    .set({ status: "removed", removalReason: reason, closedAt: now, updatedAt: now })
    .where(eq(listings.id, id))
    .run();
}

/** Deletes a listing for good (its author's choice). */
export function deleteListing(db: Db, id: number): void {
  db.delete(listings).where(eq(listings.id, id)).run();
}

/** Marks as expired every open listing whose date has passed; returns them. */
export function expireDueListings(db: Db, now: number): Listing[] {
  return db
    .update(listings)
    .set({ status: "expired", updatedAt: now })
    .where(and(eq(listings.status, "open"), lte(listings.expiresAt, now), shown))
    .returning()
    .all();
}

/** Open listings after a given number, oldest first, created after `since` (a digest's new listings). */
export function openListingsAfter(
  db: Db,
  afterId: number,
  since: number,
  limit: number,
): Listing[] {
  return db
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.status, "open"),
        shown,
        sql`${listings.id} > ${afterId}`,
        sql`${listings.createdAt} >= ${since}`,
      ),
    )
    .orderBy(asc(listings.id))
    .limit(limit)
    .all();
}

/** The highest listing number so far (0 when there is none). */
export function lastListingId(db: Db): number {
  return (
    (db.$client.prepare("SELECT coalesce(max(id), 0) FROM listings").pluck().get() as number) ?? 0
  );
}

/** Open listings ending between now and `before` whose authors were not asked yet. */
export function listingsToRemind(db: Db, now: number, before: number, limit: number): Listing[] {
  return db
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.status, "open"),
        shown,
        sql`${listings.expiresAt} > ${now}`,
        lte(listings.expiresAt, before),
        sql`${listings.remindedAt} IS NULL`,
      ),
    )
    .limit(limit)
    .all();
}

/** Records that a listing's author was asked whether it is still relevant. */
export function markReminded(db: Db, id: number, now: number): void {
  db.update(listings).set({ remindedAt: now }).where(eq(listings.id, id)).run();
}

/** How many listings were posted since `since` (whatever became of them). */
export function countListingsSince(db: Db, since: number): number {
  return countWhere(db, sql`${listings.createdAt} >= ${since}`);
}

/** A network's open listings after a given number, oldest first. */
export function networkListingsAfter(
  db: Db,
  networkId: number,
  afterId: number,
  limit: number,
): Listing[] {
  return db
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.networkId, networkId),
        eq(listings.status, "open"),
        shown,
        sql`${listings.id} > ${afterId}`,
      ),
    )
    .orderBy(asc(listings.id))
    .limit(limit)
    .all();
}
