/**
 * The admin tool's backup and restore on real files, while another process writes to the
 * database as the running bot would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../storage/db.js";
import { findOrCreateNetwork } from "../../storage/networks.js";
import { admin, ADMIN_NOW as NOW } from "../helpers/admin.js";
import { waitFor } from "../helpers/wait.js";

/**
 * A process that commits one audit entry per transaction as fast as it can, and prints the id
 * of each entry once it is committed: what the running bot does to the file during a backup.
 */
function startWriter(path: string): { child: ChildProcess; committed: number[]; errors: string[] } {
  const sqlite = createRequire(import.meta.url).resolve("better-sqlite3");
  const code = `
    const Database = require(${JSON.stringify(sqlite)});
    const db = new Database(${JSON.stringify(path)}, { timeout: 5000 });
    db.pragma("journal_mode = WAL");
    const insert = db.prepare("INSERT INTO audit_log (at, action, details) VALUES (?, 'tick', '{}')");
    const tick = () => {
      const id = insert.run(Date.now()).lastInsertRowid;
      process.stdout.write(id + "\\n");
      setImmediate(tick);
    };
    tick();`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "pipe"] });
  const committed: number[] = [];
  const errors: string[] = [];
  let pending = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) committed.push(Number(line));
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => errors.push(chunk));
  return { child, committed, errors };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

let dir: string;
let writers: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "soliterr-admin-"));
});
afterEach(async () => {
  for (const child of writers) await stop(child);
  writers = [];
  await rm(dir, { recursive: true, force: true });
});

/** A territory file with a network and some thousands of rows, closed. */
function seededDatabase(): string {
  const path = join(dir, "soliterr.db");
  const db = openDatabase(path);
  findOrCreateNetwork(db, "Pays de Tarbes", NOW.getTime());
  const insert = db.$client.prepare(
    "INSERT INTO audit_log (at, action, details) VALUES (?, 'seed', ?)",
  );
  db.$client.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(i, JSON.stringify({ filler: "x".repeat(200), i }));
  })();
  closeDatabase(db);
  return path;
}

function count(sqlite: Database.Database, where: string): number {
  return sqlite.prepare(`SELECT count(*) FROM audit_log WHERE ${where}`).pluck().get() as number;
}

describe("backup while the bot writes", () => {
  it("writes a checked copy holding every row committed before it began, then restores it", async () => {
    const path = seededDatabase();
    const writer = startWriter(path);
    writers.push(writer.child);
    await waitFor(() => writer.committed.length >= 50, "the writer's first commits");

    const before = writer.committed.at(-1)!;
    const copy = join(dir, "backups", "copy.db");
    const backup = await admin(["--database", path, "backup", copy]);
    const after = writer.committed.length;
    await waitFor(() => writer.committed.length >= after + 50, "commits after the backup");

    expect(backup.err).toContain("Backup written and checked (integrity ok)");
    expect(backup.code).toBe(0);
    expect(writer.errors.join("")).toBe("");
    const copied = new Database(copy, { readonly: true });
    expect(copied.pragma("integrity_check", { simple: true })).toBe("ok");
    // A single file, with no log beside it: it can be copied anywhere as it is.
    expect(copied.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(existsSync(`${copy}-wal`)).toBe(false);
    // Every member's data is in it: readable by its owner only.
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(count(copied, "action = 'seed'")).toBe(20_000);
    const committedBefore = writer.committed.filter((id) => id <= before).length;
    expect(count(copied, `action = 'tick' AND id <= ${before}`)).toBe(committedBefore);
    const ticksInCopy = count(copied, "action = 'tick'");
    copied.close();

    // Restoring under the running writer is refused: it would go on writing to the old file.
    const refused = await admin(["--database", path, "restore", copy]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("is open in another process (is the bot running?)");

    await stop(writer.child);
    const lastWritten = writer.committed.at(-1)!;
    const restored = await admin(["--database", path, "restore", copy]);
    expect(restored.code).toBe(0);
    const aside = `${path}.before-restore-20261129T090000Z`;
    expect(restored.err).toContain(`The replaced database was kept as ${aside}.`);

    const back = new Database(path, { readonly: true });
    expect(back.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(count(back, "action = 'tick'")).toBe(ticksInCopy);
    back.close();
    // The replaced file is whole on its own: its log was folded in before it was moved.
    const old = new Database(aside, { readonly: true });
    expect(count(old, `action = 'tick' AND id = ${lastWritten}`)).toBe(1);
    old.close();
  });

  it("with --force, restores under a running writer without replaying its log into the new file", async () => {
    const path = seededDatabase();
    const copy = join(dir, "copy.db");
    expect((await admin(["--database", path, "backup", copy])).code).toBe(0);
    const writer = startWriter(path);
    writers.push(writer.child);
    await waitFor(() => writer.committed.length >= 50, "the writer's first commits");

    const forced = await admin(["--database", path, "restore", copy, "--force"]);
    expect(forced.code).toBe(0);
    const aside = `${path}.before-restore-20261129T090000Z`;
    // The old log went with its file: left beside the new one, SQLite would replay it there.
    expect(existsSync(`${aside}-wal`)).toBe(true);
    await stop(writer.child);

    const back = new Database(path, { readonly: true });
    expect(back.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(count(back, "action = 'tick'")).toBe(0);
    expect(count(back, "action = 'seed'")).toBe(20_000);
    back.close();
    const old = new Database(aside);
    expect(count(old, `action = 'tick' AND id = ${writer.committed.at(-1)!}`)).toBe(1);
    old.close();
  });

  it("refuses to overwrite an existing file unless forced", async () => {
    const path = seededDatabase();
    const target = join(dir, "copy.db");
    writeFileSync(target, "keep me");
    const refused = await admin(["--database", path, "backup", target]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("already exists: choose another file, or add --force");
    expect((await admin(["--database", path, "backup", target, "--force"])).code).toBe(0);
    const itself = await admin(["--database", path, "backup", path, "--force"]);
    expect(itself.code).toBe(1);
    expect(itself.err).toContain("is the database itself");
  });
});

describe("restore", () => {
  it("refuses a file that is not a SoliTERR database, and keeps the database as it was", async () => {
    const path = seededDatabase();
    const other = join(dir, "other.db");
    const sqlite = new Database(other);
    sqlite.exec("CREATE TABLE notes (text TEXT)");
    sqlite.close();
    const text = join(dir, "notes.txt");
    writeFileSync(text, "not a database at all, just some text that is long enough".repeat(20));

    const notOurs = await admin(["--database", path, "restore", other]);
    expect(notOurs.code).toBe(1);
    expect(notOurs.err).toContain("not a SoliTERR database");
    const notSqlite = await admin(["--database", path, "restore", text]);
    expect(notSqlite.code).toBe(1);
    expect(notSqlite.err).toMatch(/not an SQLite database|file is not a database/);
    const missing = await admin(["--database", path, "restore", join(dir, "nope.db")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no such file");

    const kept = new Database(path, { readonly: true });
    expect(count(kept, "action = 'seed'")).toBe(20_000);
    kept.close();
  });

  it("restores into a place where no database is yet", async () => {
    const path = seededDatabase();
    const copy = join(dir, "copy.db");
    expect((await admin(["--database", path, "backup", copy])).code).toBe(0);
    const fresh = join(dir, "new", "soliterr.db");
    const restored = await admin(["--database", fresh, "restore", copy]);
    expect(restored.code).toBe(0);
    expect(restored.err).not.toContain("kept as");
    const db = openDatabase(fresh);
    expect(count(db.$client, "action = 'seed'")).toBe(20_000);
    closeDatabase(db);
  });
});

describe("migrate", () => {
  it("creates and migrates a new database, then says it is up to date", async () => {
    const path = join(dir, "fresh.db");
    const first = await admin(["--database", path, "migrate"]);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/^Created .*fresh\.db\. Applied \d+ migrations: 0000_init, /);
    const second = await admin(["--database", path, "migrate"]);
    expect(second.err).toContain("is up to date (schema ");
  });

  it("refuses a file that is not a SoliTERR database", async () => {
    const other = join(dir, "other.db");
    const sqlite = new Database(other);
    sqlite.exec("CREATE TABLE notes (text TEXT)");
    sqlite.close();
    const result = await admin(["--database", other, "migrate"]);
    expect(result.code).toBe(1);
    expect(result.err).toContain("not a SoliTERR database");
  });
});
