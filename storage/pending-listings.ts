/**
 * Listings waiting for an animator's approval (moderated posting, commands/listing-review.ts):
 * listed for the animators, and opened as if just posted.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "./db.js";
import { lastListingId, listingById, shown, type Listing } from "./listings.js";
import { listings } from "./schema.js";

/**
 * Opens a listing that waited for approval as if it were posted now: under a new number (the
 * next one), dated now, with the same length of life. Search (newest first by number),
 * digests and network summaries (which follow listing numbers) and matching then treat it as
 * new. Nothing refers to a pending listing yet (it cannot be contacted, reported or matched),
 * so the number can change. Returns the opened listing, undefined when it was not pending.
 */
export function publishPendingListing(db: Db, id: number, now: number): Listing | undefined {
  const listing = listingById(db, id);
  if (!listing || listing.status !== "pending") return undefined;
  const newId = lastListingId(db) + 1;
  return db
    .update(listings)
    .set({
      id: newId,
      status: "open",
      createdAt: now,
      updatedAt: now,
      expiresAt: now + Math.max(0, listing.expiresAt - listing.createdAt),
    })
    .where(and(eq(listings.id, id), eq(listings.status, "pending")))
    .returning()
    .get();
}

/** Listings waiting for approval, oldest first: of some networks, or (null) of all. */
export function pendingListings(
  db: Db,
  networkIds: readonly number[] | null,
  limit: number,
): Listing[] {
  return db
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.status, "pending"),
        // An erased author's listing is an anonymous record, nothing left to approve.
        shown,
        networkIds === null ? undefined : inArray(listings.networkId, [...networkIds]),
      ),
    )
    .orderBy(asc(listings.id))
    .limit(limit)
    .all();
}
