/**
 * A listing's life after posting: show it, list mine, edit a field, renew, close with an
 * outcome, delete. Only the author changes a listing (moderation is in moderation.ts).
 */
import { UserError } from "../bot/errors.js";
import { code, message, paragraph, strong, type Button } from "../bot/reply.js";
import {
  closeListing,
  countListingsOfAuthor,
  deleteListing,
  listingsOfAuthor,
  placeColumns,
  renewListing,
  updateListing,
  type Listing,
} from "../storage/listings.js";
import { listingAndRest, optionalPage } from "./args.js";
import { defaultExpiry, parseUntil, resolveListingPlace, resolveWord } from "./listing-input.js";
import { listingButtons, listingCard, listingsMessage } from "./listing-view.js";
import { canModerate, changeableListing, findListing, ownListing } from "./listing-access.js";
import { MAX_DESCRIPTION, MAX_TITLE, MIN_TITLE } from "./post-draft.js";
import { defineCommand, here, type CommandContext } from "./types.js";

/** Listings per page of `/mesannonces`. */
const PAGE = 10;

function cardReply(ctx: CommandContext, listing: Listing, heading?: string, replace = false) {
  const blocks = listingCard(ctx, listing);
  if (heading) blocks.unshift(paragraph(strong(heading)));
  return here(message(blocks, listingButtons(ctx, listing, canModerate(ctx, listing))), replace);
}

/** `/annonce 42` — shows a listing. */
export const showCommand = defineCommand({
  id: "show",
  names: { fr: ["annonce", "voir"], en: ["listing", "show"] },
  section: "find",
  access: "everyone",
  args: listingAndRest,
  run(ctx, { number }) {
    const listing = findListing(ctx, number);
    const mine = listing.authorId === ctx.member.id;
    if (listing.status === "removed" && !mine && !canModerate(ctx, listing)) {
      throw new UserError("listing-removed-public", { id: listing.id });
    }
    const card = cardReply(ctx, listing);
    if (listing.status === "removed" && listing.removalReason) {
      card.text.blocks.push(
        paragraph(ctx.t("listing-removal-reason", { reason: listing.removalReason })),
      );
    }
    return card;
  },
});

/** `/mesannonces` — lists the person's listings. */
export const mineCommand = defineCommand({
  id: "mine",
  names: { fr: ["mesannonces"], en: ["mylistings"] },
  section: "manage",
  access: "everyone",
  args: optionalPage,
  run(ctx, page) {
    const counts = countListingsOfAuthor(ctx.db, ctx.member.id);
    if (counts.all === 0) {
      return here(
        message([
          paragraph(ctx.t("mine-none", { offer: ctx.command("offer"), need: ctx.command("need") })),
        ]),
      );
    }
    const rows = listingsOfAuthor(ctx.db, ctx.member.id, PAGE, page * PAGE);
    if (rows.length === 0) throw new UserError("page-empty", { page: page + 1 });
    const buttons: Button[] = [];
    if (page > 0)
      buttons.push({ label: ctx.t("button-previous"), command: ctx.command("mine", page) });
    if ((page + 1) * PAGE < counts.all)
      buttons.push({ label: ctx.t("button-more"), command: ctx.command("mine", page + 2) });
    return here(
      listingsMessage(
        ctx,
        [strong(ctx.t("mine-heading", { open: counts.open, all: counts.all }))],
        rows,
        [paragraph(ctx.t("mine-hint", { show: ctx.command("show", rows[0]?.id ?? 1) }))],
        buttons.length > 0 ? [buttons] : [],
        true,
      ),
      ctx.fromButton,
    );
  },
});

/** `/modifier 42 titre Nouveau titre` — changes one field of the person's listing. */
export const editCommand = defineCommand({
  id: "edit",
  names: { fr: ["modifier"], en: ["edit"] },
  section: "manage",
  access: "everyone",
  args: listingAndRest,
  run(ctx, { number, rest, text, tags }) {
    const listing = changeableListing(ctx, number);
    const [fieldWord] = rest;
    if (!fieldWord) {
      return here(
        message([
          paragraph(ctx.t("edit-which-field", { id: listing.id })),
          paragraph(code(ctx.t("edit-example", { command: ctx.command("edit", listing.id) }))),
        ]),
      );
    }
    const field = resolveWord(ctx, "fields", fieldWord, "field-unknown");
    // A category may be typed as a #tag: `/modifier 42 categorie #outils`.
    // The value is what follows the field name (and its closing quote, if it was quoted).
    const value =
      text
        .slice(text.indexOf(fieldWord) + fieldWord.length)
        .replace(/^["»”]/, "")
        .trim() || (field === "category" ? (tags[0] ?? "") : "");
    if (!value && field !== "description")
      throw new UserError("edit-value-missing", { field: fieldWord });
    switch (field) {
      case "title":
        if (value.length < MIN_TITLE || value.length > MAX_TITLE) {
          throw new UserError("listing-title-length", { min: MIN_TITLE, max: MAX_TITLE });
        }
        updateListing(ctx.db, listing.id, { title: value }, ctx.now);
        break;
      case "description":
        if (value.length > MAX_DESCRIPTION)
          throw new UserError("listing-description-length", { max: MAX_DESCRIPTION });
        updateListing(ctx.db, listing.id, { description: value }, ctx.now);
        break;
      case "category":
        updateListing(
          ctx.db,
          listing.id,
          { category: resolveWord(ctx, "categories", value, "category-unknown") },
          ctx.now,
        );
        break;
      case "place":
        updateListing(
          ctx.db,
          listing.id,
          { place: placeColumns(ctx.places, resolveListingPlace(ctx, value)) },
          ctx.now,
        );
        break;
      case "terms":
        updateListing(
          ctx.db,
          listing.id,
          { terms: resolveWord(ctx, "terms", value, "terms-unknown") },
          ctx.now,
        );
        break;
      case "until":
        updateListing(ctx.db, listing.id, { expiresAt: parseUntil(ctx, value) }, ctx.now);
        break;
    }
    ctx.audit({
      action: "listing-edited",
      networkId: listing.networkId,
      listingId: listing.id,
      details: { field },
    });
    return cardReply(ctx, findListing(ctx, listing.id), ctx.t("edit-done", { id: listing.id }));
  },
});

/** `/renouveler 42 [date]` — extends the person's listing (and reopens it if it expired). */
export const renewCommand = defineCommand({
  id: "renew",
  names: { fr: ["renouveler", "prolonger"], en: ["renew", "extend"] },
  section: "manage",
  access: "everyone",
  args: listingAndRest,
  run(ctx, { number, text }) {
    const listing = changeableListing(ctx, number);
    if (listing.status === "pending") throw new UserError("listing-is-pending", { id: listing.id });
    const until = text ? parseUntil(ctx, text) : Math.max(defaultExpiry(ctx), listing.expiresAt);
    renewListing(ctx.db, listing.id, until, ctx.now);
    ctx.audit({ action: "listing-renewed", networkId: listing.networkId, listingId: listing.id });
    return here(
      message([paragraph(ctx.t("renew-done", { id: listing.id, date: new Date(until) }))]),
    );
  },
});

/** `/cloturer 42 donne` — closes the person's listing with its outcome. */
export const closeCommand = defineCommand({
  id: "close",
  names: { fr: ["cloturer", "clore", "fermer"], en: ["close"] },
  section: "manage",
  access: "everyone",
  args: listingAndRest,
  run(ctx, { number, rest }) {
    const listing = changeableListing(ctx, number);
    if (listing.status === "pending") throw new UserError("listing-is-pending", { id: listing.id });
    const [word] = rest;
    if (!word) {
      const outcomes = ctx.catalog.entries("outcomes");
      return here(
        message(
          [paragraph(ctx.t("close-which-outcome", { id: listing.id }))],
          [
            outcomes.map((o) => ({
              label: ctx.t(`outcome-${o.id}`),
              command: ctx.command("close", listing.id, o[ctx.locale][0] ?? o.id),
            })),
          ],
        ),
      );
    }
    const outcome = resolveWord(ctx, "outcomes", word, "outcome-unknown");
    closeListing(ctx.db, listing.id, outcome, ctx.now);
    ctx.audit({
      action: "listing-closed",
      networkId: listing.networkId,
      listingId: listing.id,
      details: { outcome },
    });
    return here(
      message([
        paragraph(ctx.t("close-done", { id: listing.id, outcome: ctx.t(`outcome-${outcome}`) })),
      ]),
      ctx.fromButton,
    );
  },
});

/** `/supprimer 42` — deletes the person's listing for good, after confirmation. */
export const deleteCommand = defineCommand({
  id: "delete",
  names: { fr: ["supprimer", "effacer"], en: ["delete"] },
  section: "manage",
  access: "everyone",
  args: listingAndRest,
  run(ctx, { number, rest }) {
    const listing = ownListing(ctx, number);
    const confirm = rest[0] ? ctx.catalog.lookup("answers", rest[0], ctx.locale) : undefined;
    if (!confirm?.found || confirm.id !== "yes") {
      const yes = ctx.catalog.word("answers", "yes", ctx.locale);
      return here(
        message(
          [
            paragraph(
              ctx.t("delete-confirm", {
                id: listing.id,
                title: listing.title,
                close: ctx.command("close", listing.id),
              }),
            ),
          ],
          [
            [
              {
                label: ctx.t("button-delete-confirm"),
                command: ctx.command("delete", listing.id, yes),
              },
            ],
          ],
        ),
      );
    }
    deleteListing(ctx.db, listing.id);
    ctx.audit({
      action: "listing-deleted",
      networkId: listing.networkId,
      listingId: listing.id,
      details: { title: listing.title },
    });
    return here(message([paragraph(ctx.t("delete-done", { id: listing.id }))]), ctx.fromButton);
  },
});
