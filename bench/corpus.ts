/**
 * The synthetic corpus: realistic French listings written through the real storage layer
 * (`createListing`, so that the FTS triggers run), in large transactions, with listing
 * numbers growing with time as in a real territory.
 */
import { statSync } from "node:fs";
import type { App } from "../bot/app.js";
import { inTransaction } from "../storage/db.js";
import {
  closeListing,
  createListing,
  expireDueListings,
  placeColumns,
  type ListingKind,
  type ListingPlace,
} from "../storage/listings.js";
import {
  mergeSearchIndex,
  prepareSearchIndexMerge,
  searchIndexSegments,
} from "../storage/maintenance.js";
import { findOrCreateMember } from "../storage/members.js";
import { findOrCreateNetwork } from "../storage/networks.js";
import type { Place, Places } from "../storage/places.js";
import { fold } from "../storage/text.js";
import { pick, since, weighted, type MemoryTracker } from "./stats.js";
import {
  CATEGORY_SENTENCES,
  CATEGORY_WEIGHTS,
  FIRST_NAMES,
  GENERIC_SENTENCES,
  NEED_OPENINGS,
  NETWORKS,
  OBJECTS,
  OFFER_OPENINGS,
  QUALIFIERS,
  RARE_SENTENCE,
  RARE_WORD,
  STRUCTURES,
  TERMS_WEIGHTS,
  type CategoryId,
} from "./words.js";

const DAY = 86_400_000;
/** Listings are spread over the year before the benchmark's "now". */
const SPAN = 365 * DAY;
/** Rows per write transaction while building. */
const BATCH = 10_000;
/** Members who wrote the corpus. */
export const AUTHORS = 400;
/** Share of listings in the Hautes-Pyrénées, so that `lieu:65` queries find what they would. */
const SHARE_65 = 0.2;
/** The very common word of the corpus (about a quarter of the listings). */
export const COMMON_WORD = "disponible";

/** The text of one listing. */
export interface ListingText {
  kind: ListingKind;
  title: string;
  description: string;
  category: CategoryId;
  terms: string | null;
}

/** "Prêt de" + "emballages" -> "Prêt d'emballages". */
function join(opening: string, object: string): string {
  if (opening.endsWith(" de") && /^[aeiouyàâéèêëîïôœ]/i.test(object))
    return `${opening.slice(0, -2)}d'${object}`;
  return `${opening} ${object}`;
}

/** Writes the title and description of a listing as a member would. */
export function listingText(rand: () => number): ListingText {
  const kind: ListingKind = rand() < 0.55 ? "offer" : "need";
  const category = weighted(rand, CATEGORY_WEIGHTS);
  const termsKey = weighted(rand, TERMS_WEIGHTS[category]);
  const terms = termsKey === "none" ? null : termsKey;
  const opening =
    kind === "offer"
      ? pick(rand, OFFER_OPENINGS[termsKey] ?? OFFER_OPENINGS.none ?? ["Propose"])
      : terms === "sale"
        ? "Achète"
        : pick(rand, NEED_OPENINGS);
  let title = join(opening, pick(rand, OBJECTS[category]));
  if (rand() < 0.4) title += ` ${pick(rand, QUALIFIERS)}`;
  const sentences: string[] = [];
  if (rand() < 0.8) sentences.push(pick(rand, CATEGORY_SENTENCES[category]));
  sentences.push(pick(rand, GENERIC_SENTENCES));
  if (rand() < 0.3) sentences.push(pick(rand, GENERIC_SENTENCES));
  if (rand() < 0.15) sentences.push(`Quantité : ${1 + Math.floor(rand() * 50)} unités.`);
  if (rand() < 1 / 10_000) sentences.push(RARE_SENTENCE);
  return { kind, title, description: [...new Set(sentences)].join(" "), category, terms };
}

/** Where a listing is: 20 % in the Hautes-Pyrénées, a few at the level of an area. */
export function listingPlace(rand: () => number, places: Places): Place {
  const commune = places.randomCommune(rand, rand() < SHARE_65 ? "65" : undefined);
  const level = rand();
  if (level < 0.02) {
    const dep = places.byCode("departement", commune.departements[0] ?? "65");
    if (dep) return dep;
  } else if (level < 0.03) {
    const epci = placeColumns(places, commune).epciCode;
    const area = epci === null ? undefined : places.byCode("epci", epci);
    if (area) return area;
  }
  return commune;
}

/** What the build made and how long it took. */
export interface CorpusStats {
  listings: number;
  authors: number;
  open: number;
  closed: number;
  expired: number;
  inDepartement65: number;
  areaLevel: number;
  /** Time to insert (and close) the listings, in ms. */
  insertMs: number;
  /** Time of `expireDueListings` over the whole corpus, in ms. */
  expireMs: number;
  /** Whole build, including checkpoint and size measurement, in ms. */
  buildMs: number;
  /** Database file after a WAL checkpoint, in bytes. */
  dbBytes: number;
  /** Pages of the full-text index (listings_fts shadow tables), in bytes; null when dbstat is missing. */
  ftsBytes: number | null;
  /** Segments of the full-text index (each query seeks in every one), after the nightly merge. */
  ftsSegments: number;
  /** Segments before the merge. */
  ftsSegmentsBeforeMerge: number;
  /** Time of the nightly index merge (bot/jobs.ts `search-index-merge`) run after the build, in ms. */
  mergeMs: number;
  /** Open listings holding the common word (title or description). */
  commonWordOpen: number;
  /** Listings (any status) holding the rare word. */
  rareWordAll: number;
}

/** Fills the database of `app` with `size` listings; `progress` is told every 100,000. */
export async function buildCorpus(
  app: App,
  size: number,
  rand: () => number,
  memory: MemoryTracker,
  progress: (done: number, elapsedMs: number) => void,
): Promise<CorpusStats> {
  const started = performance.now();
  const { db, places } = app;
  const now = app.clock.now();
  const authors = inTransaction(db, () => {
    const networkIds = NETWORKS.map((name) => findOrCreateNetwork(db, name, now - SPAN).id);
    return Array.from({ length: AUTHORS }, (_, i) => ({
      id: findOrCreateMember(
        db,
        {
          platform: "bench",
          platformUserId: `author-${i}`,
          displayName: `${pick(rand, FIRST_NAMES)} (${pick(rand, STRUCTURES)})`,
        },
        now - SPAN,
      ).id,
      networkId: rand() < 0.8 ? pick(rand, networkIds) : null,
    }));
  });
  // Listing columns per place: a few thousand places serve a million listings.
  const columns = new Map<string, ListingPlace>();
  const stats = { open: 0, closed: 0, inDepartement65: 0, areaLevel: 0 };
  const outcomes = ["given", "received", "withdrawn", "done"];
  for (let done = 0; done < size;) {
    const end = Math.min(size, done + BATCH);
    inTransaction(db, () => {
      for (let i = done; i < end; i++) {
        const createdAt = now - SPAN + Math.floor(((i + 1) * SPAN) / (size + 1));
        const text = listingText(rand);
        const place = listingPlace(rand, places);
        const key = `${place.kind}:${place.code}`;
        let placeCols = columns.get(key);
        if (!placeCols) columns.set(key, (placeCols = placeColumns(places, place)));
        if (place.departements.includes("65")) stats.inDepartement65++;
        if (place.kind !== "commune") stats.areaLevel++;
        const author = pick(rand, authors);
        const fate = rand();
        // Open: ends within the year ahead. Expired: its end date has passed (set below).
        const expiresAt =
          fate < 0.9
            ? now + DAY + Math.floor(rand() * 300 * DAY)
            : createdAt + Math.floor(rand() * (now - createdAt));
        const listing = createListing(
          db,
          {
            ...text,
            place: placeCols,
            authorId: author.id,
            networkId: author.networkId,
            expiresAt,
          },
          createdAt,
        );
        if (fate >= 0.97) {
          const closedAt = createdAt + Math.floor(rand() * (now - createdAt));
          closeListing(db, listing.id, pick(rand, outcomes), closedAt);
          stats.closed++;
        } else if (fate < 0.9) stats.open++;
        if (i % 1000 === 0) memory.sample();
      }
    });
    done = end;
    // Lets the memory sampler and Ctrl-C (which deletes the database) in between batches.
    await new Promise((resolve) => setImmediate(resolve));
    if (done % 100_000 === 0 || done === size) progress(done, since(started));
  }
  const insertMs = since(started);
  const expireStarted = performance.now();
  const expired = inTransaction(db, () => expireDueListings(db, now).length);
  const expireMs = since(expireStarted);
  memory.sample();
  // A running bot merges its index every night: measure the database as it is the next morning.
  const segmentsBefore = searchIndexSegments(db);
  const mergeStarted = performance.now();
  prepareSearchIndexMerge(db);
  while (inTransaction(db, () => mergeSearchIndex(db, 2_000))) memory.sample();
  const mergeMs = since(mergeStarted);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  const count = db.$client.prepare<[string], number>(
    "SELECT count(*) FROM listings_fts WHERE listings_fts MATCH ?",
  );
  return {
    listings: size,
    authors: AUTHORS,
    open: stats.open,
    closed: stats.closed,
    expired,
    inDepartement65: stats.inDepartement65,
    areaLevel: stats.areaLevel,
    insertMs,
    expireMs,
    buildMs: since(started),
    dbBytes: fileSize(db.$client.name) + fileSize(`${db.$client.name}-wal`),
    ftsBytes: ftsSize(app),
    ftsSegments: searchIndexSegments(db),
    ftsSegmentsBeforeMerge: segmentsBefore,
    mergeMs,
    commonWordOpen: count.pluck().get(`"disponib"* AND tags : st_open`) ?? 0,
    rareWordAll: count.pluck().get(`"${foldedRare()}"*`) ?? 0,
  };
}

/** The rare word as the index stores it, cut like search terms are (8 characters). */
function foldedRare(): string {
  return fold(RARE_WORD).slice(0, 8);
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Bytes of the full-text index, from the dbstat virtual table when SQLite has it. */
function ftsSize(app: App): number | null {
  try {
    return (
      app.db.$client
        .prepare<[], number>(
          "SELECT sum(pgsize) FROM dbstat WHERE aggregate = TRUE AND name LIKE 'listings_fts%'",
        )
        .pluck()
        .get() ?? null
    );
  } catch {
    return null;
  }
}
