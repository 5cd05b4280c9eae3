/**
 * The state of the fake homeserver: rooms with their timelines and state, one global event
 * stream (a /sync token `s<n>` is a position in it), account data, filters, media, and what the
 * bot did. Every change goes through `append` or `putAccountData`, which wake pending /syncs.
 */
import { randomBytes } from "node:crypto";
import {
  forbidden,
  isObject,
  type Content,
  type CreatedRoom,
  type MatrixEvent,
  type Membership,
  type RecordedCall,
  type SentEvent,
  type SyncRecord,
  type Upload,
} from "./matrix-types.js";

export const realSetTimeout = globalThis.setTimeout;
export const realClearTimeout = globalThis.clearTimeout;
export const realSetImmediate = globalThis.setImmediate;

/** An event and its position in the global stream. */
export interface Stored {
  pos: number;
  event: MatrixEvent;
}

/** A room: every event in order, and its current state by `type\0stateKey`. */
export interface RoomRecord {
  id: string;
  events: Stored[];
  state: Map<string, Stored>;
  /** Invitations to the bot default to is_direct when set (createRoom's isDirect). */
  isDirect: boolean;
}

/** Account data of one type, and the stream position of its last change. */
interface DataEntry {
  content: Content;
  pos: number;
}

/** The partial event `append` completes. */
export interface NewEvent {
  type: string;
  sender: string;
  content: Content;
  state_key?: string;
  redacts?: string;
}

interface Waiter {
  predicate: (e: SentEvent) => boolean;
  resolve: (e: SentEvent) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const stateKeyOf = (type: string, stateKey: string): string => `${type}\u0000${stateKey}`;

/** Power levels of a new room (Synapse's defaults), `users` given. */
export function defaultPowerLevels(users: Record<string, number>): Content {
  return {
    users,
    users_default: 0,
    events: {
      "m.room.name": 50,
      "m.room.power_levels": 100,
      "m.room.history_visibility": 100,
      "m.room.canonical_alias": 50,
      "m.room.avatar": 50,
      "m.room.tombstone": 100,
      "m.room.server_acl": 100,
      "m.room.encryption": 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: 0,
    historical: 100,
    notifications: { room: 50 },
  };
}

/** Reads a level from power-levels content (a number, else the default). */
function level(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** The fake's state and the queries tests use on it. */
export class MatrixWorld {
  /** Device id answered by whoami. */
  readonly deviceId = "FAKEDEVICE";
  /** Events the bot sent (messages, state, redactions), in order. */
  readonly sent: SentEvent[] = [];
  /** Every HTTP request, in order of arrival. */
  readonly calls: RecordedCall[] = [];
  /** Files uploaded to the media repository. */
  readonly uploads: Upload[] = [];
  /** Rooms the bot created. */
  readonly createdRooms: CreatedRoom[] = [];
  /** Every /sync request that reached the handler (not those failed by injection). */
  readonly syncs: SyncRecord[] = [];
  /** Filters the bot uploaded, by id. */
  readonly filters = new Map<string, Content>();
  /** Transaction ids already used: `<roomId>\0<kind>\0<txnId>` → event id. */
  readonly txns = new Map<string, string>();
  readonly rooms = new Map<string, RoomRecord>();
  /** Position of the last change in the global stream. */
  pos = 0;
  private readonly data = new Map<string, Map<string, DataEntry>>();
  private readonly waiters = new Set<Waiter>();
  private readonly salt = randomBytes(6).toString("base64url");
  private roomCounter = 0;

  constructor(
    readonly serverName: string,
    readonly botUserId: string,
    readonly accessToken: string,
  ) {}

  /** How many /sync requests arrived. */
  get syncCount(): number {
    return this.syncs.length;
  }

  /** The `since` of every /sync request, in order (undefined for an initial sync). */
  get syncSinces(): Array<string | undefined> {
    return this.syncs.map((s) => s.since);
  }

  /** The /sync token of "now". */
  get streamToken(): string {
    return `s${this.pos}`;
  }

  /** Global account data: user id → type → content. */
  get accountData(): Record<string, Record<string, Content>> {
    const out: Record<string, Record<string, Content>> = {};
    for (const [key, types] of this.data) {
      const [userId, roomId] = key.split("\u0000");
      if (roomId || !userId) continue;
      out[userId] = Object.fromEntries([...types].map(([t, e]) => [t, e.content]));
    }
    return out;
  }

  /** Account data content of `type` (global, or for `roomId`), undefined when unset. */
  getAccountData(type: string, userId = this.botUserId, roomId?: string): Content | undefined {
    return this.dataOf(userId, roomId).get(type)?.content;
  }

  /** Account data entries of a user (global, or for a room), with their stream positions. */
  dataOf(userId: string, roomId?: string): Map<string, DataEntry> {
    const key = roomId ? `${userId}\u0000${roomId}` : userId;
    let types = this.data.get(key);
    if (!types) this.data.set(key, (types = new Map<string, DataEntry>()));
    return types;
  }

  /** Sets account data (global, or for `roomId`) and wakes pending syncs. */
  putAccountData(userId: string, type: string, content: Content, roomId?: string): void {
    this.dataOf(userId, roomId).set(type, { content: structuredClone(content), pos: ++this.pos });
    this.changed();
  }

  /** The room, or an Error naming it (for test helpers: a mistake in a test fails loudly). */
  room(roomId: string): RoomRecord {
    const room = this.rooms.get(roomId);
    if (!room) throw new Error(`fake homeserver: no room ${roomId}`);
    return room;
  }

  /** A new, empty room id. */
  newRoom(isDirect: boolean): RoomRecord {
    const id = `!${this.salt}${(++this.roomCounter).toString(36)}:${this.serverName}`;
    const room: RoomRecord = { id, events: [], state: new Map(), isDirect };
    this.rooms.set(id, room);
    return room;
  }

  /** Adds an event to a room (updating its state) and wakes pending syncs. */
  append(roomId: string, ev: NewEvent, unsigned: Content = {}): MatrixEvent {
    const room = this.room(roomId);
    const pos = ++this.pos;
    const event: MatrixEvent = {
      event_id: `$${this.salt}_${pos}`,
      room_id: roomId,
      type: ev.type,
      sender: ev.sender,
      origin_server_ts: Date.now(),
      content: structuredClone(ev.content),
      unsigned: { ...unsigned },
    };
    if (ev.redacts !== undefined) event.redacts = ev.redacts;
    if (ev.state_key !== undefined) {
      event.state_key = ev.state_key;
      const key = stateKeyOf(ev.type, ev.state_key);
      const previous = room.state.get(key);
      if (previous) {
        event.unsigned.replaces_state = previous.event.event_id;
        event.unsigned.prev_content = previous.event.content;
      }
      room.state.set(key, { pos, event });
    }
    room.events.push({ pos, event });
    this.changed();
    return event;
  }

  /** Current state event of `type`/`stateKey`, if any. */
  stateEvent(roomId: string, type: string, stateKey = ""): MatrixEvent | undefined {
    return this.room(roomId).state.get(stateKeyOf(type, stateKey))?.event;
  }

  /** Current state of a room (every state event). */
  roomState(roomId: string): MatrixEvent[] {
    return [...this.room(roomId).state.values()].map((s) => s.event);
  }

  /** State of a room just before stream position `pos` (events with a smaller position). */
  stateBefore(room: RoomRecord, pos: number): Stored[] {
    const state = new Map<string, Stored>();
    for (const s of room.events) {
      if (s.pos >= pos) break;
      if (s.event.state_key !== undefined)
        state.set(stateKeyOf(s.event.type, s.event.state_key), s);
    }
    return [...state.values()];
  }

  /** Every event of a room, oldest first. */
  timeline(roomId: string): MatrixEvent[] {
    return this.room(roomId).events.map((s) => s.event);
  }

  /** An event of a room by id. */
  findEvent(roomId: string, eventId: string): MatrixEvent | undefined {
    return this.room(roomId).events.find((s) => s.event.event_id === eventId)?.event;
  }

  /** Current membership of a user (undefined when the user never had one). */
  membership(roomId: string, userId: string): Membership | undefined {
    return this.stateEvent(roomId, "m.room.member", userId)?.content.membership as
      Membership | undefined;
  }

  /** Membership of a user at stream position `pos` (events up to and including it). */
  membershipAt(room: RoomRecord, userId: string, pos: number): Membership | undefined {
    let found: Membership | undefined;
    for (const s of room.events) {
      if (s.pos > pos) break;
      if (s.event.type === "m.room.member" && s.event.state_key === userId)
        found = s.event.content.membership as Membership;
    }
    return found;
  }

  /** Users with membership `membership` in a room. */
  members(roomId: string, membership: Membership = "join"): string[] {
    return this.roomState(roomId)
      .filter((e) => e.type === "m.room.member" && e.content.membership === membership)
      .map((e) => e.state_key!);
  }

  /** Rooms where `userId` (the bot by default) is joined. */
  joinedRooms(userId = this.botUserId): string[] {
    return [...this.rooms.keys()].filter((id) => this.membership(id, userId) === "join");
  }

  /** Current m.room.power_levels content ({} when the room has none). */
  powerLevels(roomId: string): Content {
    return this.stateEvent(roomId, "m.room.power_levels")?.content ?? {};
  }

  /** A user's power level in a room. */
  powerLevel(roomId: string, userId: string): number {
    const pl = this.powerLevels(roomId);
    const users = isObject(pl.users) ? pl.users : {};
    return level(users[userId], level(pl.users_default, 0));
  }

  /** Level needed to send `type` (a state event when `isState`), or to `ban`/`kick`/`redact`/`invite`. */
  requiredLevel(roomId: string, type: string, isState: boolean): number {
    const pl = this.powerLevels(roomId);
    if (["ban", "kick", "redact", "invite"].includes(type) && !isState)
      return level(pl[type], type === "invite" ? 0 : 50);
    const events = isObject(pl.events) ? pl.events : {};
    return level(events[type], isState ? level(pl.state_default, 50) : level(pl.events_default, 0));
  }

  /** Throws 403 as Synapse does unless `userId` is joined and may send `type` in the room. */
  assertCanSend(roomId: string, userId: string, type: string, isState: boolean): void {
    if (this.membership(roomId, userId) !== "join")
      throw forbidden(`User ${userId} not in room ${roomId}`);
    const mine = this.powerLevel(roomId, userId);
    const needed = this.requiredLevel(roomId, type, isState);
    if (mine < needed)
      throw forbidden(
        `You don't have permission to post that to the room. user_level (${mine}) < send_level (${needed})`,
      );
  }

  /** Events the bot sent to a room. */
  sentTo(roomId: string): SentEvent[] {
    return this.sent.filter((e) => e.roomId === roomId);
  }

  /** Records an event the bot sent and settles waitForSent calls. */
  recordSent(e: SentEvent): void {
    this.sent.push(e);
    for (const w of [...this.waiters]) {
      if (!w.predicate(e)) continue;
      this.waiters.delete(w);
      realClearTimeout(w.timer);
      w.resolve(e);
    }
  }

  /** Resolves with the first sent event (already sent or to come) that satisfies `predicate`. */
  waitForSent(predicate: (e: SentEvent) => boolean, timeoutMs = 5000): Promise<SentEvent> {
    const found = this.sent.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: realSetTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `fake homeserver: no matching event sent within ${timeoutMs} ms (sent: ${this.sent.length})`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Fails every pending waitForSent. */
  protected rejectWaiters(error: Error): void {
    for (const w of this.waiters) {
      realClearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters.clear();
  }

  /** Called after every change of the stream (overridden by the server to wake /syncs). */
  protected changed(): void {}
}
