/**
 * The Matrix delivery scenario: thousands of messages queued in one go to many Matrix rooms,
 * drained by the outbox through the real Matrix adapter (matrix-bot-sdk) and the HTTP fake
 * homeserver. It is bench/delivery.ts for Matrix.
 *
 * Matrix has no fixed public limits: a homeserver limits each user with a leaky bucket
 * (Synapse's `rc_message`, 0.2 message/s with a burst of 10 by default, which also covers room
 * creation) and answers 429 M_LIMIT_EXCEEDED with `retry_after_ms` when it is full. The fake is
 * given such a bucket here (through its interceptor), scaled up so that 10,000 messages take
 * about a minute, plus 5 % of the sends answered 429 at random, plus a few answers lost after
 * the homeserver accepted the event (the connection dropped, or a 429 after the event was
 * stored): the transaction id (the outbox key) must keep them from being duplicated. Messages
 * to members go to their direct rooms, which the adapter creates as it goes: a cost measured
 * here too, with a few createRoom answers lost as well.
 *
 * It needs no listings, so bench/run.ts runs it once per invocation (see `OnceScenario`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { MATRIX, MatrixAdapter } from "../adapters/matrix/matrix-adapter.js";
import { renderMatrix } from "../adapters/matrix/render.js";
import { createApp, type App } from "../bot/app.js";
import { loadConfig } from "../bot/config.js";
import {
  em,
  message,
  paragraph,
  strong,
  type Button,
  type Destination,
  type OutgoingMessage,
} from "../bot/reply.js";
import { inTransaction } from "../storage/db.js";
import { findOrCreateRoom } from "../storage/networks.js";
import { enqueueMessage, outboxCounts } from "../storage/outbox.js";
import {
  startFakeHomeserver,
  type FakeHomeserver,
  type InjectedResponse,
  type InterceptedRequest,
} from "../tests/fakes/matrix-homeserver.js";
import { createRoom, sendEvent, type RouteContext } from "../tests/fakes/matrix-room-ops.js";
import { buildSync } from "../tests/fakes/matrix-sync.js";
import type { OnceScenario } from "./delivery.js";
import type { BenchOptions, Target } from "./scenario.js";
import { count, percent, pick, seconds, seededRandom } from "./stats.js";

/** The Matrix delivery scenario's options (bench/run.ts reads them as --matrix-…=N). */
export interface MatrixDeliveryOptions {
  /** Messages queued. */
  matrixMessages: number;
  /** The homeserver's limit: actions (sends, room creations) per second. */
  matrixRate: number;
  /** The homeserver's burst: actions allowed back to back before the rate applies. */
  matrixBurst: number;
  /** Destinations the outbox serves at the same time. */
  matrixConcurrency: number;
}

/**
 * Defaults. 200/s is Synapse's default 0.2/s × 1,000, so that 10,000 messages take about 50 s.
 * The burst stays Synapse's 10: scaled by the same factor it would let the whole backlog
 * through at once. Concurrency 16 is what bot/main.ts uses.
 */
export const MATRIX_DELIVERY_DEFAULTS = {
  messages: 10_000,
  quickMessages: 1_000,
  rate: 200,
  burst: 10,
  concurrency: 16,
} as const;

/** The options of a run, with defaults for what the command line left out. */
export function matrixDeliveryOptions(options: BenchOptions): MatrixDeliveryOptions {
  const given = options as BenchOptions & Partial<MatrixDeliveryOptions>;
  return {
    matrixMessages:
      given.matrixMessages ??
      (options.quick ? MATRIX_DELIVERY_DEFAULTS.quickMessages : MATRIX_DELIVERY_DEFAULTS.messages),
    matrixRate: given.matrixRate ?? MATRIX_DELIVERY_DEFAULTS.rate,
    matrixBurst: given.matrixBurst ?? MATRIX_DELIVERY_DEFAULTS.burst,
    matrixConcurrency: given.matrixConcurrency ?? MATRIX_DELIVERY_DEFAULTS.concurrency,
  };
}

/** Share of the sends answered 429 at random (before the bucket: nothing is stored). */
const INJECTED_429_SHARE = 0.05;
/** retry_after_ms of those random refusals (Telegram's scenario uses retry_after 1 s too). */
const INJECTED_RETRY_MS = 1_000;
/** Share of the messages whose first accepted send loses its answer (half dropped, half 429). */
const AFTER_ACCEPT_SHARE = 0.005;
/** Every this many members, the answer to the first createRoom of their direct room is lost. */
const CREATE_DROP_EVERY = 50;
/** Share of the messages that go to group rooms (the rest to members' direct rooms). */
const GROUP_SHARE = 0.7;

/**
 * A per-user rate limiter as Synapse's (synapse/api/ratelimiting.py): a leaky bucket of
 * `burst` actions that empties at `rate` per second. A refused action does not count; the
 * answer says how long until the next one would be allowed.
 */
class LeakyBucket {
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

/** A mulberry32 draw from a key: the same answer for the same (seed, message, attempt). */
function keyedDraw(seed: number, n: number, attempt: number): number {
  return seededRandom(
    (seed * 0x9e3779b1) ^ Math.imul(n, 0x85ebca6b) ^ Math.imul(attempt, 0xc2b2ae35),
  )();
}

/** The text of message `n`: unique (`msg <n>`), a few lines long, sometimes with command hints. */
function outgoing(n: number, toGroup: boolean, rand: () => number): OutgoingMessage {
  const what = pick(rand, [
    "Camionnette 12 m³ disponible le week-end",
    "Salle de réunion de 30 places à prêter",
    "Chambre froide partagée, créneaux le mardi",
    "Palettes et cartons de déménagement à donner",
    "Cherche bénévoles pour la collecte de samedi",
    "Imprimante grand format & traceur <A0>",
  ]);
  const where = pick(rand, [
    "Tarbes (65)",
    "Lourdes (65)",
    "Bagnères-de-Bigorre (65)",
    "Auch (32)",
  ]);
  const blocks = [
    paragraph(
      strong(`msg ${n}`),
      " · ",
      toGroup ? "Nouvelle annonce" : "Alerte : une annonce vous concerne",
    ),
    paragraph(what, " — ", em(where)),
    paragraph("Répondez avec !contacter ", String(n), " ou ouvrez-la avec !voir ", String(n), "."),
  ];
  const buttons: Button[][] = [];
  const draw = rand();
  if (draw < 0.4)
    buttons.push([
      { label: "Voir l'annonce", command: `/voir ${n}` },
      { label: "Contacter", command: `/contacter ${n}` },
    ]);
  else if (draw < 0.45)
    buttons.push([
      {
        label: "Annonces proches",
        command: `/chercher ${what.split(" ")[0] ?? ""} lieu:"CA Tarbes-Lourdes-Pyrénées" modalite:pret page:${n}`,
      },
    ]);
  return { text: message(blocks, buttons) };
}

/** Counts the warnings and errors the bot logs, by message and cause (ids and numbers folded). */
class LogCounter {
  readonly counts = new Map<string, number>();

  write(line: string): void {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    const cause = (entry.err?.message ?? "")
      .replace(/![^\s:]+:[\w.-]+/g, "!room")
      .replace(/@[^\s:]+:[\w.-]+/g, "@user")
      .replace(/\d+/g, "N")
      .slice(0, 90);
    const key = `${entry.msg ?? "?"}${cause ? ` (${cause})` : ""}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

/** One queued message, as the scenario remembers it. */
interface Queued {
  n: number;
  /** The group room id, or the member's user id. */
  to: string;
  toGroup: boolean;
  /** The plain body the homeserver must hold exactly once. */
  body: string;
}

/** The figures of one drain. */
interface Measured {
  queued: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Delivered to a room other than the destination's. */
  misdirected: number;
  /** Events holding `msg <n>` with another body than the one queued. */
  altered: number;
  orderViolations: number;
  roomsOutOfOrder: number;
  firstMs: number;
  lastMs: number;
  startToFirstMs: number;
  spanMs: number;
  rate: number;
  steadyRate: number;
  peakPerSecond: number;
  /** Deliveries in each second after the start. */
  timeline: number[];
  /** Other messages of the bot (a welcome, a notice), by their first line. */
  otherSends: Record<string, number>;
}

/**
 * Compares what the homeserver holds (every m.room.message of the bot, in every room's
 * timeline: the ground truth, whatever the fake recorded of the calls) with what was queued.
 */
function measure(fake: FakeHomeserver, queued: readonly Queued[], startedAt: number): Measured {
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
  const seen = new Map<number, number>();
  const outOfOrder = new Set<string>();
  const times: number[] = [];
  const timeline: number[] = [];
  const otherSends: Record<string, number> = {};
  let orderViolations = 0;
  let misdirected = 0;
  let altered = 0;
  for (const room of fake.rooms.values()) {
    let last = 0;
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
      seen.set(q.n, (seen.get(q.n) ?? 0) + 1);
      const at = event.origin_server_ts;
      times.push(at);
      const second = Math.floor((at - startedAt) / 1000);
      for (let k = timeline.length; k <= second; k++) timeline.push(0);
      timeline[second] = (timeline[second] ?? 0) + 1;
      // Messages are numbered in queue order: each room must see its numbers rise.
      if (q.n < last) {
        orderViolations++;
        outOfOrder.add(room.id);
      }
      last = Math.max(last, q.n);
    }
  }
  times.sort((a, b) => a - b);
  const first = times[0] ?? Number.NaN;
  const lastAt = times.at(-1) ?? Number.NaN;
  const spanMs = lastAt - first;
  let duplicated = 0;
  for (const copies of seen.values()) duplicated += copies - 1;
  // The middle 80 % of the deliveries: the rate once started and before the tail of retries.
  const i10 = Math.floor(times.length * 0.1);
  const i90 = Math.max(i10, Math.floor(times.length * 0.9) - 1);
  const steadyMs = (times[i90] ?? 0) - (times[i10] ?? 0);
  // Most deliveries in any 1-second window (two pointers over sorted times).
  let peakPerSecond = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while ((times[lo] ?? 0) <= (times[hi] ?? 0) - 1000) lo++;
    peakPerSecond = Math.max(peakPerSecond, hi - lo + 1);
  }
  return {
    queued: queued.length,
    delivered: seen.size,
    lost: queued.length - seen.size,
    duplicated,
    misdirected,
    altered,
    orderViolations,
    roomsOutOfOrder: outOfOrder.size,
    firstMs: first,
    lastMs: lastAt,
    startToFirstMs: first - startedAt,
    spanMs,
    rate: spanMs > 0 ? (times.length * 1000) / spanMs : Number.NaN,
    steadyRate: steadyMs > 0 ? ((i90 - i10) * 1000) / steadyMs : Number.NaN,
    peakPerSecond,
    timeline,
    otherSends,
  };
}

/** Milliseconds to wait for the drain before declaring the rest lost. */
function drainTimeoutMs(messages: number, rate: number): number {
  return Math.max(60_000, ((messages * 1000) / rate) * 4 + 30_000);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
interface Injections {
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

/** The Matrix delivery scenario. */
export const matrixDeliveryScenario: OnceScenario = {
  name: "delivery-matrix",
  summary:
    "queued messages drained to Matrix (fake homeserver) under a Synapse-like limit, 5 % of sends 429",
  async run(options, memory, { places, catalog }) {
    const {
      matrixMessages: total,
      matrixRate: rate,
      matrixBurst: burst,
      matrixConcurrency: concurrency,
    } = matrixDeliveryOptions(options);
    const groupCount = Math.max(3, Math.round(total * 0.15));
    const memberCount = Math.max(2, Math.round(total * 0.05));
    const rand = seededRandom(options.seed + 11);

    const dir = mkdtempSync(join(options.dir ?? tmpdir(), "soliterr-bench-matrix-"));
    const fake = await startFakeHomeserver();
    let app: App | undefined;
    const cleanUp = () => rmSync(dir, { recursive: true, force: true });
    const onSignal = () => {
      if (!options.keep) cleanUp();
      process.exit(130);
    };
    process.once("SIGINT", onSignal);
    try {
      // The homeserver's side: group rooms created by their animators with the bot a member,
      // and people the bot has no direct room with yet.
      const bot = fake.botUserId;
      const setupStarted = performance.now();
      const groups = Array.from({ length: groupCount }, (_, i) =>
        fake.createRoom({
          creator: `@animateur${i}:${fake.serverName}`,
          name: `Réseau solidaire ${i}`,
          members: [bot],
        }),
      );
      const members = Array.from(
        { length: memberCount },
        (_, i) => `@membre${i}:${fake.serverName}`,
      );
      const setupMs = performance.now() - setupStarted;

      // The bot: a real app on a database file, logging warnings as it would in production
      // (LOG_LEVEL=info), counted rather than printed.
      const logs = new LogCounter();
      const logger = pino({ level: "warn" }, { write: (line: string) => logs.write(line) });
      const config = loadConfig({ DATABASE_PATH: join(dir, "bench.db"), LOG_LEVEL: "silent" });
      app = createApp(config, { logger, places, catalog, outbox: { concurrency } });
      const live = app;
      live.addAdapter(
        new MatrixAdapter({
          homeserverUrl: fake.url,
          accessToken: fake.accessToken,
          state: live.adapterState(MATRIX),
          logger,
          // Paced to the homeserver's limit, as an operator sets MATRIX_SEND_RATE.
          sendRate: rate,
        }),
      );
      // The rooms are known to the bot already (it was in them before the backlog): no
      // welcome message per room in the measurement.
      const now = live.clock.now();
      inTransaction(live.db, () => {
        for (const [i, roomId] of groups.entries())
          findOrCreateRoom(
            live.db,
            {
              platform: MATRIX,
              platformRoomId: roomId,
              kind: "group",
              title: `Réseau solidaire ${i}`,
            },
            now,
          );
      });

      // Start the bot and let it sync its rooms (no limit yet: a homeserver does not limit
      // /sync), then queue the backlog in one go.
      const syncTarget = fake.pos;
      const appStarted = performance.now();
      await live.start();
      const startMs = performance.now() - appStarted;
      const synced = () => {
        const token = live.adapterState(MATRIX).get("syncToken") ?? "";
        return Number(/^s(\d+)$/.exec(token)?.[1] ?? -1) >= syncTarget;
      };
      while (!synced()) {
        if (performance.now() - appStarted > 120_000)
          throw new Error("delivery-matrix: the first sync did not complete in 120 s");
        await sleep(10);
      }
      const firstSyncMs = performance.now() - appStarted;
      const callsBefore = fake.calls.length;

      // The homeserver's limits from now on (the outbox sends nothing before its kick below).
      // Random refusals are drawn from (seed, message, attempt), so that the same attempts
      // fail whatever the timing.
      const bucket = new LeakyBucket(rate, burst);
      const attempts = new Map<number, number>();
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
        const attempt = (attempts.get(n) ?? 0) + 1;
        attempts.set(n, attempt);
        if (keyedDraw(options.seed, n, attempt) < INJECTED_429_SHARE) {
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
        if (
          n > 0 &&
          !afterAccept.has(n) &&
          keyedDraw(options.seed ^ 0x5bd1e995, n, 0) < AFTER_ACCEPT_SHARE
        ) {
          afterAccept.add(n);
          try {
            sendEvent(routeContext(fake, req, { roomId, eventType, txnId }));
          } catch {
            return undefined;
          }
          if (keyedDraw(options.seed ^ 0x5bd1e995, n, 1) < 0.5) {
            hs.acceptedThenDropped++;
            return "drop";
          }
          hs.acceptedThen429++;
          return limitExceeded(INJECTED_RETRY_MS);
        }
        return undefined;
      };

      // The backlog: every room and member gets at least one message, the rest at random;
      // queued in transactions of 1,000.
      const targets: Array<{ to: string; toGroup: boolean }> = [
        ...groups.map((to) => ({ to, toGroup: true })),
        ...members.map((to) => ({ to, toGroup: false })),
      ];
      while (targets.length < total) {
        const toGroup = rand() < GROUP_SHARE;
        targets.push({ to: pick(rand, toGroup ? groups : members), toGroup });
      }
      for (let i = targets.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [targets[i], targets[j]] = [targets[j]!, targets[i]!];
      }
      targets.length = total;
      const queued: Queued[] = [];
      const perRoom = new Map<string, number>();
      const enqueueStarted = performance.now();
      for (let from = 1; from <= total; from += 1000) {
        inTransaction(live.db, () => {
          for (let n = from; n < Math.min(from + 1000, total + 1); n++) {
            const { to, toGroup } = targets[n - 1]!;
            const destination: Destination = toGroup
              ? { kind: "room", platform: MATRIX, roomId: to }
              : { kind: "member", platform: MATRIX, userId: to };
            const text = outgoing(n, toGroup, rand);
            enqueueMessage(live.db, destination, text, now);
            queued.push({ n, to, toGroup, body: renderMatrix(text.text)[0]?.body ?? "" });
            perRoom.set(to, (perRoom.get(to) ?? 0) + 1);
          }
        });
      }
      const enqueueMs = performance.now() - enqueueStarted;
      const membersQueued = new Set(queued.filter((q) => !q.toGroup).map((q) => q.to)).size;
      memory.sample();

      // What the limit allows: every message and every direct room to create is an action.
      const actions = total + membersQueued;
      const minimalSpanMs = (Math.max(0, actions - burst) * 1000) / rate;
      const allowedRate = (rate * total) / actions;

      // Deliver: the outbox drains the backlog while the adapter syncs.
      const startedAt = Date.now();
      // The bot and the fake share this process: if its event loop is saturated, the figures
      // measure the machine rather than the limits.
      const loopBefore = performance.eventLoopUtilization();
      const cpuBefore = process.cpuUsage();
      live.outbox.kick();
      const timeoutMs = drainTimeoutMs(total, allowedRate);
      let counts = outboxCounts(live.db);
      let timedOut = false;
      while (counts.pending + counts.sending > 0) {
        if (Date.now() - startedAt > timeoutMs) {
          timedOut = true;
          // Sends still waiting fail now rather than after the database is closed.
          await fake.stop();
          break;
        }
        await sleep(100);
        memory.sample();
        counts = outboxCounts(live.db);
      }
      const drainedMs = Date.now() - startedAt;
      const loopBusy = performance.eventLoopUtilization(loopBefore).utilization;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuShare = (cpu.user + cpu.system) / 1000 / drainedMs;
      const load = loadavg()[0] ?? 0;
      const attemptStats = live.db.$client
        .prepare<[], { attempts: number; maxAttempts: number; retried: number }>(
          `SELECT coalesce(sum(attempts), 0) AS attempts, coalesce(max(attempts), 0) AS maxAttempts,
                  coalesce(sum(attempts > 1), 0) AS retried
           FROM outbox`,
        )
        .get() ?? { attempts: 0, maxAttempts: 0, retried: 0 };
      // Why messages were given up, room and user ids folded.
      const failedReasons: Record<string, number> = {};
      for (const { reason } of live.db.$client
        .prepare<[], { reason: string }>(
          "SELECT coalesce(last_error, '') AS reason FROM outbox WHERE state = 'failed'",
        )
        .all()) {
        const key = reason
          .replace(/![^\s:]+:[\w.-]+/g, "!room")
          .replace(/@[^\s:]+:[\w.-]+/g, "@user")
          .slice(0, 80);
        failedReasons[key] = (failedReasons[key] ?? 0) + 1;
      }
      // Messages still waiting (a timed-out drain): how long until their next attempt, and why.
      const waiting = live.db.$client
        .prepare<[number], { n: number; latestMs: number; maxAttempts: number; reason: string }>(
          `SELECT count(*) AS n, coalesce(max(next_attempt_at), 0) - ? AS latestMs,
                  coalesce(max(attempts), 0) AS maxAttempts,
                  substr(coalesce(max(last_error), ''), 1, 60) AS reason
           FROM outbox WHERE state IN ('pending', 'sending')`,
        )
        .get(live.clock.now()) ?? { n: 0, latestMs: 0, maxAttempts: 0, reason: "" };
      fake.interceptor = undefined;
      await live.stop();
      app = undefined;
      if (options.keep) console.log(`delivery-matrix database kept in ${dir}`);

      const m = measure(fake, queued, startedAt);
      const calls = fake.calls.slice(callsBefore);
      const isSend = (c: { method: string; path: string }) =>
        c.method === "PUT" && SEND_PATH.test(c.path);
      const sendCalls = calls.filter(isSend);
      const syncCalls = calls.filter((c) => c.path.endsWith("/sync")).length;
      const createCalls = calls.filter((c) => c.path.endsWith("/createRoom"));
      const directPuts = calls.filter(
        (c) => c.method === "PUT" && c.path.endsWith("/account_data/m.direct"),
      );
      const directBytes = directPuts.reduce((sum, c) => sum + JSON.stringify(c.body).length, 0);
      const otherCalls =
        calls.length - sendCalls.length - syncCalls - createCalls.length - directPuts.length;
      const created = fake.createdRooms.length;
      const directRoomsPerMember = new Map<string, number>();
      for (const room of fake.createdRooms)
        for (const userId of room.invite)
          directRoomsPerMember.set(userId, (directRoomsPerMember.get(userId) ?? 0) + 1);
      const membersWithSeveral = [...directRoomsPerMember.values()].filter((k) => k > 1).length;
      const actionsRate = m.spanMs > 0 ? (bucket.allowed * 1000) / m.spanMs : Number.NaN;
      const ratio = m.rate / allowedRate;
      const busiestRoom = Math.max(...perRoom.values());
      const others = Object.entries(m.otherSends).sort((a, b) => b[1] - a[1]);
      const otherCount = others.reduce((sum, [, k]) => sum + k, 0);
      // What one /sync answer costs the fake with this many rooms (it is built on every wake).
      const syncCostStarted = performance.now();
      const syncRuns = 20;
      for (let k = 0; k < syncRuns; k++)
        buildSync(fake, {
          since: Math.max(0, fake.pos - 1),
          fullState: false,
          limit: undefined,
          initialLimit: 20,
        });
      const syncBuildMs = (performance.now() - syncCostStarted) / syncRuns;
      const logLines = [...logs.counts.entries()].sort((a, b) => b[1] - a[1]);
      const wasted = hs.bucket429 + hs.create429;

      const lines = [
        `delivery-matrix: ${count(total)} messages queued in one go (${seconds(enqueueMs)}) to ${count(groupCount)} group rooms and ${count(memberCount)} members' direct rooms (${percent(total - queued.filter((q) => !q.toGroup).length, total)} to groups, busiest room ${busiestRoom}), drained by the outbox (concurrency ${concurrency}) through MatrixAdapter → fake homeserver`,
        `  setup: ${count(groupCount)} rooms created on the fake in ${seconds(setupMs)} · app.start() ${count(startMs)} ms, first sync of the ${count(groupCount)} rooms stored after ${seconds(firstSyncMs)}`,
        `  limit (fake only, the adapter has none for Matrix): leaky bucket of ${count(rate)} actions/s, burst ${burst} (Synapse's rc_message 0.2/s × ${count(rate / 0.2)}, burst kept), sends and createRoom alike · ${count(actions)} actions (${count(total)} sends + ${count(membersQueued)} direct rooms) need ${seconds(minimalSpanMs)} → allowed rate ${count(allowedRate)} messages/s`,
        `  ${count(m.rate)} messages/s = ${percent(m.rate, allowedRate)} of the allowed rate · first to last delivery ${seconds(m.spanMs)} (kick to first delivery ${count(m.startToFirstMs)} ms, to drained ${seconds(drainedMs)}) · steady (10–90 % of deliveries) ${count(m.steadyRate)}/s · busiest second ${count(m.peakPerSecond)} · bucket actions ${count(actionsRate)}/s of ${count(rate)}`,
        `  delivered ${count(m.delivered)} of ${count(m.queued)}: lost ${count(m.lost)}, duplicated ${count(m.duplicated)}, out of order ${count(m.orderViolations)} (in ${m.roomsOutOfOrder} rooms), wrong room ${count(m.misdirected)}, altered ${count(m.altered)}${
          otherCount
            ? ` · ${count(otherCount)} other messages sent (${others
                .slice(0, 2)
                .map(([k, v]) => `${v} × ${k}`)
                .join(", ")})`
            : ""
        }${timedOut ? ` · TIMED OUT after ${seconds(timeoutMs)}` : ""}`,
        `  direct rooms created ${count(created)} for ${count(membersQueued)} members (${membersWithSeveral} members with more than one: ${hs.createsDropped} createRoom answers lost after the room was made) · createRoom calls ${count(createCalls.length)} (${count(hs.create429)} refused by the bucket) · m.direct written ${count(directPuts.length)} times, ${(directBytes / 1024 / 1024).toFixed(1)} MiB in all`,
        `  send calls ${count(sendCalls.length)}: 429 answered ${count(sendCalls.filter((c) => c.status === 429).length)} = ${count(hs.injected429)} injected at random (${percent(hs.injected429, sendCalls.length)}) + ${count(hs.bucket429)} by the bucket + ${hs.acceptedThen429} after acceptance · ${hs.acceptedThenDropped} dropped after acceptance · ${count(hs.replays)} answered from the transaction cache (retries of stored events) · ${count(wasted)} requests refused by the limit = ${(wasted / Math.max(1, m.delivered)).toFixed(2)} per message delivered`,
        `  other requests during the drain: ${count(syncCalls)} /sync (one answer costs the fake ${syncBuildMs.toFixed(2)} ms to build), ${count(otherCalls)} others`,
        `  event loop busy ${percent(loopBusy, 1)} of the drain, CPU ${percent(cpuShare, 1)} of one core (the bot and the fake share this process) · load average ${load.toFixed(1)}`,
        `  outbox at the end: sent ${count(counts.sent)}, pending ${counts.pending}, sending ${counts.sending}, failed ${counts.failed}, held ${counts.held} · attempts ${count(attemptStats.attempts)} (${count(attemptStats.retried)} messages retried, max ${attemptStats.maxAttempts} for one message)${waiting.n ? ` · still waiting ${waiting.n}, next attempt up to ${seconds(waiting.latestMs)} away (up to ${waiting.maxAttempts} attempts; ${waiting.reason})` : ""}${
          counts.failed
            ? ` · given up: ${Object.entries(failedReasons)
                .map(([reason, n]) => `${n} × ${reason}`)
                .join("; ")}`
            : ""
        }`,
      ];
      if (logLines.length > 0)
        lines.push(
          `  bot warnings: ${logLines
            .slice(0, 4)
            .map(([key, n]) => `${count(n)} × ${key}`)
            .join(" · ")}`,
        );

      const results: Target[] = [
        {
          // As for Telegram: a smaller run is a smoke test, where a room whose message waits
          // 1 s after a random 429 weighs ten times more than over a minute.
          label: "Matrix delivery ≥ 90 % of the allowed rate (applies from 10,000 messages)",
          applies: total >= 10_000,
          met: ratio >= 0.9,
          detail: `${count(m.rate)}/s = ${percent(m.rate, allowedRate)} of ${count(allowedRate)}/s (${count(total)} messages, bucket ${rate}/s burst ${burst}, 5 % 429)`,
        },
        {
          label: "Matrix delivery: 0 lost",
          applies: true,
          met: m.lost === 0,
          detail: `${count(m.lost)} of ${count(total)} never delivered (outbox: ${counts.failed} given up, ${waiting.n} still waiting${timedOut ? ` after the ${seconds(timeoutMs)} timeout` : ""})`,
        },
        {
          label: "Matrix delivery: 0 duplicated",
          applies: true,
          met: m.duplicated === 0,
          detail: `${count(m.duplicated)} delivered twice or more (${hs.acceptedThenDropped + hs.acceptedThen429} answers lost after acceptance)`,
        },
        {
          label: "Matrix delivery: order kept per room",
          applies: true,
          met: m.orderViolations === 0,
          detail: `${count(m.orderViolations)} messages out of queue order`,
        },
        {
          label: "Matrix delivery: every message in its destination's room, unaltered",
          applies: true,
          met: m.misdirected === 0 && m.altered === 0,
          detail: `${count(m.misdirected)} in another room, ${count(m.altered)} altered`,
        },
        {
          label: "Matrix delivery: one direct room per member",
          applies: false,
          met: membersWithSeveral === 0,
          detail: `${count(created)} rooms created for ${count(membersQueued)} members (${hs.createsDropped} createRoom answers lost)`,
        },
      ];
      return {
        lines,
        targets: results,
        data: {
          messages: total,
          groupRooms: groupCount,
          members: memberCount,
          groupShare: GROUP_SHARE,
          busiestRoom,
          concurrency,
          limit: { rate, burst, actions, minimalSpanMs },
          allowedRate,
          ratio,
          actionsRate,
          setupMs,
          startMs,
          firstSyncMs,
          enqueueMs,
          ...m,
          drainedMs,
          timedOut,
          homeserver: hs,
          bucket: { allowed: bucket.allowed, refused: bucket.refused },
          sendCalls: sendCalls.length,
          syncCalls,
          syncBuildMs,
          otherCalls,
          directRoomsCreated: created,
          membersQueued,
          membersWithSeveralDirectRooms: membersWithSeveral,
          createRoomCalls: createCalls.length,
          directAccountDataPuts: directPuts.length,
          directAccountDataBytes: directBytes,
          eventLoopBusy: loopBusy,
          cpuShare,
          loadAverage: load,
          outbox: counts,
          attempts: attemptStats,
          failedReasons,
          waiting,
          warnings: Object.fromEntries(logLines),
        },
      };
    } finally {
      await app?.stop().catch(() => undefined);
      await fake.stop();
      process.off("SIGINT", onSignal);
      if (!options.keep) cleanUp();
    }
  },
};
