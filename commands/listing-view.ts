/** How a listing looks in replies: a full card, or one line in a list. */
import type { Translator } from "../bot/i18n.js";
import {
  list,
  message,
  paragraph,
  strong,
  type Block,
  type Button,
  type Inline,
  type RichText,
} from "../bot/reply.js";
import type { Catalog } from "../storage/catalog.js";
import type { Listing } from "../storage/listings.js";
import { memberById } from "../storage/members.js";
import { contactsOfListing } from "../storage/contacts.js";
import { networkById } from "../storage/networks.js";
import { structureById } from "../storage/structures.js";
import type { Places } from "../storage/places.js";
import type { CommandContext } from "./types.js";

/** What rendering a listing needs (a translator may be another member's). */
export interface ViewContext {
  t: Translator;
  places: Places;
  catalog: Catalog;
}

/** The place of a listing as people read it: "Tarbes (65)". */
export function placeLabel(
  places: Places,
  listing: Pick<Listing, "placeKind" | "placeCode">,
): string {
  const place = places.byCode(listing.placeKind, listing.placeCode);
  return place ? places.label(place) : listing.placeCode;
}

/** "Offre" / "Besoin" with the category's emoji. */
function kindLabel(view: ViewContext, listing: Listing): string {
  const emoji = view.catalog.entry("categories", listing.category)?.emoji ?? "";
  return `${emoji} ${view.t(`kind-${listing.kind}`)}`.trim();
}

/** The status of a listing in words ("ouverte", "clôturée : donnée"...). */
export function statusLabel(t: Translator, listing: Listing): string {
  if (listing.status === "closed" && listing.outcome) {
    return t("status-closed-with", { outcome: t(`outcome-${listing.outcome}`) });
  }
  return t(`status-${listing.status}`);
}

/** One line of a list: "#42 🚐 Offre · Prêt de camionnette — Tarbes (65) · 29/11/2026". */
export function listingLine(view: ViewContext, listing: Listing, showStatus = false): Inline[] {
  const details = view.t("listing-line-details", {
    kind: kindLabel(view, listing),
    place: placeLabel(view.places, listing),
    date: new Date(listing.createdAt),
  });
  const line: Inline[] = [strong(`#${listing.id}`), " ", listing.title, " — ", details];
  if (showStatus && listing.status !== "open") line.push(` (${statusLabel(view.t, listing)})`);
  return line;
}

/** The full card of a listing. */
export function listingCard(
  view: ViewContext & { db: CommandContext["db"] },
  listing: Listing,
): Block[] {
  const { t, catalog } = view;
  const author = memberById(view.db, listing.authorId);
  const network = listing.networkId === null ? undefined : networkById(view.db, listing.networkId);
  const blocks: Block[] = [
    paragraph(strong(`${kindLabel(view, listing)} #${listing.id} — `), strong(listing.title)),
  ];
  if (listing.description) blocks.push(paragraph(listing.description));
  const facts: Inline[][] = [
    [
      t("field-category"),
      " ",
      t(`category-${listing.category}`),
      ` (#${catalog.word("categories", listing.category, t.locale)})`,
    ],
    [t("field-place"), " ", placeLabel(view.places, listing)],
  ];
  if (listing.terms) facts.push([t("field-terms"), " ", t(`terms-${listing.terms}`)]);
  const structure =
    listing.structureId === null ? undefined : structureById(view.db, listing.structureId);
  facts.push([
    t("field-author"),
    " ",
    author?.displayName ?? t("author-unknown"),
    ...(structure ? [" — ", strong(structure.name)] : []),
    ...(network ? [" · ", network.name] : []),
  ]);
  facts.push([
    t("listing-dates", {
      created: new Date(listing.createdAt),
      expires: new Date(listing.expiresAt),
    }),
  ]);
  facts.push([t("field-status"), " ", statusLabel(t, listing)]);
  const contacts = contactsOfListing(view.db, listing.id);
  if (contacts > 0) facts.push([t("listing-contacts", { count: contacts })]);
  blocks.push(list(facts));
  return blocks;
}

/** The buttons under a listing, depending on who looks at it. */
export function listingButtons(
  ctx: CommandContext,
  listing: Listing,
  canModerate: boolean,
): Button[][] {
  const rows: Button[][] = [];
  if (listing.authorId === ctx.member.id) {
    if (listing.status === "pending") {
      rows.push([
        { label: ctx.t("button-edit"), command: ctx.command("edit", listing.id) },
        { label: ctx.t("button-delete"), command: ctx.command("delete", listing.id) },
      ]);
    } else if (listing.status === "open" || listing.status === "expired") {
      rows.push([
        { label: ctx.t("button-renew"), command: ctx.command("renew", listing.id) },
        { label: ctx.t("button-close"), command: ctx.command("close", listing.id) },
      ]);
      rows.push([
        { label: ctx.t("button-edit"), command: ctx.command("edit", listing.id) },
        { label: ctx.t("button-delete"), command: ctx.command("delete", listing.id) },
      ]);
    } else {
      rows.push([{ label: ctx.t("button-delete"), command: ctx.command("delete", listing.id) }]);
    }
  } else if (listing.status === "open") {
    rows.push([
      { label: ctx.t("button-contact"), command: ctx.command("contact", listing.id) },
      { label: ctx.t("button-report"), command: ctx.command("report", listing.id) },
    ]);
    if (canModerate)
      rows.push([{ label: ctx.t("button-remove"), command: ctx.command("remove", listing.id) }]);
  } else if (listing.status === "pending" && canModerate) {
    rows.push([
      {
        label: ctx.t("button-approve-listing", { id: listing.id }),
        command: ctx.command("publish", listing.id),
      },
      {
        label: ctx.t("button-reject", { id: listing.id }),
        command: ctx.command("reject", listing.id),
      },
    ]);
  }
  return rows;
}

/** A message listing several listings with an optional heading and footer. */
export function listingsMessage(
  view: ViewContext,
  heading: Inline[],
  rows: Listing[],
  footer: Block[] = [],
  buttons: Button[][] = [],
  showStatus = false,
): RichText {
  return message(
    [paragraph(...heading), list(rows.map((l) => listingLine(view, l, showStatus))), ...footer],
    buttons,
  );
}
