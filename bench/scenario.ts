/**
 * What a benchmark scenario is: a named measurement run on a bot filled with listings, or,
 * for one that needs no listings, run once per invocation.
 */
import type { Catalog } from "../storage/catalog.js";
import type { Places } from "../storage/places.js";
import type { MemoryTracker } from "./stats.js";
import type { World } from "./world.js";

/** The options of a benchmark run (bench/run.ts reads them from the command line). */
export interface BenchOptions {
  /** Corpus sizes, in order. */
  sizes: number[];
  /** Names of the scenarios to run, in order. */
  only: string[];
  /** A smoke run: tiny corpus, few runs. */
  quick: boolean;
  /** Timed runs per search query. */
  runs: number;
  /** Untimed runs per search query first. */
  warmup: number;
  /** Posts in the posting scenario. */
  posts: number;
  /** Seed of the corpus and of the posts. */
  seed: number;
  /** Keep the database files (their folder is printed). */
  keep: boolean;
  /** Folder for the temporary databases (default: the system's). */
  dir?: string;
}

/** A target of the issue, checked on the figures. */
export interface Target {
  label: string;
  /** Whether the target applies at this corpus size (else shown as information only). */
  applies: boolean;
  met: boolean;
  /** The figures compared: "0.93 ms vs 1.5 × 0.40 ms". */
  detail: string;
}

/** What a scenario measured. */
export interface ScenarioOutcome {
  /** Lines of the plain-text report. */
  lines: string[];
  targets: Target[];
  /** Figures for bench/out/latest.json. */
  data: Record<string, unknown>;
}

/** A named measurement, selectable with `--only=<name>`. */
export interface Scenario {
  name: string;
  /** One line saying what it measures. */
  summary: string;
  run(
    world: World,
    size: number,
    options: BenchOptions,
    memory: MemoryTracker,
  ): Promise<ScenarioOutcome>;
}

/**
 * A scenario that needs no listings corpus. bench/run.ts runs these once per invocation,
 * after the sizes (and builds no corpus at all when only these are selected): running the
 * delivery scenario once per corpus size would measure the same thing twice and, with
 * `--only=delivery`, build 1,000,000 listings for nothing.
 */
export interface OnceScenario {
  name: string;
  /** One line saying what it measures. */
  summary: string;
  run(
    options: BenchOptions,
    memory: MemoryTracker,
    parts: { places: Places; catalog: Catalog },
  ): Promise<ScenarioOutcome>;
}
