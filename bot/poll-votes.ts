/**
 * Votes cast in the bot's native polls (a Telegram poll_answer, a Matrix m.poll.response):
 * the adapter says who chose what in which poll; here the poll is found by the platform's
 * reference and the vote counted with those of every other platform. Nothing is answered:
 * the platform already shows the vote to the person.
 */
import type { InboundVote } from "../adapters/types.js";
import type { Db } from "../storage/db.js";
import { markEventProcessed } from "../storage/events.js";
import { findOrCreateMember } from "../storage/members.js";
import { pollById, postByPollRef } from "../storage/polls.js";
import type { Logger } from "./logger.js";
import { applyVote } from "./polls.js";

/**
 * Counts one native vote (in the caller's transaction). A vote naming an answer the poll does
 * not have is spoiled, as Matrix's polls say: it withdraws the person's vote.
 */
export function recordNativeVote(db: Db, vote: InboundVote, now: number, log: Logger): void {
  if (!markEventProcessed(db, vote.platform, vote.eventId, now)) {
    log.debug("vote already handled");
    return;
  }
  const post = postByPollRef(db, vote.platform, vote.pollRef);
  const poll = post ? pollById(db, post.pollId) : undefined;
  if (!poll) {
    log.debug({ pollRef: vote.pollRef }, "vote in a poll that is not the bot's");
    return;
  }
  const member = findOrCreateMember(
    db,
    {
      platform: vote.platform,
      platformUserId: vote.sender.id,
      displayName: vote.sender.displayName,
      ...(vote.sender.username ? { username: vote.sender.username } : {}),
    },
    now,
  );
  const [first] = vote.choices;
  const valid =
    first !== undefined &&
    vote.choices.every((c) => Number.isInteger(c) && c >= 0 && c < poll.options.length);
  const outcome = applyVote(
    db,
    poll,
    { memberId: member.id, position: valid ? first + 1 : null, platform: vote.platform },
    now,
  );
  log.debug({ poll: poll.id, member: member.id, outcome }, "native vote");
}
