/**
 * The digest scenario's population (bench/digests.ts): members living around France (a fifth
 * in the Hautes-Pyrénées, like the listings), their alerts, their digest settings, a
 * background of older listings, then the day's new listings and the need–offer matches
 * recorded when they were posted. Everything goes through the real storage layer, in large
 * transactions, on a database file of its own.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type App } from "../bot/app.js";
import { AdjustableClock } from "../bot/clock.js";
import { loadConfig } from "../bot/config.js";
import { createAlert, type AlertCriteria } from "../storage/alerts.js";
import type { Catalog } from "../storage/catalog.js";
import { closeDatabase, inTransaction } from "../storage/db.js";
import { ensureDigestSettings, recordListingMatches } from "../storage/digests.js";
import {
  closeListing,
  createListing,
  expireDueListings,
  lastListingId,
  placeColumns,
  type ListingPlace,
} from "../storage/listings.js";
import { findOrCreateMember } from "../storage/members.js";
import type { Place, Places } from "../storage/places.js";
import { listingPlace, listingText } from "./corpus.js";
import { pick, seededRandom, since, weighted, type MemoryTracker } from "./stats.js";
import { CATEGORY_WEIGHTS, OBJECTS, TERMS_WEIGHTS, type CategoryId } from "./words.js";

const DAY = 86_400_000;
/** When the day's digests fall due: 08:00 in Paris on the benchmark's morning. */
export const DUE_AT = Date.parse("2026-11-29T08:00:00+01:00");
/** When runDueDigests runs: the scheduler's first minute after 08:00. */
export const RUN_AT = DUE_AT + 60_000;
/** The day's listings come in the 24 hours before the digests. */
const DAY_START = DUE_AT - DAY;
/** Older listings span the 60 days before (half within the digests' 30-day catch-up). */
const BACKGROUND_SPAN = 60 * DAY;
/** Rows per write transaction. */
const BATCH = 10_000;
/** Share of members (and of listings) in the Hautes-Pyrénées. */
const SHARE_65 = 0.2;
/** Share of members who post listings ("a few thousand" of 50,000). */
const POSTER_SHARE = 0.06;

/** The shapes of alerts, with their share (per cent) of all alerts. */
export const ALERT_SHAPES = {
  "category+place": 45,
  place: 22,
  "category+place+kind/terms": 10,
  "words+place": 9,
  "words+category+place": 9,
  words: 3.9,
  category: 1,
  everything: 0.1,
} as const;
export type AlertShape = keyof typeof ALERT_SHAPES;

/** What to build. */
export interface DigestSpec {
  alerts: number;
  /** The day's new listings. */
  listings: number;
  /** Older listings, already considered by every member's previous digest. */
  background: number;
  seed: number;
}

/** A built population on its own database file. */
export interface DigestPopulation {
  spec: DigestSpec;
  /** The bot on the database (closed by `suspend`, opened again by `reopen`). */
  app: App;
  /** The database file. */
  dbPath: string;
  members: number;
  /** Member ids run from 1 to `members` (a fresh database). */
  posters: number;
  /** The last listing before the day's: every member's cursor. */
  dayCursor: number;
  shapes: Record<AlertShape, number>;
  /** Day listings closed before 08:00 (left out of digests). */
  closedToday: number;
  /** Need–offer matches recorded for the day's listings. */
  counterpartRows: number;
  setup: {
    membersMs: number;
    backgroundMs: number;
    alertsMs: number;
    settingsMs: number;
    dayMs: number;
    totalMs: number;
    dbBytes: number;
  };
  /** Closes the database (while another process works on it). */
  suspend(): void;
  /** Opens the database again after `suspend`. */
  reopen(): App;
  /** Closes the database and deletes its folder. */
  close(): void;
}

/** Lets the memory sampler and Ctrl-C in between batches. */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/** Words a member types to look for something of a category: one or two of an object's. */
function alertWords(rand: () => number, category: CategoryId): string[] {
  const object = pick(rand, OBJECTS[category]);
  const words = object
    .split(/[\s'’:,/-]+/)
    .filter((w) => w.length >= 4 && /^\p{L}+$/u.test(w) && !["pour", "avec"].includes(w));
  if (words.length === 0) return [object.split(" ")[0] ?? object];
  const first = pick(rand, words);
  const second = words.length > 1 && rand() < 0.3 ? pick(rand, words) : first;
  return second === first ? [first] : [first, second];
}

/** Builds the criteria of alerts around members' homes. */
class AlertMaker {
  private readonly epcis = new Map<string, string | null>();
  readonly shapes = Object.fromEntries(Object.keys(ALERT_SHAPES).map((k) => [k, 0])) as Record<
    AlertShape,
    number
  >;

  constructor(
    private readonly places: Places,
    private readonly rand: () => number,
  ) {}

  /** The member's commune, its EPCI or its département. */
  private place(home: Place, placeOnly: boolean): NonNullable<AlertCriteria["place"]> {
    const level = this.rand();
    if (level < (placeOnly ? 0.65 : 0.5)) return { kind: "commune", code: home.code };
    if (level < (placeOnly ? 1 : 0.8)) {
      let epci = this.epcis.get(home.code);
      if (epci === undefined) {
        epci = placeColumns(this.places, home).epciCode;
        this.epcis.set(home.code, epci);
      }
      return epci ? { kind: "epci", code: epci } : { kind: "commune", code: home.code };
    }
    return { kind: "departement", code: home.departements[0] ?? "65" };
  }

  criteria(home: Place): AlertCriteria {
    const rand = this.rand;
    const shape = weighted(rand, ALERT_SHAPES);
    this.shapes[shape]++;
    const category = weighted(rand, CATEGORY_WEIGHTS);
    switch (shape) {
      case "everything":
        return { words: [] };
      case "words":
        return { words: alertWords(rand, category) };
      case "category":
        return rand() < 0.5
          ? { words: [], kind: rand() < 0.5 ? "offer" : "need", category }
          : { words: [], category };
      case "place":
        return { words: [], place: this.place(home, true) };
      case "category+place":
        return { words: [], category, place: this.place(home, false) };
      case "category+place+kind/terms": {
        const kind = rand() < 0.6 ? (rand() < 0.5 ? "offer" : "need") : undefined;
        const terms = weighted(rand, TERMS_WEIGHTS[category]);
        return {
          words: [],
          ...(kind || terms === "none" ? { kind: kind ?? "offer" } : {}),
          category,
          ...(terms === "none" ? {} : { terms }),
          place: this.place(home, false),
        };
      }
      case "words+place":
        return { words: alertWords(rand, category), place: this.place(home, false) };
      case "words+category+place":
        return { words: alertWords(rand, category), category, place: this.place(home, false) };
    }
  }
}

/** Builds the population of `spec` on a new database file in `parent`. */
export async function buildDigestPopulation(
  spec: DigestSpec,
  parts: { places: Places; catalog: Catalog },
  memory: MemoryTracker,
  progress: (line: string) => void,
  parent = tmpdir(),
): Promise<DigestPopulation> {
  const started = performance.now();
  const { places, catalog } = parts;
  const dir = mkdtempSync(join(parent, "soliterr-bench-digests-"));
  const clock = new AdjustableClock();
  clock.set(DAY_START);
  const config = loadConfig({ DATABASE_PATH: join(dir, "bench.db"), LOG_LEVEL: "silent" });
  const open = () => createApp(config, { clock, places, catalog });
  let app = open();
  const { db } = app;
  // Separate streams: the listings are the same whatever the number of alerts.
  const homeRand = seededRandom(spec.seed);
  const alertRand = seededRandom(spec.seed + 1);
  const listingRand = seededRandom(spec.seed + 2);
  const authorRand = seededRandom(spec.seed + 3);
  const members = Math.ceil(spec.alerts / 2);
  const posters = Math.max(50, Math.round(members * POSTER_SHARE));

  // Members, each with a home commune.
  let step = performance.now();
  const homes: Place[] = [];
  for (let done = 0; done < members;) {
    const end = Math.min(members, done + BATCH);
    inTransaction(db, () => {
      for (let i = done; i < end; i++) {
        homes.push(places.randomCommune(homeRand, homeRand() < SHARE_65 ? "65" : undefined));
        const id = findOrCreateMember(
          db,
          { platform: "bench", platformUserId: `member-${i}`, displayName: `Membre ${i}` },
          DAY_START - 90 * DAY,
        ).id;
        if (id !== i + 1) throw new Error(`member ${i} got id ${id}: the database is not fresh`);
      }
    });
    done = end;
    memory.sample();
    await breathe();
  }
  const membersMs = since(step);

  // Who posts: the first `posters` members, found by département for a listing's place.
  const postersByDep = new Map<string, number[]>();
  for (let i = 0; i < posters; i++) {
    const dep = homes[i]?.departements[0] ?? "";
    const list = postersByDep.get(dep);
    if (list) list.push(i + 1);
    else postersByDep.set(dep, [i + 1]);
  }
  const allPosters = Array.from({ length: posters }, (_, i) => i + 1);
  const authorAt = (place: Place): number => {
    const local = postersByDep.get(place.departements[0] ?? "");
    return local && authorRand() < 0.8 ? pick(authorRand, local) : pick(authorRand, allPosters);
  };
  const columns = new Map<string, ListingPlace>();
  const columnsOf = (place: Place): ListingPlace => {
    const key = `${place.kind}:${place.code}`;
    let cols = columns.get(key);
    if (!cols) columns.set(key, (cols = placeColumns(places, place)));
    return cols;
  };

  // Older listings, by the same posters: open (90 %), expired (7 %) or closed (3 %).
  step = performance.now();
  const openByKindCategory = new Map<string, number[]>();
  for (let done = 0; done < spec.background;) {
    const end = Math.min(spec.background, done + BATCH);
    inTransaction(db, () => {
      for (let i = done; i < end; i++) {
        const createdAt =
          DAY_START -
          BACKGROUND_SPAN +
          Math.floor(((i + 1) * BACKGROUND_SPAN) / (spec.background + 1));
        const text = listingText(listingRand);
        const place = listingPlace(listingRand, places);
        const fate = listingRand();
        const expiresAt =
          fate < 0.07
            ? createdAt + Math.floor(listingRand() * (DAY_START - createdAt))
            : RUN_AT + DAY + Math.floor(listingRand() * 300 * DAY);
        const listing = createListing(
          db,
          {
            ...text,
            place: columnsOf(place),
            authorId: authorAt(place),
            networkId: null,
            expiresAt,
          },
          createdAt,
        );
        if (fate >= 0.97) closeListing(db, listing.id, "done", createdAt + DAY);
        else if (fate >= 0.07) {
          const key = `${listing.kind}:${listing.category}`;
          const list = openByKindCategory.get(key);
          if (list) list.push(listing.id);
          else openByKindCategory.set(key, [listing.id]);
        }
      }
    });
    done = end;
    memory.sample();
    await breathe();
  }
  inTransaction(db, () => expireDueListings(db, DAY_START).length);
  const backgroundMs = since(step);

  // Alerts: every member has one, and the rest go to members at random (2 on average).
  step = performance.now();
  const extra = new Uint16Array(members);
  for (let i = members; i < spec.alerts; i++) {
    const m = Math.floor(alertRand() * members);
    extra[m] = (extra[m] ?? 0) + 1;
  }
  const maker = new AlertMaker(places, alertRand);
  for (let done = 0; done < members;) {
    const end = Math.min(members, done + BATCH / 2);
    inTransaction(db, () => {
      for (let i = done; i < end; i++) {
        const home = homes[i];
        if (!home) throw new Error(`no home for member ${i}`);
        const n = 1 + (extra[i] ?? 0);
        for (let k = 0; k < n; k++) {
          const createdAt = DAY_START - Math.floor(alertRand() * 60 * DAY);
          createAlert(db, places, i + 1, maker.criteria(home), createdAt);
        }
      }
    });
    done = end;
    memory.sample();
    await breathe();
  }
  const alertsMs = since(step);

  // Digest settings: daily at 08:00, the cursor at the last listing before the day's.
  step = performance.now();
  const dayCursor = lastListingId(db);
  for (let done = 0; done < members;) {
    const end = Math.min(members, done + BATCH);
    inTransaction(db, () => {
      for (let i = done; i < end; i++) ensureDigestSettings(db, i + 1, DUE_AT);
    });
    done = end;
    memory.sample();
    await breathe();
  }
  const settingsMs = since(step);

  // The day's listings; 2 % closed before 08:00; 15 % matching 1–3 older listings.
  step = performance.now();
  let closedToday = 0;
  let counterpartRows = 0;
  for (let done = 0; done < spec.listings;) {
    const end = Math.min(spec.listings, done + BATCH);
    inTransaction(db, () => {
      for (let i = done; i < end; i++) {
        const createdAt = DAY_START + Math.floor(((i + 1) * DAY) / (spec.listings + 1));
        const text = listingText(listingRand);
        const place = listingPlace(listingRand, places);
        const expiresAt = createdAt + (30 + Math.floor(listingRand() * 60)) * DAY;
        const listing = createListing(
          db,
          {
            ...text,
            place: columnsOf(place),
            authorId: authorAt(place),
            networkId: null,
            expiresAt,
          },
          createdAt,
        );
        if (listingRand() < 0.02) {
          closeListing(
            db,
            listing.id,
            "withdrawn",
            createdAt + Math.floor((DUE_AT - createdAt) / 2),
          );
          closedToday++;
        }
        const opposite = openByKindCategory.get(
          `${listing.kind === "offer" ? "need" : "offer"}:${listing.category}`,
        );
        if (opposite && listingRand() < 0.15) {
          const ids = [
            ...new Set(
              Array.from({ length: 1 + Math.floor(listingRand() * 3) }, () =>
                pick(listingRand, opposite),
              ),
            ),
          ];
          recordListingMatches(db, listing.id, ids, createdAt);
          counterpartRows += ids.length;
        }
      }
    });
    done = end;
    memory.sample();
    await breathe();
  }
  const dayMs = since(step);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  progress(
    `    built ${spec.alerts.toLocaleString("en-US")} alerts in ${(since(started) / 1000).toFixed(1)} s`,
  );
  return {
    spec,
    get app() {
      return app;
    },
    members,
    posters,
    dayCursor,
    shapes: maker.shapes,
    closedToday,
    counterpartRows,
    setup: {
      membersMs,
      backgroundMs,
      alertsMs,
      settingsMs,
      dayMs,
      totalMs: since(started),
      dbBytes: statSync(config.databasePath).size,
    },
    dbPath: config.databasePath,
    suspend() {
      closeDatabase(app.db);
    },
    reopen() {
      closeDatabase(app.db);
      app = open();
      return app;
    },
    close() {
      closeDatabase(app.db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
