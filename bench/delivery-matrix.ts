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
import { MATRIX, MatrixAdapter } from "../adapters/matrix/matrix-adapter.js";
import { renderMatrix } from "../adapters/matrix/render.js";
import type { Destination } from "../bot/reply.js";
import type { Db } from "../storage/db.js";
import { startFakeHomeserver } from "../tests/fakes/matrix-homeserver.js";
import { enqueueBacklog, outgoing } from "./delivery-backlog.js";
import {
  deliveredText,
  deliveryTargets,
  loadLine,
  outboxText,
  rateLine,
  timedOutText,
  warningLines,
} from "./delivery-checks.js";
import {
  drainOutbox,
  drainTimeoutMs,
  LogCounter,
  outboxAttempts,
  recordGroupRooms,
  sleep,
  watchProcessLoad,
  withDefaults,
  withScratchBot,
} from "./delivery-common.js";
import {
  foldIds,
  limitHomeserver,
  measure,
  requestFigures,
  syncBuildMs,
  type Queued,
} from "./delivery-matrix-homeserver.js";
import type { BenchOptions, OnceScenario } from "./scenario.js";
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
  return withDefaults(options, "matrix", MATRIX_DELIVERY_DEFAULTS);
}

/** Share of the messages that go to group rooms (the rest to members' direct rooms). */
const GROUP_SHARE = 0.7;

/** What is left in the outbox: why messages were given up, and those still waiting. */
function leftovers(db: Db, now: number) {
  // Room and user ids folded.
  const failedReasons: Record<string, number> = {};
  for (const { reason } of db.$client
    .prepare<[], { reason: string }>(
      "SELECT coalesce(last_error, '') AS reason FROM outbox WHERE state = 'failed'",
    )
    .all()) {
    const key = foldIds(reason).slice(0, 80);
    failedReasons[key] = (failedReasons[key] ?? 0) + 1;
  }
  // Messages still waiting (a timed-out drain): how long until their next attempt, and why.
  const waiting = db.$client
    .prepare<[number], { n: number; latestMs: number; maxAttempts: number; reason: string }>(
      `SELECT count(*) AS n, coalesce(max(next_attempt_at), 0) - ? AS latestMs,
              coalesce(max(attempts), 0) AS maxAttempts,
              substr(coalesce(max(last_error), ''), 1, 60) AS reason
       FROM outbox WHERE state IN ('pending', 'sending')`,
    )
    .get(now) ?? { n: 0, latestMs: 0, maxAttempts: 0, reason: "" };
  return { failedReasons, waiting };
}

/** The Matrix delivery scenario. */
export const matrixDeliveryScenario: OnceScenario = {
  name: "delivery-matrix",
  summary:
    "queued messages drained to Matrix (fake homeserver) under a Synapse-like limit, 5 % of sends 429",
  async run(options, memory, parts) {
    const {
      matrixMessages: total,
      matrixRate: rate,
      matrixBurst: burst,
      matrixConcurrency: concurrency,
    } = matrixDeliveryOptions(options);
    const groupCount = Math.max(3, Math.round(total * 0.15));
    const memberCount = Math.max(2, Math.round(total * 0.05));
    const rand = seededRandom(options.seed + 11);
    const logs = new LogCounter(foldIds);
    const setup = {
      prefix: "soliterr-bench-matrix-",
      startFake: () => startFakeHomeserver(),
      parts,
      concurrency,
      logs,
    };
    return withScratchBot(options, setup, async (bot) => {
      const { fake, app: live } = bot;
      // The homeserver's side: group rooms created by their animators with the bot a member,
      // and people the bot has no direct room with yet.
      const setupStarted = performance.now();
      const groups = Array.from({ length: groupCount }, (_, i) =>
        fake.createRoom({
          creator: `@animateur${i}:${fake.serverName}`,
          name: `Réseau solidaire ${i}`,
          members: [fake.botUserId],
        }),
      );
      const members = Array.from(
        { length: memberCount },
        (_, i) => `@membre${i}:${fake.serverName}`,
      );
      const setupMs = performance.now() - setupStarted;

      live.addAdapter(
        new MatrixAdapter({
          homeserverUrl: fake.url,
          accessToken: fake.accessToken,
          state: live.adapterState(MATRIX),
          logger: bot.logger,
          // Paced to the homeserver's limit, as an operator sets MATRIX_SEND_RATE.
          sendRate: rate,
        }),
      );
      // The rooms are known to the bot already: no welcome message per room in the measurement.
      const now = live.clock.now();
      recordGroupRooms(
        live.db,
        MATRIX,
        groups.map((id, i) => ({ id, title: `Réseau solidaire ${i}` })),
        now,
      );

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
      const { bucket, hs } = limitHomeserver(fake, { seed: options.seed, rate, burst });

      // The backlog: every room and member gets at least one message, the rest at random.
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
      const enqueueMs = enqueueBacklog(live.db, total, now, (n) => {
        const { to, toGroup } = targets[n - 1]!;
        const destination: Destination = toGroup
          ? { kind: "room", platform: MATRIX, roomId: to }
          : { kind: "member", platform: MATRIX, userId: to };
        const text = outgoing(n, toGroup, rand, { prefix: "!", privateButton: false });
        queued.push({ n, to, toGroup, body: renderMatrix(text.text)[0]?.body ?? "" });
        perRoom.set(to, (perRoom.get(to) ?? 0) + 1);
        return { destination, message: text };
      });
      const membersQueued = new Set(queued.filter((q) => !q.toGroup).map((q) => q.to)).size;
      memory.sample();

      // What the limit allows: every message and every direct room to create is an action.
      const actions = total + membersQueued;
      const minimalSpanMs = (Math.max(0, actions - burst) * 1000) / rate;
      const allowedRate = (rate * total) / actions;

      // Deliver: the outbox drains the backlog while the adapter syncs.
      const startedAt = Date.now();
      const processLoad = watchProcessLoad();
      live.outbox.kick();
      const drain = await drainOutbox(live.db, memory, {
        startedAt,
        timeoutMs: drainTimeoutMs(total, allowedRate),
        stopFake: () => fake.stop(),
      });
      const { counts, drainedMs, timedOut, timeoutMs } = drain;
      const load = processLoad(drainedMs);
      const attemptStats = outboxAttempts(live.db);
      const { failedReasons, waiting } = leftovers(live.db, live.clock.now());
      fake.interceptor = undefined;
      await bot.stopApp();
      if (options.keep) console.log(`delivery-matrix database kept in ${bot.dir}`);

      const m = measure(fake, queued, startedAt);
      const calls = requestFigures(fake, callsBefore);
      const { created, membersWithSeveral } = calls;
      const actionsRate = m.spanMs > 0 ? (bucket.allowed * 1000) / m.spanMs : Number.NaN;
      const ratio = m.rate / allowedRate;
      const busiestRoom = Math.max(...perRoom.values());
      const others = Object.entries(m.otherSends).sort((a, b) => b[1] - a[1]);
      const otherCount = others.reduce((sum, [, k]) => sum + k, 0);
      const syncMs = syncBuildMs(fake);
      const warnings = logs.sorted();
      const wasted = hs.bucket429 + hs.create429;

      const lines = [
        `delivery-matrix: ${count(total)} messages queued in one go (${seconds(enqueueMs)}) to ${count(groupCount)} group rooms and ${count(memberCount)} members' direct rooms (${percent(total - queued.filter((q) => !q.toGroup).length, total)} to groups, busiest room ${busiestRoom}), drained by the outbox (concurrency ${concurrency}) through MatrixAdapter → fake homeserver`,
        `  setup: ${count(groupCount)} rooms created on the fake in ${seconds(setupMs)} · app.start() ${count(startMs)} ms, first sync of the ${count(groupCount)} rooms stored after ${seconds(firstSyncMs)}`,
        `  limit (fake only, the adapter has none for Matrix): leaky bucket of ${count(rate)} actions/s, burst ${burst} (Synapse's rc_message 0.2/s × ${count(rate / 0.2)}, burst kept), sends and createRoom alike · ${count(actions)} actions (${count(total)} sends + ${count(membersQueued)} direct rooms) need ${seconds(minimalSpanMs)} → allowed rate ${count(allowedRate)} messages/s`,
        `${rateLine(m, allowedRate, "kick to first delivery", drainedMs)} · bucket actions ${count(actionsRate)}/s of ${count(rate)}`,
        `${deliveredText(m, m.roomsOutOfOrder, "rooms")}, wrong room ${count(m.misdirected)}, altered ${count(m.altered)}${
          otherCount
            ? ` · ${count(otherCount)} other messages sent (${others
                .slice(0, 2)
                .map(([k, v]) => `${v} × ${k}`)
                .join(", ")})`
            : ""
        }${timedOutText(drain)}`,
        `  direct rooms created ${count(created)} for ${count(membersQueued)} members (${membersWithSeveral} members with more than one: ${hs.createsDropped} createRoom answers lost after the room was made) · createRoom calls ${count(calls.createCalls)} (${count(hs.create429)} refused by the bucket) · m.direct written ${count(calls.directPuts)} times, ${(calls.directBytes / 1024 / 1024).toFixed(1)} MiB in all`,
        `  send calls ${count(calls.sendCalls)}: 429 answered ${count(calls.send429)} = ${count(hs.injected429)} injected at random (${percent(hs.injected429, calls.sendCalls)}) + ${count(hs.bucket429)} by the bucket + ${hs.acceptedThen429} after acceptance · ${hs.acceptedThenDropped} dropped after acceptance · ${count(hs.replays)} answered from the transaction cache (retries of stored events) · ${count(wasted)} requests refused by the limit = ${(wasted / Math.max(1, m.delivered)).toFixed(2)} per message delivered`,
        `  other requests during the drain: ${count(calls.syncCalls)} /sync (one answer costs the fake ${syncMs.toFixed(2)} ms to build), ${count(calls.otherCalls)} others`,
        loadLine(load),
        `${outboxText(drain, attemptStats.attempts, `${count(attemptStats.retried)} messages retried, max ${attemptStats.maxAttempts} for one message`)}${waiting.n ? ` · still waiting ${waiting.n}, next attempt up to ${seconds(waiting.latestMs)} away (up to ${waiting.maxAttempts} attempts; ${waiting.reason})` : ""}${
          counts.failed
            ? ` · given up: ${Object.entries(failedReasons)
                .map(([reason, n]) => `${n} × ${reason}`)
                .join("; ")}`
            : ""
        }`,
        ...warningLines(warnings),
      ];

      const results = [
        ...deliveryTargets({
          label: "Matrix delivery",
          place: "room",
          m,
          allowedRate,
          conditions: `bucket ${rate}/s burst ${burst}, 5 % 429`,
          lostWhy: `outbox: ${counts.failed} given up, ${waiting.n} still waiting${timedOut ? ` after the ${seconds(timeoutMs)} timeout` : ""}`,
          duplicatedWhy: `${hs.acceptedThenDropped + hs.acceptedThen429} answers lost after acceptance`,
        }),
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
          sendCalls: calls.sendCalls,
          syncCalls: calls.syncCalls,
          syncBuildMs: syncMs,
          otherCalls: calls.otherCalls,
          directRoomsCreated: created,
          membersQueued,
          membersWithSeveralDirectRooms: membersWithSeveral,
          createRoomCalls: calls.createCalls,
          directAccountDataPuts: calls.directPuts,
          directAccountDataBytes: calls.directBytes,
          ...load,
          outbox: counts,
          attempts: attemptStats,
          failedReasons,
          waiting,
          warnings: Object.fromEntries(warnings),
        },
      };
    });
  },
};
