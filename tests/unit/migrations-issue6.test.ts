/**
 * Migrations 0006 and 0007 (broadcasts, link codes), 0008 (structures, network membership, contacts, members' usernames) and 0009 (the directory's index) applied to a database written
 * by the previous version: existing members, networks and listings are kept and usable.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase } from "../../storage/db.js";
import { tempFolder } from "../helpers/wire.js";

const MIGRATIONS = fileURLToPath(new URL("../../storage/migrations", import.meta.url));

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** The migrations folder as it was before 0006. */
function migrationsBefore0006(folder: string): string {
  const copy = join(folder, "migrations");
  cpSync(MIGRATIONS, copy, { recursive: true });
  const journalPath = join(copy, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
    entries: Array<{ idx: number; tag: string }>;
  };
  for (const entry of journal.entries.filter((e) => e.idx >= 6))
    rmSync(join(copy, `${entry.tag}.sql`));
  journal.entries = journal.entries.filter((e) => e.idx < 6);
  writeFileSync(journalPath, JSON.stringify(journal));
  return copy;
}

describe("migrations 0006 to 0009", () => {
  it("applies on a database of the previous version and keeps its data", () => {
    const folder = tempFolder();
    cleanup = folder.remove;
    const path = join(folder.path, "old.db");
    const sqlite = new Database(path);
    migrate(drizzle({ client: sqlite }), { migrationsFolder: migrationsBefore0006(folder.path) });
    sqlite.exec(`
      INSERT INTO networks (id, name, name_key, created_at) VALUES (1, 'Réseau du Val', 'reseau du val', 0);
      INSERT INTO members (id, platform, platform_user_id, display_name, created_at, last_seen_at)
        VALUES (1, 'telegram', '42', 'Ana', 0, 0), (2, 'matrix', '@bob:example.org', 'Bob', 0, 0);
      INSERT INTO listings (id, kind, title, category, place_kind, place_code, place_tags, author_id,
        network_id, created_at, updated_at, expires_at)
        VALUES (1, 'offer', 'Prêt de camionnette', 'vehicles', 'commune', '65440', 'com_65440', 1, 1, 0, 0, 9);
    `);
    expect(() => sqlite.prepare("SELECT * FROM contact_threads").all()).toThrow(/no such table/);
    sqlite.close();

    const db = openDatabase(path);
    try {
      const client = db.$client;
      expect(client.prepare("SELECT structure_id FROM listings").get()).toEqual({
        structure_id: null,
      });
      expect(client.prepare("SELECT join_policy, join_questions FROM networks").get()).toEqual({
        join_policy: "open",
        join_questions: null,
      });
      expect(
        client.prepare("SELECT charter_accepted_at, username FROM members WHERE id = 1").get(),
      ).toEqual({ charter_accepted_at: null, username: null });
      client
        .prepare(
          "INSERT INTO contact_threads (listing_id, requester_id, author_id, created_at, last_message_at) VALUES (1, 2, 1, 5, 5)",
        )
        .run();
      client
        .prepare(
          "INSERT INTO structures (name, name_key, type, sector, commune_code, place_tags, created_at, updated_at) VALUES ('Boulangerie', 'boulangerie', 'company', 'C', '65440', 'com_65440', 1, 1)",
        )
        .run();
      // 0009: the directory's full-text index follows the table.
      expect(
        client
          .prepare("SELECT rowid FROM structures_fts WHERE structures_fts MATCH 'boulang*'")
          .pluck()
          .all(),
      ).toEqual([1]);
      client.prepare("UPDATE listings SET structure_id = 1 WHERE id = 1").run();
      // Deleting the structure leaves its listings, without it.
      client.prepare("DELETE FROM structures WHERE id = 1").run();
      expect(client.prepare("SELECT title, structure_id FROM listings").get()).toEqual({
        title: "Prêt de camionnette",
        structure_id: null,
      });
    } finally {
      closeDatabase(db);
    }
  });
});
