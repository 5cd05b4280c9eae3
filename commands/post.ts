/**
 * Posting: `/offre` and `/besoin` (`/offer`, `/need`) in one line, or step by step when typed
 * alone; `/annuler` leaves a draft, `/passer` skips an optional question.
 */
import { UserError } from "../bot/errors.js";
import { message, paragraph, type Inline } from "../bot/reply.js";
import { endConversation, getConversation } from "../storage/conversations.js";
import type { ListingKind } from "../storage/listings.js";
import { noArgs, parsedArgs } from "./args.js";
import { parseUntil, resolveListingPlace, resolveWord } from "./listing-input.js";
import {
  MAX_DESCRIPTION,
  MAX_TITLE,
  MIN_TITLE,
  networkOf,
  nextStep,
  publishDraft,
  publishedReply,
  splitTitle,
  type PostDraft,
} from "./post-draft.js";
import { charterGate } from "./charter.js";
import { assertNotMuted } from "./mute.js";
import { postFlow, startPostFlow } from "./post-flow.js";
import { structureFlow } from "./structure-flow.js";
import {
  defineCommand,
  here,
  type CommandContext,
  type CommandResult,
  type Flow,
} from "./types.js";

const postArgs = parsedArgs.transform((a) => ({
  ...splitTitle(a.text),
  tags: a.tags,
  options: a.options,
  empty: a.text === "" && a.tags.length === 0 && Object.keys(a.options).length === 0,
}));

/** Fills a draft from the one-line form; what cannot be understood is left for the guided form, with a note. */
function draftFromLine(
  ctx: CommandContext,
  kind: ListingKind,
  args: ReturnType<typeof postArgs.parse>,
): { draft: PostDraft; notes: Inline[][] } {
  const { place, terms, until, structure } = args.options;
  // Optional values not typed count as skipped; typed but not understood, they are asked again.
  const draft: PostDraft = {
    kind,
    quick: true,
    terms: terms ? undefined : null,
    until: until ? undefined : null,
  };
  const notes: Inline[][] = [];
  if (structure) {
    const answer = ctx.catalog.lookup("answers", structure, ctx.locale);
    if (answer.found && answer.id === "no") draft.personal = true;
    else if (!answer.found || answer.id !== "yes")
      throw new UserError("listing-structure-option", { typed: structure.slice(0, 30) });
  }
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      notes.push([ctx.t(error.key, error.args)]);
    }
  };
  if (args.title) {
    if (args.title.length < MIN_TITLE || args.title.length > MAX_TITLE) {
      throw new UserError("listing-title-length", { min: MIN_TITLE, max: MAX_TITLE });
    }
    draft.title = args.title;
  }
  if (args.description.length > MAX_DESCRIPTION)
    throw new UserError("listing-description-length", { max: MAX_DESCRIPTION });
  draft.description = args.description;
  const [categoryTag, ...otherTags] = args.tags;
  if (otherTags.length > 0) notes.push([ctx.t("category-one-only", { used: categoryTag ?? "" })]);
  if (categoryTag)
    attempt(
      () => (draft.category = resolveWord(ctx, "categories", categoryTag, "category-unknown")),
    );
  if (place) {
    attempt(() => {
      const found = resolveListingPlace(ctx, place);
      if (found.kind !== "postcode") draft.place = { kind: found.kind, code: found.code };
    });
  }
  if (terms) attempt(() => (draft.terms = resolveWord(ctx, "terms", terms, "terms-unknown")));
  if (until) attempt(() => (draft.until = parseUntil(ctx, until)));
  return { draft, notes };
}

function post(
  ctx: CommandContext,
  kind: ListingKind,
  args: ReturnType<typeof postArgs.parse>,
): CommandResult {
  const charter = charterGate(ctx);
  if (charter) return charter;
  // Refused now rather than after the guided form.
  assertNotMuted(ctx, networkOf(ctx, ctx.room.id));
  if (args.empty) return startPostFlow(ctx, { kind, quick: false });
  const { draft, notes } = draftFromLine(ctx, kind, args);
  if (nextStep(draft) === "publish")
    return publishedReply(ctx, publishDraft(ctx, draft, ctx.room.id));
  return startPostFlow(ctx, draft, notes);
}

/** `/offre` — posts an offer. */
export const offerCommand = defineCommand({
  id: "offer",
  names: { fr: ["offre", "ressource"], en: ["offer"] },
  section: "post",
  access: "everyone",
  membersOnly: true,
  options: ["place", "terms", "until", "structure"],
  args: postArgs,
  run: (ctx, args) => post(ctx, "offer", args),
});

/** `/besoin` — posts a need. */
export const needCommand = defineCommand({
  id: "need",
  names: { fr: ["besoin", "demande"], en: ["need", "request"] },
  section: "post",
  access: "everyone",
  membersOnly: true,
  options: ["place", "terms", "until", "structure"],
  args: postArgs,
  run: (ctx, args) => post(ctx, "need", args),
});

/** `/annuler` — leaves the guided form (the draft is dropped). */
export const cancelCommand = defineCommand({
  id: "cancel",
  names: { fr: ["annuler"], en: ["cancel"] },
  section: "post",
  access: "everyone",
  args: noArgs,
  run: (ctx) =>
    here(
      message([
        paragraph(ctx.t(endConversation(ctx.db, ctx.member.id) ? "draft-cancelled" : "draft-none")),
      ]),
    ),
});

/** The guided forms whose optional questions `/passer` skips. */
const SKIPPABLE = new Map<string, Flow>([
  [postFlow.id, postFlow],
  [structureFlow.id, structureFlow],
]);

/** `/passer` — skips an optional question of the guided form. */
export const skipCommand = defineCommand({
  id: "skip",
  names: { fr: ["passer"], en: ["skip"] },
  section: "post",
  access: "everyone",
  hidden: true,
  args: noArgs,
  run: (ctx) => {
    const flow = SKIPPABLE.get(getConversation(ctx.db, ctx.member.id)?.flow ?? "");
    if (!flow) throw new UserError("draft-none");
    const result = flow.answer(ctx, ctx.catalog.word("answers", "skip", ctx.locale));
    // The guided form lives in the private chat, even when /passer is typed in a group.
    if (ctx.room.kind === "direct" || result === undefined) return result;
    return (Array.isArray(result) ? result : [result]).map((reply) => ({
      ...reply,
      to: "private" as const,
    }));
  },
});
