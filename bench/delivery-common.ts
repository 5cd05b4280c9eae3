/**
 * What the delivery scenarios (bench/delivery.ts for Telegram, bench/delivery-matrix.ts for
 * Matrix) do alike: their options, a real bot on a scratch database beside a platform fake,
 * random 429s drawn from a seed, and the outbox drained while the process's load is watched.
 * The backlog they queue is made in bench/delivery-backlog.ts; what they check and report is
 * in bench/delivery-checks.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createApp, type App } from "../bot/app.js";
import { loadConfig, type Config } from "../bot/config.js";
import type { Logger } from "../bot/logger.js";
import type { Catalog } from "../storage/catalog.js";
import { inTransaction, type Db } from "../storage/db.js";
import { findOrCreateRoom } from "../storage/networks.js";
import { outboxCounts } from "../storage/outbox.js";
import type { Places } from "../storage/places.js";
import type { BenchOptions } from "./scenario.js";
import { seededRandom, type MemoryTracker } from "./stats.js";

/** Defaults of a delivery scenario's options; `quickMessages` replaces `messages` with --quick. */
export interface DeliveryDefaults {
  messages: number;
  quickMessages: number;
}

/** The options named after `prefix`: `{ messages, rate }` → `{ matrixMessages, matrixRate }`. */
export type Prefixed<P extends string, D> = {
  [K in Exclude<keyof D, "quickMessages"> & string as `${P}${Capitalize<K>}`]: number;
};

/**
 * A delivery scenario's options: each as the command line gave it (bench/run.ts reads
 * `--matrix-rate=N` as `matrixRate`), else its default.
 */
export function withDefaults<P extends string, D extends DeliveryDefaults & Record<string, number>>(
  options: BenchOptions,
  prefix: P,
  defaults: D,
): Prefixed<P, D> {
  const given = options as BenchOptions & Partial<Record<string, number>>;
  const resolved: Record<string, number> = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    if (name === "quickMessages") continue;
    const key = `${prefix}${name[0]?.toUpperCase() ?? ""}${name.slice(1)}`;
    resolved[key] =
      given[key] ?? (name === "messages" && options.quick ? defaults.quickMessages : fallback);
  }
  return resolved as Prefixed<P, D>;
}

/** Share of the sends answered 429 at random. */
export const INJECTED_429_SHARE = 0.05;

/** A mulberry32 draw from a key: the same answer for the same (seed, message, attempt). */
export function keyedDraw(seed: number, n: number, attempt: number): number {
  return seededRandom(
    (seed * 0x9e3779b1) ^ Math.imul(n, 0x85ebca6b) ^ Math.imul(attempt, 0xc2b2ae35),
  )();
}

/**
 * Whether this attempt to send message `n` gets a random 429: drawn from (seed, message,
 * attempt), so that the same attempts fail whatever the timing.
 */
export function randomRefusals(seed: number): (n: number) => boolean {
  const attempts = new Map<number, number>();
  return (n) => {
    const attempt = (attempts.get(n) ?? 0) + 1;
    attempts.set(n, attempt);
    return keyedDraw(seed, n, attempt) < INJECTED_429_SHARE;
  };
}

/** Counts the warnings and errors the bot logs, by message and cause (numbers folded). */
export class LogCounter {
  readonly counts = new Map<string, number>();

  /** `fold` folds what else varies in a cause (room and user ids). */
  constructor(private readonly fold: (cause: string) => string = (cause) => cause) {}

  write(line: string): void {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    const cause = this.fold(entry.err?.message ?? "")
      .replace(/\d+/g, "N")
      .slice(0, 90);
    const key = `${entry.msg ?? "?"}${cause ? ` (${cause})` : ""}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Every cause with its count, the most frequent first. */
  sorted(): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1]);
  }
}

/** The bot of a delivery scenario and the platform fake it talks to. */
export interface ScratchBot<F> {
  /** The folder of the database file. */
  dir: string;
  fake: F;
  app: App;
  config: Config;
  logger: Logger;
  /** Stops the app, once (the end of the run stops it otherwise). */
  stopApp(): Promise<void>;
}

/**
 * Runs `run` with a real app on a database file in a new folder beside a platform fake. The
 * app logs warnings as it would in production (LOG_LEVEL=info), counted rather than printed.
 * However `run` ends, the app and the fake are stopped, and the folder removed unless --keep,
 * on Ctrl-C too.
 */
export async function withScratchBot<F extends { stop(): Promise<void> }, T>(
  options: BenchOptions,
  setup: {
    /** Start of the folder's name. */
    prefix: string;
    startFake: () => Promise<F>;
    parts: { places: Places; catalog: Catalog };
    concurrency: number;
    logs: LogCounter;
  },
  run: (bot: ScratchBot<F>) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(options.dir ?? tmpdir(), setup.prefix));
  const fake = await setup.startFake();
  let app: App | undefined;
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const onSignal = () => {
    if (!options.keep) cleanUp();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  try {
    const { logs } = setup;
    const logger = pino({ level: "warn" }, { write: (line: string) => logs.write(line) });
    const config = loadConfig({ DATABASE_PATH: join(dir, "bench.db"), LOG_LEVEL: "silent" });
    const { places, catalog } = setup.parts;
    const live = createApp(config, {
      logger,
      places,
      catalog,
      outbox: { concurrency: setup.concurrency },
    });
    app = live;
    const stopApp = async () => {
      if (!app) return;
      await app.stop();
      app = undefined;
    };
    return await run({ dir, fake, app: live, config, logger, stopApp });
  } finally {
    await app?.stop().catch(() => undefined);
    await fake.stop();
    process.off("SIGINT", onSignal);
    if (!options.keep) cleanUp();
  }
}

/** Records group rooms as known to the bot, which was in them before the backlog. */
export function recordGroupRooms(
  db: Db,
  platform: string,
  rooms: ReadonlyArray<{ id: string; title: string }>,
  now: number,
): void {
  inTransaction(db, () => {
    for (const room of rooms)
      findOrCreateRoom(
        db,
        { platform, platformRoomId: room.id, kind: "group", title: room.title },
        now,
      );
  });
}

/** Milliseconds to wait for the drain before declaring the rest lost. */
export function drainTimeoutMs(messages: number, rate: number): number {
  return Math.max(60_000, ((messages * 1000) / rate) * 4 + 30_000);
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a drain cost this process. */
export interface ProcessLoad {
  /** Share of the time the event loop was busy. */
  eventLoopBusy: number;
  /** CPU time over wall time: 1 is one core fully used. */
  cpuShare: number;
  /** The machine's 1-minute load average at the end (other processes included). */
  loadAverage: number;
}

/**
 * Starts watching the event loop and the CPU; the returned function reads them after
 * `elapsedMs`. The bot and the fake share this process: if its event loop is saturated, the
 * figures measure the machine rather than the limits.
 */
export function watchProcessLoad(): (elapsedMs: number) => ProcessLoad {
  const loopBefore = performance.eventLoopUtilization();
  const cpuBefore = process.cpuUsage();
  return (elapsedMs) => {
    const eventLoopBusy = performance.eventLoopUtilization(loopBefore).utilization;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuShare = (cpu.user + cpu.system) / 1000 / elapsedMs;
    return { eventLoopBusy, cpuShare, loadAverage: loadavg()[0] ?? 0 };
  };
}

/** How a drain ended. */
export interface Drain {
  /** The outbox by state at the end. */
  counts: ReturnType<typeof outboxCounts>;
  timedOut: boolean;
  timeoutMs: number;
  /** From `startedAt` to the end. */
  drainedMs: number;
}

/**
 * Waits until the outbox has nothing pending or sending, or `timeoutMs` after `startedAt`
 * (a `Date.now()` value); on a timeout it stops the fake, so that sends still waiting fail
 * now rather than after the database is closed.
 */
export async function drainOutbox(
  db: Db,
  memory: MemoryTracker,
  {
    startedAt,
    timeoutMs,
    stopFake,
  }: { startedAt: number; timeoutMs: number; stopFake: () => Promise<void> },
): Promise<Drain> {
  let counts = outboxCounts(db);
  let timedOut = false;
  while (counts.pending + counts.sending > 0) {
    if (Date.now() - startedAt > timeoutMs) {
      timedOut = true;
      await stopFake();
      break;
    }
    await sleep(100);
    memory.sample();
    counts = outboxCounts(db);
  }
  return { counts, timedOut, timeoutMs, drainedMs: Date.now() - startedAt };
}

/** Attempts the outbox made in all, at most for one message, and messages tried more than once. */
export function outboxAttempts(db: Db): { attempts: number; maxAttempts: number; retried: number } {
  return (
    db.$client
      .prepare<[], { attempts: number; maxAttempts: number; retried: number }>(
        `SELECT coalesce(sum(attempts), 0) AS attempts, coalesce(max(attempts), 0) AS maxAttempts,
                coalesce(sum(attempts > 1), 0) AS retried
         FROM outbox`,
      )
      .get() ?? { attempts: 0, maxAttempts: 0, retried: 0 }
  );
}
