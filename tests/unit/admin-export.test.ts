/**
 * The admin tool's export, statistics and network commands on a territory file that a running
 * bot (the test harness) fills, and its answers to wrong command lines.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nameAnimator } from "../../storage/animators.js";
import { memberByIdentity } from "../../storage/animators.js";
import { EXPORTED_TABLES, isIndexShadowTable, UNEXPORTED_TABLES } from "../../storage/export.js";
import { admin } from "../helpers/admin.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let dir: string;
let path: string;
let bot: Harness | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "soliterr-export-"));
  path = join(dir, "soliterr.db");
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Two networks with a listing each, an alert, and a member who wrote in both. */
async function territory(): Promise<Harness> {
  bot = await startHarness({ databasePath: path });
  await bot.say("/reseau Pays de Tarbes", { as: "admin", room: "tarbes" });
  await bot.say("/reseau Lourdes Entreprises", { as: "admin", room: "lourdes" });
  await bot.say("/offre Prêt de camionnette 12 m³ #vehicules lieu:Tarbes", {
    as: "ana",
    room: "tarbes",
  });
  await bot.say("/besoin Fruits rouges bio #alimentation lieu:Lourdes", {
    as: "bob",
    room: "lourdes",
  });
  await bot.say("/alerte camionnette lieu:65", { as: "bob", dm: true });
  return bot;
}

interface Export {
  format: string;
  version: number;
  exportedAt: string;
  territory: string;
  schema: string;
  scope: { kind: string; id?: number; name?: string };
  namedAnimators: { networkId: number; memberId: number }[];
  tables: Record<string, Record<string, unknown>[]>;
  counts: Record<string, number>;
}

describe("export", () => {
  it("writes the whole territory as one JSON document of the documented shape", async () => {
    await territory();
    const out = join(dir, "territory.json");
    const result = await admin(["--database", path, "export", "--out", out], {
      TERRITORY_NAME: "Hautes-Pyrénées",
    });
    expect(result.code).toBe(0);
    expect(result.err).toMatch(
      /Exported the territory to .*territory\.json: 2 networks, 3 members/,
    );

    const data = JSON.parse(readFileSync(out, "utf8")) as Export;
    expect(data).toMatchObject({
      format: "soliterr-export",
      version: 1,
      exportedAt: "2026-11-29T09:00:00.000Z",
      territory: "Hautes-Pyrénées",
      scope: { kind: "territory" },
    });
    expect(data.schema).toMatch(/^\d{4}_/);
    expect(Object.keys(data.tables)).toEqual(Object.keys(EXPORTED_TABLES));
    for (const [table, rows] of Object.entries(data.tables))
      expect(data.counts[table], table).toBe(rows.length);

    const listings = data.tables.listings!;
    expect(listings.map((l) => [l.id, l.kind, l.title, l.status])).toEqual([
      [1, "offer", "Prêt de camionnette 12 m³", "open"],
      [2, "need", "Fruits rouges bio", "open"],
    ]);
    // Times as ISO strings, flags as booleans, JSON columns as objects.
    expect(listings[0]!.createdAt).toMatch(/^2026-11-29T09:00:\d\d\.\d{3}Z$/);
    expect(data.tables.rooms!.every((r) => typeof r.active === "boolean")).toBe(true);
    const alert = data.tables.alerts![0]!;
    expect(typeof alert.criteria).toBe("object");
    expect(alert.paused).toBe(false);
    expect(data.tables.members!.map((m) => m.platformUserId).sort()).toEqual([
      "admin",
      "ana",
      "bob",
    ]);
    expect(data.tables.audit_log!.some((a) => a.action === "room-bound")).toBe(true);
  });

  it("writes one network: its rooms, listings and people, not the other network's", async () => {
    const running = await territory();
    const bob = memberByIdentity(running.app.db, "test", "bob", { create: false, now: 0 })!;
    nameAnimator(running.app.db, 1, bob.id, Date.now());
    const result = await admin(["--database", path, "export", "--network", "pays de tarbes"]);
    expect(result.code).toBe(0);

    const data = JSON.parse(result.out) as Export;
    expect(data.scope).toEqual({ kind: "network", id: 1, name: "Pays de Tarbes" });
    expect(data.tables.networks!.map((n) => n.name)).toEqual(["Pays de Tarbes"]);
    expect(data.tables.rooms!.map((r) => r.platformRoomId)).toEqual(["tarbes"]);
    expect(data.tables.listings!.map((l) => l.title)).toEqual(["Prêt de camionnette 12 m³"]);
    // Ana posted here, the administrator bound the room, Bob was named its animator.
    expect(data.tables.members!.map((m) => m.platformUserId).sort()).toEqual([
      "admin",
      "ana",
      "bob",
    ]);
    expect(data.namedAnimators).toEqual([{ networkId: 1, memberId: bob.id }]);
    // A member's alerts are theirs, not the network's.
    expect(data.tables.alerts).toEqual([]);
    expect(JSON.stringify(data)).not.toContain("Fruits rouges");
  });

  it("classifies every table of the database as exported or left out, with a reason", async () => {
    const running = await territory();
    const tables = running.app.db.$client
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    const unclassified = tables.filter(
      (t) => !(t in EXPORTED_TABLES) && !(t in UNEXPORTED_TABLES) && !isIndexShadowTable(t),
    );
    // A new table must be added to EXPORTED_TABLES or UNEXPORTED_TABLES (storage/export.ts).
    expect(unclassified).toEqual([]);
    const exported = Object.keys(EXPORTED_TABLES);
    expect(exported.filter((t) => t in UNEXPORTED_TABLES)).toEqual([]);
    // Every table holding a member reference is exported.
    const withMembers = tables.filter((t) =>
      (
        running.app.db.$client.prepare(`PRAGMA foreign_key_list(${t})`).all() as {
          table: string;
        }[]
      ).some((fk) => fk.table === "members"),
    );
    const memberTablesLeftOut = withMembers.filter((t) => !exported.includes(t));
    expect(memberTablesLeftOut.sort()).toEqual([
      "conversations",
      "erasure_requests",
      "network_link_codes",
      "searches",
      "structure_invites",
    ]);
  });

  it("refuses an unknown network, naming the networks there are", async () => {
    await territory();
    const result = await admin(["--database", path, "export", "--network", "Bordeaux"]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'error: no network "Bordeaux". Networks (id name): 2 Lourdes Entreprises; 1 Pays de Tarbes',
    );
  });
});

describe("stats and networks", () => {
  it("prints listings by kind and status, members, networks and the outbox", async () => {
    await territory();
    const { code, out } = await admin(["--database", path, "stats"]);
    expect(code).toBe(0);
    expect(out).toMatch(/offers\s+1\s+0\s+0\s+0\s+0\s+1/);
    expect(out).toMatch(/needs\s+1\s+0\s+0\s+0\s+0\s+1/);
    expect(out).toContain("Members: 3 (test 3)");
    expect(out).toMatch(/1 {2}Pays de Tarbes\s+1\s+1\s+1/);
    expect(out).toContain("Outbox: 0 pending;");
  });

  it("creates a network and names a Telegram animator, who may then moderate in its rooms", async () => {
    const running = await territory();
    const created = await admin([
      "--database",
      path,
      "network",
      "create",
      "Vallée",
      "des",
      "Gaves",
    ]);
    expect(created.err).toContain('Network "Vallée des Gaves" created (id 3).');
    expect(
      (await admin(["--database", path, "network", "create", "vallee des gaves"])).err,
    ).toContain('Network "Vallée des Gaves" already exists (id 3).');
    const named = await admin(["--database", path, "network", "animator", "3", "telegram", "4242"]);
    expect(named.code).toBe(0);
    expect(named.err).toContain('telegram:4242 is now an animator of "Vallée des Gaves"');
    const list = await admin(["--database", path, "network", "list"]);
    expect(list.out).toContain("Vallée des Gaves  (0 rooms, open; animators: telegram:4242)");

    // The pipeline honours a naming: Carla, named in the Tarbes network, removes a listing.
    const refused = await running.ask("/retirer 1 Annonce en double", {
      as: "carla",
      room: "tarbes",
    });
    expect(refused).toContain("réservée aux animateurs");
    const carla = memberByIdentity(running.app.db, "test", "carla", { create: false, now: 0 })!;
    nameAnimator(running.app.db, 1, carla.id, Date.now());
    await running.say("/retirer 1 Annonce en double", { as: "carla", room: "tarbes" });
    const status = running.app.db.$client
      .prepare("SELECT status FROM listings WHERE id = 1")
      .pluck()
      .get();
    expect(status).toBe("removed");
    // …but not in another network's rooms.
    expect(await running.ask("/retirer 2 Hors sujet", { as: "carla", room: "lourdes" })).toContain(
      "réservée aux animateurs",
    );
  });
});

describe("wrong command lines", () => {
  it.each([
    [[], "Usage: npm run admin --"],
    [["frobnicate"], 'error: unknown command "frobnicate"'],
    [["backup"], "error: missing <file>"],
    [["backup", "a.db", "b.db"], 'error: unexpected "b.db"'],
    [["export", "--out"], "error: --out needs a value"],
    [
      ["export", "--netwrok", "x"],
      "error: unknown option --netwrok (this command takes --network, --out, --force)",
    ],
    [["network"], 'error: "network" needs a subcommand: list, create, animator'],
    [["network", "create", "ab"], "error: <name>: a name of at least 3 characters"],
    [
      ["network", "animator", "1", "irc", "bob"],
      "error: <platform>: one of telegram, matrix, console",
    ],
    [["network", "animator", "1", "matrix", "bob"], "a Matrix user id looks like @ana:example.org"],
    [["network", "animator", "1", "telegram", "@bob"], "a Telegram user id is a number"],
    [["stats", "--force"], "error: unknown option --force (this command takes no option)"],
  ])("answers %j with exit status 2 and says what is wrong", async (argv, message) => {
    const result = await admin(["--database", path, ...argv].slice(argv.length === 0 ? 2 : 0));
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it("prints a command's usage with --help, and the whole usage with help", async () => {
    const one = await admin(["restore", "--help"]);
    expect(one.code).toBe(0);
    expect(one.out).toBe(
      "usage: npm run admin -- restore <file> [--force]\nReplaces the database with the backup <file> (the bot must be stopped).\n",
    );
    const all = await admin(["help"]);
    expect(all.code).toBe(0);
    expect(all.out).toContain("network animator <network> <platform> <user id> [--remove]");
  });

  it("reports a bad configuration before anything else", async () => {
    const result = await admin(["stats"], { DEFAULT_LOCALE: "de" });
    expect(result.code).toBe(1);
    expect(result.err).toContain("DEFAULT_LOCALE: expected one of fr, en");
  });

  it("fails with status 1 and a plain message when the database does not exist", async () => {
    const result = await admin(["--database", join(dir, "missing.db"), "stats"]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`error: ${join(dir, "missing.db")}: no such file\n`);
  });

  it("exits non-zero as a real process run by the package's admin script", async () => {
    const script = (
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts.admin;
    expect(script).toBe("node --import tsx bot/admin.ts");
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["bot/admin.ts", "backup"], {
          cwd: ROOT,
          env: { ...process.env, LOG_LEVEL: "silent", DATABASE_PATH: path },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stderr }));
      },
    );
    expect(stderr).toContain(
      "error: missing <file>\nusage: npm run admin -- backup <file> [--force]",
    );
    expect(code).toBe(2);
  });
});
