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
  type CounterpartMatch,
  type DigestSettings,
} from "../storage/digests.js";
import { lastListingId, openListingsAfter, type Listing } from "../storage/listings.js";
import type { Places } from "../storage/places.js";
import { saveSearch } from "../storage/search.js";
import { listingLine } from "../commands/listing-view.js";
import { nextDigestTime } from "./digest-time.js";
import type { MessageArgs } from "./errors.js";
import type { Translator } from "./i18n.js";
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
/**
 * Members handled per pass. A pass holds their alerts, indexed, and the (member, listing)
 * pairs found, so its memory follows this number; each pass reads the new listings again.
 */
export const MEMBERS_PER_PASS = 5_000;
/** Listings read at a time. */
const LISTINGS_PER_READ = 5_000;
/** A catch-up after a long downtime goes back this far, no further. */
const CATCH_UP_MS = 30 * 86_400_000;

/**
 * Why a listing is in a member's digest, as one number: the id of the alert that matched it
 * (above 0), or minus the id of the member's own listing it answers.
 */
type Reason = number;

/** What one run keeps from pass to pass: the same lines and phrases serve many members. */
interface RunCaches {
  /** A listing's line in a language (`fr:42`). */
  lines: Map<string, Inline[]>;
  /** Translations already made, by language, message and arguments. */
  phrases: Map<string, string>;
  /** The next due time, by rhythm, time and day. */
  nextDue: Map<string, number>;
}

/** Sends every digest that is due; returns how many were queued. */
export function runDueDigests(services: DigestServices, now: number): number {
  const caches: RunCaches = { lines: new Map(), phrases: new Map(), nextDue: new Map() };
  let queued = 0;
  for (;;) {
    const due = dueDigests(services.db, now, MEMBERS_PER_PASS);
    if (due.length === 0) return queued;
    queued += digestPass(services, due, now, caches);
    if (due.length < MEMBERS_PER_PASS) return queued;
  }
}

/** One pass: match the new listings against the due members' alerts, then queue. */
function digestPass(
  services: DigestServices,
  due: DigestSettings[],
  now: number,
  caches: RunCaches,
): number {
  const { db, places } = services;
  const cursors = new Map(due.map((d) => [d.memberId, d.cursor]));
  const memberIds = [...cursors.keys()];
  const index = new AlertIndex(activeAlertsOf(db, memberIds), places);
  // Numbers count paused alerts too, as /alertes shows them.
  const ranks = alertRanks(alertsOfMembers(db, memberIds));
  const lowest = Math.min(...due.map((d) => d.cursor));
  // New listings matching the members' own listings (found when they were posted).
  const answers = new Map<number, CounterpartMatch[]>();
  for (const match of counterpartMatchesOf(db, memberIds, lowest)) {
    const list = answers.get(match.listingId);
    if (list) list.push(match);
    else answers.set(match.listingId, [match]);
  }
  // Per member, the listings found and why, flat and oldest first: [id, reason, id, reason…].
  const found = new Map<number, number[]>();
  const matched = new Map<number, Listing>();
  // Every listing posted since the oldest cursor, still open, read in slices.
  const since = now - CATCH_UP_MS;
  for (let after = lowest; ;) {
    const slice = openListingsAfter(db, after, since, LISTINGS_PER_READ);
    for (const listing of slice) {
      // Ended while the bot was down (the expiry job has not run yet): not news any more.
      if (listing.expiresAt <= now) continue;
      const members = new Set<number>();
      const add = (memberId: number, reason: Reason) => {
        if (memberId === listing.authorId || members.has(memberId)) return;
        if (listing.id <= (cursors.get(memberId) ?? 0)) return;
        members.add(memberId);
        const pairs = found.get(memberId);
        if (pairs) pairs.push(listing.id, reason);
        else found.set(memberId, [listing.id, reason]);
      };
      for (const alert of index.match(listing)) add(alert.memberId, alert.id);
      for (const answer of answers.get(listing.id) ?? []) {
        add(answer.memberId, -answer.matchedListingId);
      }
      if (members.size > 0) matched.set(listing.id, listing);
    }
    if (slice.length < LISTINGS_PER_READ) break;
    after = slice[slice.length - 1]?.id ?? after;
  }
  const cursor = lastListingId(db);
  let queued = 0;
  inTransaction(db, () => {
    for (const settings of due) {
      const pairs = found.get(settings.memberId) ?? [];
      const sent =
        pairs.length > 0 &&
        queueDigest(services, settings, newestFirst(pairs, matched), ranks, now, caches);
      if (sent) queued++;
      advanceDigest(db, settings.memberId, {
        cursor,
        nextDueAt: nextDueTime(services, settings, now, caches),
        sentAt: sent ? now : null,
      });
    }
  });
  return queued;
}

/** A member's found listings, newest first. */
function newestFirst(pairs: readonly number[], listings: Map<number, Listing>): Found[] {
  const items: Found[] = [];
  for (let i = pairs.length - 2; i >= 0; i -= 2) {
    const listing = listings.get(pairs[i] ?? 0);
    if (listing) items.push({ listing, reason: pairs[i + 1] ?? 0 });
  }
  return items;
}

/** A listing in a digest, and why it is there. */
interface Found {
  listing: Listing;
  reason: Reason;
}

/** The next due time of a member's digest (the same for every member with the same rhythm). */
function nextDueTime(
  services: DigestServices,
  settings: DigestSettings,
  now: number,
  caches: RunCaches,
): number {
  const key = `${settings.rhythm} ${settings.time} ${settings.weekday}`;
  let at = caches.nextDue.get(key);
  if (at === undefined) {
    at = nextDigestTime(settings, now, services.timeZone);
    caches.nextDue.set(key, at);
  }
  return at;
}

/** A translator that remembers what it already said (digests repeat the same phrases). */
function remembering(t: Translator, phrases: Map<string, string>): Translator {
  const fn = (key: string, args?: MessageArgs): string => {
    const id = `${t.locale}\u0000${key}\u0000${args === undefined ? "" : JSON.stringify(args)}`;
    let text = phrases.get(id);
    if (text === undefined) {
      text = t(key, args);
      phrases.set(id, text);
    }
    return text;
  };
  return Object.assign(fn, { locale: t.locale });
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
  caches: RunCaches,
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
  const alertNumber = (reason: Reason) => (reason > 0 ? (ranks.get(reason) ?? 0) : 0);
  return services.notifier.toMember(
    settings.memberId,
    (plain, command) => {
      const t = remembering(plain, caches.phrases);
      const view = { t, places, catalog };
      const line = (listing: Listing): Inline[] => {
        const key = `${t.locale}:${listing.id}`;
        let cached = caches.lines.get(key);
        if (!cached) caches.lines.set(key, (cached = listingLine(view, listing)));
        return cached;
      };
      const why = (reason: Reason): string =>
        reason > 0
          ? t("digest-because-alert", { number: alertNumber(reason) })
          : t("digest-because-match", { id: -reason });
      const lines: Inline[][] = shown.map((item) => [
        ...line(item.listing),
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
        ...new Set(shown.flatMap((i) => (i.reason > 0 ? [alertNumber(i.reason)] : []))),
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
