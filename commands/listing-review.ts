/**
 * Moderated posting (`/reseau moderation oui|non`): in such a network, a new listing from
 * someone who does not animate it is saved as `pending`, seen by its author only, and its
 * animators are told privately with Approve / Refuse buttons (`/approuver 42`, `/rejeter 42
 * motif`; `/amoderer` lists what waits). Approved, it opens as if just posted (a new number,
 * storage/listings.ts `publishPendingListing`); refused, its author is told why.
 */
import { z } from "zod";
import { UserError } from "../bot/errors.js";
import type { Translator } from "../bot/i18n.js";
import { list, message, paragraph, strong, type Button, type RichText } from "../bot/reply.js";
import { approvalOf } from "../storage/audit.js";
import { queueMatching } from "../storage/digests.js";
import { listingById, removeListing, type Listing } from "../storage/listings.js";
import { pendingListings, publishPendingListing } from "../storage/pending-listings.js";
import { memberById } from "../storage/members.js";
import { networkById, setModeratedPosting, type Network } from "../storage/networks.js";
import { listingNumber, noArgs, parsedArgs } from "./args.js";
import { listingLine, type ViewContext } from "./listing-view.js";
import { memberLabel } from "./member-ref.js";
import { deciders, isModeratorOf, requireModerator } from "./moderators.js";
import { moderatedNetwork } from "./mute.js";
import { defineCommand, here, type CommandContext, type CommandResult } from "./types.js";

/** Listings shown by `/amoderer`; the first few get buttons. */
const QUEUE_SHOWN = 20;
const QUEUE_BUTTONS = 5;

/** Whether a new listing of this person in this network waits for approval. */
export function needsApproval(ctx: CommandContext, networkId: number | null): boolean {
  if (networkId === null) return false;
  const network = networkById(ctx.db, networkId);
  if (!network?.moderatedPosting) return false;
  // Animators' (and administrators') own listings skip moderation.
  return !isModeratorOf(ctx, networkId);
}

/** The Approve / Refuse buttons of a waiting listing. */
function decisionButtons(
  t: Translator,
  command: (id: string, ...args: (string | number)[]) => string,
  listing: Listing,
): Button[] {
  return [
    {
      label: t("button-approve-listing", { id: listing.id }),
      command: command("publish", listing.id),
    },
    { label: t("button-reject", { id: listing.id }), command: command("reject", listing.id) },
  ];
}

/** Tells the network's animators privately that a listing waits for them. */
export function announceSubmission(ctx: CommandContext, listing: Listing): void {
  const network = listing.networkId === null ? undefined : networkById(ctx.db, listing.networkId);
  if (!network) return;
  const author = ctx.member;
  const view = { places: ctx.places, catalog: ctx.catalog };
  for (const decider of deciders(ctx.db, ctx.settings.admins ?? [], network.id)) {
    if (decider.id === author.id) continue;
    ctx.notifyMember(decider.id, (t, command): RichText =>
      message(
        [
          paragraph(
            strong(
              t("review-notice", {
                name: author.displayName,
                network: network.name,
                id: listing.id,
              }),
            ),
          ),
          list([listingLine({ ...view, t }, listing)]),
          ...(listing.description ? [paragraph(listing.description)] : []),
          paragraph(
            t("review-how", {
              publish: command("publish", listing.id),
              reject: command("reject", listing.id),
            }),
          ),
        ],
        [decisionButtons(t, command, listing)],
      ),
    );
  }
}

/** A waiting listing the person may decide on, or why not. */
function waiting(ctx: CommandContext, id: number, commandId: string): Listing {
  const listing = listingById(ctx.db, id);
  if (!listing) {
    const approval = approvalOf(ctx.db, id);
    if (approval)
      throw new UserError("review-already-approved", {
        id,
        newId: approval.listingId ?? 0,
        by: approval.actorName ?? "—",
      });
    throw new UserError("listing-not-found", { id });
  }
  requireModerator(ctx, listing.networkId, commandId);
  if (listing.status !== "pending") throw new UserError("review-not-pending", { id });
  return listing;
}

/** `/approuver 42` — publishes a listing that waited for approval. */
export const publishCommand = defineCommand({
  id: "publish",
  names: { fr: ["approuver", "publier"], en: ["publish", "approve_listing"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: parsedArgs.transform((a) => a.words[0]).pipe(listingNumber),
  run(ctx, id) {
    const before = waiting(ctx, id, "publish");
    const listing = publishPendingListing(ctx.db, before.id, ctx.now);
    if (!listing) throw new UserError("review-not-pending", { id });
    queueMatching(ctx.db, listing.id, ctx.now);
    ctx.audit({
      action: "listing-approved",
      networkId: listing.networkId,
      subjectMemberId: listing.authorId,
      listingId: listing.id,
      details: { submitted: before.id, title: listing.title },
    });
    const network = listing.networkId === null ? undefined : networkById(ctx.db, listing.networkId);
    if (listing.authorId !== ctx.member.id)
      ctx.notifyMember(listing.authorId, (t, command) =>
        message(
          [
            paragraph(
              t("review-approved-notice", {
                title: listing.title,
                network: network?.name ?? "—",
                id: listing.id,
              }),
            ),
          ],
          [[{ label: t("button-show", { id: listing.id }), command: command("show", listing.id) }]],
        ),
      );
    return here(
      message([paragraph(ctx.t("review-approved", { id: listing.id, submitted: before.id }))]),
      ctx.fromButton,
    );
  },
});

/** `/rejeter 42 motif` — refuses a listing that waited for approval; its author is told why. */
export const rejectCommand = defineCommand({
  id: "reject",
  names: { fr: ["rejeter"], en: ["reject"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: parsedArgs
    .transform((a) => ({ number: a.words[0], reason: a.words.slice(1).join(" ").trim() }))
    .pipe(
      z.object({
        number: listingNumber,
        reason: z.string().max(500, { error: "remove-reason-too-long" }),
      }),
    ),
  run(ctx, { number, reason }) {
    const listing = waiting(ctx, number, "reject");
    if (reason.length < 3) {
      // From a button: ask why, with the line to type.
      return here(
        message([
          paragraph(
            ctx.t("review-ask-reason", {
              id: listing.id,
              example: `${ctx.command("reject", listing.id)} …`,
            }),
          ),
        ]),
      );
    }
    removeListing(ctx.db, listing.id, reason, ctx.now);
    ctx.audit({
      action: "listing-rejected",
      networkId: listing.networkId,
      subjectMemberId: listing.authorId,
      listingId: listing.id,
      details: { reason, title: listing.title },
    });
    const network = listing.networkId === null ? undefined : networkById(ctx.db, listing.networkId);
    if (listing.authorId !== ctx.member.id)
      ctx.notifyMember(listing.authorId, (t) =>
        message([
          paragraph(
            t("review-rejected-notice", { title: listing.title, network: network?.name ?? "—" }),
          ),
          paragraph(t("membership-reason", { reason })),
        ]),
      );
    return here(message([paragraph(ctx.t("review-rejected", { id: listing.id }))]), ctx.fromButton);
  },
});

/** `/amoderer` — the listings waiting for approval in the network (every network for administrators). */
export const queueCommand = defineCommand({
  id: "queue",
  names: { fr: ["amoderer", "enattente"], en: ["queue", "to_review"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: noArgs,
  run(ctx) {
    const network = ctx.role === "admin" ? undefined : moderatedNetwork(ctx, "queue");
    const rows = pendingListings(ctx.db, network ? [network.id] : null, QUEUE_SHOWN);
    const where = network?.name ?? ctx.t("journal-territory");
    if (rows.length === 0)
      return here(message([paragraph(ctx.t("review-queue-empty", { where }))]));
    const view: ViewContext = ctx;
    return here(
      message(
        [
          paragraph(strong(ctx.t("review-queue-heading", { where, count: rows.length }))),
          list(
            rows.map((l) => [
              ...listingLine(view, l),
              " — ",
              memberLabel(memberById(ctx.db, l.authorId) ?? { id: l.authorId, displayName: "—" }),
            ]),
          ),
        ],
        rows
          .slice(0, QUEUE_BUTTONS)
          .map((l) => decisionButtons(ctx.t, (id, ...a) => ctx.command(id, ...a), l)),
      ),
    );
  },
});

const ON_OFF_EXAMPLE = { fr: "moderation oui", en: "moderation on" } as const;

/** `/reseau moderation oui|non`: whether new listings wait for an animator's approval. */
export function setModeration(ctx: CommandContext, network: Network, typed: string): CommandResult {
  const answer = ctx.catalog.lookup("answers", typed || "-", ctx.locale);
  const word = typed.trim().toLowerCase();
  const on = (answer.found && answer.id === "yes") || word === "on";
  const off = (answer.found && answer.id === "no") || word === "off";
  if (!on && !off)
    throw new UserError("network-moderation-word", {
      example: `${ctx.command("network")} ${ON_OFF_EXAMPLE[ctx.locale]}`,
    });
  setModeratedPosting(ctx.db, network.id, on);
  ctx.audit({
    action: "network-moderation",
    networkId: network.id,
    details: { moderation: on ? "on" : "off" },
  });
  const waitingCount = pendingListings(ctx.db, [network.id], 1_000).length;
  return here(
    message([
      paragraph(
        ctx.t(on ? "network-moderation-on" : "network-moderation-off", { network: network.name }),
      ),
      ...(waitingCount > 0
        ? [
            paragraph(
              ctx.t("review-still-waiting", { count: waitingCount, queue: ctx.command("queue") }),
            ),
          ]
        : []),
    ]),
  );
}
