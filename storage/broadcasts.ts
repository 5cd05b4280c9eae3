/**
 * Broadcasts: an animator's message to every room of their network (bot/broadcasts.ts sends
 * them and reports), the messages queued for it, and the members who also want them in
 * private.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "./db.js";
import {
  broadcastDeliveries,
  broadcasts,
  broadcastSubscriptions,
  members,
  outbox,
  rooms,
} from "./schema.js";
import type { Member } from "./members.js";

/** A broadcast as stored. */
export type Broadcast = typeof broadcasts.$inferSelect;
/** Where a broadcast is in its life. */
export type BroadcastState = Broadcast["state"];

/** Saves a new draft. */
export function createBroadcast(
  db: Db,
  draft: { networkId: number | null; authorId: number; text: string; scheduledAt: number | null },
  now: number,
): Broadcast {
  return db
    .insert(broadcasts)
    .values({ ...draft, createdAt: now })
    .returning()
    .get();
}

/** The broadcast with this number, or undefined. */
export function broadcastById(db: Db, id: number): Broadcast | undefined {
  return db.select().from(broadcasts).where(eq(broadcasts.id, id)).get();
}

/** Changes a draft's options. */
export function setBroadcastOptions(
  db: Db,
  id: number,
  options: Partial<Pick<Broadcast, "pin" | "toMembers">>,
): Broadcast {
  return db.update(broadcasts).set(options).where(eq(broadcasts.id, id)).returning().get();
}

/** Moves a broadcast to another state (with the time of the step, when it has one). */
export function setBroadcastState(
  db: Db,
  id: number,
  state: BroadcastState,
  times: Partial<Pick<Broadcast, "startedAt" | "reportedAt">> = {},
): void {
  db.update(broadcasts)
    .set({ state, ...times })
    .where(eq(broadcasts.id, id))
    .run();
}

/** How many broadcasts a member confirmed since `since` (the per-animator limit). */
export function countConfirmedBroadcasts(db: Db, authorId: number, since: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(broadcasts)
      .where(
        and(
          eq(broadcasts.authorId, authorId),
          inArray(broadcasts.state, ["scheduled", "sending", "sent"]),
          gte(broadcasts.createdAt, since),
        ),
      )
      .get()?.n ?? 0
  );
}

/** Scheduled broadcasts whose time has come, oldest first. */
export function dueBroadcasts(db: Db, now: number): Broadcast[] {
  return db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.state, "scheduled"), lte(broadcasts.scheduledAt, now)))
    .orderBy(asc(broadcasts.scheduledAt))
    .all();
}

/** Broadcasts handed to the outbox whose author has not had the report yet. */
export function sendingBroadcasts(db: Db): Broadcast[] {
  return db.select().from(broadcasts).where(eq(broadcasts.state, "sending")).all();
}

/**
 * Broadcasts a member sees in `/diffusions`: theirs (or everyone's, for an administrator),
 * the scheduled ones first, then the latest sent or cancelled.
 */
export function listBroadcasts(db: Db, authorId: number | null, limit: number): Broadcast[] {
  return db
    .select()
    .from(broadcasts)
    .where(
      and(
        authorId === null ? undefined : eq(broadcasts.authorId, authorId),
        inArray(broadcasts.state, ["scheduled", "sending", "sent", "cancelled"]),
      ),
    )
    .orderBy(
      sql`${broadcasts.state} = 'scheduled' DESC`,
      asc(sql`CASE WHEN ${broadcasts.state} = 'scheduled' THEN ${broadcasts.scheduledAt} END`),
      desc(broadcasts.id),
    )
    .limit(limit)
    .all();
}

/** Records a message queued for a broadcast (to a room, or to a member in private). */
export function recordDelivery(
  db: Db,
  delivery: { broadcastId: number; outboxId: number; roomId?: number; memberId?: number },
): void {
  db.insert(broadcastDeliveries)
    .values({
      broadcastId: delivery.broadcastId,
      outboxId: delivery.outboxId,
      roomId: delivery.roomId ?? null,
      memberId: delivery.memberId ?? null,
    })
    .run();
}

/** How one queued message of a broadcast went. */
export interface DeliveryOutcome {
  roomId: number | null;
  roomTitle: string | null;
  platform: string;
  memberId: number | null;
  state: "pending" | "sending" | "sent" | "failed" | "held";
  lastError: string | null;
  note: string | null;
}

/** The queued messages of a broadcast and how each went. */
export function deliveriesOf(db: Db, broadcastId: number): DeliveryOutcome[] {
  return db
    .select({
      roomId: broadcastDeliveries.roomId,
      roomTitle: rooms.title,
      platform: outbox.platform,
      memberId: broadcastDeliveries.memberId,
      state: outbox.state,
      lastError: outbox.lastError,
      note: outbox.note,
    })
    .from(broadcastDeliveries)
    .innerJoin(outbox, eq(outbox.id, broadcastDeliveries.outboxId))
    .leftJoin(rooms, eq(rooms.id, broadcastDeliveries.roomId))
    .where(eq(broadcastDeliveries.broadcastId, broadcastId))
    .orderBy(asc(broadcastDeliveries.outboxId))
    .all();
}

/** Subscribes a member to a network's broadcasts; false when they already were. */
export function subscribeToBroadcasts(
  db: Db,
  memberId: number,
  networkId: number,
  now: number,
): boolean {
  return (
    db
      .insert(broadcastSubscriptions)
      .values({ memberId, networkId, createdAt: now })
      .onConflictDoNothing()
      .run().changes > 0
  );
}

/** Ends a subscription; false when there was none. */
export function unsubscribeFromBroadcasts(db: Db, memberId: number, networkId: number): boolean {
  return (
    db
      .delete(broadcastSubscriptions)
      .where(
        and(
          eq(broadcastSubscriptions.memberId, memberId),
          eq(broadcastSubscriptions.networkId, networkId),
        ),
      )
      .run().changes > 0
  );
}

/** The members who receive broadcasts of these networks in private (each once). */
export function broadcastSubscribers(db: Db, networkIds: readonly number[]): Member[] {
  if (networkIds.length === 0) return [];
  return db
    .selectDistinct({ member: members })
    .from(broadcastSubscriptions)
    .innerJoin(members, eq(members.id, broadcastSubscriptions.memberId))
    .where(inArray(broadcastSubscriptions.networkId, [...networkIds]))
    .orderBy(asc(members.id))
    .all()
    .map((r) => r.member);
}
