/**
 * Export of the whole territory, or of one network, as one JSON document
 * (`npm run admin -- export`). The shape is stable and documented in the README:
 *
 *   { "format": "soliterr-export", "version": 1, "exportedAt": "<ISO time>",
 *     "territory": "<TERRITORY_NAME>", "schema": "<last migration>",
 *     "scope": { "kind": "territory" } | { "kind": "network", "id": 3, "name": "…" },
 *     "namedAnimators": [{ "networkId": 3, "memberId": 7 }],
 *     "tables": { "<table>": [ { <column in camelCase>: <value> }, … ], … },
 *     "counts": { "<table>": <rows> } }
 *
 * Rows keep the schema's property names; times are ISO 8601 strings (UTC), flags booleans,
 * JSON columns (alert criteria, audit details) objects. Everything is read in one snapshot
 * and written as it is read, so that a large territory never sits in memory at once.
 */
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { allNamedAnimators } from "./animators.js";
import { migrationStatus, type Db } from "./db.js";
import * as schema from "./schema.js";

/** Version of the export's shape; raised on any change that is not an addition. */
export const EXPORT_VERSION = 1;

/** What to export. */
export type ExportScope = { kind: "territory" } | { kind: "network"; id: number; name: string };

/** Exported tables, in the order written (referenced rows before the rows that refer to them). */
export const EXPORTED_TABLES = {
  networks: schema.networks,
  members: schema.members,
  rooms: schema.rooms,
  listings: schema.listings,
  listing_matches: schema.listingMatches,
  alerts: schema.alerts,
  digest_settings: schema.digestSettings,
  audit_log: schema.auditLog,
  broadcasts: schema.broadcasts,
  broadcast_deliveries: schema.broadcastDeliveries,
  broadcast_subscriptions: schema.broadcastSubscriptions,
  structures: schema.structures,
  structure_members: schema.structureMembers,
  network_members: schema.networkMembers,
  contact_threads: schema.contactThreads,
  contact_messages: schema.contactMessages,
  member_blocks: schema.memberBlocks,
  polls: schema.polls,
  poll_options: schema.pollOptions,
  poll_votes: schema.pollVotes,
  mutes: schema.mutes,
  reports: schema.reports,
} satisfies Record<string, SQLiteTable>;

/** Tables left out of the export, and why. A test fails when a table is in neither list. */
export const UNEXPORTED_TABLES: Record<string, string> = {
  territory_settings:
    "the instance's own state (platform positions, button commands); named animators are exported as namedAnimators",
  processed_events: "ids of platform events already handled, only meaningful to this instance",
  outbox: "messages on their way to the platforms: delivery state, not territory data",
  conversations: "guided forms half filled in, abandoned after a while",
  searches: "the last searches of each member, kept for their next page",
  alert_keys: "an index of the alerts, rebuilt from them",
  __drizzle_migrations: "the migration record; the export names the schema instead",
  sqlite_sequence: "SQLite's own counters",
  listings_fts: "the full-text index of the listings, rebuilt from them",
  structure_invites:
    "one-time secrets for joining a structure, valid a week; its members are in structure_members",
  structures_fts: "the full-text index of the structures, rebuilt from them",
  pending_matches: "listings whose matches are still to be found, a work queue of a few seconds",
  network_link_codes:
    "one-time secrets for binding a room, valid a day; who asked for one is in the audit log",
  poll_posts:
    "platform ids of the messages carrying each poll, only meaningful to this instance; the votes are in poll_votes",
  erasure_requests:
    "members' pending requests to be forgotten (/oublier), a work queue of 14 days; the audit log records them",
};

/** Whether a table is one of SQLite's full-text index's own (`listings_fts_data`…). */
export function isIndexShadowTable(name: string): boolean {
  return name.startsWith("listings_fts_") || name.startsWith("structures_fts_");
}

/** Columns holding JSON text, exported as objects. */
const JSON_COLUMNS = new Set(["criteria", "details"]);

export type Converter = (row: Record<string, unknown>) => Record<string, unknown>;

/** Turns a raw row (snake_case, integers) into the exported shape (also used by storage/personal-data.ts). */
export function converterFor(table: SQLiteTable): Converter {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const kind =
      column.columnType === "SQLiteBoolean"
        ? "boolean"
        : column.columnType === "SQLiteInteger" && /(^at|At|Since)$/.test(key)
          ? "time"
          : JSON_COLUMNS.has(key)
            ? "json"
            : "plain";
    return { key, name: column.keyAsName ? toSnakeCase(key) : column.name, kind };
  });
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const { key, name, kind } of columns) {
      const value = row[name] ?? null;
      if (value === null) out[key] = null;
      else if (kind === "boolean") out[key] = value === 1;
      else if (kind === "time") out[key] = new Date(Number(value)).toISOString();
      else if (kind === "json" && typeof value === "string")
        out[key] = JSON.parse(value) as unknown;
      else out[key] = value;
    }
    return out;
  };
}

/** The SQL choosing a table's rows for a network (`:network` is its id). */
const NETWORK_ROWS: Record<keyof typeof EXPORTED_TABLES, string | undefined> = {
  networks: "id = :network",
  rooms: "network_id = :network",
  listings: "network_id = :network",
  listing_matches:
    "listing_id IN (SELECT id FROM listings WHERE network_id = :network) OR matched_listing_id IN (SELECT id FROM listings WHERE network_id = :network)",
  audit_log:
    "network_id = :network OR listing_id IN (SELECT id FROM listings WHERE network_id = :network)",
  // The people who took part in the network: authors of its listings, those who last wrote
  // in its rooms, and those its audit entries name. Named animators are added by id.
  members: `id IN (SELECT author_id FROM listings WHERE network_id = :network)
    OR last_network_id = :network
    OR id IN (SELECT actor_id FROM audit_log WHERE network_id = :network)
    OR id IN (SELECT subject_member_id FROM audit_log WHERE network_id = :network)
    OR id IN (SELECT member_id FROM broadcast_subscriptions WHERE network_id = :network)
    OR id IN (SELECT author_id FROM broadcasts WHERE network_id = :network)
    OR id IN (SELECT author_id FROM polls WHERE network_id = :network)
    OR id IN (SELECT member_id FROM poll_votes WHERE poll_id IN (SELECT id FROM polls WHERE network_id = :network))
    OR id IN (SELECT value FROM json_each(:animators))`,
  broadcasts: "network_id = :network",
  broadcast_deliveries: "broadcast_id IN (SELECT id FROM broadcasts WHERE network_id = :network)",
  broadcast_subscriptions: "network_id = :network",
  // Structures that took part: on whose behalf its listings were posted, or with a member in it.
  structures: `id IN (SELECT structure_id FROM listings WHERE network_id = :network)
    OR id IN (SELECT structure_id FROM structure_members WHERE member_id IN
      (SELECT member_id FROM network_members WHERE network_id = :network))`,
  structure_members: `structure_id IN (SELECT structure_id FROM listings WHERE network_id = :network)
    OR member_id IN (SELECT member_id FROM network_members WHERE network_id = :network)`,
  network_members: "network_id = :network",
  mutes: "network_id = :network",
  reports: "network_id = :network",
  contact_threads: "listing_id IN (SELECT id FROM listings WHERE network_id = :network)",
  contact_messages:
    "thread_id IN (SELECT id FROM contact_threads WHERE listing_id IN (SELECT id FROM listings WHERE network_id = :network))",
  // Who a member blocks is theirs, not a network's.
  member_blocks: undefined,
  polls: "network_id = :network",
  poll_options: "poll_id IN (SELECT id FROM polls WHERE network_id = :network)",
  poll_votes: "poll_id IN (SELECT id FROM polls WHERE network_id = :network)",
  // A member's alerts and digest rhythm are theirs, not a network's.
  alerts: undefined,
  digest_settings: undefined,
};

/** Where the export is written; awaited, so that a slow disk or pipe holds the reading back. */
export type ExportSink = (chunk: string) => Promise<void> | void;

/** What was exported. */
export interface ExportReport {
  counts: Record<string, number>;
}

/** Writes the export of `scope` to `sink`, reading everything in one snapshot. */
export async function exportTerritory(
  db: Db,
  scope: ExportScope,
  sink: ExportSink,
  meta: { territory: string; now: Date },
): Promise<ExportReport> {
  let buffer = "";
  const write = async (text: string, flush = false) => {
    buffer += text;
    if (buffer.length >= 256 * 1024 || flush) {
      const chunk = buffer;
      buffer = "";
      await sink(chunk);
    }
  };
  const counts: Record<string, number> = {};
  const sqlite = db.$client;
  // A read transaction: the bot may go on writing, the export sees one moment.
  sqlite.exec("BEGIN");
  try {
    const { applied } = migrationStatus(sqlite);
    const named = allNamedAnimators(db).filter(
      (a) => scope.kind === "territory" || a.networkId === scope.id,
    );
    const head = {
      format: "soliterr-export",
      version: EXPORT_VERSION,
      exportedAt: meta.now.toISOString(),
      territory: meta.territory,
      schema: applied.at(-1) ?? null,
      scope,
      namedAnimators: named,
    };
    const opening = JSON.stringify(head, null, 2);
    await write(`${opening.slice(0, -2)},\n  "tables": {`);
    let firstTable = true;
    for (const [name, table] of Object.entries(EXPORTED_TABLES) as [
      keyof typeof EXPORTED_TABLES,
      SQLiteTable,
    ][]) {
      await write(`${firstTable ? "" : ","}\n    ${JSON.stringify(name)}: [`);
      firstTable = false;
      counts[name] = 0;
      const where = scope.kind === "network" ? NETWORK_ROWS[name] : "1";
      if (where !== undefined) {
        const convert = converterFor(table);
        const statement = sqlite.prepare(`SELECT * FROM ${name} WHERE ${where} ORDER BY rowid`);
        const params =
          scope.kind === "network"
            ? {
                network: scope.id,
                animators: JSON.stringify(named.map((a) => a.memberId)),
              }
            : {};
        const needed = Object.fromEntries(
          Object.entries(params).filter(([key]) => where.includes(`:${key}`)),
        );
        const rows =
          Object.keys(needed).length > 0 ? statement.iterate(needed) : statement.iterate();
        for (const row of rows) {
          const line = JSON.stringify(convert(row as Record<string, unknown>));
          await write(`${counts[name] === 0 ? "" : ","}\n      ${line}`);
          counts[name] += 1;
        }
      }
      await write(counts[name] === 0 ? "]" : "\n    ]");
    }
    await write(`\n  },\n  "counts": ${JSON.stringify(counts)}\n}\n`, true);
  } finally {
    sqlite.exec("COMMIT");
  }
  return { counts };
}
