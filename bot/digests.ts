/**
 * Digests: for each member whose digest is due, the listings posted since their previous
 * digest that match any of their alerts, or that match one of their own listings (a need
 * meeting an offer) — each listing once, with why it is there. One private message per
 * member per period, nothing when nothing matched.
 *
 * Exactly once: a member's digest is queued and their cursor (the newest listing considered)
 * advanced in the same transaction, and the outbox delivers it; a crash before the commit
 * leaves everything to the next run, after it the message is in the outbox.
 */
import { list, message, paragraph, strong, type Button, type Inline } from "./reply.js";
import type { Catalog } from "../storage/catalog.js";
import { activeAlertsOf, alertsOfMembers, type Alert } from "../storage/alerts.js";
import { AlertIndex } from "../storage/alert-index.js";
import { inTransaction, type Db } from "../storage/db.js";
import {
  advanceDigest,
  counterpartMatchesOf,
  dueDigests,
  type DigestSettings,
} from "../storage/digests.js";
import { lastListingId, openListingsAfter, type Listing } from "../storage/listings.js";
import type { Places } from "../storage/places.js";
import { saveSearch } from "../storage/search.js";
import { listingLine } from "../commands/listing-view.js";
import { nextDigestTime } from "./digest-time.js";
import type { Notifier } from "./notify.js";

/** What the digest job works with. */
export interface DigestServices {
  db: Db;
  places: Places;
  catalog: Catalog;
  notifier: Notifier;
  timeZone: string;
}

/** Listings shown in a digest message; the rest are behind a "full list" button. */
export const DIGEST_SHOWN = 15;
/** Members handled per pass (memory stays bounded; the next pass takes the next ones). */
const MEMBERS_PER_PASS = 20_000;
/** Listings read at a time. */
const LISTINGS_PER_READ = 5_000;
/** A catch-up after a long downtime goes back this far, no further. */
const CATCH_UP_MS = 30 * 86_400_000;

/** Why a listing is in a member's digest. */
type Reason = { alert: Alert } | { ownListing: number };

/** What one pass found for one member. */
interface Found {
  listing: Listing;
  reason: Reason;
}

/** Sends every digest that is due; returns how many were queued. */
export function runDueDigests(services: DigestServices, now: number): number {
  let queued = 0;
  for (;;) {
    const due = dueDigests(services.db, now, MEMBERS_PER_PASS);
    if (due.length === 0) return queued;
    queued += digestPass(services, due, now);
    if (due.length < MEMBERS_PER_PASS) return queued;
  }
}

/** One pass: match the new listings against the due members' alerts, then queue. */
function digestPass(services: DigestServices, due: DigestSettings[], now: number): number {
  const { db, places } = services;
  const cursors = new Map(due.map((d) => [d.memberId, d.cursor]));
  const memberIds = [...cursors.keys()];
  const alerts = activeAlertsOf(db, memberIds);
  const index = new AlertIndex(alerts, places);
  // Numbers count paused alerts too, as /alertes shows them.
  const ranks = alertRanks(alertsOfMembers(db, memberIds));
  const found = new Map<number, Map<number, Found>>();
  const add = (memberId: number, listing: Listing, reason: Reason) => {
    if (listing.authorId === memberId || listing.id <= (cursors.get(memberId) ?? 0)) return;
    let mine = found.get(memberId);
    if (!mine) found.set(memberId, (mine = new Map<number, Found>()));
    if (!mine.has(listing.id)) mine.set(listing.id, { listing, reason });
  };
  // Every listing posted since the oldest cursor, still open, read in slices.
  const lowest = Math.min(...due.map((d) => d.cursor));
  const since = now - CATCH_UP_MS;
  const newListings = new Map<number, Listing>();
  for (let after = lowest; ;) {
    const slice = openListingsAfter(db, after, since, LISTINGS_PER_READ);
    for (const listing of slice) {
      // Ended while the bot was down (the expiry job has not run yet): not news any more.
      if (listing.expiresAt <= now) continue;
      newListings.set(listing.id, listing);
      for (const alert of index.match(listing)) add(alert.memberId, listing, { alert });
    }
    if (slice.length < LISTINGS_PER_READ) break;
    after = slice[slice.length - 1]?.id ?? after;
  }
  // New listings matching the members' own listings (found when they were posted).
  for (const match of counterpartMatchesOf(db, memberIds, lowest)) {
    const listing = newListings.get(match.listingId);
    if (listing) add(match.memberId, listing, { ownListing: match.matchedListingId });
  }
  const cursor = lastListingId(db);
  let queued = 0;
  inTransaction(db, () => {
    for (const settings of due) {
      const items = [...(found.get(settings.memberId)?.values() ?? [])].sort(
        (a, b) => b.listing.id - a.listing.id,
      );
      const sent = items.length > 0 && queueDigest(services, settings, items, ranks, now);
      if (sent) queued++;
      advanceDigest(db, settings.memberId, {
        cursor,
        nextDueAt: nextDigestTime(settings, now, services.timeZone),
        sentAt: sent ? now : null,
      });
    }
  });
  return queued;
}

/** Each alert's number for its member (its rank among their alerts, from 1). */
function alertRanks(alerts: readonly Alert[]): Map<number, number> {
  const ranks = new Map<number, number>();
  const counts = new Map<number, number>();
  for (const alert of [...alerts].sort((a, b) => a.id - b.id)) {
    const n = (counts.get(alert.memberId) ?? 0) + 1;
    counts.set(alert.memberId, n);
    ranks.set(alert.id, n);
  }
  return ranks;
}

/** Queues one member's digest (at most once for this batch of listings). */
function queueDigest(
  services: DigestServices,
  settings: DigestSettings,
  items: Found[],
  ranks: Map<number, number>,
  now: number,
): boolean {
  const { db, places, catalog } = services;
  const shown = items.slice(0, DIGEST_SHOWN);
  const more = items.length - shown.length;
  // The full list, for paging through with "more" when the digest is long.
  const listId =
    more > 0
      ? saveSearch(
          db,
          settings.memberId,
          { words: [], status: "open", ids: items.map((i) => i.listing.id) },
          now,
        )
      : undefined;
  return services.notifier.toMember(
    settings.memberId,
    (t, command) => {
      const view = { t, places, catalog };
      const why = (reason: Reason): string =>
        "alert" in reason
          ? t("digest-because-alert", { number: ranks.get(reason.alert.id) ?? 0 })
          : t("digest-because-match", { id: reason.ownListing });
      const lines: Inline[][] = shown.map((item) => [
        ...listingLine(view, item.listing),
        " — ",
        why(item.reason),
      ]);
      const blocks = [
        paragraph(strong(t("digest-heading", { count: items.length, date: new Date(now) }))),
        list(lines),
      ];
      if (more > 0) blocks.push(paragraph(t("digest-more", { count: more })));
      blocks.push(
        paragraph(
          t("digest-hint", {
            show: command("show", shown[0]?.listing.id ?? 1),
            alerts: command("alerts"),
          }),
        ),
      );
      const buttons: Button[][] = [
        shown.slice(0, 4).map((item) => ({
          label: t("button-show", { id: item.listing.id }),
          command: command("show", item.listing.id),
        })),
      ];
      const pausable = [
        ...new Set(
          shown.flatMap((i) => ("alert" in i.reason ? [ranks.get(i.reason.alert.id) ?? 0] : [])),
        ),
      ];
      const pauseWord = catalogWord(catalog, t.locale);
      if (pausable.length > 0) {
        buttons.push(
          pausable.slice(0, 3).map((n) => ({
            label: t("button-pause-alert", { number: n }),
            command: command("alert", pauseWord, n),
          })),
        );
      }
      if (listId !== undefined)
        buttons.push([{ label: t("button-full-list"), command: command("more", listId, 1) }]);
      return message(blocks, buttons);
    },
    now,
    `digest:${settings.memberId}:${settings.cursor}`,
  );
}

/** The word for "pause" in `/alerte pause 2`, in a language. */
function catalogWord(catalog: Catalog, locale: string): string {
  return catalog.word("alertActions", "pause", locale === "en" ? "en" : "fr");
}
