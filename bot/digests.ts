/**
 * Digests: for each member whose digest is due, the listings posted since their previous
 * digest that match any of their alerts, or that match one of their own listings (a need
 * meeting an offer) — each listing once, with why it is there. One private message per
 * member per period, nothing when nothing matched.
 *
 * Exactly once: a member's digest is queued and their cursor (the newest listing considered)
 * advanced in the same transaction, and the outbox delivers it; a crash before the commit
 * leaves everything to the next run, after it the message is in the outbox.
 *
 * Cost: the new listings are read once per run; members are taken in passes, each with its
 * members' alerts indexed (storage/alert-index.ts), so the work follows the new listings and
 * the matches, and the memory a pass holds follows its number of members.
 */
import { list, message, paragraph, strong, type Button, type Inline } from "./reply.js";
import type { Catalog } from "../storage/catalog.js";
import { activeAlertsOf, alertNumbersOf } from "../storage/alerts.js";
import { AlertIndex, listingWords } from "../storage/alert-index.js";
import { inTransaction, withCacheSize, type Db } from "../storage/db.js";
import {
  advanceDigest,
  counterpartMatchesOf,
  dueDigests,
  lowestDueCursor,
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
/** Members handled per pass: a pass holds their alerts, indexed, and the matches found. */
export const MEMBERS_PER_PASS = 5_000;
/** Listings read at a time. */
const LISTINGS_PER_READ = 2_000;
/** SQLite's page cache during the job, in KiB. */
const DIGEST_CACHE_KIB = 8_192;
/** A catch-up after a long downtime goes back this far, no further. */
const CATCH_UP_MS = 30 * 86_400_000;

/**
 * Why a listing is in a member's digest, as one number: the id of the alert that matched it
 * (above 0), or minus the id of the member's own listing it answers.
 */
type Reason = number;

/** A new listing as a run keeps it: without its description, with the words it holds. */
interface NewListing {
  listing: Listing;
  words: string[];
}

/** What one run keeps from pass to pass. */
interface Run {
  now: number;
  /** The listings posted since the oldest due member's cursor, still open, oldest first. */
  listings: NewListing[];
  byId: Map<number, Listing>;
  /** The matches of a pass (reused, so that passes leave no garbage behind). */
  found: Matches;
  /** A listing's line in a language (`fr:42`): the same lines serve many members. */
  lines: Map<string, Inline[]>;
  /** Translations already made, by language, message and arguments. */
  phrases: Map<string, string>;
  /** The next due time, by rhythm, time and day. */
  nextDue: Map<string, number>;
}

/** Sends every digest that is due; returns how many were queued. */
export function runDueDigests(services: DigestServices, now: number): number {
  const lowest = lowestDueCursor(services.db, now);
  if (lowest === undefined) return 0;
  const run: Run = {
    now,
    ...newListings(services.db, lowest, now),
    found: new Matches(),
    lines: new Map(),
    phrases: new Map(),
    nextDue: new Map(),
  };
  // The job streams thousands of outbox rows that nobody reads soon: a small page cache
  // keeps them from pushing the process's memory up by the cache's full size.
  return withCacheSize(services.db, DIGEST_CACHE_KIB, () => {
    let queued = 0;
    for (;;) {
      const due = dueDigests(services.db, now, MEMBERS_PER_PASS);
      if (due.length === 0) return queued;
      queued += digestPass(services, due, run);
      if (due.length < MEMBERS_PER_PASS) return queued;
    }
  });
}

/** The open listings posted after `lowest` (within the catch-up window), read in slices. */
function newListings(db: Db, lowest: number, now: number): Pick<Run, "listings" | "byId"> {
  const listings: NewListing[] = [];
  const byId = new Map<number, Listing>();
  for (let after = lowest; ;) {
    const slice = openListingsAfter(db, after, now - CATCH_UP_MS, LISTINGS_PER_READ);
    for (const listing of slice) {
      // Ended while the bot was down (the expiry job has not run yet): not news any more.
      if (listing.expiresAt <= now) continue;
      const kept = { ...listing, description: "" };
      listings.push({ listing: kept, words: listingWords(listing) });
      byId.set(listing.id, kept);
    }
    if (slice.length < LISTINGS_PER_READ) return { listings, byId };
    after = slice[slice.length - 1]?.id ?? after;
  }
}

/**
 * The (member, listing, reason) matches of a pass, in typed arrays that grow as needed and
 * are reused by the next pass. Members are numbered by their place in the pass (slots).
 */
class Matches {
  private slots = new Int32Array(1 << 16);
  private listings = new Int32Array(1 << 16);
  private reasons = new Int32Array(1 << 16);
  length = 0;

  add(slot: number, listingId: number, reason: Reason): void {
    if (this.length === this.slots.length) {
      const grow = (a: Int32Array) => {
        const bigger = new Int32Array(a.length * 2);
        bigger.set(a);
        return bigger;
      };
      this.slots = grow(this.slots);
      this.listings = grow(this.listings);
      this.reasons = grow(this.reasons);
    }
    this.slots[this.length] = slot;
    this.listings[this.length] = listingId;
    this.reasons[this.length] = reason;
    this.length++;
  }

  private start = new Int32Array(0);
  private order = new Int32Array(0);

  /** Sorts the matches by slot (a counting sort), for `itemsOf`. */
  group(slotCount: number): void {
    const start = new Int32Array(slotCount + 1);
    for (let i = 0; i < this.length; i++) {
      const after = at(this.slots, i) + 1;
      start[after] = at(start, after) + 1;
    }
    for (let s = 0; s < slotCount; s++) start[s + 1] = at(start, s + 1) + at(start, s);
    const next = start.slice(0, slotCount);
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const slot = at(this.slots, i);
      order[at(next, slot)] = i;
      next[slot] = at(next, slot) + 1;
    }
    this.start = start;
    this.order = order;
  }

  /** A slot's matches, newest first (they were added oldest first). */
  itemsOf(slot: number): { id: number; reason: Reason }[] {
    const items: { id: number; reason: Reason }[] = [];
    for (let k = at(this.start, slot + 1) - 1; k >= at(this.start, slot); k--) {
      const i = at(this.order, k);
      items.push({ id: at(this.listings, i), reason: at(this.reasons, i) });
    }
    return items;
  }
}

/** `array[i]`, known to be within bounds. */
const at = (array: Int32Array, i: number): number => array[i] ?? 0;

/** One pass: match the new listings against the due members' alerts, then queue. */
function digestPass(services: DigestServices, due: DigestSettings[], run: Run): number {
  const { db, places } = services;
  const slotOf = new Map(due.map((d, slot) => [d.memberId, slot]));
  const memberIds = due.map((d) => d.memberId);
  const index = new AlertIndex(activeAlertsOf(db, memberIds), places);
  // Numbers count paused alerts too, as /alertes shows them.
  const numbers = alertNumbersOf(db, memberIds);
  const lowest = Math.min(...due.map((d) => d.cursor));
  // New listings matching the members' own listings (found when they were posted).
  const answers = new Map<number, CounterpartMatch[]>();
  for (const match of counterpartMatchesOf(db, memberIds, lowest)) {
    const list = answers.get(match.listingId);
    if (list) list.push(match);
    else answers.set(match.listingId, [match]);
  }
  const found = run.found;
  found.length = 0;
  // The last listing added for each slot: each listing once per member.
  const lastAdded = new Int32Array(due.length);
  for (const { listing, words } of run.listings) {
    if (listing.id <= lowest) continue;
    const add = (memberId: number, reason: Reason) => {
      const slot = slotOf.get(memberId);
      if (slot === undefined || memberId === listing.authorId) return;
      if (lastAdded[slot] === listing.id || listing.id <= (due[slot]?.cursor ?? 0)) return;
      lastAdded[slot] = listing.id;
      found.add(slot, listing.id, reason);
    };
    for (const alert of index.match(listing, words)) add(alert.memberId, alert.id);
    for (const answer of answers.get(listing.id) ?? []) {
      add(answer.memberId, -answer.matchedListingId);
    }
  }
  found.group(due.length);
  const cursor = lastListingId(db);
  let queued = 0;
  inTransaction(db, () => {
    due.forEach((settings, slot) => {
      const items = found.itemsOf(slot);
      const sent = items.length > 0 && queueDigest(services, settings, items, numbers, run);
      if (sent) queued++;
      advanceDigest(db, settings.memberId, {
        cursor,
        nextDueAt: nextDueTime(services, settings, run),
        sentAt: sent ? run.now : null,
      });
    });
  });
  return queued;
}

/** The next due time of a member's digest (the same for every member with the same rhythm). */
function nextDueTime(services: DigestServices, settings: DigestSettings, run: Run): number {
  const key = `${settings.rhythm} ${settings.time} ${settings.weekday}`;
  let at = run.nextDue.get(key);
  if (at === undefined) {
    at = nextDigestTime(settings, run.now, services.timeZone);
    run.nextDue.set(key, at);
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

/** Queues one member's digest (at most once for this batch of listings). */
function queueDigest(
  services: DigestServices,
  settings: DigestSettings,
  items: { id: number; reason: Reason }[],
  numbers: Map<number, number>,
  run: Run,
): boolean {
  const { db, places, catalog } = services;
  const now = run.now;
  const shown = items.slice(0, DIGEST_SHOWN).flatMap(({ id, reason }) => {
    const listing = run.byId.get(id);
    return listing ? [{ listing, reason }] : [];
  });
  const more = items.length - shown.length;
  // The full list, for paging through with "more" when the digest is long.
  const listId =
    more > 0
      ? saveSearch(
          db,
          settings.memberId,
          { words: [], status: "open", ids: items.map((i) => i.id) },
          now,
        )
      : undefined;
  const alertNumber = (reason: Reason) => (reason > 0 ? (numbers.get(reason) ?? 0) : 0);
  return services.notifier.toMember(
    settings.memberId,
    (plain, command) => {
      const t = remembering(plain, run.phrases);
      const view = { t, places, catalog };
      const line = (listing: Listing): Inline[] => {
        const key = `${t.locale}:${listing.id}`;
        let cached = run.lines.get(key);
        if (!cached) run.lines.set(key, (cached = listingLine(view, listing)));
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
          // Not remembered: its commands differ from member to member.
          plain("digest-hint", {
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
        // Writing to the author goes through the bot (commands/contact.ts), handles kept private.
        shown.slice(0, 4).map((item) => ({
          label: t("button-contact-id", { id: item.listing.id }),
          command: command("contact", item.listing.id),
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
