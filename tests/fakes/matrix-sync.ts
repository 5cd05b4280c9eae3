/**
 * Builds /sync answers from the fake's global stream. A token `s<n>` means "every change up to
 * stream position n was delivered". Rooms follow the client-server spec: a joined room's timeline
 * holds its new events (state events included, as the SDK only reads the timeline), `state` holds
 * the state before the timeline start for a newly joined room (or on an initial or full_state
 * sync) and state changes skipped by a limited timeline; invitations come with stripped
 * invite_state; a room the bot left comes once in `leave` with the timeline up to its departure.
 */
import {
  invalidParam,
  isObject,
  parseJson,
  type Content,
  type MatrixEvent,
  type SyncRecord,
} from "./matrix-types.js";
import type { MatrixWorld, RoomRecord, Stored } from "./matrix-world.js";

/** What a /sync request asks for. */
export interface SyncQuery {
  /** Stream position of `since` (undefined: initial sync). */
  since: number | undefined;
  fullState: boolean;
  /** The filter's room.timeline.limit, if any. */
  limit: number | undefined;
  /** Timeline limit of an initial sync or a newly joined room when the filter sets none. */
  initialLimit: number;
}

/** Types of the stripped state events an invitation carries. */
const INVITE_STATE = new Set([
  "m.room.create",
  "m.room.name",
  "m.room.avatar",
  "m.room.topic",
  "m.room.join_rules",
  "m.room.canonical_alias",
  "m.room.encryption",
]);

/** An event as served by the API: with a fresh unsigned.age, without room_id inside /sync. */
export function clientEvent(e: MatrixEvent, withRoomId = true): Content {
  const { room_id: _roomId, ...rest } = e;
  const unsigned = { ...e.unsigned, age: Math.max(0, Date.now() - e.origin_server_ts) };
  return withRoomId ? { ...e, unsigned } : { ...rest, unsigned };
}

const strip = (e: MatrixEvent): Content => ({
  type: e.type,
  state_key: e.state_key,
  sender: e.sender,
  content: e.content,
});

/** The room.timeline.limit of a filter, if it sets one. */
export function filterLimit(filter: Content | undefined): number | undefined {
  const room = isObject(filter?.room) ? filter.room : undefined;
  const timeline = isObject(room?.timeline) ? room.timeline : undefined;
  const limit = timeline?.limit;
  return typeof limit === "number" && Number.isInteger(limit) && limit > 0 ? limit : undefined;
}

/** A valid /sync answer that carries nothing. */
export function emptySync(nextBatch: string): Content {
  return {
    next_batch: nextBatch,
    rooms: { join: {}, invite: {}, leave: {}, knock: {} },
    account_data: { events: [] },
    presence: { events: [] },
    to_device: { events: [] },
    device_lists: { changed: [], left: [] },
  };
}

/** Builds a /sync answer; `empty` tells whether it carries nothing (a long poll then waits). */
export function buildSync(world: MatrixWorld, q: SyncQuery): { body: Content; empty: boolean } {
  const join: Content = {};
  const invite: Content = {};
  const leave: Content = {};
  const since = q.since ?? -1;
  const bot = world.botUserId;
  for (const room of world.rooms.values()) {
    // An incremental sync skips at once the rooms where nothing happened since (a benchmark
    // with thousands of rooms would otherwise measure the fake rather than the bot).
    if (q.since !== undefined && !q.fullState && (room.events.at(-1)?.pos ?? -1) <= since) {
      const data = [...world.dataOf(bot, room.id).values()];
      if (!data.some((entry) => entry.pos > since)) continue;
    }
    const now = world.membership(room.id, bot);
    const own = room.state.get(`m.room.member\u0000${bot}`);
    if (now === "join") {
      const entry = joinedRoom(world, room, q);
      if (entry) join[room.id] = entry;
    } else if (now === "invite" && own && own.pos > since) {
      const stripped = world
        .roomState(room.id)
        .filter(
          (e) =>
            INVITE_STATE.has(e.type) ||
            (e.type === "m.room.member" && e.state_key === own.event.sender),
        )
        .map(strip);
      invite[room.id] = {
        invite_state: { events: [...stripped, clientEvent(own.event, false)] },
      };
    } else if (
      (now === "leave" || now === "ban") &&
      own &&
      q.since !== undefined &&
      own.pos > since
    ) {
      leave[room.id] = leftRoom(world, room, q.since, own);
    }
  }
  const accountData = [...world.dataOf(bot)]
    .filter(([, entry]) => entry.pos > since)
    .map(([type, entry]) => ({ type, content: entry.content }));
  const empty =
    Object.keys(join).length + Object.keys(invite).length + Object.keys(leave).length === 0 &&
    accountData.length === 0;
  return {
    empty,
    body: {
      ...emptySync(world.streamToken),
      rooms: { join, invite, leave, knock: {} },
      account_data: { events: accountData },
    },
  };
}

/** The join section of a room, or undefined when nothing changed for it. */
function joinedRoom(world: MatrixWorld, room: RoomRecord, q: SyncQuery): Content | undefined {
  const bot = world.botUserId;
  const since = q.since ?? -1;
  const newly = q.since === undefined || world.membershipAt(room, bot, q.since) !== "join";
  const candidates = newly ? room.events : room.events.filter((s) => s.pos > since);
  const limit = q.limit ?? (newly ? q.initialLimit : Infinity);
  const timeline = candidates.length > limit ? candidates.slice(-limit) : candidates;
  // Newly joined: earlier events exist before the timeline; otherwise some new events were cut.
  const limited = newly
    ? timeline.length > 0 && timeline[0] !== room.events[0]
    : timeline.length < candidates.length;
  const start = timeline[0]?.pos ?? world.pos + 1;
  let state: Stored[] = [];
  if (newly || q.fullState) state = world.stateBefore(room, start);
  else if (limited) state = world.stateBefore(room, start).filter((s) => s.pos > since);
  const roomData = [...world.dataOf(bot, room.id)]
    .filter(([, entry]) => entry.pos > since)
    .map(([type, entry]) => ({ type, content: entry.content }));
  if (!newly && !q.fullState && timeline.length === 0 && state.length === 0 && !roomData.length)
    return undefined;
  const joined = world.members(room.id, "join");
  return {
    summary: {
      "m.joined_member_count": joined.length,
      "m.invited_member_count": world.members(room.id, "invite").length,
      "m.heroes": joined.filter((u) => u !== bot).slice(0, 5),
    },
    state: { events: state.map((s) => clientEvent(s.event, false)) },
    timeline: {
      events: timeline.map((s) => clientEvent(s.event, false)),
      limited,
      prev_batch: `s${start - 1}`,
    },
    ephemeral: { events: [] },
    account_data: { events: roomData },
    unread_notifications: { highlight_count: 0, notification_count: 0 },
  };
}

/** The leave section of a room the bot left (or was kicked or banned from) after `since`. */
function leftRoom(world: MatrixWorld, room: RoomRecord, since: number, own: Stored): Content {
  const bot = world.botUserId;
  let from = since;
  if (world.membershipAt(room, bot, since) !== "join") {
    // Joined after `since` (or never): the timeline starts at that join, else is the leave alone.
    const joined = room.events.find(
      (s) =>
        s.pos > since &&
        s.event.type === "m.room.member" &&
        s.event.state_key === bot &&
        s.event.content.membership === "join",
    );
    from = joined ? joined.pos - 1 : own.pos - 1;
  }
  const events = room.events.filter((s) => s.pos > from && s.pos <= own.pos);
  return {
    state: { events: [] },
    timeline: { events: events.map((s) => clientEvent(s.event, false)), limited: false },
    account_data: { events: [] },
  };
}

/** Reads the parameters of a /sync request (400 M_INVALID_PARAM on a bad one). */
export function parseSyncQuery(
  world: MatrixWorld,
  query: URLSearchParams,
  initialLimit: number,
): { q: SyncQuery; timeout: number; record: SyncRecord } {
  const sinceParam = query.get("since") ?? undefined;
  const timeoutParam = query.get("timeout") ?? "0";
  const filterParam = query.get("filter") ?? undefined;
  const fullState = query.get("full_state") === "true";
  const timeout = /^\d+$/.test(timeoutParam) ? Number(timeoutParam) : NaN;
  if (!Number.isSafeInteger(timeout))
    throw invalidParam(`timeout must be an integer: ${timeoutParam}`);
  let since: number | undefined;
  if (sinceParam !== undefined) {
    const n = /^s(\d+)$/.exec(sinceParam)?.[1];
    if (n === undefined || Number(n) > world.pos)
      throw invalidParam(`Unknown or malformed since token: ${sinceParam}`);
    since = Number(n);
  }
  let filter: Content | undefined;
  if (filterParam?.startsWith("{")) {
    const parsed = parseJson(filterParam);
    if (!isObject(parsed)) throw invalidParam("filter is not a JSON object");
    filter = parsed;
  } else if (filterParam !== undefined) {
    filter = world.filters.get(filterParam);
    if (!filter) throw invalidParam(`No such filter: ${filterParam}`);
  }
  return {
    q: { since, fullState, limit: filterLimit(filter), initialLimit },
    timeout,
    record: { since: sinceParam, timeout, filter: filterParam, fullState, at: Date.now() },
  };
}
