/**
 * Small measuring tools of the benchmark: percentiles of timings, a memory peak tracker and
 * number formatting for the report.
 */

/** Percentiles of a set of durations, in milliseconds. */
export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * The `p` percentile (0–100) of sorted values, nearest-rank method: p95 of 30 runs is the
 * 29th value, so one slow outlier out of 30 does not move it but two do.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** p50, p95, max and mean of durations in milliseconds. */
export function summarize(durations: readonly number[]): Summary {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = sorted.reduce((sum, d) => sum + d, 0);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length > 0 ? total / sorted.length : Number.NaN,
  };
}

/** Milliseconds elapsed since `start` (a `performance.now()` value). */
export function since(start: number): number {
  return performance.now() - start;
}

/** The highest memory figures seen, in bytes. */
export interface MemoryPeak {
  rss: number;
  heapUsed: number;
}

/**
 * Tracks the peak of `rss` and `heapUsed`, overall and per phase. The work measured is
 * synchronous (better-sqlite3), so a timer alone would miss it: the benchmark also calls
 * `sample()` between runs and every few thousand rows, never inside a timed section.
 */
export class MemoryTracker {
  private overall: MemoryPeak = { rss: 0, heapUsed: 0 };
  private phase: MemoryPeak = { rss: 0, heapUsed: 0 };
  private timer: NodeJS.Timeout | undefined;

  /** Samples every `intervalMs` while the event loop is free, until `stop()`. */
  start(intervalMs = 50): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Reads the process's memory now. */
  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    for (const peak of [this.overall, this.phase]) {
      peak.rss = Math.max(peak.rss, rss);
      peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
    }
  }

  /** Starts a new phase (a build, a scenario); returns the peak of the previous one. */
  nextPhase(): MemoryPeak {
    this.sample();
    const previous = this.phase;
    const { rss, heapUsed } = process.memoryUsage();
    this.phase = { rss, heapUsed };
    return previous;
  }

  /** The peak of the current phase so far. */
  phasePeak(): MemoryPeak {
    this.sample();
    return { ...this.phase };
  }

  /** The peak since the start. */
  overallPeak(): MemoryPeak {
    this.sample();
    return { ...this.overall };
  }
}

/** The operating system's record of the process's peak resident memory, in bytes. */
export function maxRssBytes(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS * 1024;
}

/** "1,000,000" */
export function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Milliseconds with a precision that suits their size: "0.214", "3.41", "27.9", "1,204". */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return count(value);
}

/** Seconds from milliseconds: "95.2 s". */
export function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

/** "512 MB", "1.23 GB" (powers of 1024, as `free` and `top` show them: MiB, GiB). */
export function bytes(n: number): string {
  const mib = n / 1024 / 1024;
  if (mib < 1024) return `${mib.toFixed(mib < 10 ? 1 : 0)} MiB`;
  return `${(mib / 1024).toFixed(2)} GiB`;
}

/** "27.3 %" */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "–" : `${((100 * part) / whole).toFixed(1)} %`;
}

/** A seeded pseudo-random generator (mulberry32): the same corpus for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of a non-empty list, chosen with `rand`. */
export function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick: empty list");
  return item;
}

/** One key of a table of weights, chosen with `rand` in proportion to its weight. */
export function weighted<K extends string>(rand: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let target = rand() * total;
  for (const [key, w] of entries) {
    target -= w;
    if (target < 0) return key;
  }
  const last = entries.at(-1);
  if (!last) throw new Error("weighted: no weights");
  return last[0];
}
