/** Guided conversations in progress: stored, so that a restart does not lose a draft. */
import { eq } from "drizzle-orm";
import type { Db } from "./db.js";
import { conversations } from "./schema.js";

/** A conversation in progress, with its data parsed. */
export interface Conversation<D = unknown> {
  memberId: number;
  flow: string;
  step: string;
  data: D;
  originRoomId: number | null;
  updatedAt: number;
}

/** The member's conversation in progress, if any. */
export function getConversation<D = unknown>(
  db: Db,
  memberId: number,
): Conversation<D> | undefined {
  const row = db.select().from(conversations).where(eq(conversations.memberId, memberId)).get();
  return row ? { ...row, data: JSON.parse(row.data) as D } : undefined;
}

/** Starts or updates the member's conversation (one at a time: a new one replaces the old). */
export function saveConversation<D>(
  db: Db,
  conversation: Omit<Conversation<D>, "updatedAt">,
  now: number,
): void {
  const values = {
    memberId: conversation.memberId,
    flow: conversation.flow,
    step: conversation.step,
    data: JSON.stringify(conversation.data),
    originRoomId: conversation.originRoomId,
    updatedAt: now,
  };
  db.insert(conversations)
    .values(values)
    .onConflictDoUpdate({ target: conversations.memberId, set: values })
    .run();
}

/** Ends the member's conversation; true when there was one. */
export function endConversation(db: Db, memberId: number): boolean {
  return db.delete(conversations).where(eq(conversations.memberId, memberId)).run().changes > 0;
}
