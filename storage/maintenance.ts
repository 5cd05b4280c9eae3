/**
 * Upkeep of the full-text index. Every listing written adds a small segment to listings_fts;
 * FTS5 merges them as it goes, but a search walks every segment, so the nightly job merges
 * them further, a slice at a time so that the bot keeps answering meanwhile.
 */
import type { Db } from "./db.js";

/** Lets 'merge' combine as few as two segments of a level (the default waits for four). */
export function prepareSearchIndexMerge(db: Db): void {
  db.$client.prepare("INSERT INTO listings_fts (listings_fts, rank) VALUES ('usermerge', 2)").run();
}

/**
 * Merges index segments, writing at most about `pages` pages; false when there was nothing
 * left to merge (FTS5 reports a no-op by changing fewer than two rows).
 */
export function mergeSearchIndex(db: Db, pages: number): boolean {
  const before = db.$client.prepare("SELECT total_changes()").pluck().get() as number;
  db.$client
    .prepare("INSERT INTO listings_fts (listings_fts, rank) VALUES ('merge', ?)")
    .run(pages);
  const after = db.$client.prepare("SELECT total_changes()").pluck().get() as number;
  return after - before >= 2;
}

/** The number of segments of the full-text index (a search walks every one). */
export function searchIndexSegments(db: Db): number {
  return db.$client
    .prepare("SELECT count(DISTINCT segid) FROM listings_fts_idx")
    .pluck()
    .get() as number;
}
