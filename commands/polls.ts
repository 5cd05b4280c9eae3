/**
 * Polls: `/sondage "question" "réponse 1" "réponse 2" …` — an animator asks the whole network,
 * on every platform at once; `/sondage resultats [n°]` sums the votes of every platform;
 * `/sondage clore n°` ends it; `/sondages` (or `/sondage` alone) lists the network's polls;
 * `/voter <n° sondage> <n° réponse>` votes where a native poll cannot be shown (the console,
 * Matrix clients without polls). Posting, counting, closing: bot/polls.ts.
 */
import { z } from "zod";
import { refusal, UserError } from "../bot/errors.js";
import { phrases, type Phrase } from "../bot/parse.js";
import {
  applyVote,
  pollResults,
  POLL_LIMITS,
  postPoll,
  postPollEnd,
  resultBlocks,
  type PollSender,
} from "../bot/polls.js";
import { list, message, paragraph, strong } from "../bot/reply.js";
import { networkById } from "../storage/networks.js";
import { nameKey } from "../storage/text.js";
import {
  closePoll,
  createPoll,
  pollById,
  pollsOfNetwork,
  type PollWithOptions,
} from "../storage/polls.js";
import { parsedArgs } from "./args.js";
import { currentNetworkId } from "./membership.js";
import { defineCommand, here, type CommandContext, type Reply } from "./types.js";

/** Polls shown by `/sondages`. */
const LISTED = 10;

/** A poll or answer number as typed: `3`, `#3`, `n°3`. */
const number = (error: string) =>
  z
    .string({ error })
    .transform((s) => s.replace(/^(#|n°|no\.?)/i, ""))
    .pipe(
      z.coerce.number<string>({ error }).int({ error }).positive({ error }).max(1e9, { error }),
    );

/** A new poll as typed: every piece quoted, the question first, then 2 to 10 answers. */
const draftSchema = z
  .array(z.object({ value: z.string(), quoted: z.boolean() }))
  .refine((parts) => parts.every((p) => p.quoted), { error: "poll-quotes" })
  .transform((parts) => ({
    question: parts[0]?.value ?? "",
    options: parts.slice(1).map((p) => p.value),
  }))
  .pipe(
    z.object({
      question: z
        .string()
        .min(1, { error: "poll-question-missing" })
        .max(POLL_LIMITS.questionMax, { error: "poll-question-too-long" }),
      options: z
        .array(
          z
            .string()
            .min(1, { error: "poll-option-empty" })
            .max(POLL_LIMITS.optionMax, { error: "poll-option-too-long" }),
        )
        .min(POLL_LIMITS.minOptions, { error: "poll-options-too-few" })
        .max(POLL_LIMITS.maxOptions, { error: "poll-options-too-many" })
        .refine((options) => new Set(options.map(nameKey)).size === options.length, {
          error: "poll-option-duplicate",
        }),
    }),
  );

/** `resultats` or `clore` in the person's language. */
function pollWord(ctx: CommandContext, id: "results" | "close"): string {
  return ctx.catalog.word("pollWords", id, ctx.locale);
}

/** The example shown with every mistake in a new poll. */
function example(ctx: CommandContext): string {
  return `${ctx.command("poll")} ${ctx.t("poll-example")}`;
}

/** Reads a new poll, or says exactly what to type instead. */
function readDraft(ctx: CommandContext, parts: Phrase[]): { question: string; options: string[] } {
  const parsed = draftSchema.safeParse(parts);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const index = issue?.path[1];
  throw new UserError(issue?.message ?? "poll-quotes", {
    example: example(ctx),
    n: typeof index === "number" ? index + 1 : 0,
    questionMax: POLL_LIMITS.questionMax,
    optionMax: POLL_LIMITS.optionMax,
    min: POLL_LIMITS.minOptions,
    max: POLL_LIMITS.maxOptions,
  });
}

/** The network a poll command is about: the room's, or (in private) the last one written in. */
function networkOf(ctx: CommandContext): number {
  const networkId = currentNetworkId(ctx);
  if (networkId === null) {
    throw new UserError("poll-no-network", { network: ctx.command("network") });
  }
  return networkId;
}

/** The poll numbered `typed`, if it belongs to the person's network (any, for an administrator). */
function pollOf(ctx: CommandContext, typed: string | undefined): PollWithOptions {
  const parsed = number("poll-number").safeParse(typed);
  const poll = parsed.success ? pollById(ctx.db, parsed.data) : undefined;
  if (!poll || (ctx.role !== "admin" && poll.networkId !== networkOf(ctx))) {
    throw new UserError(parsed.success ? "poll-unknown" : "poll-number", {
      typed: (typed ?? "").slice(0, 20),
      list: ctx.command("polls"),
    });
  }
  return poll;
}

/** Refuses (and records) a use reserved to the network's animators. */
function requireAnimator(ctx: CommandContext, networkId: number | null, use: string): void {
  const animator =
    ctx.role === "animator" && networkId !== null && ctx.room.networkId === networkId;
  if (animator || ctx.role === "admin") return;
  throw refusal(
    "not-allowed-animator",
    { command: ctx.command("poll", use) },
    { networkId, details: { command: "poll", use, role: ctx.role } },
  );
}

/** Posts rooms' messages in the territory's language, commands in each platform's form. */
function sender(ctx: CommandContext): PollSender {
  const locale = ctx.settings.defaultLocale;
  return {
    db: ctx.db,
    t: ctx.translator(locale),
    command: (platform, id, ...args) => ctx.commandIn(platform, locale, id, ...args),
  };
}

/** `/sondage "question" "réponse 1" …`: posts the poll in every room of the network. */
function create(ctx: CommandContext, parts: Phrase[]): Reply {
  const networkId = ctx.room.kind === "group" ? ctx.room.networkId : null;
  if (networkId === null) {
    requireAnimator(ctx, null, "");
    throw new UserError("poll-no-network", { network: ctx.command("network") });
  }
  requireAnimator(ctx, networkId, "");
  const draft = readDraft(ctx, parts);
  const poll = createPoll(ctx.db, { networkId, authorId: ctx.member.id, ...draft }, ctx.now);
  const rooms = postPoll(sender(ctx), poll, ctx.now);
  ctx.audit({
    action: "poll-created",
    networkId,
    details: { poll: poll.id, rooms, title: poll.question },
  });
  return here(
    message([
      paragraph(
        ctx.t("poll-posted", {
          id: poll.id,
          rooms,
          results: ctx.command("poll", pollWord(ctx, "results"), poll.id),
          close: ctx.command("poll", pollWord(ctx, "close"), poll.id),
        }),
      ),
    ]),
  );
}

/** `/sondage resultats [n°]`: the votes of every platform, summed; the latest poll by default. */
function results(ctx: CommandContext, typed: string | undefined): Reply {
  let poll: PollWithOptions | undefined;
  if (typed === undefined) {
    const latest = pollsOfNetwork(ctx.db, networkOf(ctx), 1)[0];
    poll = latest ? pollById(ctx.db, latest.id) : undefined;
    if (!poll) throw new UserError("polls-none", { example: example(ctx) });
  } else {
    poll = pollOf(ctx, typed);
  }
  return here(message(resultBlocks(ctx.t, poll, pollResults(ctx.db, poll))));
}

/** `/sondage clore n°`: ends the poll everywhere and posts its results in its rooms. */
function close(ctx: CommandContext, typed: string | undefined): Reply {
  const poll = pollOf(ctx, typed);
  requireAnimator(ctx, poll.networkId, pollWord(ctx, "close"));
  if (!closePoll(ctx.db, poll.id, ctx.member.id, ctx.now)) {
    throw new UserError("poll-closed", { id: poll.id });
  }
  const closed = { ...poll, state: "closed" as const };
  const rooms = postPollEnd(sender(ctx), closed, ctx.now);
  ctx.audit({
    action: "poll-closed",
    networkId: poll.networkId,
    details: { poll: poll.id, rooms, voters: pollResults(ctx.db, closed).voters },
  });
  return here(message([paragraph(ctx.t("poll-closed-done", { id: poll.id, rooms }))]));
}

/** The network's polls, newest first. */
function listPolls(ctx: CommandContext): Reply {
  const shown = pollsOfNetwork(ctx.db, networkOf(ctx), LISTED);
  if (shown.length === 0) {
    return here(message([paragraph(ctx.t("polls-none", { example: example(ctx) }))]));
  }
  return here(
    message([
      paragraph(strong(ctx.t("polls-heading"))),
      list(
        shown.map((poll) => [
          ctx.t("polls-line", { id: poll.id, question: poll.question, state: poll.state }),
        ]),
      ),
      paragraph(
        ctx.t("polls-hint", {
          results: ctx.command("poll", pollWord(ctx, "results")),
        }),
      ),
    ]),
  );
}

/** `/sondage …` in all its uses. */
export const pollCommand = defineCommand({
  id: "poll",
  names: { fr: ["sondage"], en: ["poll"] },
  section: "moderate",
  // Results and the list are for everyone; asking and closing are checked on the poll's network.
  access: "everyone",
  args: parsedArgs.transform((a) => phrases(a.raw)),
  // A quoted question is a new poll: the animators' use.
  accessFor: (parts) => (parts[0]?.quoted ? "animator" : undefined),
  run(ctx, parts) {
    const [first, second] = parts;
    if (!first) return listPolls(ctx);
    if (!first.quoted) {
      const word = ctx.catalog.lookup("pollWords", first.value, ctx.locale);
      if (word.found && word.id === "results") return results(ctx, second?.value);
      if (word.found && word.id === "close") return close(ctx, second?.value);
    }
    return create(ctx, parts);
  },
});

/** `/sondages`: the network's polls. */
export const pollsCommand = defineCommand({
  id: "polls",
  names: { fr: ["sondages"], en: ["polls"] },
  section: "moderate",
  access: "everyone",
  args: parsedArgs,
  run: (ctx) => listPolls(ctx),
});

/** `/voter <n° sondage> <n° réponse>`: a vote typed as text, counted with the native ones. */
export const voteCommand = defineCommand({
  id: "vote",
  names: { fr: ["voter"], en: ["vote"] },
  section: "contact",
  access: "everyone",
  args: parsedArgs
    .transform((a) => ({ poll: a.words[0], option: a.words[1] }))
    .pipe(
      z.object({
        poll: z.string({ error: "vote-missing" }),
        option: number("vote-missing"),
      }),
    ),
  run(ctx, args) {
    const poll = pollOf(ctx, args.poll);
    const option = poll.options[args.option - 1];
    if (option === undefined) {
      throw new UserError("vote-option-unknown", { id: poll.id, count: poll.options.length });
    }
    const outcome = applyVote(
      ctx.db,
      poll,
      { memberId: ctx.member.id, position: args.option, platform: ctx.member.platform },
      ctx.now,
    );
    if (outcome === "closed") throw new UserError("poll-closed", { id: poll.id });
    if (outcome === "not-member") {
      const network = networkById(ctx.db, poll.networkId);
      throw new UserError("vote-not-member", {
        network: network?.name ?? "",
        introduce: ctx.command("introduce"),
      });
    }
    return here(message([paragraph(ctx.t("vote-counted", { id: poll.id, option }))]));
  },
});
