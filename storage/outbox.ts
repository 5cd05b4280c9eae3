/**
 * The outbox: messages queued in the same transaction as what caused them, delivered after
 * the commit (bot/outbox.ts), retried until they go through or fail for good.
 */
import { and, asc, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Destination, OutgoingMessage } from "../bot/reply.js";
import { prepared, type Db } from "./db.js";
import { outbox } from "./schema.js";

/** An outbox row. */
export type OutboxRow = typeof outbox.$inferSelect;

/** Queues a message; with a `dedupeKey` already queued, does nothing and returns undefined. */
export function enqueueMessage(
  db: Db,
  destination: Destination,
  message: OutgoingMessage,
  now: number,
  dedupeKey?: string,
): number | undefined {
  const insert = prepared(db, "enqueueMessage", () =>
    db
      .insert(outbox)
      .values({
        platform: sql.placeholder("platform"),
        destinationKind: sql.placeholder("destinationKind"),
        destinationId: sql.placeholder("destinationId"),
        payload: sql.placeholder("payload"),
        nextAttemptAt: sql.placeholder("now"),
        dedupeKey: sql.placeholder("dedupeKey"),
        createdAt: sql.placeholder("now"),
      })
      .onConflictDoNothing()
      .returning({ id: outbox.id })
      .prepare(),
  );
  return insert.get({
    platform: destination.platform,
    destinationKind: destination.kind,
    destinationId: destination.kind === "room" ? destination.roomId : destination.userId,
    payload: JSON.stringify(message),
    now,
    dedupeKey: dedupeKey ?? null,
  })?.id;
}

/** Notes what happened after a message was sent (`pinned`, `pin-failed: …`). */
export function setOutboxNote(db: Db, id: number, note: string): void {
  db.update(outbox).set({ note }).where(eq(outbox.id, id)).run();
}

/** The destination of a row. */
export function destinationOf(row: OutboxRow): Destination {
  return row.destinationKind === "room"
    ? { kind: "room", platform: row.platform, roomId: row.destinationId }
    : { kind: "member", platform: row.platform, userId: row.destinationId };
}

/** The message of a row. */
export function messageOf(row: OutboxRow): OutgoingMessage {
  return JSON.parse(row.payload) as OutgoingMessage;
}

/** The oldest pending messages (due or not), in queue order. */
export function pendingMessages(db: Db, limit: number): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(eq(outbox.state, "pending"))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
}

/** What the delivery loop needs to schedule a queued message (not its payload). */
export interface QueueHead {
  id: number;
  platform: string;
  destinationKind: "room" | "member";
  destinationId: string;
  nextAttemptAt: number;
}

/**
 * The first pending message of each destination, oldest first: a destination's later
 * messages wait for its first (order is kept), and a destination with a long queue does not
 * hide the others.
 */
export function queueHeads(db: Db, limit: number): QueueHead[] {
  return prepared(db, "queueHeads", () =>
    db.$client.prepare<[number], QueueHead>(
      `SELECT id, platform, destination_kind AS destinationKind, destination_id AS destinationId,
              next_attempt_at AS nextAttemptAt
       FROM outbox
       WHERE id IN (SELECT min(id) FROM outbox WHERE state = 'pending'
                    GROUP BY platform, destination_kind, destination_id)
       ORDER BY id LIMIT ?`,
    ),
  ).all(limit);
}

/** The first pending message of a destination, after a delivery or a retry. */
export function nextInQueue(
  db: Db,
  destination: Pick<QueueHead, "platform" | "destinationKind" | "destinationId">,
): QueueHead | undefined {
  return prepared(db, "nextInQueue", () =>
    db.$client.prepare<[string, string, string], QueueHead>(
      `SELECT id, platform, destination_kind AS destinationKind, destination_id AS destinationId,
              next_attempt_at AS nextAttemptAt
       FROM outbox
       WHERE state = 'pending' AND platform = ? AND destination_kind = ? AND destination_id = ?
       ORDER BY id LIMIT 1`,
    ),
  ).get(destination.platform, destination.destinationKind, destination.destinationId);
}

/** A queued message by id. */
export function outboxRowById(db: Db, id: number): OutboxRow | undefined {
  return prepared(db, "outboxRowById", () =>
    db
      .select()
      .from(outbox)
      .where(eq(outbox.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

/** Marks a message as being sent now (one more attempt). */
export function markSending(db: Db, id: number): void {
  prepared(db, "markSending", () =>
    db
      .update(outbox)
      .set({ state: "sending", attempts: sql`${outbox.attempts} + 1` })
      .where(eq(outbox.id, sql.placeholder("id")))
      .prepare(),
  ).run({ id });
}

/** Marks a message as delivered. */
export function markSent(db: Db, id: number, platformMessageId: string, now: number): void {
  prepared(db, "markSent", () =>
    db
      .update(outbox)
      .set({
        state: "sent",
        platformMessageId: sql`${sql.placeholder("platformMessageId")}`,
        sentAt: sql`${sql.placeholder("now")}`,
        lastError: null,
      })
      .where(eq(outbox.id, sql.placeholder("id")))
      .prepare(),
  ).run({ id, platformMessageId, now });
}

/**
 * Puts a message back in the queue for another attempt at `nextAttemptAt`. With
 * `countAttempt` false (the platform only asked to slow down), the attempt just made is not
 * counted against the message.
 */
export function markRetry(
  db: Db,
  id: number,
  nextAttemptAt: number,
  error: string,
  countAttempt = true,
): void {
  prepared(db, "markRetry", () =>
    db
      .update(outbox)
      .set({
        state: "pending",
        nextAttemptAt: sql`${sql.placeholder("nextAttemptAt")}`,
        lastError: sql`${sql.placeholder("error")}`,
        attempts: sql`max(0, ${outbox.attempts} - ${sql.placeholder("uncount")})`,
      })
      .where(eq(outbox.id, sql.placeholder("id")))
      .prepare(),
  ).run({ id, nextAttemptAt, error, uncount: countAttempt ? 0 : 1 });
}

/** Keeps a message for a person who cannot be reached now, until they come back. */
export function markHeld(db: Db, id: number, error: string): void {
  db.update(outbox).set({ state: "held", lastError: error }).where(eq(outbox.id, id)).run();
}

/**
 * Puts back in the queue the messages held for a person who came back, if queued after
 * `since` (older ones are out of date); returns how many.
 */
export function releaseHeld(
  db: Db,
  platform: string,
  userId: string,
  since: number,
  now: number,
): number {
  return db
    .update(outbox)
    .set({ state: "pending", nextAttemptAt: now })
    .where(
      and(
        eq(outbox.state, "held"),
        eq(outbox.platform, platform),
        eq(outbox.destinationKind, "member"),
        eq(outbox.destinationId, userId),
        gte(outbox.createdAt, since),
      ),
    )
    .run().changes;
}

/** Gives up on a message, keeping why. */
export function markFailed(db: Db, id: number, error: string): void {
  db.update(outbox).set({ state: "failed", lastError: error }).where(eq(outbox.id, id)).run();
}

/**
 * Withdraws a message that is still waiting (not being sent, not sent): it will never go out.
 * False when it is too late. The row stays, failed, with why.
 */
export function withdrawWaiting(db: Db, id: number, why: string): boolean {
  return (
    db
      .update(outbox)
      .set({ state: "failed", lastError: `withdrawn: ${why}` })
      .where(and(eq(outbox.id, id), inArray(outbox.state, ["pending", "held"])))
      .run().changes > 0
  );
}

/**
 * After a crash, messages that were being sent go back to the queue. A message may then be
 * sent twice only if the crash fell between the platform's acceptance and our commit.
 */
export function requeueInterrupted(db: Db): number {
  return db.update(outbox).set({ state: "pending" }).where(eq(outbox.state, "sending")).run()
    .changes;
}

/** Counts messages by state. */
export function outboxCounts(db: Db): Record<OutboxRow["state"], number> {
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0, held: 0 };
  for (const row of db
    .select({ state: outbox.state, n: count() })
    .from(outbox)
    .groupBy(outbox.state)
    .all()) {
    counts[row.state] = row.n;
  }
  return counts;
}

/** Deletes delivered, failed and held messages older than `before`. */
export function purgeOutbox(db: Db, before: number): number {
  return db
    .delete(outbox)
    .where(and(inArray(outbox.state, ["sent", "failed", "held"]), lt(outbox.createdAt, before)))
    .run().changes;
}
