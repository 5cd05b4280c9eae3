/**
 * `npm run bench`: builds corpora of realistic French listings (100,000 and 1,000,000 by
 * default) on a real database file and runs the named scenarios on each, printing a
 * plain-text report and writing bench/out/latest.json.
 *
 *   npm run bench                          both sizes, every scenario
 *   npm run bench -- --sizes=100000        only the small corpus
 *   npm run bench -- --quick               5,000 listings, few runs: a smoke test in seconds
 *   npm run bench -- --only=search         only some scenarios (comma-separated)
 *   npm run bench -- --only=delivery       only the Telegram delivery scenario (no corpus built)
 *   npm run bench -- --only=delivery-matrix  only the Matrix delivery scenario (no corpus built)
 *
 * Other options: --runs=N (timed runs per search query, default 30), --warmup=N (default 5),
 * --posts=N (posting scenario, default 5,000), --seed=N (default 42), --dir=PATH (folder
 * of the temporary databases), --keep (keep the database files). The delivery scenario, which
 * needs no listings and runs once: --delivery-messages=N (default 10,000; --quick 1,000),
 * --delivery-rate=N (allowed messages/s, default 300), --delivery-concurrency=N (default 16).
 * The Matrix delivery scenario, also run once: --matrix-messages=N (default 10,000; --quick
 * 1,000), --matrix-rate=N (the fake homeserver's limit, actions/s, default 200),
 * --matrix-burst=N (default 10), --matrix-concurrency=N (default 16).
 * The digest scenario, also run once (its own population of members, alerts and listings):
 * --digest-alerts=100000,10000,1000000 (numbers of alerts measured, 1 member per 2 alerts;
 * the targets apply at 100,000; --quick skips 1,000,000), --digest-listings=N (listings of the
 * day, default 10,000).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { Catalog } from "../storage/catalog.js";
import { loadPlaces } from "../storage/places.js";
import { buildCorpus, COMMON_WORD, type CorpusStats } from "./corpus.js";
import { deliveryScenario, type DeliveryOptions } from "./delivery.js";
import { digestScenario, type DigestOptions } from "./digests.js";
import { matrixDeliveryScenario, type MatrixDeliveryOptions } from "./delivery-matrix.js";
import { postingScenario } from "./posting.js";
import type { BenchOptions, OnceScenario, Scenario, Target } from "./scenario.js";
import { searchScenario } from "./search.js";
import {
  bytes,
  count,
  maxRssBytes,
  MemoryTracker,
  percent,
  seconds,
  seededRandom,
  since,
  type MemoryPeak,
} from "./stats.js";
import { RARE_WORD } from "./words.js";
import { openWorld, type World } from "./world.js";

/** Every scenario, in the order they run. Later issues add theirs here. */
const SCENARIOS: readonly Scenario[] = [searchScenario, postingScenario];
/** Scenarios that need no listings: run once, after the sizes (bench/delivery.ts says why). */
const ONCE_SCENARIOS: readonly OnceScenario[] = [
  deliveryScenario,
  matrixDeliveryScenario,
  digestScenario,
];
const NAMES = [...SCENARIOS, ...ONCE_SCENARIOS].map((s) => s.name);

const USAGE = `usage: npm run bench -- [--quick] [--sizes=100000,1000000] [--only=${NAMES.join(",")}]
                       [--runs=30] [--warmup=5] [--posts=5000] [--seed=42] [--dir=PATH] [--keep]
                       [--delivery-messages=10000] [--delivery-rate=300] [--delivery-concurrency=16]
                       [--matrix-messages=10000] [--matrix-rate=200] [--matrix-burst=10] [--matrix-concurrency=16]
                       [--digest-alerts=100000,10000,1000000] [--digest-listings=10000]`;

/** A mistake on the command line: shown without a stack trace. */
class OptionError extends Error {}

/** "100000", "100_000", "100k", "1m" -> a number of listings (or of alerts, for `option`). */
function parseSize(text: string, option = "sizes", what = "listings"): number {
  const m = /^(\d[\d_]*)([km]?)$/i.exec(text.trim());
  if (!m?.[1]) throw new OptionError(`--${option}: "${text}" is not a number of ${what}`);
  const n = Number(m[1].replaceAll("_", ""));
  return n * ({ k: 1_000, m: 1_000_000 }[m[2]?.toLowerCase() ?? ""] ?? 1);
}

/** Reads the command line; throws with the usage on anything unknown. */
export function parseOptions(
  argv: readonly string[],
): BenchOptions &
  Partial<DeliveryOptions> &
  Partial<MatrixDeliveryOptions> &
  Partial<DigestOptions> {
  const values = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z]+(?:-[a-z]+)*)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) throw new OptionError(`unknown argument "${arg}"\n${USAGE}`);
    values.set(m[1], m[2] ?? "");
  }
  const known = [
    "quick",
    "sizes",
    "only",
    "runs",
    "warmup",
    "posts",
    "seed",
    "dir",
    "keep",
    "help",
    "delivery-messages",
    "delivery-rate",
    "delivery-concurrency",
    "matrix-messages",
    "matrix-rate",
    "matrix-burst",
    "matrix-concurrency",
    "digest-alerts",
    "digest-listings",
  ];
  for (const name of values.keys()) {
    if (!known.includes(name)) throw new OptionError(`unknown option --${name}\n${USAGE}`);
  }
  const quick = values.has("quick");
  const int = (name: string, fallback: number): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw.replaceAll("_", ""));
    if (!Number.isInteger(n) || n < 0) throw new OptionError(`--${name}: expected a whole number`);
    return n;
  };
  const only = values.get("only")?.split(",").filter(Boolean) ?? NAMES;
  for (const name of only) {
    if (!NAMES.includes(name))
      throw new OptionError(`--only: no scenario "${name}" (${NAMES.join(", ")})`);
  }
  const positive = (name: string): number | undefined => {
    if (!values.has(name)) return undefined;
    const n = int(name, 0);
    if (n < 1) throw new OptionError(`--${name}: expected at least 1`);
    return n;
  };
  const deliveryMessages = positive("delivery-messages");
  const deliveryRate = positive("delivery-rate");
  const deliveryConcurrency = positive("delivery-concurrency");
  const matrixMessages = positive("matrix-messages");
  const matrixRate = positive("matrix-rate");
  const matrixBurst = positive("matrix-burst");
  const matrixConcurrency = positive("matrix-concurrency");
  const digestListings = positive("digest-listings");
  const digestAlerts = values
    .get("digest-alerts")
    ?.split(",")
    .filter(Boolean)
    .map((text) => parseSize(text, "digest-alerts", "alerts"));
  if (digestAlerts?.some((n) => n < 10))
    throw new OptionError("--digest-alerts: expected at least 10 alerts");
  const sizes = values
    .get("sizes")
    ?.split(",")
    .filter(Boolean)
    .map((text) => parseSize(text)) ?? [...(quick ? [5_000] : [100_000, 1_000_000])];
  const dir = values.get("dir");
  return {
    sizes,
    only,
    quick,
    runs: Math.max(1, int("runs", quick ? 10 : 30)),
    warmup: int("warmup", quick ? 2 : 5),
    posts: Math.max(1, int("posts", quick ? 500 : 5_000)),
    seed: int("seed", 42),
    keep: values.has("keep"),
    ...(dir ? { dir } : {}),
    ...(deliveryMessages === undefined ? {} : { deliveryMessages }),
    ...(deliveryRate === undefined ? {} : { deliveryRate }),
    ...(deliveryConcurrency === undefined ? {} : { deliveryConcurrency }),
    ...(matrixMessages === undefined ? {} : { matrixMessages }),
    ...(matrixRate === undefined ? {} : { matrixRate }),
    ...(matrixBurst === undefined ? {} : { matrixBurst }),
    ...(matrixConcurrency === undefined ? {} : { matrixConcurrency }),
    ...(digestAlerts === undefined || digestAlerts.length === 0 ? {} : { digestAlerts }),
    ...(digestListings === undefined ? {} : { digestListings }),
  };
}

/** The machine and software the figures were measured on. */
function machine(): Record<string, string | number> {
  const require = createRequire(import.meta.url);
  const sqlite = new Database(":memory:");
  const sqliteVersion = sqlite.prepare<[], string>("SELECT sqlite_version()").pluck().get() ?? "?";
  sqlite.close();
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "?",
    cores: cpus.length,
    memory: bytes(os.totalmem()),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: sqliteVersion,
    betterSqlite3: (require("better-sqlite3/package.json") as { version: string }).version,
  };
}

const memoryLine = (label: string, peak: MemoryPeak) =>
  `  memory peak (${label}): rss ${bytes(peak.rss)}, heap used ${bytes(peak.heapUsed)}`;

function buildLines(size: number, stats: CorpusStats): string[] {
  return [
    `build: ${count(size)} listings in ${seconds(stats.buildMs)} (inserts ${seconds(stats.insertMs)}, ${count((size * 1000) / stats.insertMs)}/s; expireDueListings ${seconds(stats.expireMs)}) by ${stats.authors} authors`,
    `  open ${percent(stats.open, size)}, expired ${percent(stats.expired, size)}, closed ${percent(stats.closed, size)} · in département 65 ${percent(stats.inDepartement65, size)} · at area level ${percent(stats.areaLevel, size)}`,
    `  database ${bytes(stats.dbBytes)}${stats.ftsBytes === null ? "" : ` (full-text index ${bytes(stats.ftsBytes)})`}, ${stats.ftsSegments} FTS segments after the nightly merge (${stats.ftsSegmentsBeforeMerge} before, merge ${seconds(stats.mergeMs)}) · "${COMMON_WORD}" in ${percent(stats.commonWordOpen, stats.open)} of open listings · "${RARE_WORD}" in ${count(stats.rareWordAll)} listings`,
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes("--help")) {
    console.log(USAGE);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const out = (line = "") => console.log(line);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const memory = new MemoryTracker();
  memory.start();
  const started = performance.now();
  const host = machine();
  const scenarios = options.only.flatMap((name) => SCENARIOS.filter((s) => s.name === name));
  const onceScenarios = options.only.flatMap((name) =>
    ONCE_SCENARIOS.filter((s) => s.name === name),
  );
  // No corpus to build when only scenarios that need none were chosen.
  const sizes = scenarios.length > 0 ? options.sizes : [];
  out(`SoliTERR bot benchmark — ${new Date().toISOString()}`);
  out(
    `machine: ${host.cpu} · ${host.cores} cores · ${host.memory} · ${host.os} · Node ${host.node} · SQLite ${host.sqlite} (better-sqlite3 ${host.betterSqlite3})`,
  );
  out(
    `run: sizes ${sizes.map(count).join(", ") || "none"} · scenarios ${options.only.join(", ")} · seed ${options.seed}${options.quick ? " · quick" : ""}`,
  );
  const loadStarted = performance.now();
  const places = loadPlaces();
  const catalog = Catalog.load();
  out(`places and catalogue loaded in ${Math.round(since(loadStarted))} ms`);

  const results: Record<string, unknown>[] = [];
  const targets: (Target & { size?: number })[] = [];
  for (const size of sizes) {
    out();
    out(`== ${count(size)} listings ==`);
    memory.nextPhase();
    let world: World | undefined;
    const onSignal = () => {
      world?.close(options.keep);
      process.exit(130);
    };
    process.once("SIGINT", onSignal);
    try {
      world = openWorld(places, catalog, options.dir);
      const build = await buildCorpus(
        world.app,
        size,
        seededRandom(options.seed),
        memory,
        (done, ms) => progress(`  built ${count(done)} of ${count(size)} in ${seconds(ms)}`),
      );
      const buildPeak = memory.nextPhase();
      for (const line of [...buildLines(size, build), memoryLine("build", buildPeak)]) out(line);
      const sizeResult: Record<string, unknown> = { size, build, buildMemory: buildPeak };
      for (const scenario of scenarios) {
        progress(`  running ${scenario.name}…`);
        out();
        const outcome = await scenario.run(world, size, options, memory);
        const peak = memory.nextPhase();
        for (const line of [...outcome.lines, memoryLine(scenario.name, peak)]) out(line);
        targets.push(...outcome.targets.map((t) => ({ ...t, size })));
        sizeResult[scenario.name] = { ...outcome.data, targets: outcome.targets, memory: peak };
      }
      results.push(sizeResult);
      if (options.keep) out(`database kept in ${world.dir}`);
    } finally {
      world?.close(options.keep);
      process.off("SIGINT", onSignal);
    }
  }
  const once: Record<string, unknown> = {};
  for (const scenario of onceScenarios) {
    progress(`  running ${scenario.name}…`);
    out();
    memory.nextPhase();
    const outcome = await scenario.run(options, memory, { places, catalog });
    const peak = memory.nextPhase();
    for (const line of [...outcome.lines, memoryLine(scenario.name, peak)]) out(line);
    targets.push(...outcome.targets);
    once[scenario.name] = { ...outcome.data, targets: outcome.targets, memory: peak };
  }
  memory.stop();
  const overall = memory.overallPeak();
  const maxRss = maxRssBytes();

  out();
  out(
    "targets (issue: search p95 ≤ 1.5 × bare and < 15 ms at 1,000,000 listings; ≥ 1,000 posts/s; delivery, Telegram and Matrix, ≥ 90 % of the allowed rate, 0 lost, 0 duplicated; digests of 100,000 alerts × 10,000 listings ≤ 20 s, < 300 MB):",
  );
  for (const t of targets) {
    const verdict = !t.applies ? "info   " : t.met ? "MET    " : "NOT MET";
    const where = t.size === undefined ? "once" : count(t.size);
    out(`  ${verdict} ${where.padStart(9)} · ${t.label}: ${t.detail}`);
  }
  if (options.only.includes("search") && !sizes.includes(1_000_000))
    out("  (the search targets apply at 1,000,000 listings, which this run did not build)");
  out(
    `memory: peak rss ${bytes(overall.rss)}, peak heap used ${bytes(overall.heapUsed)} (sampled) · maxRSS ${bytes(maxRss)} (process.resourceUsage)`,
  );
  out(`total time ${seconds(since(started))}`);

  const outDir = fileURLToPath(new URL("./out/", import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    machine: host,
    options,
    sizes: results,
    once,
    targets,
    memory: { peakRss: overall.rss, peakHeapUsed: overall.heapUsed, maxRss },
    totalMs: since(started),
  };
  writeFileSync(`${outDir}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
  out(`figures written to bench/out/latest.json`);
}

main().catch((error: unknown) => {
  console.error(error instanceof OptionError ? error.message : error);
  process.exitCode = 1;
});
