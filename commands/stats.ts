/**
 * `/stats [période] [csv]` — a network's activity for its animators (in one of its rooms), or
 * the territory's for its administrators: listings posted by kind and category, need–offer
 * matches, how listings ended, active members; with a chart of the listings posted week by
 * week, and the figures as a CSV file on request. Sent in private.
 */
import { UserError } from "../bot/errors.js";
import { list, message, paragraph, strong, type Block } from "../bot/reply.js";
import { calendarDate, parseDays, wallClockTime, zoneOffset } from "../bot/time.js";
import { networkById } from "../storage/networks.js";
import { statsOf, type Stats, type StatsScope } from "../storage/stats.js";
import { nameKey } from "../storage/text.js";
import { parsedArgs } from "./args.js";
import { defineCommand, type CommandContext, type Reply } from "./types.js";

const DAY = 86_400_000;
/** The default period: the last 30 days. */
const DEFAULT_DAYS = 30;
/** The longest period: about two years. */
const MAX_DAYS = 800;

/** A period: from (included) to (excluded). */
interface Period {
  from: number;
  to: number;
}

/** Reads `30j`, `6sem`, `12mois`, `2026`, `2026-11`; none: the last 30 days. */
function readPeriod(ctx: CommandContext, typed: string | undefined): Period {
  const zone = ctx.settings.timeZone;
  const [y, m, d] = calendarDate(ctx.now, zone);
  const endOfToday = wallClockTime(y, m, d + 1, 0, 0, 0, zone);
  if (!typed) return { from: endOfToday - DEFAULT_DAYS * DAY, to: endOfToday };
  const days = parseDays(typed);
  const match = /^(\d{4})(?:-(\d{1,2}))?$/.exec(typed.trim());
  if (days !== undefined) {
    if (days >= 1 && days <= MAX_DAYS) return { from: endOfToday - days * DAY, to: endOfToday };
  } else if (match) {
    const year = Number(match[1]);
    const month = match[2] ? Number(match[2]) : undefined;
    if (month === undefined || (month >= 1 && month <= 12)) {
      const from = wallClockTime(year, month ?? 1, 1, 0, 0, 0, zone);
      const to =
        month === undefined
          ? wallClockTime(year + 1, 1, 1, 0, 0, 0, zone)
          : wallClockTime(year, month + 1, 1, 0, 0, 0, zone);
      if (from < ctx.now) return { from, to: Math.min(to, endOfToday) };
    }
  }
  throw new UserError("stats-period-invalid", {
    typed: typed.slice(0, 20),
    examples: ["30j", "12mois", String(y), `${y}-${String(m).padStart(2, "0")}`]
      .map((p) => `${ctx.command("stats")} ${p}`)
      .join(", "),
  });
}

/** Whose figures the person may see here. */
function scopeOf(
  ctx: CommandContext,
  territoryAsked: boolean,
): { scope: StatsScope; name: string } {
  const networkId = ctx.room.kind === "group" ? ctx.room.networkId : null;
  if (networkId !== null && !territoryAsked) {
    return {
      scope: { networkId },
      name: ctx.t("stats-network", { name: networkById(ctx.db, networkId)?.name ?? "?" }),
    };
  }
  if (ctx.role !== "admin") {
    throw new UserError(territoryAsked ? "stats-territory-admin" : "stats-no-network");
  }
  return {
    scope: { all: true },
    name: ctx.t("stats-territory", { name: ctx.settings.territoryName }),
  };
}

/** "25 offres, 17 besoins". */
function byKind(ctx: CommandContext, rows: { kind: string; count: number }[]): string {
  const count = (kind: string) =>
    rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.count, 0);
  return ctx.t("stats-by-kind", { offers: count("offer"), needs: count("need") });
}

/** The figures as sentences: totals, then the categories, then what followed. */
function figures(ctx: CommandContext, stats: Stats): Block[] {
  const categories = [...new Set(stats.posted.map((p) => p.category))];
  const total = stats.posted.reduce((n, p) => n + p.count, 0);
  const ended = stats.ended.map((e) => ctx.t("stats-ended-one", { how: e.how, count: e.count }));
  const blocks: Block[] = [
    paragraph(strong(ctx.t("stats-posted", { count: total })), ` (${byKind(ctx, stats.posted)})`),
  ];
  if (categories.length > 0) {
    blocks.push(
      list(
        categories.map((c) => [
          ctx.t(`category-${c}`),
          " : ",
          byKind(
            ctx,
            stats.posted.filter((p) => p.category === c),
          ),
        ]),
      ),
    );
  }
  blocks.push(
    list([
      [ctx.t("stats-matches", { count: stats.matches })],
      [ctx.t("stats-contacts", { count: stats.contacts })],
      [ctx.t("stats-ended", { count: ended.length, list: ended.join(", ") })],
      [ctx.t("stats-active", { count: stats.activeMembers })],
      [ctx.t("stats-structures", { count: stats.activeStructures })],
    ]),
  );
  return blocks;
}

/** The figures as CSV: one line per figure, with what it counts. */
function csvOf(stats: Stats, period: Period): string {
  const rows: (string | number)[][] = [["figure", "kind", "category", "week", "how", "count"]];
  for (const p of stats.posted) rows.push(["posted", p.kind, p.category, "", "", p.count]);
  for (const w of stats.weekly) rows.push(["posted_per_week", w.kind, "", w.week, "", w.count]);
  rows.push(["matches", "", "", "", "", stats.matches]);
  for (const e of stats.ended) rows.push(["ended", "", "", "", e.how, e.count]);
  rows.push(["contacts", "", "", "", "", stats.contacts]);
  rows.push(["active_members", "", "", "", "", stats.activeMembers]);
  rows.push(["active_structures", "", "", "", "", stats.activeStructures]);
  rows.push(["period_from", "", "", new Date(period.from).toISOString(), "", ""]);
  rows.push(["period_to", "", "", new Date(period.to).toISOString(), "", ""]);
  return `${rows.map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(",")).join("\r\n")}\r\n`;
}

/** `/stats [période] [territoire] [csv]`. */
export const statsCommand = defineCommand({
  id: "stats",
  names: { fr: ["stats", "statistiques"], en: ["stats", "statistics"] },
  section: "moderate",
  access: "animator",
  args: parsedArgs,
  run(ctx, args) {
    const words = args.words.map((w) => nameKey(w));
    const wantsCsv = words.includes("csv");
    const territoryAsked = words.some((w) => w === "territoire" || w === "territory");
    const typedPeriod = args.words.find(
      (w) => !["csv", "territoire", "territory"].includes(nameKey(w)),
    );
    const period = readPeriod(ctx, typedPeriod);
    const { scope, name } = scopeOf(ctx, territoryAsked);
    const offset = zoneOffset(period.to, ctx.settings.timeZone);
    const stats = statsOf(ctx.db, scope, period.from, period.to, offset);
    const heading = ctx.t("stats-heading", {
      name,
      from: new Date(period.from),
      to: new Date(period.to - 1),
    });
    const replies: Reply[] = [
      {
        text: message([paragraph(strong(heading)), ...figures(ctx, stats)]),
        to: "private",
        ...(stats.weekly.length > 0
          ? {
              makeFile: {
                kind: "image" as const,
                filename: "stats.png",
                chart: {
                  bars: stats.weekly.map((w) => ({
                    x: ctx.t("stats-chart-week-of", { date: new Date(`${w.week}T12:00:00Z`) }),
                    group: ctx.t(`kind-${w.kind}-plural`),
                    value: w.count,
                  })),
                  labels: {
                    title: ctx.t("stats-chart-title", { name }),
                    x: ctx.t("stats-chart-week"),
                    y: ctx.t("stats-chart-listings"),
                  },
                },
              },
            }
          : {}),
      },
    ];
    if (wantsCsv) {
      replies.push({
        text: message([paragraph(ctx.t("stats-csv"))]),
        to: "private",
        makeFile: { kind: "document", filename: "stats.csv", text: csvOf(stats, period) },
      });
    }
    return replies;
  },
});
