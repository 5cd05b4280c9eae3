/**
 * Retention periods: relayed messages are deleted, and ended listings become anonymous records
 * (storage/redaction.ts), once they are older than the territory's settings
 * (RETENTION_MESSAGES_DAYS, RETENTION_CLOSED_LISTINGS_DAYS). The statistics do not change:
 * they count conversations, not messages, and records keep what they count.
 */
import type { Db } from "./db.js";
import { redactListings } from "./redaction.js";

/** How long things are kept, in days; null: for ever. */
export interface RetentionPeriods {
  messagesDays: number | null;
  closedListingsDays: number | null;
}

/** What a purge did. */
export interface RetentionReport {
  messages: number;
  listings: number;
}

const DAY = 86_400_000;
/** Records made in one transaction, so that a first purge of years of listings stays short. */
const BATCH = 500;

/** Deletes the relayed messages and redacts the ended listings past their period. */
export function purgeExpiredData(db: Db, periods: RetentionPeriods, now: number): RetentionReport {
  const q = db.$client;
  let messages = 0;
  let listings = 0;
  if (periods.messagesDays !== null) {
    messages = q
      .prepare("DELETE FROM contact_messages WHERE created_at < ?")
      .run(now - periods.messagesDays * DAY).changes;
  }
  if (periods.closedListingsDays !== null) {
    const ended = q
      .prepare<[number, number], number>(
        `SELECT id FROM listings
         WHERE status IN ('closed', 'expired', 'removed') AND redacted_at IS NULL
           AND coalesce(closed_at, expires_at) < ?
         ORDER BY id LIMIT ?`,
      )
      .pluck();
    for (;;) {
      const ids = ended.all(now - periods.closedListingsDays * DAY, BATCH);
      listings += redactListings(db, ids, { keepPlace: true }, now);
      if (ids.length < BATCH) break;
    }
  }
  return { messages, listings };
}
