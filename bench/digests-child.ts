/**
 * The digest job alone in a fresh process, as a bot would run it at 08:01: loads places and
 * catalogue, opens the database given as argument with `createApp`, runs `runDueDigests`
 * once, timed, and sends back its figures. Run by bench/digests-measure.ts (`fork`), so that
 * the memory figures are those of a bot process, not of the benchmark that built the data:
 * the operating system's peak resident memory (maxRSS) is exact even inside synchronous work.
 *
 * It runs compiled, as `npm start` runs the bot (dist/bench/digests-child.js, built with the
 * bot by `npm run build`): it imports nothing else from bench/ but stats.ts.
 */
import { createApp } from "../bot/app.js";
import { AdjustableClock } from "../bot/clock.js";
import { loadConfig } from "../bot/config.js";
import { runDueDigests } from "../bot/digests.js";
import { Catalog } from "../storage/catalog.js";
import { closeDatabase } from "../storage/db.js";
import { loadPlaces } from "../storage/places.js";
import { maxRssBytes, since } from "./stats.js";

/** What the child reports. */
export interface ChildRun {
  ms: number;
  queued: number;
  /** Resident memory once the bot is loaded (after a full collection), just before the run. */
  rssBefore: number;
  /** The process's peak resident memory before the run (loading), and at its end. */
  maxRssBefore: number;
  maxRssAfter: number;
  rssAfter: number;
  heapBefore: number;
  /** Heap used right after the run (garbage not yet collected) and committed heap. */
  heapAfter: number;
  heapTotalAfter: number;
}

function main(): ChildRun {
  const path = process.argv[2];
  const runAt = Number(process.argv[3]);
  if (!path || !Number.isFinite(runAt)) {
    throw new Error("usage: digests-child.js <database file> <run time, ms since 1970>");
  }
  const places = loadPlaces();
  const catalog = Catalog.load();
  const clock = new AdjustableClock();
  clock.set(runAt);
  const app = createApp(loadConfig({ DATABASE_PATH: path, LOG_LEVEL: "silent" }), {
    clock,
    places,
    catalog,
  });
  const services = {
    db: app.db,
    places,
    catalog,
    notifier: app.notifier,
    timeZone: app.config.timeZone,
  };
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const maxRssBefore = maxRssBytes();
  const started = performance.now();
  const queued = runDueDigests(services, runAt);
  const ms = since(started);
  const after = process.memoryUsage();
  const maxRssAfter = maxRssBytes();
  closeDatabase(app.db);
  return {
    ms,
    queued,
    rssBefore: before.rss,
    maxRssBefore,
    maxRssAfter,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    heapTotalAfter: after.heapTotal,
  };
}

try {
  const result = main();
  process.send?.({ result }, () => process.exit(0));
} catch (error) {
  process.send?.(
    { error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    () => process.exit(1),
  );
}
