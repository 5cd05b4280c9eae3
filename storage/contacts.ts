/**
 * Contacts between members through the bot: conversations about a listing, their messages,
 * the counts behind the daily limit and the statistics, and blocks.
 */
import { and, count, desc, eq, gte, or, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { contactMessages, contactThreads, memberBlocks } from "./schema.js";

/** A conversation row. */
export type ContactThread = typeof contactThreads.$inferSelect;

/** The conversation of `requesterId` about a listing, if they wrote already. */
export function findThread(
  db: Db,
  listingId: number,
  requesterId: number,
): ContactThread | undefined {
  return db
    .select()
    .from(contactThreads)
    .where(
      and(eq(contactThreads.listingId, listingId), eq(contactThreads.requesterId, requesterId)),
    )
    .get();
}

/** The conversation of `requesterId` about a listing, creating it on the first message. */
export function openThread(
  db: Db,
  input: { listingId: number; requesterId: number; authorId: number },
  now: number,
): { thread: ContactThread; created: boolean } {
  const existing = findThread(db, input.listingId, input.requesterId);
  if (existing) return { thread: existing, created: false };
  const thread = db
    .insert(contactThreads)
    .values({ ...input, createdAt: now, lastMessageAt: now })
    .returning()
    .get();
  return { thread, created: true };
}

/** The conversation with this number, or undefined. */
export function threadById(db: Db, id: number): ContactThread | undefined {
  return db.select().from(contactThreads).where(eq(contactThreads.id, id)).get();
}

/** Stores one relayed message and dates the conversation. */
export function addThreadMessage(
  db: Db,
  threadId: number,
  senderId: number,
  body: string,
  now: number,
): void {
  db.insert(contactMessages).values({ threadId, senderId, body, createdAt: now }).run();
  db.update(contactThreads)
    .set({ lastMessageAt: now })
    .where(eq(contactThreads.id, threadId))
    .run();
}

/** Records one side's consent to share their handle; returns the conversation as it now is. */
export function consentToShare(db: Db, thread: ContactThread, memberId: number): ContactThread {
  const patch =
    memberId === thread.requesterId ? { requesterShares: true } : { authorShares: true };
  return db
    .update(contactThreads)
    .set(patch)
    .where(eq(contactThreads.id, thread.id))
    .returning()
    .get();
}

/** How many new conversations a member started since `since` (the daily limit). */
export function threadsStartedSince(db: Db, memberId: number, since: number): number {
  return (
    db
      .select({ n: count() })
      .from(contactThreads)
      .where(and(eq(contactThreads.requesterId, memberId), gte(contactThreads.createdAt, since)))
      .get()?.n ?? 0
  );
}

/** How many messages a member sent through the bot since `since`. */
export function messagesSentSince(db: Db, memberId: number, since: number): number {
  return (
    db
      .select({ n: count() })
      .from(contactMessages)
      .where(and(eq(contactMessages.senderId, memberId), gte(contactMessages.createdAt, since)))
      .get()?.n ?? 0
  );
}

/** How many people contacted the author about a listing (statistics). */
export function contactsOfListing(db: Db, listingId: number): number {
  return (
    prepared(db, "contactsOfListing", () =>
      db
        .select({ n: count() })
        .from(contactThreads)
        .where(eq(contactThreads.listingId, sql.placeholder("listingId")))
        .prepare(),
    ).get({ listingId })?.n ?? 0
  );
}

/** A member's conversations, most recently active first. */
export function threadsOfMember(db: Db, memberId: number, limit: number): ContactThread[] {
  return db
    .select()
    .from(contactThreads)
    .where(or(eq(contactThreads.requesterId, memberId), eq(contactThreads.authorId, memberId)))
    .orderBy(desc(contactThreads.lastMessageAt), desc(contactThreads.id))
    .limit(limit)
    .all();
}

/** The last message of a conversation, if any. */
export function lastMessageOf(
  db: Db,
  threadId: number,
): { senderId: number; body: string } | undefined {
  return db
    .select({ senderId: contactMessages.senderId, body: contactMessages.body })
    .from(contactMessages)
    .where(eq(contactMessages.threadId, threadId))
    .orderBy(desc(contactMessages.id))
    .limit(1)
    .get();
}

/** Whether `memberId` blocked `otherId`. */
export function hasBlocked(db: Db, memberId: number, otherId: number): boolean {
  return (
    db
      .select({ one: sql<number>`1` })
      .from(memberBlocks)
      .where(and(eq(memberBlocks.memberId, memberId), eq(memberBlocks.blockedId, otherId)))
      .get() !== undefined
  );
}

/** `memberId` blocks (or, with `blocked` false, unblocks) `otherId`; returns whether it changed. */
export function setBlocked(
  db: Db,
  memberId: number,
  otherId: number,
  blocked: boolean,
  now: number,
): boolean {
  if (blocked) {
    return (
      db
        .insert(memberBlocks)
        .values({ memberId, blockedId: otherId, createdAt: now })
        .onConflictDoNothing()
        .run().changes > 0
    );
  }
  return (
    db
      .delete(memberBlocks)
      .where(and(eq(memberBlocks.memberId, memberId), eq(memberBlocks.blockedId, otherId)))
      .run().changes > 0
  );
}
