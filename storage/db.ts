/**
 * Opens the SQLite database, sets it up for a long-running bot (WAL, foreign keys, busy
 * timeout) and applies the committed migrations.
 */
import { mkdirSync } from "node:fs";
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
