/**
 * Moderation: animators of a listing's network, and territory administrators, may take a
 * listing down with a reason; its author is told why, the open reports about it are closed,
 * and the action is in the audit log.
 */
import { z } from "zod";
import { refusal, UserError } from "../bot/errors.js";
import { message, paragraph } from "../bot/reply.js";
import { removeListing, type Listing } from "../storage/listings.js";
import { handleReportsOfListing } from "../storage/reports.js";
import { listingAndRest } from "./args.js";
import { canModerate, findListing } from "./listing-access.js";
import { defineCommand, here, type CommandContext, type Reply } from "./types.js";

/** Takes a listing down with a reason (the right to is checked here). */
export function takeDown(ctx: CommandContext, listing: Listing, reason: string): Reply {
  if (!canModerate(ctx, listing)) {
    throw refusal(
      ctx.role === "animator" ? "remove-not-your-network" : "not-allowed-animator",
      { id: listing.id, command: ctx.command("remove") },
      { networkId: listing.networkId, details: { command: "remove", role: ctx.role } },
    );
  }
  if (listing.status === "removed") throw new UserError("listing-is-removed", { id: listing.id });
  removeListing(ctx.db, listing.id, reason, ctx.now);
  const reports = handleReportsOfListing(ctx.db, listing.id, ctx.member.id, reason, ctx.now);
  ctx.audit({
    action: "listing-removed",
    networkId: listing.networkId,
    subjectMemberId: listing.authorId,
    listingId: listing.id,
    details: { reason, ...(reports.length > 0 ? { reports } : {}) },
  });
  if (listing.authorId !== ctx.member.id) {
    ctx.notifyMember(listing.authorId, (t) =>
      message([
        paragraph(t("remove-author-notice", { id: listing.id, title: listing.title, reason })),
      ]),
    );
  }
  return here(message([paragraph(ctx.t("remove-done", { id: listing.id }))]), ctx.fromButton);
}

/** `/retirer 42 motif` — an animator or administrator takes a listing down; its author is told why. */
export const removeCommand = defineCommand({
  id: "remove",
  names: { fr: ["retirer", "moderer"], en: ["remove", "moderate"] },
  section: "moderate",
  access: "animator",
  args: listingAndRest.pipe(
    z.object({
      number: z.number(),
      rest: z.array(z.string()),
      tags: z.array(z.string()),
      text: z
        .string()
        .trim()
        .min(3, { error: "remove-reason-missing" })
        .max(500, { error: "remove-reason-too-long" }),
    }),
  ),
  run(ctx, { number, text: reason }) {
    return takeDown(ctx, findListing(ctx, number), reason);
  },
});
