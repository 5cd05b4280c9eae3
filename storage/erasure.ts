/**
 * Forgetting a member (`/oublier`): the request, its grace period, and the erasure itself.
 *
 * The member's row stays as an anonymous record (platform `erased`, no platform id, name or
 * handle), so that the rows the statistics count keep a valid author and every figure stays
 * what it was; everything that said who they were or what they wrote goes. `ERASURE_STEPS`
 * says, table by table, what happens to each row that names the member: a test fails when a
 * table referring to members is missing from it (tests/unit/privacy-coverage.test.ts).
 */
import { asc, eq, lte, sql } from "drizzle-orm";
import { namedAnimators, unnameAnimator } from "./animators.js";
import { prepared, type Db } from "./db.js";
import { ERASED_PLATFORM, memberById, type Member } from "./members.js";
import { redactListings } from "./redaction.js";
import { erasureRequests } from "./schema.js";

/** A pending request. */
export type ErasureRequest = typeof erasureRequests.$inferSelect;

/** Days between the confirmation and the erasure, during which `/oublier annuler` stops it. */
export const ERASURE_GRACE_DAYS = 14;
const DAY = 86_400_000;

/** Records (or replaces) a member's confirmed request; returns it. */
export function requestErasure(
  db: Db,
  memberId: number,
  keepEndedListings: boolean,
  now: number,
): ErasureRequest {
  const values = {
    memberId,
    requestedAt: now,
    dueAt: now + ERASURE_GRACE_DAYS * DAY,
    keepEndedListings,
    remindedAt: now,
  };
  return db
    .insert(erasureRequests)
    .values(values)
    .onConflictDoUpdate({ target: erasureRequests.memberId, set: { keepEndedListings } })
    .returning()
    .get();
}

/** The member's pending request, if any. */
export function erasureRequestOf(db: Db, memberId: number): ErasureRequest | undefined {
  // Asked on every command (bot/erasure-notice.ts): prepared once per database.
  return prepared(db, "erasureRequestOf", () =>
    db
      .select()
      .from(erasureRequests)
      .where(eq(erasureRequests.memberId, sql.placeholder("memberId")))
      .prepare(),
  ).get({ memberId });
}

/** Withdraws the member's request; false when there was none. */
export function cancelErasure(db: Db, memberId: number): boolean {
  return db.delete(erasureRequests).where(eq(erasureRequests.memberId, memberId)).run().changes > 0;
}

/** Notes that the member was reminded of their coming erasure. */
export function markErasureReminded(db: Db, memberId: number, now: number): void {
  db.update(erasureRequests)
    .set({ remindedAt: now })
    .where(eq(erasureRequests.memberId, memberId))
    .run();
}

/** The requests whose grace period is over, oldest first. */
export function dueErasures(db: Db, now: number): ErasureRequest[] {
  return db
    .select()
    .from(erasureRequests)
    .where(lte(erasureRequests.dueAt, now))
    .orderBy(asc(erasureRequests.dueAt))
    .all();
}

/** What an erasure step knows. */
interface Erasing {
  db: Db;
  member: Member;
  keepEndedListings: boolean;
  now: number;
  /** Texts the member wrote or that name them, gathered before they go (see `scrubOutbox`). */
  traces: Set<string>;
}

const run = (e: Erasing, sql: string) => e.db.$client.prepare(sql).run({ m: e.member.id });
const texts = (e: Erasing, sql: string) => {
  for (const text of e.db.$client.prepare(sql).pluck().all({ m: e.member.id }) as string[])
    e.traces.add(text);
};

/** Actions that only ever concern the person who did them: deleted with them. */
const PERSONAL_ACTIONS = [
  "charter-accepted",
  "command-refused",
  "member-blocked",
  "member-unblocked",
  "contact-shared",
  "erasure-requested",
  "erasure-cancelled",
];

/**
 * What the erasure does to each table with rows naming the member, in the order done. A table
 * whose rows name members only through a foreign key that cascades or nulls is still listed,
 * so that the choice is visible. Keys are table names.
 */
export const ERASURE_STEPS: Record<string, (e: Erasing) => void> = {
  listings(e) {
    texts(e, "SELECT title FROM listings WHERE author_id = @m AND redacted_at IS NULL");
    texts(e, "SELECT description FROM listings WHERE author_id = @m AND redacted_at IS NULL");
    const rows = e.db.$client
      .prepare("SELECT id, status FROM listings WHERE author_id = @m")
      .all({ m: e.member.id }) as { id: number; status: string }[];
    // Open listings, and those still waiting for approval, never ended: their place goes.
    const live = (r: { status: string }) => r.status === "open" || r.status === "pending";
    const ended = rows.filter((r) => !live(r)).map((r) => r.id);
    const open = rows.filter(live).map((r) => r.id);
    redactListings(e.db, ended, { keepPlace: e.keepEndedListings }, e.now);
    redactListings(e.db, open, { keepPlace: false }, e.now);
  },
  contact_messages(e) {
    // What they wrote goes; what the other side wrote to them is the other side's and stays.
    texts(e, "SELECT body FROM contact_messages WHERE sender_id = @m");
    run(e, "DELETE FROM contact_messages WHERE sender_id = @m");
  },
  contact_threads(e) {
    // Kept without any text (the statistics count conversations); nothing is shared any more.
    run(
      e,
      `UPDATE contact_threads SET requester_shares = 0, author_shares = 0
       WHERE requester_id = @m OR author_id = @m`,
    );
  },
  member_blocks: (e) => run(e, "DELETE FROM member_blocks WHERE member_id = @m OR blocked_id = @m"),
  alerts: (e) => run(e, "DELETE FROM alerts WHERE member_id = @m"),
  searches: (e) => run(e, "DELETE FROM searches WHERE member_id = @m"),
  conversations: (e) => run(e, "DELETE FROM conversations WHERE member_id = @m"),
  digest_settings: (e) => run(e, "DELETE FROM digest_settings WHERE member_id = @m"),
  network_members(e) {
    run(e, "DELETE FROM network_members WHERE member_id = @m");
    run(e, "UPDATE network_members SET decided_by = NULL WHERE decided_by = @m");
  },
  structure_members(e) {
    const row = e.db.$client
      .prepare("SELECT structure_id AS id, role FROM structure_members WHERE member_id = @m")
      .get({ m: e.member.id }) as { id: number; role: string } | undefined;
    run(e, "DELETE FROM structure_members WHERE member_id = @m");
    if (!row) return;
    const q = e.db.$client;
    const left = q
      .prepare("SELECT count(*) FROM structure_members WHERE structure_id = ?")
      .pluck()
      .get(row.id) as number;
    if (left === 0) {
      // The organisation's public profile stays (its listings' records still name it), without
      // the public contact, which may have been the person's own phone or address.
      q.prepare("UPDATE structures SET public_contact = NULL WHERE id = ?").run(row.id);
    } else if (
      row.role === "admin" &&
      q
        .prepare("SELECT count(*) FROM structure_members WHERE structure_id = ? AND role = 'admin'")
        .pluck()
        .get(row.id) === 0
    ) {
      // A structure keeps an administrator while it has members: the longest-standing one.
      q.prepare(
        `UPDATE structure_members SET role = 'admin' WHERE member_id =
           (SELECT member_id FROM structure_members WHERE structure_id = ?
            ORDER BY created_at, member_id LIMIT 1)`,
      ).run(row.id);
    }
  },
  structure_invites(e) {
    run(e, "UPDATE structure_invites SET created_by = NULL WHERE created_by = @m");
    run(e, "UPDATE structure_invites SET used_by = NULL WHERE used_by = @m");
  },
  network_link_codes: (e) =>
    run(e, "UPDATE network_link_codes SET created_by = NULL WHERE created_by = @m"),
  broadcasts(e) {
    texts(e, "SELECT text FROM broadcasts WHERE author_id = @m");
    run(e, "DELETE FROM broadcasts WHERE author_id = @m");
  },
  broadcast_deliveries: (e) =>
    run(e, "UPDATE broadcast_deliveries SET member_id = NULL WHERE member_id = @m"),
  broadcast_subscriptions: (e) =>
    run(e, "DELETE FROM broadcast_subscriptions WHERE member_id = @m"),
  audit_log(e) {
    const list = PERSONAL_ACTIONS.map((a) => `'${a}'`).join(", ");
    run(e, `DELETE FROM audit_log WHERE actor_id = @m AND action IN (${list})`);
    // The rest is kept for accountability (what was done, when, in which network), naming the
    // anonymous record and without free text: reasons, names, titles.
    run(e, "UPDATE audit_log SET details = '{}' WHERE actor_id = @m OR subject_member_id = @m");
    run(
      e,
      `UPDATE audit_log SET details = '{}'
       WHERE listing_id IN (SELECT id FROM listings WHERE author_id = @m)`,
    );
  },
  rooms(e) {
    // Their private chat with the bot (its id is often their platform id).
    texts(e, "SELECT platform_room_id FROM rooms WHERE member_id = @m");
    run(e, "DELETE FROM rooms WHERE member_id = @m");
  },
  mutes(e) {
    // A mute of the member says why they were silenced: it goes with them.
    texts(e, "SELECT reason FROM mutes WHERE member_id = @m");
    run(e, "DELETE FROM mutes WHERE member_id = @m");
    run(e, "UPDATE mutes SET muted_by = NULL WHERE muted_by = @m");
    run(e, "UPDATE mutes SET lifted_by = NULL WHERE lifted_by = @m");
  },
  reports(e) {
    // The review of a report stays the network's record (what was reported, what was decided),
    // without the reasons written by or about the member, nor their name.
    texts(e, "SELECT reason FROM reports WHERE reporter_id = @m OR subject_member_id = @m");
    texts(e, "SELECT note FROM reports WHERE note IS NOT NULL AND handled_by = @m");
    run(e, "UPDATE reports SET reason = '' WHERE reporter_id = @m OR subject_member_id = @m");
    run(e, "UPDATE reports SET note = NULL WHERE handled_by = @m OR subject_member_id = @m");
    run(e, "UPDATE reports SET reporter_id = NULL WHERE reporter_id = @m");
    run(e, "UPDATE reports SET subject_member_id = NULL WHERE subject_member_id = @m");
    run(e, "UPDATE reports SET handled_by = NULL WHERE handled_by = @m");
  },
  polls(e) {
    // A poll is the network's question, answered by others: it stays, without its author.
    run(e, "UPDATE polls SET author_id = NULL WHERE author_id = @m");
    run(e, "UPDATE polls SET closed_by = NULL WHERE closed_by = @m");
  },
  erasure_requests: (e) => run(e, "DELETE FROM erasure_requests WHERE member_id = @m"),
  members(e) {
    e.db.$client
      .prepare(
        `UPDATE members SET platform = '${ERASED_PLATFORM}', platform_user_id = CAST(id AS TEXT),
           display_name = '', username = NULL, locale = NULL, unreachable_since = NULL,
           charter_accepted_at = NULL
         WHERE id = @m`,
      )
      .run({ m: e.member.id });
  },
};

/** Tables that name members, handled by the erasure without a step of their own, and why. */
export const ERASED_WITHOUT_STEP: Record<string, string> = {
  alert_keys: "an index of the alerts, deleted with them (foreign key cascade)",
  poll_votes:
    "a vote holds no text; it stays with the anonymous record so that a poll's results do not change",
  territory_settings:
    "named animators (`network.<id>.animators`) are withdrawn by `eraseMember` itself",
  outbox:
    "messages to the member, and sent messages holding their texts, are deleted by `eraseMember` (scrubOutbox)",
};

/**
 * Deletes from the outbox the messages addressed to the member (whatever their state) and the
 * delivered or failed messages to others that hold their name, handle or texts (a relayed
 * message, a listing card in someone's digest). Messages still waiting for someone else are
 * left to be delivered.
 */
function scrubOutbox(e: Erasing, directRooms: readonly string[]): number[] {
  const q = e.db.$client;
  const { platform, platformUserId } = e.member;
  const toThem = `platform = @platform AND (
      (destination_kind = 'member' AND destination_id = @user)
      OR (destination_kind = 'room' AND destination_id IN (SELECT value FROM json_each(@rooms))))`;
  const params = { platform, user: platformUserId, rooms: JSON.stringify(directRooms) };
  const ids = q.prepare(`SELECT id FROM outbox WHERE ${toThem}`).pluck().all(params) as number[];
  q.prepare(`DELETE FROM outbox WHERE ${toThem}`).run(params);
  const scrub = q.prepare(
    "DELETE FROM outbox WHERE state IN ('sent', 'failed') AND instr(payload, ?) > 0",
  );
  for (const trace of e.traces) {
    // As the text appears inside the JSON payload.
    const inJson = JSON.stringify(trace).slice(1, -1);
    if (inJson.trim().length >= 3) scrub.run(inJson);
  }
  return ids;
}

/**
 * Erases a member now (the daily job calls it when the grace period is over). Runs inside the
 * caller's transaction. Returns the ids of the deleted messages that were addressed to them
 * (their files, such as a data export, are to be deleted too: bot/files.ts `removeFilesOf`),
 * or undefined when there was no such member (or they were erased already).
 */
export function eraseMember(
  db: Db,
  memberId: number,
  options: { keepEndedListings: boolean },
  now: number,
): { outboxIds: number[] } | undefined {
  const member = memberById(db, memberId);
  if (!member || member.platform === ERASED_PLATFORM) {
    db.delete(erasureRequests).where(eq(erasureRequests.memberId, memberId)).run();
    return undefined;
  }
  const e: Erasing = {
    db,
    member,
    now,
    keepEndedListings: options.keepEndedListings,
    traces: new Set(),
  };
  for (const value of [member.displayName, member.username, member.platformUserId])
    if (value) e.traces.add(value);
  const directRooms = db.$client
    .prepare("SELECT platform_room_id FROM rooms WHERE member_id = ?")
    .pluck()
    .all(memberId) as string[];
  for (const step of Object.values(ERASURE_STEPS)) step(e);
  const networks = db.$client.prepare("SELECT id FROM networks").pluck().all() as number[];
  for (const networkId of networks)
    if (namedAnimators(db, networkId).includes(memberId))
      unnameAnimator(db, networkId, memberId, now);
  return { outboxIds: scrubOutbox(e, directRooms) };
}
