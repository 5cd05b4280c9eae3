/**
 * Backups and restores of the database file, for the admin tool (bot/admin.ts).
 *
 * A backup is taken with SQLite's online backup API while the bot keeps running: the copy is
 * the database as it was when the copy began (in WAL mode the bot goes on writing meanwhile),
 * written beside its destination, checked, then renamed into place, so that a file at the
 * destination is always a whole, verified database.
 *
 * A restore must not pull the file from under a running bot. "Running" is detected by SQLite
 * itself: a WAL database cannot leave WAL mode while another connection has it open, so the
 * restore asks for that change with no waiting, and the answer "busy" means some process (the
 * bot, or another tool) has the file open. Unlike a pid file this survives crashes (a dead
 * process holds no lock), needs no health endpoint, and works across containers sharing the
 * volume. The same connection then holds an exclusive lock until the new file is in place.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { migrationStatus, type MigrationStatus } from "./db.js";

/** Tables every SoliTERR database has, whatever its version. */
const SOLITERR_TABLES = [
  "__drizzle_migrations",
  "territory_settings",
  "networks",
  "members",
  "rooms",
  "listings",
  "outbox",
];

/** Rows counted in backup reports, to say at a glance what a file holds. */
const COUNTED_TABLES = ["networks", "rooms", "members", "listings", "outbox"] as const;

/** A file that is missing, unreadable, damaged or not a SoliTERR database. */
export class DatabaseFileError extends Error {
  override readonly name = "DatabaseFileError";
}

/** The database is open in another process (the bot, most likely). */
export class DatabaseInUseError extends Error {
  override readonly name = "DatabaseInUseError";
}

/** What a database file holds. */
export interface DatabaseSummary {
  path: string;
  /** Size of the file in bytes (without its write-ahead log). */
  bytes: number;
  /** Rows of the main tables. */
  counts: Record<(typeof COUNTED_TABLES)[number], number>;
  migrations: MigrationStatus;
}

/** Opens an existing database file without creating or migrating anything. */
export function openExistingDatabase(
  path: string,
  options: { timeoutMs?: number } = {},
): Database.Database {
  if (!existsSync(path)) throw new DatabaseFileError(`${path}: no such file`);
  try {
    return new Database(path, { fileMustExist: true, timeout: options.timeoutMs ?? 5_000 });
  } catch (error) {
    throw new DatabaseFileError(`${path}: cannot be opened (${describe(error)})`);
  }
}

/** Throws DatabaseFileError unless the open file is a SoliTERR database. */
export function assertSoliterrDatabase(sqlite: Database.Database, path: string): void {
  let tables: string[];
  try {
    tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
  } catch (error) {
    throw new DatabaseFileError(`${path}: not an SQLite database (${describe(error)})`);
  }
  const missing = SOLITERR_TABLES.filter((t) => !tables.includes(t));
  if (missing.length > 0) {
    throw new DatabaseFileError(
      `${path}: not a SoliTERR database (no ${missing.join(", ")} table${missing.length > 1 ? "s" : ""})`,
    );
  }
}

/** Runs SQLite's integrity check; throws DatabaseFileError with its first findings. */
export function assertIntact(sqlite: Database.Database, path: string): void {
  const findings = sqlite.prepare("PRAGMA integrity_check").pluck().all() as string[];
  if (findings.length !== 1 || findings[0] !== "ok") {
    throw new DatabaseFileError(
      `${path}: failed SQLite's integrity check: ${findings.slice(0, 5).join("; ")}`,
    );
  }
}

/** What an open SoliTERR database holds. */
export function summarize(sqlite: Database.Database, path: string): DatabaseSummary {
  const counts = Object.fromEntries(
    COUNTED_TABLES.map((t) => [t, sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get()]),
  ) as DatabaseSummary["counts"];
  return { path, bytes: statSync(path).size, counts, migrations: migrationStatus(sqlite) };
}

/** Opens, identifies and checks a database file; returns what it holds. */
export function inspectDatabase(path: string): DatabaseSummary {
  const sqlite = openExistingDatabase(path);
  try {
    assertSoliterrDatabase(sqlite, path);
    assertIntact(sqlite, path);
    return summarize(sqlite, path);
  } finally {
    sqlite.close();
  }
}

/**
 * Copies `source` into a new file `target` with the online backup API: one initial step, then
 * every remaining page in a single step. Copying in small steps would start over each time
 * the running bot writes, and might never end on a busy territory; one step reads a single
 * snapshot while the bot's writes go to the write-ahead log.
 */
async function copyWithBackupApi(source: Database.Database, target: string): Promise<void> {
  await source.backup(target, { progress: () => 0x7fffffff });
}

/** Makes the copy a single self-contained file (no WAL beside it) and checks it. */
function sealCopy(path: string): DatabaseSummary {
  const copy = openExistingDatabase(path);
  try {
    copy.pragma("journal_mode = DELETE");
    assertSoliterrDatabase(copy, path);
    assertIntact(copy, path);
    return summarize(copy, path);
  } finally {
    copy.close();
  }
}

/** Flushes a directory entry change (a rename) to disk. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems do not allow syncing a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A temporary name beside `path`, in the same directory so that the final rename is atomic. */
function sideName(path: string, what: string): string {
  return join(dirname(path), `.${basename(path)}.${what}-${process.pid}-${Date.now()}`);
}

/** Removes a temporary database file and any journal SQLite left beside it. */
function removeDatabaseFiles(path: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    rmSync(`${path}${suffix}`, { force: true });
}

/** Options of a backup. */
export interface BackupOptions {
  /** Replace an existing file at the destination. */
  overwrite?: boolean;
}

/**
 * Backs up the database at `source` into `destination` while the bot may be running; the copy
 * is verified (SoliTERR tables, integrity check) before it takes the destination's name.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  options: BackupOptions = {},
): Promise<DatabaseSummary> {
  if (resolve(destination) === resolve(source)) {
    throw new DatabaseFileError(`${destination} is the database itself: choose another file`);
  }
  if (existsSync(destination) && !options.overwrite) {
    throw new DatabaseFileError(
      `${destination} already exists: choose another file, or add --force to replace it`,
    );
  }
  const sqlite = openExistingDatabase(source);
  const partial = sideName(destination, "partial");
  try {
    assertSoliterrDatabase(sqlite, source);
    mkdirSync(dirname(destination), { recursive: true });
    await copyWithBackupApi(sqlite, partial);
    const summary = sealCopy(partial);
    // A backup holds every member's data: readable by its owner only.
    chmodSync(partial, 0o600);
    renameSync(partial, destination);
    syncDirectory(dirname(destination));
    return { ...summary, path: destination };
  } finally {
    sqlite.close();
    removeDatabaseFiles(partial);
  }
}

/** Options of a restore. */
export interface RestoreOptions {
  /** Restore even when the database is open elsewhere, or the backup comes from a newer version. */
  force?: boolean;
  /** The time used in the name of the file put aside. Default now. */
  now?: Date;
}

/** What a restore did. */
export interface RestoreResult {
  restored: DatabaseSummary;
  /** Where the replaced database was put aside (undefined when there was none). */
  setAside?: string;
}

/**
 * Claims the database for a restore: switches it out of WAL mode (which folds the log into
 * the file and fails at once if any other connection has it open), then holds an exclusive
 * lock so that no bot opens the old file before it is replaced.
 */
function claimDatabase(path: string, force: boolean): Database.Database | undefined {
  const sqlite = openExistingDatabase(path, { timeoutMs: 0 });
  try {
    sqlite.pragma("journal_mode = DELETE");
    sqlite.exec("BEGIN EXCLUSIVE");
    return sqlite;
  } catch (error) {
    sqlite.close();
    const busy = (error as { code?: string }).code?.startsWith("SQLITE_BUSY") === true;
    if (!busy) throw new DatabaseFileError(`${path}: cannot be opened (${describe(error)})`);
    if (force) return undefined;
    throw new DatabaseInUseError(
      `${path} is open in another process (is the bot running?). Stop the bot first; or add --force to replace it anyway (the running bot would go on writing to the replaced file).`,
    );
  }
}

/** Whether another process has the database open (it cannot leave WAL mode). */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const sqlite = openExistingDatabase(path, { timeoutMs: 0 });
  try {
    const mode = sqlite.pragma("journal_mode", { simple: true }) as string;
    if (mode !== "wal") return false;
    sqlite.pragma("journal_mode = DELETE");
    sqlite.pragma("journal_mode = WAL");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the database at `target` with the backup at `backup`. The backup is checked first
 * (a SoliTERR database, intact, not from a newer version); the replaced file is kept aside as
 * `<target>.before-restore-<time>`, with its write-ahead log if it had one.
 */
export async function restoreDatabase(
  backup: string,
  target: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  if (resolve(backup) === resolve(target)) {
    throw new DatabaseFileError(`${backup} is the database itself: name a backup file`);
  }
  const inspected = inspectDatabase(backup);
  if (inspected.migrations.unknown > 0 && !options.force) {
    throw new DatabaseFileError(
      `${backup} was written by a newer version of the bot (${inspected.migrations.unknown} migration(s) this version does not know): upgrade the bot first, or add --force`,
    );
  }
  mkdirSync(dirname(target), { recursive: true });
  const present = existsSync(target);
  const claim = present ? claimDatabase(target, options.force === true) : undefined;
  const incoming = sideName(target, "restoring");
  try {
    const source = openExistingDatabase(backup);
    try {
      await copyWithBackupApi(source, incoming);
    } finally {
      source.close();
    }
    const restored = sealCopy(incoming);
    let setAside: string | undefined;
    if (present) {
      const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]|\.\d+/g, "");
      setAside = `${target}.before-restore-${stamp}`;
      // The old log and index go with their file: left beside the new one, SQLite would
      // replay the old log into it.
      for (const suffix of ["", "-wal", "-shm", "-journal"]) {
        if (existsSync(`${target}${suffix}`))
          renameSync(`${target}${suffix}`, `${setAside}${suffix}`);
      }
    }
    renameSync(incoming, target);
    syncDirectory(dirname(target));
    return { restored: { ...restored, path: target }, ...(setAside ? { setAside } : {}) };
  } finally {
    if (claim) {
      claim.exec("ROLLBACK");
      claim.close();
    }
    removeDatabaseFiles(incoming);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
