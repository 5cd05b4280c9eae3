/** Who may see and change a listing: its author, and moderators of its network. */
import { UserError } from "../bot/errors.js";
import { listingById, type Listing } from "../storage/listings.js";
import { isModeratorOf } from "./moderators.js";
import type { CommandContext } from "./types.js";

/**
 * The listing with this number, or a clear "no such listing". One waiting for approval
 * (moderated posting) exists only for its author and the network's moderators.
 */
export function findListing(ctx: CommandContext, id: number): Listing {
  const listing = listingById(ctx.db, id);
  if (!listing) throw new UserError("listing-not-found", { id });
  if (
    listing.status === "pending" &&
    listing.authorId !== ctx.member.id &&
    !canModerate(ctx, listing)
  )
    throw new UserError("listing-not-found", { id });
  return listing;
}

/** Whether the person may moderate this listing: an administrator, or an animator of its network. */
export function canModerate(ctx: CommandContext, listing: Listing): boolean {
  return isModeratorOf(ctx, listing.networkId);
}

/** The listing, if the person is its author; else a refusal. */
export function ownListing(ctx: CommandContext, id: number): Listing {
  const listing = findListing(ctx, id);
  if (listing.authorId !== ctx.member.id) throw new UserError("listing-not-yours", { id });
  return listing;
}

/** The listing, if it can still change (open or expired). */
export function changeableListing(ctx: CommandContext, id: number): Listing {
  const listing = ownListing(ctx, id);
  if (listing.status === "closed" || listing.status === "removed") {
    throw new UserError(`listing-is-${listing.status}`, { id });
  }
  return listing;
}
