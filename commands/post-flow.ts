/**
 * The guided form for posting an offer or a need: one question at a time, with buttons for
 * the choices, in the person's private chat. The draft is stored after every answer, so a
 * restart loses nothing; `/annuler` leaves it.
 */
import { UserError } from "../bot/errors.js";
import {
  list,
  message,
  paragraph,
  strong,
  type Block,
  type Button,
  type Inline,
} from "../bot/reply.js";
import { endConversation, getConversation, saveConversation } from "../storage/conversations.js";
import type { Place } from "../storage/places.js";
import { disambiguated, parseUntil, placeProblem, resolveWord } from "./listing-input.js";
import {
  MAX_DESCRIPTION,
  MAX_TITLE,
  MIN_TITLE,
  POST_STEPS,
  nextStep,
  publishDraft,
  publishedReply,
  splitTitle,
  type PostDraft,
  type PostStep,
} from "./post-draft.js";
import {
  here,
  inPrivate,
  type CommandContext,
  type CommandResult,
  type Flow,
  type Reply,
} from "./types.js";

/** Id of the flow, stored with the conversation. */
export const POST_FLOW = "post";

/** Buttons laid out `perRow` to a row. */
function rows(buttons: Button[], perRow: number): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

function skipButton(ctx: CommandContext): Button {
  return { label: ctx.t("button-skip"), command: ctx.catalog.word("answers", "skip", ctx.locale) };
}

function cancelButton(ctx: CommandContext): Button {
  return { label: ctx.t("button-cancel"), command: ctx.command("cancel") };
}

/** Buttons choosing among places, each sending a name that resolves to that place only. */
function placeButtons(ctx: CommandContext, places: Place[]): Button[][] {
  return rows(
    places
      .slice(0, 8)
      .map((p) => ({ label: ctx.places.label(p), command: disambiguated(ctx.places, p) })),
    2,
  );
}

/** The question of a step, after optional notes (what was wrong with the last answer). */
function ask(
  ctx: CommandContext,
  step: PostStep,
  draft: PostDraft,
  notes: Inline[][] = [],
  extra: Button[][] = [],
): Reply {
  const number = POST_STEPS.indexOf(step) + 1;
  const blocks: Block[] = notes.map((n) => paragraph(...n));
  const progress = ctx.t("post-progress", { step: number, steps: POST_STEPS.length });
  let buttons: Button[][] = [];
  switch (step) {
    case "title":
      blocks.push(
        paragraph(strong(progress), " ", ctx.t(`post-ask-title-${draft.kind}`, { max: MAX_TITLE })),
      );
      break;
    case "description":
      blocks.push(
        paragraph(strong(progress), " ", ctx.t("post-ask-description", { max: MAX_DESCRIPTION })),
      );
      buttons = [[skipButton(ctx)]];
      break;
    case "category":
      blocks.push(paragraph(strong(progress), " ", ctx.t("post-ask-category")));
      buttons = rows(
        ctx.catalog.entries("categories").map((c) => ({
          label: `${c.emoji ?? ""} ${ctx.t(`category-${c.id}`)}`.trim(),
          command: c[ctx.locale][0] ?? c.id,
        })),
        2,
      );
      break;
    case "place":
      blocks.push(paragraph(strong(progress), " ", ctx.t("post-ask-place")));
      break;
    case "terms":
      blocks.push(paragraph(strong(progress), " ", ctx.t("post-ask-terms")));
      buttons = [
        ...rows(
          ctx.catalog
            .entries("terms")
            .map((e) => ({ label: ctx.t(`terms-${e.id}`), command: e[ctx.locale][0] ?? e.id })),
          3,
        ),
        [skipButton(ctx)],
      ];
      break;
    case "until":
      blocks.push(
        paragraph(
          strong(progress),
          " ",
          ctx.t("post-ask-until", { days: ctx.settings.listingExpiryDays }),
        ),
      );
      buttons = [[skipButton(ctx)]];
      break;
    case "confirm":
      blocks.push(
        paragraph(strong(progress), " ", ctx.t("post-ask-confirm")),
        list(preview(ctx, draft)),
      );
      blocks.push(paragraph(ctx.t("post-confirm-change")));
      buttons = [
        [
          {
            label: ctx.t("button-publish"),
            command: ctx.catalog.word("answers", "yes", ctx.locale),
          },
        ],
      ];
      break;
  }
  return here(message(blocks, [...extra, ...buttons, [cancelButton(ctx)]]));
}

/** The draft as a list of its values, for the confirmation step. */
function preview(ctx: CommandContext, draft: PostDraft): Inline[][] {
  const place = draft.place && ctx.places.byCode(draft.place.kind, draft.place.code);
  const items: Inline[][] = [
    [ctx.t("field-kind"), " ", ctx.t(`kind-${draft.kind}`)],
    [ctx.t("field-title"), " ", strong(draft.title ?? "")],
  ];
  if (draft.description) items.push([ctx.t("field-description"), " ", draft.description]);
  if (draft.category)
    items.push([ctx.t("field-category"), " ", ctx.t(`category-${draft.category}`)]);
  if (place) items.push([ctx.t("field-place"), " ", ctx.places.label(place)]);
  if (draft.terms) items.push([ctx.t("field-terms"), " ", ctx.t(`terms-${draft.terms}`)]);
  items.push([
    ctx.t("field-until"),
    " ",
    draft.until
      ? ctx.t("date-long", { date: new Date(draft.until) })
      : ctx.t("post-until-default", { days: ctx.settings.listingExpiryDays }),
  ]);
  return items;
}

/**
 * Starts (or restarts) the guided form with a draft. From a group, the questions go to the
 * person's private chat, with a short pointer in the group.
 */
export function startPostFlow(
  ctx: CommandContext,
  draft: PostDraft,
  notes: Inline[][] = [],
): CommandResult {
  const step = nextStep(draft);
  if (step === "publish") throw new Error("starting a flow for a complete draft");
  saveConversation(
    ctx.db,
    { memberId: ctx.member.id, flow: POST_FLOW, step, data: draft, originRoomId: ctx.room.id },
    ctx.now,
  );
  const question = ask(ctx, step, draft, notes);
  if (ctx.room.kind === "direct") return question;
  return [
    here(message([paragraph(ctx.t("post-continue-private", { name: ctx.member.displayName }))])),
    inPrivate(question.text),
  ];
}

function isWord(ctx: CommandContext, text: string, answer: "yes" | "no" | "skip"): boolean {
  const found = ctx.catalog.lookup("answers", text, ctx.locale);
  return found.found && found.id === answer;
}

/** Applies an answer to the draft; returns the question to ask again (with why) when it does not fit. */
function apply(
  ctx: CommandContext,
  step: PostStep,
  draft: PostDraft,
  text: string,
): Reply | undefined {
  const skip = isWord(ctx, text, "skip");
  switch (step) {
    case "title": {
      if (skip) return ask(ctx, step, draft, [[ctx.t("post-title-required")]]);
      const { title, description } = splitTitle(text);
      if (title.length < MIN_TITLE || title.length > MAX_TITLE) {
        return ask(ctx, step, draft, [
          [ctx.t("listing-title-length", { min: MIN_TITLE, max: MAX_TITLE })],
        ]);
      }
      draft.title = title;
      if (description && draft.description === undefined)
        draft.description = description.slice(0, MAX_DESCRIPTION);
      return undefined;
    }
    case "description":
      if (!skip && text.length > MAX_DESCRIPTION) {
        return ask(ctx, step, draft, [
          [ctx.t("listing-description-length", { max: MAX_DESCRIPTION })],
        ]);
      }
      draft.description = skip ? "" : text;
      return undefined;
    case "category":
      draft.category = resolveWord(ctx, "categories", text, "category-unknown");
      return undefined;
    case "place": {
      const resolution = ctx.places.resolve(text, { communeRequired: false });
      if (resolution.status === "found" && resolution.place.kind !== "postcode") {
        draft.place = { kind: resolution.place.kind, code: resolution.place.code };
        return undefined;
      }
      const strict =
        resolution.status === "found"
          ? ctx.places.resolve(text, { communeRequired: true })
          : resolution;
      const problem = placeProblem(ctx, text, strict);
      const choices =
        strict.status === "ambiguous"
          ? strict.candidates
          : strict.status === "unknown"
            ? strict.suggestions
            : [];
      return ask(
        ctx,
        step,
        draft,
        [[ctx.t(problem.key, problem.args)]],
        placeButtons(ctx, choices),
      );
    }
    case "terms":
      draft.terms = skip ? null : resolveWord(ctx, "terms", text, "terms-unknown");
      return undefined;
    case "until":
      draft.until = skip ? null : parseUntil(ctx, text);
      return undefined;
    case "confirm": {
      if (isWord(ctx, text, "yes")) {
        draft.quick = true;
        return undefined;
      }
      // Naming a field goes back to that step.
      const field = ctx.catalog.lookup("fields", text, ctx.locale);
      if (field.found) {
        const back = field.id === "until" ? "until" : (field.id as PostStep);
        delete draft[back as keyof PostDraft & PostStep];
        return ask(ctx, back, draft);
      }
      return ask(ctx, step, draft, [[ctx.t("post-confirm-unclear")]]);
    }
  }
}

/** The guided form as a flow of the pipeline. */
export const postFlow: Flow = {
  id: POST_FLOW,
  answer(ctx, text) {
    const conversation = getConversation<PostDraft>(ctx.db, ctx.member.id);
    if (!conversation) return undefined;
    const draft = conversation.data;
    const step = conversation.step as PostStep;
    let retry: Reply | undefined;
    try {
      retry = apply(ctx, step, draft, text.trim());
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      retry = ask(ctx, step, draft, [[ctx.t(error.key, error.args)]]);
    }
    if (retry) {
      const asked = nextStep(draft);
      // A field named at confirmation is asked again: remember which step we are on.
      saveConversation(
        ctx.db,
        { ...conversation, step: asked === "publish" ? step : asked, data: draft },
        ctx.now,
      );
      return retry;
    }
    const next = nextStep(draft);
    if (next === "publish") {
      endConversation(ctx.db, ctx.member.id);
      return publishedReply(ctx, publishDraft(ctx, draft, conversation.originRoomId));
    }
    saveConversation(ctx.db, { ...conversation, step: next, data: draft }, ctx.now);
    return ask(ctx, next, draft);
  },
};
