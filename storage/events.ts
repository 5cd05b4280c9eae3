/** De-duplication of inbound platform events. */
import { lt, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { processedEvents } from "./schema.js";

/** Records that an event is being handled; false when it already was (a redelivery). */
export function markEventProcessed(
  db: Db,
  platform: string,
  eventId: string,
  now: number,
): boolean {
  const insert = prepared(db, "markEventProcessed", () =>
    db
      .insert(processedEvents)
      .values({
        platform: sql.placeholder("platform"),
        eventId: sql.placeholder("eventId"),
        processedAt: sql.placeholder("now"),
      })
      .onConflictDoNothing()
      .prepare(),
  );
  return insert.run({ platform, eventId, now }).changes === 1;
}

/** Forgets events handled before `before` (platforms never redeliver that old). */
export function purgeProcessedEvents(db: Db, before: number): number {
  return db.delete(processedEvents).where(lt(processedEvents.processedAt, before)).run().changes;
}
