/**
 * When members receive their digest (due times computed by bot/digest-time.ts), and how far
 * each member's digests have gone (the newest listing considered).
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { digestSettings, listingMatches, listings, pendingMatches } from "./schema.js";

/** A member's digest settings. */
export type DigestSettings = typeof digestSettings.$inferSelect;
/** How often a member receives their digest. */
export type Rhythm = DigestSettings["rhythm"];

/** The default rhythm: daily at 08:00. */
export const DEFAULT_RHYTHM: Pick<DigestSettings, "rhythm" | "time" | "weekday"> = {
  rhythm: "daily",
  time: "08:00",
  weekday: 1,
};

/**
 * A member's settings, created with the default rhythm on first need; `firstDue` says when
 * the first digest is due. Listings already posted are not news to them.
 */
export function ensureDigestSettings(db: Db, memberId: number, firstDue: number): DigestSettings {
  const existing = digestSettingsOf(db, memberId);
  if (existing) return existing;
  const cursor =
    (db.$client.prepare("SELECT coalesce(max(id), 0) FROM listings").pluck().get() as number) ?? 0;
  return db
    .insert(digestSettings)
    .values({ memberId, ...DEFAULT_RHYTHM, cursor, nextDueAt: firstDue })
    .returning()
    .get();
}

/** A member's settings, if they have any. */
export function digestSettingsOf(db: Db, memberId: number): DigestSettings | undefined {
  return prepared(db, "digestSettingsOf", () =>
    db
      .select()
      .from(digestSettings)
      .where(eq(digestSettings.memberId, sql.placeholder("memberId")))
      .prepare(),
  ).get({ memberId });
}

/** Changes a member's rhythm (and time and day), and when the next digest is due. */
export function setDigestRhythm(
  db: Db,
  memberId: number,
  change: Pick<DigestSettings, "rhythm" | "time" | "weekday">,
  nextDueAt: number,
): DigestSettings {
  ensureDigestSettings(db, memberId, nextDueAt);
  return db
    .update(digestSettings)
    .set({ ...change, nextDueAt })
    .where(eq(digestSettings.memberId, memberId))
    .returning()
    .get();
}

/** The members whose digest is due, the longest waiting first. */
export function dueDigests(db: Db, now: number, limit: number): DigestSettings[] {
  return db
    .select()
    .from(digestSettings)
    .where(lte(digestSettings.nextDueAt, now))
    .orderBy(asc(digestSettings.nextDueAt))
    .limit(limit)
    .all();
}

/** The oldest cursor among the members whose digest is due (undefined: nobody is due). */
export function lowestDueCursor(db: Db, now: number): number | undefined {
  const row = prepared(db, "lowestDueCursor", () =>
    db
      .select({ cursor: sql<number | null>`min(${digestSettings.cursor})` })
      .from(digestSettings)
      .where(lte(digestSettings.nextDueAt, sql.placeholder("now")))
      .prepare(),
  ).get({ now });
  return row?.cursor ?? undefined;
}

/** Records a digest run for a member: what was considered, and when the next one is due. */
export function advanceDigest(
  db: Db,
  memberId: number,
  update: { cursor: number; nextDueAt: number; sentAt: number | null },
): void {
  prepared(db, "advanceDigest", () =>
    db
      .update(digestSettings)
      .set({
        cursor: sql`${sql.placeholder("cursor")}`,
        nextDueAt: sql`${sql.placeholder("nextDueAt")}`,
        lastSentAt: sql`coalesce(${sql.placeholder("sentAt")}, ${digestSettings.lastSentAt})`,
      })
      .where(eq(digestSettings.memberId, sql.placeholder("memberId")))
      .prepare(),
  ).run({ ...update, memberId });
}

/** Records that a new listing matches earlier listings of the opposite kind. */
export function recordListingMatches(
  db: Db,
  listingId: number,
  matchedIds: readonly number[],
  now: number,
): void {
  for (const matchedListingId of matchedIds) {
    db.insert(listingMatches)
      .values({ listingId, matchedListingId, createdAt: now })
      .onConflictDoNothing()
      .run();
  }
}

/** A new listing matching a member's own listing. */
export interface CounterpartMatch {
  /** The new listing. */
  listingId: number;
  /** The member's listing it matches. */
  matchedListingId: number;
  /** The member (author of the matched listing). */
  memberId: number;
}

/** Matches of new listings (numbered above `afterId`) with listings of these members. */
export function counterpartMatchesOf(
  db: Db,
  memberIds: readonly number[],
  afterId: number,
): CounterpartMatch[] {
  if (memberIds.length === 0) return [];
  return (
    db
      .select({
        listingId: listingMatches.listingId,
        matchedListingId: listingMatches.matchedListingId,
        memberId: listings.authorId,
      })
      .from(listingMatches)
      .innerJoin(listings, eq(listings.id, listingMatches.matchedListingId))
      // Only for the member's listings still open: a closed one needs no more answers.
      .where(
        and(
          sql`${listings.authorId} IN (SELECT value FROM json_each(${JSON.stringify(memberIds)}))`,
          eq(listings.status, "open"),
          isNull(listings.redactedAt),
          sql`${listingMatches.listingId} > ${afterId}`,
        ),
      )
      .all()
  );
}

/** Asks for a new listing's counterparts to be found (bot/matching.ts). */
export function queueMatching(db: Db, listingId: number, now: number): void {
  prepared(db, "queueMatching", () =>
    db
      .insert(pendingMatches)
      .values({ listingId: sql.placeholder("listingId"), createdAt: sql.placeholder("now") })
      .onConflictDoNothing()
      .prepare(),
  ).run({ listingId, now });
}

/** Listings waiting for their counterparts, oldest first. */
export function pendingMatchListings(db: Db, limit: number): number[] {
  return db.$client
    .prepare<[number], number>("SELECT listing_id FROM pending_matches ORDER BY listing_id LIMIT ?")
    .pluck()
    .all(limit);
}

/** Done with a listing's counterparts. */
export function matchingDone(db: Db, listingId: number): void {
  db.delete(pendingMatches).where(eq(pendingMatches.listingId, listingId)).run();
}
