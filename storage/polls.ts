/**
 * Polls: a network's questions with their numbered answers (bot/polls.ts posts them), where
 * each was posted with the platform's references, and one vote per member per poll.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "./db.js";
import { pollOptions, pollPosts, polls, pollVotes } from "./schema.js";

/** A poll as stored. */
export type Poll = typeof polls.$inferSelect;
/** Where a poll was posted. */
export type PollPost = typeof pollPosts.$inferSelect;

/** A poll with its answers, in order (position 1 first). */
export interface PollWithOptions extends Poll {
  options: string[];
}

/** Saves a new open poll with its answers. */
export function createPoll(
  db: Db,
  input: { networkId: number; authorId: number; question: string; options: string[] },
  now: number,
): PollWithOptions {
  const poll = db
    .insert(polls)
    .values({
      networkId: input.networkId,
      authorId: input.authorId,
      question: input.question,
      createdAt: now,
    })
    .returning()
    .get();
  db.insert(pollOptions)
    .values(input.options.map((text, i) => ({ pollId: poll.id, position: i + 1, text })))
    .run();
  return { ...poll, options: input.options };
}

/** The poll with this number and its answers, or undefined. */
export function pollById(db: Db, id: number): PollWithOptions | undefined {
  const poll = db.select().from(polls).where(eq(polls.id, id)).get();
  if (!poll) return undefined;
  const options = db
    .select({ text: pollOptions.text })
    .from(pollOptions)
    .where(eq(pollOptions.pollId, id))
    .orderBy(asc(pollOptions.position))
    .all()
    .map((o) => o.text);
  return { ...poll, options };
}

/** A network's polls, newest first. */
export function pollsOfNetwork(db: Db, networkId: number, limit: number): Poll[] {
  return db
    .select()
    .from(polls)
    .where(eq(polls.networkId, networkId))
    .orderBy(desc(polls.id))
    .limit(limit)
    .all();
}

/** Closes an open poll; false when it was already closed. */
export function closePoll(db: Db, id: number, by: number, now: number): boolean {
  return (
    db
      .update(polls)
      .set({ state: "closed", closedAt: now, closedBy: by })
      .where(and(eq(polls.id, id), eq(polls.state, "open")))
      .run().changes === 1
  );
}

/** Records that a poll's message was queued for a room. */
export function recordPollPost(
  db: Db,
  post: Pick<PollPost, "pollId" | "roomId" | "platform" | "platformRoomId" | "outboxId">,
): void {
  db.insert(pollPosts).values(post).run();
}

/**
 * Keeps the platform's references of a poll's message just sent (nothing when the message
 * carries no poll). `pollRef` defaults to the message id (Matrix votes name the event).
 */
export function notePollSent(
  db: Db,
  outboxId: number,
  platformMessageId: string,
  pollRef: string = platformMessageId,
): void {
  db.update(pollPosts)
    .set({ platformMessageId, platformPollRef: pollRef })
    .where(eq(pollPosts.outboxId, outboxId))
    .run();
}

/** Where a poll was posted. */
export function postsOfPoll(db: Db, pollId: number): PollPost[] {
  return db.select().from(pollPosts).where(eq(pollPosts.pollId, pollId)).all();
}

/** The poll a platform's vote names (by Telegram poll id, Matrix event id), if it is one of ours. */
export function postByPollRef(db: Db, platform: string, pollRef: string): PollPost | undefined {
  return db
    .select()
    .from(pollPosts)
    .where(and(eq(pollPosts.platform, platform), eq(pollPosts.platformPollRef, pollRef)))
    .get();
}

/**
 * Records a member's vote, replacing their earlier one unless that one is newer (a vote
 * delivered late). Returns whether the vote counts now.
 */
export function castVote(
  db: Db,
  vote: { pollId: number; memberId: number; position: number; platform: string; votedAt: number },
): boolean {
  return (
    db
      .insert(pollVotes)
      .values(vote)
      .onConflictDoUpdate({
        target: [pollVotes.pollId, pollVotes.memberId],
        set: {
          position: sql`excluded.position`,
          platform: sql`excluded.platform`,
          votedAt: sql`excluded.voted_at`,
        },
        setWhere: sql`excluded.voted_at >= ${pollVotes.votedAt}`,
      })
      .run().changes === 1
  );
}

/** Withdraws a member's vote (unless a newer one came first); returns whether one was withdrawn. */
export function withdrawVote(db: Db, pollId: number, memberId: number, at: number): boolean {
  return (
    db
      .delete(pollVotes)
      .where(
        and(
          eq(pollVotes.pollId, pollId),
          eq(pollVotes.memberId, memberId),
          sql`${pollVotes.votedAt} <= ${at}`,
        ),
      )
      .run().changes === 1
  );
}

/** A member's vote in a poll (the answer's position), if any. */
export function voteOf(db: Db, pollId: number, memberId: number): number | undefined {
  return db
    .select({ position: pollVotes.position })
    .from(pollVotes)
    .where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.memberId, memberId)))
    .get()?.position;
}

/** Votes of a poll counted by answer and platform. */
export interface VoteCount {
  position: number;
  platform: string;
  votes: number;
}

/** The votes of a poll, counted by answer and by platform. */
export function countVotes(db: Db, pollId: number): VoteCount[] {
  return db
    .select({ position: pollVotes.position, platform: pollVotes.platform, votes: count() })
    .from(pollVotes)
    .where(eq(pollVotes.pollId, pollId))
    .groupBy(pollVotes.position, pollVotes.platform)
    .orderBy(asc(pollVotes.position), asc(pollVotes.platform))
    .all();
}
