/**
 * Everything stored about one member, for `/mesdonnees`: one JSON document whose `data` has a
 * section per table holding rows that name them (`PERSONAL_DATA_SECTIONS`), in the shape of the
 * territory's export (storage/export.ts: schema property names, ISO times, booleans, objects).
 * Tables naming members that are left out say why (`PERSONAL_DATA_LEFT_OUT`); a test fails when
 * a table referring to members is in neither (tests/unit/privacy-coverage.test.ts).
 *
 * Other people appear as the relay shows them (name and structure, never a platform id or a
 * handle), through `nameOf`; the member themselves as "me".
 */
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { namedAnimators } from "./animators.js";
import type { Db } from "./db.js";
import { converterFor } from "./export.js";
import * as schema from "./schema.js";

/** Version of the document's shape; raised on any change that is not an addition. */
export const PERSONAL_DATA_VERSION = 1;

/** What a section is read with. */
export interface PersonalDataReader {
  db: Db;
  memberId: number;
  /** How another member is named to this one (the relay's label). */
  nameOf(memberId: number): string;
}

type Row = Record<string, unknown>;

/** The rows of `table` chosen by `where` (`@m` is the member's id), in the export's shape. */
function rows(r: PersonalDataReader, table: SQLiteTable, name: string, where: string): Row[] {
  const convert = converterFor(table);
  return (
    r.db.$client.prepare(`SELECT * FROM ${name} WHERE ${where} ORDER BY rowid`).all({
      m: r.memberId,
    }) as Row[]
  ).map(convert);
}

/** Replaces member id columns by "me" or the other person's name. */
function named(r: PersonalDataReader, row: Row, ...columns: string[]): Row {
  const out: Row = { ...row };
  for (const column of columns) {
    const id = row[column];
    if (typeof id !== "number") continue;
    out[column] = id === r.memberId ? "me" : r.nameOf(id);
  }
  return out;
}

/** One section per table; keys are table names. */
export const PERSONAL_DATA_SECTIONS: Record<string, (r: PersonalDataReader) => unknown> = {
  members: (r) => rows(r, schema.members, "members", "id = @m"),
  digest_settings: (r) => rows(r, schema.digestSettings, "digest_settings", "member_id = @m"),
  rooms: (r) => rows(r, schema.rooms, "rooms", "member_id = @m"),
  network_members: (r) =>
    rows(r, schema.networkMembers, "network_members", "member_id = @m").map((row) =>
      named(r, row, "memberId", "decidedBy"),
    ),
  territory_settings: (r) =>
    (r.db.$client.prepare("SELECT id FROM networks ORDER BY id").pluck().all() as number[])
      .filter((networkId) => namedAnimators(r.db, networkId).includes(r.memberId))
      .map((networkId) => ({ namedAnimatorOfNetwork: networkId })),
  structure_members: (r) =>
    rows(r, schema.structureMembers, "structure_members", "member_id = @m").map((row) => ({
      ...row,
      structure: rows(r, schema.structures, "structures", `id = ${Number(row.structureId)}`)[0],
    })),
  structure_invites: (r) =>
    rows(r, schema.structureInvites, "structure_invites", "created_by = @m OR used_by = @m").map(
      (row) => named(r, row, "createdBy", "usedBy"),
    ),
  network_link_codes: (r) =>
    rows(r, schema.networkLinkCodes, "network_link_codes", "created_by = @m"),
  listings: (r) =>
    rows(r, schema.listings, "listings", "author_id = @m").map((row) => named(r, row, "authorId")),
  alerts: (r) => rows(r, schema.alerts, "alerts", "member_id = @m"),
  searches: (r) => rows(r, schema.searches, "searches", "member_id = @m"),
  conversations: (r) =>
    rows(r, schema.conversations, "conversations", "member_id = @m").map((row) => ({
      ...row,
      data: typeof row.data === "string" ? (JSON.parse(row.data) as unknown) : row.data,
    })),
  contact_threads: (r) =>
    rows(r, schema.contactThreads, "contact_threads", "requester_id = @m OR author_id = @m").map(
      (row) => named(r, row, "requesterId", "authorId"),
    ),
  // What they wrote, and what was written to them (the other side named as the relay names it).
  contact_messages: (r) =>
    rows(
      r,
      schema.contactMessages,
      "contact_messages",
      "thread_id IN (SELECT id FROM contact_threads WHERE requester_id = @m OR author_id = @m)",
    ).map((row) => named(r, row, "senderId")),
  // Whom they blocked; who blocked them is the other person's choice, which they are not told.
  member_blocks: (r) =>
    rows(r, schema.memberBlocks, "member_blocks", "member_id = @m").map((row) =>
      named(r, row, "memberId", "blockedId"),
    ),
  audit_log: (r) =>
    rows(r, schema.auditLog, "audit_log", "actor_id = @m OR subject_member_id = @m").map((row) =>
      named(r, row, "actorId", "subjectMemberId"),
    ),
  broadcasts: (r) =>
    rows(r, schema.broadcasts, "broadcasts", "author_id = @m").map((row) =>
      named(r, row, "authorId"),
    ),
  broadcast_deliveries: (r) =>
    rows(r, schema.broadcastDeliveries, "broadcast_deliveries", "member_id = @m").map((row) =>
      named(r, row, "memberId"),
    ),
  broadcast_subscriptions: (r) =>
    rows(r, schema.broadcastSubscriptions, "broadcast_subscriptions", "member_id = @m"),
  // Mutes they were given (who decided named as the relay names people), or gave.
  mutes: (r) =>
    rows(r, schema.mutes, "mutes", "member_id = @m OR muted_by = @m OR lifted_by = @m").map((row) =>
      named(r, row, "memberId", "mutedBy", "liftedBy"),
    ),
  // Reports they made or handled, and those about them (without who reported them: the
  // reporter is never told to the person reported).
  reports: (r) =>
    rows(
      r,
      schema.reports,
      "reports",
      "reporter_id = @m OR handled_by = @m OR subject_member_id = @m",
    ).map((row) => {
      const { reporterId, ...rest } = row;
      return reporterId === r.memberId || row.handledBy === r.memberId
        ? named(r, row, "reporterId", "subjectMemberId", "handledBy")
        : named(r, rest, "subjectMemberId", "handledBy");
    }),
  polls: (r) =>
    rows(r, schema.polls, "polls", "author_id = @m OR closed_by = @m").map((row) =>
      named(r, row, "authorId", "closedBy"),
    ),
  // Each vote with the question it answered (read once for all their votes).
  poll_votes: (r) => {
    const questions = new Map(
      (
        r.db.$client
          .prepare(
            "SELECT id, question FROM polls WHERE id IN (SELECT poll_id FROM poll_votes WHERE member_id = ?)",
          )
          .all(r.memberId) as { id: number; question: string }[]
      ).map((p) => [p.id, p.question]),
    );
    return rows(r, schema.pollVotes, "poll_votes", "member_id = @m").map((row) => ({
      ...row,
      question: questions.get(Number(row.pollId)),
    }));
  },
  erasure_requests: (r) => rows(r, schema.erasureRequests, "erasure_requests", "member_id = @m"),
};

/** Tables naming members that the document leaves out, and why. */
export const PERSONAL_DATA_LEFT_OUT: Record<string, string> = {
  outbox:
    "messages on their way to the member: copies of what they receive, deleted 30 days after delivery",
};

/** The whole document. */
export function personalDataOf(
  reader: PersonalDataReader,
  meta: { territory: string; now: number },
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [table, read] of Object.entries(PERSONAL_DATA_SECTIONS)) data[table] = read(reader);
  return {
    format: "soliterr-personal-data",
    version: PERSONAL_DATA_VERSION,
    exportedAt: new Date(meta.now).toISOString(),
    territory: meta.territory,
    data,
  };
}

/** A structure's own data, for its administrators: its profile, its team, its listings. */
export function structureDataOf(
  reader: Omit<PersonalDataReader, "memberId">,
  structureId: number,
  meta: { territory: string; now: number },
): Record<string, unknown> {
  const r = { ...reader, memberId: -1 };
  const where = `structure_id = ${Number(structureId)}`;
  return {
    format: "soliterr-structure-data",
    version: PERSONAL_DATA_VERSION,
    exportedAt: new Date(meta.now).toISOString(),
    territory: meta.territory,
    data: {
      structure: rows(r, schema.structures, "structures", `id = ${Number(structureId)}`)[0],
      members: rows(r, schema.structureMembers, "structure_members", where).map((row) =>
        named(r, row, "memberId"),
      ),
      listings: rows(r, schema.listings, "listings", `${where} AND redacted_at IS NULL`).map(
        (row) => named(r, row, "authorId"),
      ),
    },
  };
}
