/**
 * Polls across platforms: a poll is queued for every group room of its network (a native
 * poll on Telegram and Matrix, numbered text elsewhere), votes from every platform are counted
 * together (one per member), and closing it ends the native polls and posts the results.
 *
 * Exactly once: each room's message is queued with a key, in the transaction of the command,
 * with the record of where it went; the outbox notes the platform's references once sent
 * (storage/polls.ts `notePollSent`), so that native votes find their poll.
 */
import type { Db } from "../storage/db.js";
import { memberById } from "../storage/members.js";
import { membershipOf } from "../storage/membership.js";
import { networkById, roomById, roomsOfNetwork } from "../storage/networks.js";
import { enqueueMessage, withdrawWaiting } from "../storage/outbox.js";
import {
  castVote,
  countVotes,
  postsOfPoll,
  recordPollPost,
  withdrawVote,
  type PollWithOptions,
} from "../storage/polls.js";
import type { Translator } from "./i18n.js";
import { code, list, message, paragraph, strong, type Block, type RichText } from "./reply.js";

/** Telegram's limits, the strictest of the platforms: they hold everywhere. */
export const POLL_LIMITS = {
  questionMax: 300,
  optionMax: 100,
  minOptions: 2,
  maxOptions: 10,
} as const;

/** What posting a poll to the rooms needs (from a command's context). */
export interface PollSender {
  db: Db;
  /** Rooms are written to in the territory's language. */
  t: Translator;
  /** A command line as typed in a room of `platform`, in the rooms' language. */
  command(platform: string, id: string, ...args: (string | number)[]): string;
}

/** The poll as text: who asks, the question, the numbered answers, and how to vote. */
export function pollText(
  t: Translator,
  poll: PollWithOptions,
  from: { network: string; author: string },
  vote: string,
): RichText {
  return message([
    paragraph(strong(t("poll-heading", { id: poll.id, ...from }))),
    paragraph(strong(poll.question)),
    list(
      poll.options.map((option) => [option]),
      true,
    ),
    paragraph(t("poll-vote-how", { vote }), code(`${vote} 1`)),
  ]);
}

/** Queues the poll for every group room of its network; returns how many rooms. */
export function postPoll(sender: PollSender, poll: PollWithOptions, now: number): number {
  const { db, t } = sender;
  const from = {
    network: networkById(db, poll.networkId)?.name ?? "?",
    author:
      (poll.authorId === null ? undefined : memberById(db, poll.authorId))?.displayName ?? "?",
  };
  let posted = 0;
  for (const room of roomsOfNetwork(db, poll.networkId)) {
    if (room.kind !== "group") continue;
    const outboxId = enqueueMessage(
      db,
      { kind: "room", platform: room.platform, roomId: room.platformRoomId },
      {
        text: pollText(t, poll, from, sender.command(room.platform, "vote", poll.id)),
        poll: { question: poll.question, options: poll.options },
      },
      now,
      `poll:${poll.id}:room:${room.id}`,
    );
    if (outboxId === undefined) continue;
    recordPollPost(db, {
      pollId: poll.id,
      roomId: room.id,
      platform: room.platform,
      platformRoomId: room.platformRoomId,
      outboxId,
    });
    posted++;
  }
  return posted;
}

/** A poll's votes: per answer, per platform, and the number of voters. */
export interface PollResults {
  /** Votes for each answer, in order. */
  perOption: number[];
  /** Voters by platform, platforms in alphabetical order. */
  perPlatform: [string, number][];
  voters: number;
}

/** Counts a poll's votes. */
export function pollResults(db: Db, poll: PollWithOptions): PollResults {
  const perOption = poll.options.map(() => 0);
  const platforms = new Map<string, number>();
  let voters = 0;
  for (const row of countVotes(db, poll.id)) {
    if (row.position >= 1 && row.position <= perOption.length)
      perOption[row.position - 1] = (perOption[row.position - 1] ?? 0) + row.votes;
    platforms.set(row.platform, (platforms.get(row.platform) ?? 0) + row.votes);
    voters += row.votes;
  }
  return {
    perOption,
    perPlatform: [...platforms].sort(([a], [b]) => a.localeCompare(b)),
    voters,
  };
}

/** The results as people read them: each answer with its votes and share, voters, platforms. */
export function resultBlocks(t: Translator, poll: PollWithOptions, results: PollResults): Block[] {
  const { perOption, voters, perPlatform } = results;
  const share = (votes: number) => (voters === 0 ? 0 : Math.round((votes * 100) / voters));
  return [
    paragraph(strong(t("poll-results-heading", { id: poll.id, state: poll.state }))),
    paragraph(strong(poll.question)),
    list(
      poll.options.map((option, i) => {
        const votes = perOption[i] ?? 0;
        return [option, " — ", t("poll-results-option", { votes, percent: share(votes) })];
      }),
      true,
    ),
    paragraph(
      t("poll-results-voters", { voters }),
      ...(perPlatform.length > 0
        ? [
            " ",
            t("poll-results-platforms", {
              platforms: perPlatform.map(([platform, n]) => `${platform} ${n}`).join(", "),
            }),
          ]
        : []),
    ),
  ];
}

/**
 * Posts the results of a poll just closed in every room it was posted to, ending the native
 * poll there when it was sent. A poll still waiting in a room's queue (the platform was
 * unreachable) is withdrawn, so that no open poll appears after the results; that room gets
 * the results alone.
 */
export function postPollEnd(sender: PollSender, poll: PollWithOptions, now: number): number {
  const { db, t } = sender;
  const text = message(resultBlocks(t, poll, pollResults(db, poll)));
  let posted = 0;
  for (const post of postsOfPoll(db, poll.id)) {
    // The room may have a new id since (a Telegram group become a supergroup).
    const room = post.roomId === null ? undefined : roomById(db, post.roomId);
    if (room && !room.active) continue;
    if (!post.platformMessageId) withdrawWaiting(db, post.outboxId, "the poll was closed");
    const queued = enqueueMessage(
      db,
      {
        kind: "room",
        platform: post.platform,
        roomId: room?.platformRoomId ?? post.platformRoomId,
      },
      { text, ...(post.platformMessageId ? { endsPoll: post.platformMessageId } : {}) },
      now,
      `poll-end:${poll.id}:post:${post.id}`,
    );
    if (queued !== undefined) posted++;
  }
  return posted;
}

/** What became of a vote. */
export type VoteOutcome = "counted" | "withdrawn" | "unchanged" | "closed" | "not-member";

/**
 * Whether this person's vote counts in the network: anyone in an open network; in a network
 * that validates newcomers, approved members and the animators it knows — a pending or
 * refused request, or someone never admitted, does not vote.
 */
export function mayVote(db: Db, networkId: number, memberId: number): boolean {
  const network = networkById(db, networkId);
  if (!network || network.joinPolicy === "open") return true;
  const membership = membershipOf(db, networkId, memberId);
  return membership !== undefined && (membership.status === "approved" || membership.animator);
}

/**
 * Records a member's vote in a poll (`position` 1-based; null withdraws it). One vote per
 * member per poll, whatever the platform: a new one replaces the previous one.
 */
export function applyVote(
  db: Db,
  poll: PollWithOptions,
  vote: { memberId: number; position: number | null; platform: string },
  now: number,
): VoteOutcome {
  if (poll.state !== "open") return "closed";
  if (!mayVote(db, poll.networkId, vote.memberId)) return "not-member";
  if (vote.position === null) {
    return withdrawVote(db, poll.id, vote.memberId, now) ? "withdrawn" : "unchanged";
  }
  return castVote(db, {
    pollId: poll.id,
    memberId: vote.memberId,
    position: vote.position,
    platform: vote.platform,
    votedAt: now,
  })
    ? "counted"
    : "unchanged";
}
