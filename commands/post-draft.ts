/**
 * A listing being written: the draft kept between the steps of the guided form, and its
 * publication. The one-line form fills a draft too; what it lacks is asked step by step.
 */
import { message, paragraph, strong, type Block } from "../bot/reply.js";
import {
  createListing,
  placeColumns,
  type Listing,
  type ListingKind,
} from "../storage/listings.js";
import { roomById } from "../storage/networks.js";
import { structureOfMember } from "../storage/structures.js";
import type { PlaceKind } from "../storage/places.js";
import { defaultExpiry } from "./listing-input.js";
import { listingButtons, listingCard } from "./listing-view.js";
import { nextDigestTime } from "../bot/digest-time.js";
import { DEFAULT_RHYTHM, ensureDigestSettings, queueMatching } from "../storage/digests.js";
import { announceSubmission, needsApproval } from "./listing-review.js";
import { assertNotMuted } from "./mute.js";
import type { CommandContext, Reply } from "./types.js";

/** Longest title, in characters. */
export const MAX_TITLE = 120;
/** Shortest title, in characters. */
export const MIN_TITLE = 3;
/** Longest description, in characters. */
export const MAX_DESCRIPTION = 2_000;

/** The draft of a listing. `undefined` means "not asked yet"; "" or null means "skipped". */
export interface PostDraft {
  kind: ListingKind;
  title?: string;
  description?: string;
  category?: string;
  place?: { kind: Exclude<PlaceKind, "postcode">; code: string };
  terms?: string | null;
  /** End date chosen, or null for the default number of days. */
  until?: number | null;
  /** Started from the one-line form: publish as soon as the missing values are given. */
  quick: boolean;
  /** Posted in the member's own name rather than their structure's (`structure:non`). */
  personal?: boolean;
}

/** The steps of the guided form, in order. */
export const POST_STEPS = [
  "title",
  "description",
  "category",
  "place",
  "terms",
  "until",
  "confirm",
] as const;
/** One step of the guided form. */
export type PostStep = (typeof POST_STEPS)[number];

/** The next step to ask, or `publish` when the draft is complete (and confirmed if needed). */
export function nextStep(draft: PostDraft): PostStep | "publish" {
  if (draft.title === undefined) return "title";
  if (draft.description === undefined) return "description";
  if (draft.category === undefined) return "category";
  if (draft.place === undefined) return "place";
  if (draft.terms === undefined) return "terms";
  if (draft.until === undefined) return "until";
  return draft.quick ? "publish" : "confirm";
}

/** Splits typed text into a title (first line, or before " — ") and a description (the rest). */
export function splitTitle(text: string): { title: string; description: string } {
  const newline = text.indexOf("\n");
  const dash = /\s(?:—|–|--)\s/.exec(text);
  const cut =
    dash && (newline === -1 || dash.index < newline)
      ? { at: dash.index, skip: dash[0].length }
      : newline !== -1
        ? { at: newline, skip: 1 }
        : undefined;
  if (!cut) return { title: text.trim(), description: "" };
  return { title: text.slice(0, cut.at).trim(), description: text.slice(cut.at + cut.skip).trim() };
}

/** The network a listing belongs to: its room's, else the member's latest network. */
export function networkOf(ctx: CommandContext, originRoomId: number | null): number | null {
  const origin = originRoomId === null ? undefined : roomById(ctx.db, originRoomId);
  return origin?.networkId ?? ctx.room.networkId ?? ctx.member.lastNetworkId ?? null;
}

/** A listing just published. */
export interface Published {
  listing: Listing;
}

/** Saves a complete draft as an open listing. */
export function publishDraft(
  ctx: CommandContext,
  draft: PostDraft,
  originRoomId: number | null,
): Published {
  if (!draft.title || !draft.category || !draft.place)
    throw new Error("publishing an incomplete draft");
  const place = ctx.places.byCode(draft.place.kind, draft.place.code);
  if (!place) throw new Error(`unknown place ${draft.place.kind} ${draft.place.code}`);
  const networkId = networkOf(ctx, originRoomId);
  assertNotMuted(ctx, networkId);
  const pending = needsApproval(ctx, networkId);
  const listing = createListing(
    ctx.db,
    {
      kind: draft.kind,
      title: draft.title,
      description: draft.description ?? "",
      category: draft.category,
      terms: draft.terms ?? null,
      place: placeColumns(ctx.places, place),
      authorId: ctx.member.id,
      networkId,
      // Posted on behalf of the member's structure, when they act for one.
      structureId: draft.personal
        ? null
        : (structureOfMember(ctx.db, ctx.member.id)?.structure.id ?? null),
      expiresAt: draft.until ?? defaultExpiry(ctx),
      status: pending ? "pending" : "open",
    },
    ctx.now,
  );
  // The author will hear in their digests of what is posted to match it.
  ensureDigestSettings(
    ctx.db,
    ctx.member.id,
    nextDigestTime(DEFAULT_RHYTHM, ctx.now, ctx.settings.timeZone),
  );
  // Waiting for approval: the animators are told; it is matched once approved.
  if (pending) announceSubmission(ctx, listing);
  // The listings of the opposite kind it answers are found just after (bot/matching.ts).
  else queueMatching(ctx.db, listing.id, ctx.now);
  return { listing };
}

/** The confirmation of a published listing, with its card and what to do next. */
export function publishedReply(ctx: CommandContext, { listing }: Published): Reply {
  const pending = listing.status === "pending";
  const blocks: Block[] = [
    paragraph(
      strong(
        ctx.t(pending ? `listing-pending-${listing.kind}` : `listing-published-${listing.kind}`, {
          id: listing.id,
        }),
      ),
    ),
    ...listingCard(ctx, listing),
    paragraph(
      ctx.t(pending ? "listing-pending-next" : "listing-published-next", {
        show: ctx.command("show", listing.id),
        mine: ctx.command("mine"),
        expires: new Date(listing.expiresAt),
      }),
    ),
  ];
  return { text: message(blocks, listingButtons(ctx, listing, false)) };
}
