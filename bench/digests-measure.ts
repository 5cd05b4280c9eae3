/**
 * Measuring the digest job (bench/digests.ts): the timed `runDueDigests` in a fresh process
 * with its memory peak, an independent count of the work and of the matches it should have found (checked
 * against the outbox), and the naive computation on a small population.
 */
import vm from "node:vm";
import v8 from "node:v8";
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { MEMBERS_PER_PASS } from "../bot/digests.js";
import type { OutgoingMessage } from "../bot/reply.js";
import { activeAlertsOf } from "../storage/alerts.js";
import { AlertIndex, alertMatchesListing } from "../storage/alert-index.js";
import { counterpartMatchesOf } from "../storage/digests.js";
import { openListingsAfter, type Listing } from "../storage/listings.js";
import { projectPath } from "../storage/paths.js";
import { searchById } from "../storage/search.js";
import type { ChildRun } from "./digests-child.js";
import { RUN_AT, type DigestPopulation } from "./digests-world.js";
import { since, type MemoryTracker } from "./stats.js";

/** bot/digests.ts: members handled per pass, listings read at a time, catch-up window. */
const LISTINGS_PER_READ = 5_000;
const CATCH_UP_MS = 30 * 86_400_000;

/** A full garbage collection, to start each timed run from the same heap. */
const collect: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
})();

/** One timed run of the real job, in a fresh process (bench/digests-child.ts). */
export interface DigestRun extends ChildRun {
  /** Rows in the outbox afterwards (it was empty). */
  outboxRows: number;
  /**
   * The process's peak resident memory (maxRSS) at the end of the run: the run's own peak
   * when the run raised it (`peakInRun`), else an upper bound of it (loading went higher).
   */
  rssPeak: number;
  /** Whether the peak was reached during the run (else loading the bot reached higher). */
  peakInRun: boolean;
}

/** Runs `runDueDigests` at 08:01 in a fresh bot process on the population's database. */
export async function timedDigestRun(population: DigestPopulation): Promise<DigestRun> {
  population.suspend();
  // The compiled child, as `npm start` runs the bot (npm run bench builds first).
  const compiled = projectPath("dist", "bench", "digests-child.js");
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run build first`);
  const child = fork(compiled, [population.dbPath, String(RUN_AT)], {
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const run = await new Promise<ChildRun>((resolve, reject) => {
    let answered = false;
    child.on("message", (m: { result?: ChildRun; error?: string }) => {
      answered = true;
      if (m.result) resolve(m.result);
      else reject(new Error(`digest run failed: ${m.error ?? "?"}`));
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!answered) reject(new Error(`digest run exited with ${code} without an answer`));
    });
  });
  const app = population.reopen();
  const outboxRows = app.db.$client
    .prepare<[], number>("SELECT count(*) FROM outbox")
    .pluck()
    .get();
  return {
    ...run,
    outboxRows: outboxRows ?? 0,
    rssPeak: run.maxRssAfter,
    peakInRun: run.maxRssAfter > run.maxRssBefore,
  };
}

/** What the job had to do, counted independently, and whether its digests say the same. */
export interface DigestWork {
  passes: number;
  alerts: number;
  /** Listings read per pass (open, posted since the members' cursor). */
  listingsRead: number;
  /** Alerts checked in full by the index (`AlertIndex.checked`), over all passes. */
  checked: number;
  /** (member, listing) pairs in digests: through an alert, or through one of their listings. */
  matches: number;
  viaOwnListing: number;
  /** Pairs left out because the member wrote the listing. */
  ownLeftOut: number;
  /** Members whose digest should hold something. */
  expectedDigests: number;
  /** Time of loading alerts and building the index, and of matching, over all passes. */
  indexMs: number;
  matchMs: number;
  check: DigestCheck;
}

/** Disagreements between the outbox and the independent count (all 0 when right). */
export interface DigestCheck {
  missing: number;
  unexpected: number;
  wrongCount: number;
  foreignListing: number;
  olderListing: number;
  wrongFullList: number;
  fullLists: number;
}

/** The number of listings a digest's heading announces ("Une nouvelle…", "1 234 nouvelles…"). */
function headingCount(message: OutgoingMessage): number {
  const first = message.text.blocks[0];
  const inline = first?.kind === "paragraph" ? first.content[0] : undefined;
  const text = typeof inline === "object" ? inline.text : (inline ?? "");
  if (/\b(une|one) new/i.test(text) || /Une nouvelle annonce/.test(text)) return 1;
  const digits = /(\d[\d\s\u202f\u00a0,.]*)/.exec(text)?.[1]?.replace(/\D/g, "");
  return digits ? Number(digits) : Number.NaN;
}

/** The listing number at the end of a command line ("/voir 123" → 123). */
const lastNumber = (command: string) => Number(/(\d+)\s*$/.exec(command)?.[1] ?? Number.NaN);

/**
 * Redoes what `runDueDigests` did, pass by pass, with the same pieces (activeAlertsOf,
 * AlertIndex, openListingsAfter, counterpartMatchesOf) to count the work, then checks each
 * member's queued digest: there when and only when something matched, announcing the right
 * number of listings, its buttons and its full list holding only listings that matched.
 */
export function countDigestWork(population: DigestPopulation, memory: MemoryTracker): DigestWork {
  const { app, members, dayCursor } = population;
  const { db, places } = app;
  const payloadOf = db.$client
    .prepare<[string], string>("SELECT payload FROM outbox WHERE dedupe_key = ?")
    .pluck();
  const work: DigestWork = {
    passes: 0,
    alerts: 0,
    listingsRead: 0,
    checked: 0,
    matches: 0,
    viaOwnListing: 0,
    ownLeftOut: 0,
    expectedDigests: 0,
    indexMs: 0,
    matchMs: 0,
    check: {
      missing: 0,
      unexpected: 0,
      wrongCount: 0,
      foreignListing: 0,
      olderListing: 0,
      wrongFullList: 0,
      fullLists: 0,
    },
  };
  const check = work.check;
  for (let first = 1; first <= members; first += MEMBERS_PER_PASS) {
    const ids = Array.from(
      { length: Math.min(MEMBERS_PER_PASS, members - first + 1) },
      (_, i) => first + i,
    );
    let started = performance.now();
    const alerts = activeAlertsOf(db, ids);
    const index = new AlertIndex(alerts, places);
    work.indexMs += since(started);
    work.passes++;
    work.alerts += alerts.length;
    started = performance.now();
    const found = new Map<number, Set<number>>();
    const add = (memberId: number, listing: Listing): boolean => {
      if (listing.authorId === memberId) return false;
      let mine = found.get(memberId);
      if (!mine) found.set(memberId, (mine = new Set()));
      if (mine.has(listing.id)) return false;
      mine.add(listing.id);
      return true;
    };
    const own = new Set<number>();
    const newListings = new Map<number, Listing>();
    for (let after = dayCursor; ;) {
      const slice = openListingsAfter(db, after, RUN_AT - CATCH_UP_MS, LISTINGS_PER_READ);
      for (const listing of slice) {
        newListings.set(listing.id, listing);
        for (const alert of index.match(listing)) {
          if (alert.memberId === listing.authorId) own.add(listing.id);
          else add(alert.memberId, listing);
        }
      }
      if (slice.length < LISTINGS_PER_READ) break;
      after = slice[slice.length - 1]?.id ?? after;
    }
    for (const match of counterpartMatchesOf(db, ids, dayCursor)) {
      const listing = newListings.get(match.listingId);
      if (listing && add(match.memberId, listing)) work.viaOwnListing++;
    }
    work.matchMs += since(started);
    work.ownLeftOut += own.size;
    work.checked += index.checked;
    work.listingsRead = newListings.size;
    memory.sample();
    for (const memberId of ids) {
      const expected = found.get(memberId);
      const payload = payloadOf.get(`digest:${memberId}:${dayCursor}`);
      if (expected) {
        work.expectedDigests++;
        work.matches += expected.size;
      }
      if (!payload) {
        if (expected) check.missing++;
        continue;
      }
      if (!expected) {
        check.unexpected++;
        continue;
      }
      const message = JSON.parse(payload) as OutgoingMessage;
      if (headingCount(message) !== expected.size) check.wrongCount++;
      // The first row shows listings; the last button, in a long digest, opens the full list.
      for (const button of message.text.buttons[0] ?? []) {
        const id = lastNumber(button.command);
        if (id <= dayCursor) check.olderListing++;
        else if (!expected.has(id)) check.foreignListing++;
      }
      const full = expected.size > 15 ? message.text.buttons.at(-1)?.[0] : undefined;
      if (full) {
        check.fullLists++;
        const listIds = searchById(db, Number(/(\d+)\s+1\s*$/.exec(full.command)?.[1]))?.criteria
          .ids;
        if (
          !listIds ||
          listIds.length !== expected.size ||
          listIds.some((id) => !expected.has(id) || id <= dayCursor)
        )
          check.wrongFullList++;
      }
    }
  }
  return work;
}

/** The same pairs found naively and through the index, and what each cost. */
export interface NaiveComparison {
  alerts: number;
  listings: number;
  naiveChecks: number;
  naiveMs: number;
  indexedChecks: number;
  indexedMs: number;
  pairs: number;
  same: boolean;
}

/**
 * Every alert against every new listing with `alertMatchesListing`, then the same through an
 * `AlertIndex` of all the alerts; both leave out a member's own listings.
 */
export function naiveComparison(population: DigestPopulation): NaiveComparison {
  const { app, members, dayCursor } = population;
  const { db, places } = app;
  const listings = openListingsAfter(db, dayCursor, RUN_AT - CATCH_UP_MS, Number.MAX_SAFE_INTEGER);
  const alerts = activeAlertsOf(
    db,
    Array.from({ length: members }, (_, i) => i + 1),
  );
  const key = (memberId: number, listingId: number) => memberId * 4_194_304 + listingId;
  collect();
  let started = performance.now();
  const naive = new Set<number>();
  for (const listing of listings) {
    for (const alert of alerts) {
      if (alert.memberId !== listing.authorId && alertMatchesListing(alert, listing, places))
        naive.add(key(alert.memberId, listing.id));
    }
  }
  const naiveMs = since(started);
  collect();
  started = performance.now();
  const index = new AlertIndex(alerts, places);
  const indexed = new Set<number>();
  for (const listing of listings) {
    for (const alert of index.match(listing)) {
      if (alert.memberId !== listing.authorId) indexed.add(key(alert.memberId, listing.id));
    }
  }
  const indexedMs = since(started);
  return {
    alerts: alerts.length,
    listings: listings.length,
    naiveChecks: alerts.length * listings.length,
    naiveMs,
    indexedChecks: index.checked,
    indexedMs,
    pairs: naive.size,
    same: naive.size === indexed.size && [...naive].every((k) => indexed.has(k)),
  };
}
