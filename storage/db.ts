/**
 * Opens the SQLite database, sets it up for a long-running bot (WAL, foreign keys, busy
 * timeout) and applies the committed migrations.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { projectPath } from "./paths.js";
import * as schema from "./schema.js";

/** The database handle every repository function takes. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = projectPath("storage", "migrations");

/** Opens (creating if needed) the database at `path` (`:memory:` for tests) and migrates it. */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only a power cut may lose the
  // last transactions, never corrupt the file.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Deleted content is overwritten with zeros, not left in free pages: an erased member's
  // texts (or a purged message) must not stay readable in the file (README, "Privacy").
  sqlite.pragma("secure_delete = ON");
  // A larger page cache (64 MiB instead of 2) keeps the hot part of the indexes in memory
  // between events (posting at 100,000 listings: 1,081 -> 1,354 a second).
  sqlite.pragma("cache_size = -65536");
  // Checkpoint the write-ahead log every ~40 MiB rather than every 4: pages written again and
  // again (index roots, the full-text index's structure) are copied to the file once (posting
  // at 1,000,000 listings: about 1,400 -> 1,700 a second).
  sqlite.pragma("wal_autocheckpoint = 10000");
  const db = drizzle({ client: sqlite, schema, casing: "snake_case" });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

/** Wraps an already open SQLite connection (the admin tool's), without migrating it. */
export function wrapDatabase(sqlite: Database.Database): Db {
  return drizzle({ client: sqlite, schema, casing: "snake_case" });
}

/** One committed migration, as drizzle-kit's journal names it. */
export interface MigrationEntry {
  /** File name without `.sql`, e.g. `0005_alerts_digests`. */
  tag: string;
  /** drizzle's timestamp of the migration, which the database records once it is applied. */
  when: number;
}

/** The migrations this version of the bot ships, oldest first. */
export function knownMigrations(): MigrationEntry[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS}/meta/_journal.json`, "utf8")) as {
    entries: MigrationEntry[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/** Where a database stands against the migrations this version ships. */
export interface MigrationStatus {
  /** Tags of the shipped migrations the database has. */
  applied: string[];
  /** Tags of the shipped migrations it lacks (applied at the next start or `admin migrate`). */
  pending: string[];
  /** Migrations recorded in the database that this version does not know (a newer bot wrote it). */
  unknown: number;
}

/**
 * Compares the database's migration record with the shipped journal, as drizzle's migrator
 * does: a migration is applied when its timestamp is not after the last one recorded.
 */
export function migrationStatus(sqlite: Database.Database): MigrationStatus {
  const known = knownMigrations();
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const recorded = hasTable
    ? (sqlite.prepare("SELECT created_at FROM __drizzle_migrations").pluck().all() as number[])
    : [];
  const last = recorded.length > 0 ? Math.max(...recorded.map(Number)) : -1;
  const knownTimes = new Set(known.map((m) => m.when));
  return {
    applied: known.filter((m) => m.when <= last).map((m) => m.tag),
    pending: known.filter((m) => m.when > last).map((m) => m.tag),
    unknown: recorded.filter((t) => !knownTimes.has(Number(t))).length,
  };
}

/** Applies the pending migrations; returns the tags applied, oldest first (none: up to date). */
export function applyMigrations(db: Db): string[] {
  const { pending } = migrationStatus(db.$client);
  if (pending.length > 0) migrate(db, { migrationsFolder: MIGRATIONS });
  return pending;
}

/** Runs `fn` in one write transaction (BEGIN IMMEDIATE), committed when it returns. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/** Runs `fn` with SQLite's page cache limited to `kib` KiB, then restores the usual size. */
export function withCacheSize<T>(db: Db, kib: number, fn: () => T): T {
  const usual = db.$client.pragma("cache_size", { simple: true }) as number;
  db.$client.pragma(`cache_size = ${-Math.abs(Math.round(kib))}`);
  try {
    return fn();
  } finally {
    db.$client.pragma(`cache_size = ${usual}`);
  }
}

/** Closes the database (checkpointing the WAL). */
export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

const statementCaches = new WeakMap<Db, Map<string, unknown>>();

/**
 * A statement prepared once per database and reused: building and preparing SQL costs more
 * than running it for the small queries of every inbound event. `build` must use
 * `sql.placeholder(…)` for every value.
 */
export function prepared<T>(db: Db, key: string, build: () => T): T {
  let cache = statementCaches.get(db);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db, cache);
  }
  let statement = cache.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build();
    cache.set(key, statement);
  }
  return statement;
}
