/**
 * Turning listings into anonymous records: what a member's erasure does to their listings, and
 * what the retention period does to listings that ended long ago.
 *
 * The row stays, because the statistics count rows (storage/stats.ts: listings posted by kind,
 * category and week, how they ended, matches and contacts about them, structures and members
 * active): a record keeps its kind, category, network, structure, status, outcome and dates,
 * so that every figure of every period stays what it was. Its title, description, terms,
 * moderation reason and (unless asked otherwise) its precise place are gone, it leaves the
 * search index, and no command shows it again (`redactedAt` is set).
 */
import type { Db } from "./db.js";

/** What a record keeps besides the statistics' columns. */
export interface RedactionOptions {
  /** Keep the place and the terms (ended listings left to the statistics); else the région only. */
  keepPlace: boolean;
}

/**
 * Redacts the listings whose ids are given (those already redacted are left alone); returns
 * how many. Conversations about them stay: their messages have a retention period of their
 * own, and an erased member's go with them. Runs inside the caller's transaction.
 */
export function redactListings(
  db: Db,
  ids: readonly number[],
  options: RedactionOptions,
  now: number,
): number {
  if (ids.length === 0) return 0;
  const q = db.$client;
  const params = { ids: JSON.stringify(ids), now };
  const chosen = "id IN (SELECT value FROM json_each(@ids)) AND redacted_at IS NULL";
  const redacted = q
    .prepare<typeof params, number>(`SELECT id FROM listings WHERE ${chosen}`)
    .pluck()
    .all(params);
  if (redacted.length === 0) return 0;
  const these = { ids: JSON.stringify(redacted), now };
  const place = options.keepPlace
    ? ""
    : `, terms = NULL, place_kind = 'region', place_code = coalesce(region_code, ''),
         commune_code = NULL, departement_code = NULL, epci_code = NULL`;
  q.prepare(
    `UPDATE listings SET title = '', description = '', removal_reason = NULL, place_tags = '',
       reminded_at = NULL, redacted_at = @now ${place}
     WHERE id IN (SELECT value FROM json_each(@ids))`,
  ).run(these);
  // The update trigger wrote the record back into the search index: take it out for good.
  q.prepare("DELETE FROM listings_fts WHERE rowid IN (SELECT value FROM json_each(@ids))").run(
    these,
  );
  q.prepare(
    "DELETE FROM pending_matches WHERE listing_id IN (SELECT value FROM json_each(@ids))",
  ).run(these);
  // Audit entries keep what was done to the listing, not what it said.
  q.prepare(
    `UPDATE audit_log SET details = json_remove(details, '$.title')
     WHERE listing_id IN (SELECT value FROM json_each(@ids)) AND json_valid(details)`,
  ).run(these);
  return redacted.length;
}

/**
 * Rewrites the search index without the entries of deleted and redacted rows. A deletion only
 * marks an entry as gone until its segment is merged; this merges everything at once, so that
 * no word of an erased listing stays in the file. Seconds on a large territory: run at night,
 * after an erasure.
 */
export function compactSearchIndex(db: Db): void {
  db.$client.prepare("INSERT INTO listings_fts (listings_fts) VALUES ('optimize')").run();
}
