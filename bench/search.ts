/**
 * The search scenario: typical `/chercher` queries timed at four depths, from the bare FTS5
 * statements to the whole pipeline, so that the report shows both the end-to-end figure the
 * issue asks for and where its time goes.
 */
import type { Locale } from "../bot/i18n.js";
import { parseArgs, parseCommandLine, sanitizeText } from "../bot/parse.js";
import { plainText } from "../bot/reply.js";
import type { ParsedArgs } from "../bot/parse.js";
import { criteriaFromArgs, SEARCH_PAGE_SIZE } from "../commands/search.js";
import type { Command, CommandContext, Reply } from "../commands/types.js";
import { inTransaction } from "../storage/db.js";
import { searchListings, searchQueries, type SearchCriteria } from "../storage/search.js";
import type { Scenario, Target } from "./scenario.js";
import { count, ms, since, summarize, type Summary } from "./stats.js";
import {
  commandContext,
  emptyOutbox,
  inbound,
  speakerRows,
  type Speaker,
  type World,
} from "./world.js";

/** A query as a member would type it, and what it exercises. */
interface QueryCase {
  text: string;
  locale: Locale;
}

/** Typical queries: words, filters, both, none; common, rare and absent words; English. */
export const QUERIES: readonly QueryCase[] = [
  { text: "/chercher camionnette lieu:65", locale: "fr" },
  { text: "/chercher salle réunion", locale: "fr" },
  { text: "/chercher #alimentation type:besoin", locale: "fr" },
  { text: '/chercher fruits rouges lieu:"CA Tarbes-Lourdes-Pyrénées"', locale: "fr" },
  { text: "/chercher", locale: "fr" },
  { text: "/chercher sérigraphie", locale: "fr" },
  { text: "/chercher disponible", locale: "fr" },
  { text: "/search van in:65", locale: "en" },
  { text: "/chercher camionnette statut:toutes", locale: "fr" },
  { text: "/chercher véhicules lieu:Tarbes", locale: "fr" },
  { text: "/chercher mécénat compétences #competences", locale: "fr" },
  { text: "/chercher lieu:Lourdes", locale: "fr" },
  { text: "/chercher palettes lieu:31 modalite:don", locale: "fr" },
  { text: "/chercher #locaux lieu:Occitanie", locale: "fr" },
  { text: "/chercher chambre froide lieu:Bagnères-de-Bigorre", locale: "fr" },
  { text: "/chercher formation type:offre lieu:65", locale: "fr" },
  { text: "/chercher traiteur bio #services lieu:65", locale: "fr" },
  { text: "/chercher statut:expirees #vehicules", locale: "fr" },
  { text: "/chercher vélo", locale: "fr" },
  { text: "/chercher xylophone", locale: "fr" },
  { text: "/chercher disponible lieu:Lourdes #projets modalite:mutualisation", locale: "fr" },
];

/** The statement searchListings runs for each FTS5 query (storage/search.ts PAGE_SQL). */
const PAGE_SQL =
  "SELECT rowid FROM listings_fts WHERE listings_fts MATCH ? ORDER BY rowid DESC LIMIT ?";

const DEPTHS = ["bare", "storage", "command", "pipeline"] as const;
type Depth = (typeof DEPTHS)[number];
const STAGES = ["parse", "run", "render"] as const;
type Stage = (typeof STAGES)[number];

/** The figures of one query. */
type QueryRow = { query: string; found: string; fts: string[] } & Record<Depth, Summary>;

/** Everything a query needs, prepared before timing. */
interface Prepared {
  query: QueryCase;
  speaker: Speaker;
  ctx: () => CommandContext;
  command: Command;
  criteria: SearchCriteria;
  ftsQueries: string[];
  found: string;
}

function parse(world: World, text: string): { command: Command; args: ParsedArgs } {
  const line = parseCommandLine(sanitizeText(text));
  const command = line && world.app.registry.find(line.name);
  if (!line || !command) throw new Error(`not a command: ${text}`);
  const args = parseArgs(line.argsText, {
    options: command.options ?? [],
    extendOption: (option, words) =>
      option === "place" ? (world.app.places.resolvePrefix(words)?.used ?? 1) : 1,
  });
  return { command, args };
}

function prepare(world: World, query: QueryCase): Prepared {
  const speaker: Speaker = {
    userId: `searcher-${query.locale}`,
    displayName: query.locale === "fr" ? "Chercheuse" : "Searcher",
    roomId: "bench-search",
    localeHint: query.locale,
  };
  const { member, room } = speakerRows(world, speaker);
  const ctx = () => commandContext(world, member, room, query.locale);
  const { command, args } = parse(world, query.text);
  const parsed = command.args.safeParse(args);
  if (!parsed.success) throw new Error(`${query.text}: ${parsed.error.message}`);
  // Throws a UserError (unknown place, category...) if the query is not a good example.
  const criteria = criteriaFromArgs(ctx(), args);
  const page = searchListings(world.app.db, world.app.places, criteria, 0, SEARCH_PAGE_SIZE);
  const found = page.hasMore ? `${page.listings.length}+` : String(page.listings.length);
  const ftsQueries = searchQueries(world.app.places, criteria);
  return { query, speaker, ctx, command, criteria, ftsQueries, found };
}

/** One timed run at each depth; returns the durations and the command's stages. */
async function runOnce(
  world: World,
  p: Prepared,
  bare: (queries: string[]) => number,
): Promise<{ depth: Record<Depth, number>; stage: Record<Stage, number> }> {
  const { db, places, pipeline } = world.app;
  let start = performance.now();
  bare(p.ftsQueries);
  const bareMs = since(start);

  start = performance.now();
  searchListings(db, places, p.criteria, 0, SEARCH_PAGE_SIZE);
  const storageMs = since(start);

  const ctx = p.ctx();
  start = performance.now();
  const { command, args } = parse(world, p.query.text);
  const parsed = command.args.safeParse(args);
  if (!parsed.success) throw new Error(parsed.error.message);
  const parseMs = since(start);
  // One transaction, as the pipeline runs a command (the handler saves the search).
  const result = inTransaction(db, () => command.run(ctx, parsed.data));
  const runMs = since(start) - parseMs;
  // The reply the person reads (in a group, long results come with a pointer first).
  const replies = result === undefined ? [] : Array.isArray(result) ? result : [result];
  const text = replies.map((r: Reply) => plainText(r.text)).join("\n\n");
  const commandMs = since(start);
  if (text.startsWith("⛔")) throw new Error(`${p.query.text}: ${text}`);

  const event = inbound(world, p.speaker, p.query.text);
  start = performance.now();
  await pipeline.handle(event);
  const pipelineMs = since(start);
  return {
    depth: { bare: bareMs, storage: storageMs, command: commandMs, pipeline: pipelineMs },
    stage: { parse: parseMs, run: runMs, render: commandMs - parseMs - runMs },
  };
}

/** The last reply queued by the pipeline, as plain text (to check it is not an error). */
function lastReply(world: World): string {
  const payload = world.app.db.$client
    .prepare<[], string>("SELECT payload FROM outbox ORDER BY id DESC LIMIT 1")
    .pluck()
    .get();
  if (payload === undefined) return "";
  return plainText((JSON.parse(payload) as { text: Reply["text"] }).text);
}

function summarizeEach<K extends string>(times: Record<K, number[]>): Record<K, Summary> {
  const entries = Object.entries(times) as [K, number[]][];
  return Object.fromEntries(entries.map(([k, v]) => [k, summarize(v)])) as Record<K, Summary>;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const pair = (s: Summary) => lpad(`${ms(s.p50)}/${ms(s.p95)}`, 13);

/** The search scenario. */
export const searchScenario: Scenario = {
  name: "search",
  summary: "p50/p95 of /chercher end to end beside the bare FTS5 query",
  async run(world, size, options, memory) {
    const { db } = world.app;
    const statement = db.$client.prepare<[string, number], number>(PAGE_SQL).pluck();
    // Exactly what searchListings does for page 0, on a statement prepared once.
    const bare = (queries: string[]): number => {
      let found = 0;
      for (const query of queries) {
        found += statement.all(query, SEARCH_PAGE_SIZE + 1 - found).length;
        if (found > SEARCH_PAGE_SIZE) break;
      }
      return found;
    };
    const all: Record<Depth, number[]> = { bare: [], storage: [], command: [], pipeline: [] };
    const stages: Record<Stage, number[]> = { parse: [], run: [], render: [] };
    const rows: QueryRow[] = [];
    const lines: string[] = [];
    for (const query of QUERIES) {
      const p = prepare(world, query);
      for (let i = 0; i < options.warmup; i++) await runOnce(world, p, bare);
      const reply = lastReply(world);
      if (reply.startsWith("⛔")) throw new Error(`${query.text}: ${reply}`);
      const times: Record<Depth, number[]> = { bare: [], storage: [], command: [], pipeline: [] };
      for (let i = 0; i < options.runs; i++) {
        const run = await runOnce(world, p, bare);
        for (const d of DEPTHS) times[d].push(run.depth[d]);
        for (const s of STAGES) stages[s].push(run.stage[s]);
        memory.sample();
      }
      // No delivery runs here: drop the queued replies and saved searches between queries
      // (untimed) so that the tables the pipeline writes stay at their everyday size.
      emptyOutbox(world);
      db.$client.prepare("DELETE FROM searches").run();
      for (const d of DEPTHS) all[d].push(...times[d]);
      rows.push({
        query: query.text,
        found: p.found,
        fts: p.ftsQueries,
        ...summarizeEach(times),
      });
    }
    const overall = summarizeEach(all);
    const stageSummary = summarizeEach(stages);
    const ratio = (r: Record<Depth, Summary>) => r.pipeline.p95 / r.bare.p95;
    const within = rows.filter((r) => ratio(r) <= 1.5).length;

    lines.push(
      `search: ${QUERIES.length} queries, ${options.warmup} warm-up + ${options.runs} timed runs each at every depth, interleaved (ms, p50/p95)`,
      "  bare     = the FTS5 statements of storage/search.ts searchQueries(), prepared once, run with better-sqlite3 (page 0, limit 11)",
      "  storage  = searchListings(): the same statements prepared at each call + the page's rows fetched",
      "  command  = parse + zod + the /chercher handler (saves the search, searches, builds the reply) in one transaction + plainText",
      "  pipeline = app.pipeline.handle(): dedupe, member, room, rate limit, parse, handler, reply queued in the outbox, commit",
      "",
      `  ${pad("query", 67)} ${lpad("found", 5)} ${DEPTHS.map((d) => lpad(d, 13)).join(" ")}  ${lpad("p95 ratio", 9)}`,
    );
    for (const r of rows) {
      lines.push(
        `  ${pad(r.query, 67)} ${lpad(r.found, 5)} ${DEPTHS.map((d) => pair(r[d])).join(" ")}  ${lpad(ratio(r).toFixed(2), 9)}`,
      );
    }
    lines.push(
      `  ${pad(`all ${count(all.bare.length)} runs of each depth`, 67)} ${lpad("", 5)} ${DEPTHS.map((d) => pair(overall[d])).join(" ")}  ${lpad(ratio(overall).toFixed(2), 9)}`,
      `  queries whose pipeline p95 is within 1.5 × their bare p95: ${within} of ${rows.length}`,
      `  where the time goes (medians): bare FTS ${ms(overall.bare.p50)} · storage adds ${ms(overall.storage.p50 - overall.bare.p50)} · command parse ${ms(stageSummary.parse.p50)}, handler + commit ${ms(stageSummary.run.p50)}, plainText ${ms(stageSummary.render.p50)} · pipeline adds ${ms(overall.pipeline.p50 - overall.command.p50)} to the command`,
    );

    const applies = size >= 1_000_000;
    const targets: Target[] = [
      {
        label: "search p95 ≤ 1.5 × bare FTS5 p95",
        applies,
        met: overall.pipeline.p95 <= 1.5 * overall.bare.p95,
        detail: `pipeline ${ms(overall.pipeline.p95)} ms vs 1.5 × ${ms(overall.bare.p95)} = ${ms(1.5 * overall.bare.p95)} ms (ratio ${ratio(overall).toFixed(2)})`,
      },
      {
        label: "search p95 < 15 ms",
        applies,
        met: overall.pipeline.p95 < 15,
        detail: `pipeline ${ms(overall.pipeline.p95)} ms (slowest query p95 ${ms(Math.max(...rows.map((r) => r.pipeline.p95)))} ms)`,
      },
    ];
    return {
      lines,
      targets,
      data: { queries: rows, overall, commandStages: stageSummary, withinRatio: within },
    };
  },
};
