/**
 * The homeserver's side of the Matrix delivery scenario (bench/delivery-matrix.ts): the
 * Synapse-like limit and the failures given to the fake homeserver, and what the fake holds
 * and was asked once the backlog is drained.
 */
import {
  type FakeHomeserver,
  type InjectedResponse,
  type InterceptedRequest,
} from "../tests/fakes/matrix-homeserver.js";
import { createRoom, sendEvent, type RouteContext } from "../tests/fakes/matrix-room-ops.js";
import { buildSync } from "../tests/fakes/matrix-sync.js";
import { DeliveryLedger, type Tally, type Timing } from "./delivery-checks.js";
import { keyedDraw, randomRefusals } from "./delivery-common.js";

/** retry_after_ms of the random refusals (Telegram's scenario uses retry_after 1 s too). */
const INJECTED_RETRY_MS = 1_000;
/** Share of the messages whose first accepted send loses its answer (half dropped, half 429). */
const AFTER_ACCEPT_SHARE = 0.005;
/** Every this many members, the answer to the first createRoom of their direct room is lost. */
const CREATE_DROP_EVERY = 50;

/** Folds room and user ids (`!abc:server`, `@name:server`) in an error message. */
export function foldIds(text: string): string {
  return text.replace(/![^\s:]+:[\w.-]+/g, "!room").replace(/@[^\s:]+:[\w.-]+/g, "@user");
}

/**
 * A per-user rate limiter as Synapse's (synapse/api/ratelimiting.py): a leaky bucket of
 * `burst` actions that empties at `rate` per second. A refused action does not count; the
 * answer says how long until the next one would be allowed.
 */
export class LeakyBucket {
  private level = 0;
  private at = 0;
  /** Actions allowed and refused. */
  allowed = 0;
  refused = 0;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  /** Counts an action now and returns undefined, or returns the ms to wait (not counted). */
  take(now: number): number | undefined {
    const level = Math.max(0, this.level - ((now - this.at) * this.rate) / 1000);
    if (level > this.burst - 1) {
      this.refused++;
      return Math.max(1, Math.ceil(((level - (this.burst - 1)) * 1000) / this.rate));
    }
    this.level = level + 1;
    this.at = now;
    this.allowed++;
    return undefined;
  }
}

/** The 429 answer of a homeserver. */
function limitExceeded(retryAfterMs: number): InjectedResponse {
  return {
    status: 429,
    body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: retryAfterMs },
  };
}

/** PUT /rooms/{roomId}/send/{type}/{txnId} (the fake's interceptor sees decoded paths). */
const SEND_PATH = /\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/;

/** A request context for one of the fake's route handlers, called from the interceptor. */
function routeContext(
  fake: FakeHomeserver,
  req: InterceptedRequest,
  params: Record<string, string>,
): RouteContext {
  return {
    hs: fake,
    params,
    query: new URLSearchParams(),
    body: req.body,
    raw: Buffer.from(JSON.stringify(req.body ?? {})),
    contentType: "application/json",
  };
}

/** What the homeserver's side saw and did. */
export interface Injections {
  sends: number;
  injected429: number;
  bucket429: number;
  /** Sends answered from the transaction cache (a retry of an event already stored). */
  replays: number;
  acceptedThenDropped: number;
  acceptedThen429: number;
  creates: number;
  create429: number;
  createsDropped: number;
}

/**
 * Gives the fake a bucket of `rate` actions/s and `burst` (sends and room creations alike),
 * 5 % of the sends refused at random, and a few answers lost after the homeserver accepted
 * the send or made the room. Random refusals are drawn from (seed, message, attempt), so that
 * the same attempts fail whatever the timing.
 */
export function limitHomeserver(
  fake: FakeHomeserver,
  { seed, rate, burst }: { seed: number; rate: number; burst: number },
): { bucket: LeakyBucket; hs: Injections } {
  const bucket = new LeakyBucket(rate, burst);
  const refused = randomRefusals(seed);
  const createAttempts = new Map<string, number>();
  const afterAccept = new Set<number>();
  const hs: Injections = {
    sends: 0,
    injected429: 0,
    bucket429: 0,
    replays: 0,
    acceptedThenDropped: 0,
    acceptedThen429: 0,
    creates: 0,
    create429: 0,
    createsDropped: 0,
  };
  fake.interceptor = (req) => {
    if (req.method === "POST" && req.path.endsWith("/createRoom")) {
      hs.creates++;
      const wait = bucket.take(Date.now());
      if (wait !== undefined) {
        hs.create429++;
        return limitExceeded(wait);
      }
      const invitee = (req.body as { invite?: unknown[] } | undefined)?.invite?.[0];
      const index = Number(/^@membre(\d+):/.exec(String(invitee))?.[1] ?? -1);
      const attempt = (createAttempts.get(String(invitee)) ?? 0) + 1;
      createAttempts.set(String(invitee), attempt);
      // The room is created, but the answer never reaches the bot.
      if (attempt === 1 && index % CREATE_DROP_EVERY === 7) {
        try {
          createRoom(routeContext(fake, req, {}));
        } catch {
          return undefined;
        }
        hs.createsDropped++;
        return "drop";
      }
      return undefined;
    }
    const path = req.method === "PUT" ? SEND_PATH.exec(req.path) : null;
    if (!path) return undefined;
    const [, roomId = "", eventType = "", txnId = ""] = path;
    hs.sends++;
    const body = (req.body as { body?: unknown } | undefined)?.body;
    const n = Number(/^msg (\d+) /.exec(String(body))?.[1] ?? 0);
    // Before the bucket: nothing is stored.
    if (refused(n)) {
      hs.injected429++;
      return limitExceeded(INJECTED_RETRY_MS);
    }
    // Synapse answers a transaction it already completed from its cache, before the limiter.
    if (fake.txns.has(`${roomId}\u0000send\u0000${eventType}\u0000${txnId}`)) {
      hs.replays++;
      return undefined;
    }
    const wait = bucket.take(Date.now());
    if (wait !== undefined) {
      hs.bucket429++;
      return limitExceeded(wait);
    }
    // A few sends are stored, then their answer is lost: the connection drops, or a 429
    // comes back anyway. The retry, under the same transaction id, must not duplicate them.
    if (n > 0 && !afterAccept.has(n) && keyedDraw(seed ^ 0x5bd1e995, n, 0) < AFTER_ACCEPT_SHARE) {
      afterAccept.add(n);
      try {
        sendEvent(routeContext(fake, req, { roomId, eventType, txnId }));
      } catch {
        return undefined;
      }
      if (keyedDraw(seed ^ 0x5bd1e995, n, 1) < 0.5) {
        hs.acceptedThenDropped++;
        return "drop";
      }
      hs.acceptedThen429++;
      return limitExceeded(INJECTED_RETRY_MS);
    }
    return undefined;
  };
  return { bucket, hs };
}

/** One queued message, as the scenario remembers it. */
export interface Queued {
  n: number;
  /** The group room id, or the member's user id. */
  to: string;
  toGroup: boolean;
  /** The plain body the homeserver must hold exactly once. */
  body: string;
}

/** The figures of one drain. */
export type Measured = Tally & {
  /** Delivered to a room other than the destination's. */
  misdirected: number;
  /** Events holding `msg <n>` with another body than the one queued. */
  altered: number;
  orderViolations: number;
  roomsOutOfOrder: number;
} & Timing & {
    /** Other messages of the bot (a welcome, a notice), by their first line. */
    otherSends: Record<string, number>;
  };

/**
 * Compares what the homeserver holds (every m.room.message of the bot, in every room's
 * timeline: the ground truth, whatever the fake recorded of the calls) with what was queued.
 */
export function measure(
  fake: FakeHomeserver,
  queued: readonly Queued[],
  startedAt: number,
): Measured {
  const byBody = new Map(queued.map((q) => [q.body, q]));
  const byNumber = new Map(queued.map((q) => [q.n, q]));
  // The direct rooms the bot created for each member (several if an answer was lost).
  const directOf = new Map<string, Set<string>>();
  for (const created of fake.createdRooms)
    for (const userId of created.invite) {
      const rooms = directOf.get(userId) ?? new Set<string>();
      rooms.add(created.roomId);
      directOf.set(userId, rooms);
    }
  const created = new Set(fake.createdRooms.map((r) => r.roomId));
  const ledger = new DeliveryLedger<string>();
  const otherSends: Record<string, number> = {};
  let misdirected = 0;
  let altered = 0;
  for (const room of fake.rooms.values()) {
    for (const { event } of room.events) {
      if (event.sender !== fake.botUserId || event.type !== "m.room.message") continue;
      const body = typeof event.content.body === "string" ? event.content.body : "";
      const q = byBody.get(body);
      if (!q) {
        const n = Number(/^msg (\d+) /.exec(body)?.[1] ?? 0);
        if (byNumber.has(n)) altered++;
        else {
          const where = created.has(room.id) ? "in a direct room" : "in a group";
          const key = `${where}: "${body.split("\n")[0]?.slice(0, 50) ?? ""}…"`;
          otherSends[key] = (otherSends[key] ?? 0) + 1;
        }
        continue;
      }
      const right = q.toGroup ? room.id === q.to : (directOf.get(q.to)?.has(room.id) ?? false);
      if (!right) misdirected++;
      ledger.record(q.n, room.id, event.origin_server_ts);
    }
  }
  return {
    ...ledger.tally(queued.length),
    misdirected,
    altered,
    orderViolations: ledger.orderViolations,
    roomsOutOfOrder: ledger.placesOutOfOrder,
    ...ledger.timing(startedAt),
    otherSends,
  };
}

/** The requests the bot made since the `from`th, by kind, and the direct rooms it created. */
export function requestFigures(fake: FakeHomeserver, from: number) {
  const calls = fake.calls.slice(from);
  const sendCalls = calls.filter((c) => c.method === "PUT" && SEND_PATH.test(c.path));
  const syncCalls = calls.filter((c) => c.path.endsWith("/sync")).length;
  const createCalls = calls.filter((c) => c.path.endsWith("/createRoom")).length;
  const directPuts = calls.filter(
    (c) => c.method === "PUT" && c.path.endsWith("/account_data/m.direct"),
  );
  const directBytes = directPuts.reduce((sum, c) => sum + JSON.stringify(c.body).length, 0);
  const otherCalls = calls.length - sendCalls.length - syncCalls - createCalls - directPuts.length;
  const directRoomsPerMember = new Map<string, number>();
  for (const room of fake.createdRooms)
    for (const userId of room.invite)
      directRoomsPerMember.set(userId, (directRoomsPerMember.get(userId) ?? 0) + 1);
  return {
    sendCalls: sendCalls.length,
    send429: sendCalls.filter((c) => c.status === 429).length,
    syncCalls,
    createCalls,
    directPuts: directPuts.length,
    directBytes,
    otherCalls,
    created: fake.createdRooms.length,
    membersWithSeveral: [...directRoomsPerMember.values()].filter((k) => k > 1).length,
  };
}

/** What one /sync answer costs the fake with this many rooms (it is built on every wake), ms. */
export function syncBuildMs(fake: FakeHomeserver): number {
  const started = performance.now();
  const runs = 20;
  for (let k = 0; k < runs; k++)
    buildSync(fake, {
      since: Math.max(0, fake.pos - 1),
      fullState: false,
      limit: undefined,
      initialLimit: 20,
    });
  return (performance.now() - started) / runs;
}
