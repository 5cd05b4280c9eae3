/**
 * The digest scenario: the 08:00 digests of 50,000 members holding 100,000 alerts, against
 * the 10,000 listings of a day (issue 5, "Scale"). It times the real `runDueDigests` in a
 * fresh bot process (bench/digests-child.ts: the memory figures are a bot's, exact even
 * inside synchronous work), counts the work independently (alerts checked in full, matches)
 * and checks every queued digest against that count. Beside it: the naive computation (every
 * alert against every listing) on a tenth of the data, and the growth with the number of
 * alerts (10,000 and 1,000,000 by default) against the same listings.
 *
 * It needs no listings corpus (it writes its own population, bench/digests-world.ts), so
 * bench/run.ts runs it once per invocation.
 */
import type { Catalog } from "../storage/catalog.js";
import type { Places } from "../storage/places.js";
import {
  countDigestWork,
  naiveComparison,
  timedDigestRun,
  type DigestRun,
  type DigestWork,
} from "./digests-measure.js";
import {
  ALERT_SHAPES,
  buildDigestPopulation,
  type AlertShape,
  type DigestPopulation,
  type DigestSpec,
} from "./digests-world.js";
import type { BenchOptions, OnceScenario, Target } from "./scenario.js";
import { bytes, count, ms, percent, seconds, type MemoryTracker } from "./stats.js";

/** The digest scenario's options (bench/run.ts reads --digest-alerts=… and --digest-listings=N). */
export interface DigestOptions {
  /** Numbers of alerts measured; the targets apply at 100,000. */
  digestAlerts: number[];
  /** Listings of the day. */
  digestListings: number;
}

/** The point and targets: 20 s, 300 MB (10⁶ bytes: 286 MiB). */
export const DIGEST_TARGET = { alerts: 100_000, listings: 10_000, ms: 20_000, rss: 300e6 };
const DEFAULT_ALERTS = [100_000, 10_000, 1_000_000];
const QUICK_ALERTS = [100_000, 10_000];
/** Older listings per listing of the day. */
const BACKGROUND_PER_NEW = 5;

/** The digest options of a run, with defaults for what the command line left out. */
export function digestOptions(options: BenchOptions): DigestOptions {
  const given = options as BenchOptions & Partial<DigestOptions>;
  return {
    digestAlerts: given.digestAlerts ?? (options.quick ? QUICK_ALERTS : DEFAULT_ALERTS),
    digestListings: given.digestListings ?? DIGEST_TARGET.listings,
  };
}

/** One measured number of alerts. */
interface Point {
  spec: DigestSpec;
  members: number;
  posters: number;
  shapes: Record<AlertShape, number>;
  closedToday: number;
  counterpartRows: number;
  setup: DigestPopulation["setup"];
  run: DigestRun;
  work: DigestWork;
}

/** Builds a population, times the job on it, counts and checks the work. */
async function measure(
  spec: DigestSpec,
  parts: { places: Places; catalog: Catalog },
  options: BenchOptions,
  memory: MemoryTracker,
): Promise<Point> {
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  progress(`    ${count(spec.alerts)} alerts, ${count(spec.listings)} listings of the day…`);
  const population = await buildDigestPopulation(spec, parts, memory, progress, options.dir);
  try {
    const run = await timedDigestRun(population);
    progress(`    runDueDigests ${seconds(run.ms)}; counting…`);
    const work = countDigestWork(population, memory);
    const { members, posters, shapes, closedToday, counterpartRows, setup } = population;
    return { spec, members, posters, shapes, closedToday, counterpartRows, setup, run, work };
  } finally {
    population.close();
  }
}

function failures(work: DigestWork): number {
  const { fullLists: _counted, ...disagreements } = work.check;
  return Object.values(disagreements).reduce((n: number, v: number) => n + v, 0);
}

/** The report of the point. */
function mainLines(p: Point): string[] {
  const { spec, setup: s, run, work } = p;
  const shares = (Object.keys(ALERT_SHAPES) as AlertShape[])
    .map((k) => `${k} ${percent(p.shapes[k], spec.alerts)}`)
    .join(", ");
  const perPass = work.listingsRead * work.passes;
  const naive = work.alerts * work.listingsRead;
  const c = work.check;
  return [
    `digests: ${count(spec.alerts)} alerts of ${count(p.members)} members (${count(p.posters)} of them posting), ${count(spec.listings)} listings of the day (+${count(spec.background)} older), all due at 08:00, run at 08:01`,
    `  alerts: ${shares}`,
    `  setup ${seconds(s.totalMs)}: members ${seconds(s.membersMs)}, older listings ${seconds(s.backgroundMs)}, alerts ${seconds(s.alertsMs)}, digest settings ${seconds(s.settingsMs)}, listings of the day ${seconds(s.dayMs)} (${count(p.closedToday)} closed since, ${count(p.counterpartRows)} need–offer matches recorded) · database ${bytes(s.dbBytes)}`,
    `  runDueDigests ${seconds(run.ms)} (a fresh bot process, cold database connection): ${count(run.queued)} digests queued for ${count(p.members)} due members in ${work.passes} passes · ${count(run.outboxRows)} outbox rows`,
    `  matches: ${count(work.matches)} (member, listing) pairs, ${(work.matches / Math.max(1, work.expectedDigests)).toFixed(1)} per digest (${count(work.viaOwnListing)} through a member's own listing; ${count(work.ownLeftOut)} left out as the member's own) · ${count(work.listingsRead)} open listings read in each pass`,
    `  work: ${count(work.checked)} alerts checked in full, ${count(work.checked / Math.max(1, perPass))} per listing and pass, ${(work.checked / Math.max(1, work.matches)).toFixed(1)} per match, vs ${count(naive)} naively (${percent(work.checked, naive)})`,
    `  where the time goes (independent count, same pieces): alerts loaded and indexed ${seconds(work.indexMs)}, listings read and matched ${seconds(work.matchMs)}; composing, queueing and cursors ≈ ${seconds(Math.max(0, run.ms - work.indexMs - work.matchMs))}`,
    memoryLine(run),
    failures(work) === 0
      ? `  check ✓ a digest for each of the ${count(work.expectedDigests)} members with a match and for no other, announcing the right number, showing only their matches; ${count(c.fullLists)} full lists exactly their matches; no older listing`
      : `  check ✗ digests missing ${c.missing}, unexpected ${c.unexpected}, wrong count ${c.wrongCount}, listings shown not matched ${c.foreignListing}, older listings ${c.olderListing}, wrong full lists ${c.wrongFullList} of ${c.fullLists}`,
  ];
}

function memoryLine(run: DigestRun): string {
  const peak = run.peakInRun
    ? `peak rss ${bytes(run.rssPeak)}`
    : `peak rss ≤ ${bytes(run.rssPeak)} (reached while loading)`;
  return `  memory of the bot process: ${peak} (maxRSS); ${bytes(run.rssBefore)} before the run, ${bytes(run.rssAfter)} after · heap used ${bytes(run.heapBefore)} before, ${bytes(run.heapAfter)} right after (uncollected; ${bytes(run.heapTotalAfter)} committed)`;
}

/** The growth table. */
function growthLines(points: readonly Point[], listings: number): string[] {
  const rows = points.map((p) => {
    const { run, work } = p;
    const cells = [
      count(p.spec.alerts).padStart(9),
      count(p.members).padStart(9),
      seconds(p.setup.totalMs).padStart(8),
      seconds(run.ms).padStart(8),
      ms(run.ms / (p.spec.alerts / 1000)).padStart(11),
      `${run.peakInRun ? "" : "≤"}${bytes(run.rssPeak)}`.padStart(10),
      bytes(run.rssAfter - run.rssBefore).padStart(9),
      String(work.passes).padStart(6),
      count(work.checked).padStart(13),
      count(work.checked / Math.max(1, work.listingsRead)).padStart(11),
      count(work.matches).padStart(11),
      count(run.queued).padStart(9),
    ];
    return `  ${cells.join(" ")}${failures(work) === 0 ? "" : " ✗ check"}`;
  });
  return [
    `growth (${count(listings)} listings of the day, 1 member per 2 alerts; run in a fresh bot process):`,
    "     alerts   members    setup      run  ms/1k alerts  peak rss  rss +run passes  checked full per listing     matches   digests",
    ...rows,
  ];
}

export const digestScenario: OnceScenario = {
  name: "digests",
  summary: "daily digests: 100,000 alerts of 50,000 members against the 10,000 listings of a day",
  async run(options, memory, parts) {
    const { digestAlerts, digestListings } = digestOptions(options);
    const specOf = (alerts: number, listings: number): DigestSpec => ({
      alerts,
      listings,
      background: listings * BACKGROUND_PER_NEW,
      seed: options.seed,
    });
    const lines: string[] = [];
    const targets: Target[] = [];

    // The point first, on the freshest process; then the naive tenth; then growth.
    const mainAlerts = digestAlerts.includes(DIGEST_TARGET.alerts)
      ? DIGEST_TARGET.alerts
      : (digestAlerts[0] ?? DIGEST_TARGET.alerts);
    const main = await measure(specOf(mainAlerts, digestListings), parts, options, memory);
    lines.push(...mainLines(main));
    const atTarget =
      mainAlerts === DIGEST_TARGET.alerts && digestListings === DIGEST_TARGET.listings;
    const where = `${count(mainAlerts)} alerts × ${count(digestListings)} listings`;
    targets.push(
      {
        label: `digests computed ≤ 20 s (${where})`,
        applies: atTarget,
        met: main.run.ms <= DIGEST_TARGET.ms,
        detail: `${seconds(main.run.ms)} vs ≤ 20 s`,
      },
      {
        label: `digest peak memory < 300 MB (${where})`,
        applies: atTarget,
        met: main.run.rssPeak < DIGEST_TARGET.rss,
        detail: `peak rss ${bytes(main.run.rssPeak)} vs < ${bytes(DIGEST_TARGET.rss)} (300 MB)`,
      },
      {
        label: "digests as counted independently",
        applies: true,
        met: failures(main.work) === 0 && main.run.queued === main.work.expectedDigests,
        detail: `${count(main.run.queued)} queued vs ${count(main.work.expectedDigests)} expected, ${failures(main.work)} disagreements`,
      },
    );

    // The naive computation on a tenth of the data.
    const tenthSpec = specOf(Math.round(mainAlerts / 10), Math.round(digestListings / 10));
    process.stderr.write(`    naive on a tenth…\n`);
    const tenth = await buildDigestPopulation(tenthSpec, parts, memory, () => {}, options.dir);
    let naiveData: Record<string, unknown>;
    try {
      const run = await timedDigestRun(tenth);
      const naive = naiveComparison(tenth);
      const speedup = naive.naiveMs / naive.indexedMs;
      lines.push(
        `naive on a tenth (${count(naive.alerts)} alerts × ${count(naive.listings)} open listings of the day, own listings left out): alertMatchesListing ${count(naive.naiveChecks)} times ${seconds(naive.naiveMs)} · AlertIndex ${ms(naive.indexedMs)} ms (built and queried; ${count(naive.indexedChecks)} checked in full), ${count(speedup)}× faster · ${naive.same ? "the same" : "DIFFERENT"} ${count(naive.pairs)} (member, listing) pairs ${naive.same ? "✓" : "✗"} · runDueDigests there ${seconds(run.ms)}, ${count(run.queued)} digests`,
      );
      targets.push({
        label: "naive and indexed matching find the same pairs (tenth)",
        applies: true,
        met: naive.same,
        detail: `${count(naive.pairs)} pairs naively, ${naive.same ? "the same" : "different"} through the index`,
      });
      naiveData = { ...naive, run };
    } finally {
      tenth.close();
    }

    // Growth with the number of alerts, against the same listings.
    const points: Point[] = [main];
    for (const alerts of [...new Set(digestAlerts)].sort((a, b) => a - b)) {
      if (alerts !== mainAlerts)
        points.push(await measure(specOf(alerts, digestListings), parts, options, memory));
    }
    points.sort((a, b) => a.spec.alerts - b.spec.alerts);
    lines.push(...growthLines(points, digestListings));
    for (const p of points) {
      if (p !== main && failures(p.work) > 0)
        targets.push({
          label: `digests as counted independently (${count(p.spec.alerts)} alerts)`,
          applies: true,
          met: false,
          detail: `${failures(p.work)} disagreements`,
        });
    }
    return {
      lines,
      targets,
      data: { digestAlerts, digestListings, main, naive: naiveData, growth: points },
    };
  },
};
