/**
 * Activity figures of a network or of the whole territory over a period: listings posted by
 * kind and category, need–offer matches found, contacts made, how listings ended, members and
 * structures active, and the
 * listings posted week by week (commands/stats.ts shows them, bot/charts.ts draws them).
 */
import type { Db } from "./db.js";

/** Whose figures: a network's, or the territory's. */
export type StatsScope = { networkId: number } | { all: true };

/** The figures of a period. */
export interface Stats {
  /** Listings posted, by kind and category. */
  posted: { kind: "offer" | "need"; category: string; count: number }[];
  /** Need–offer matches found between listings posted in the period. */
  matches: number;
  /** Listings that ended in the period, by how: given, received, done, withdrawn; expired; removed. */
  ended: { how: string; count: number }[];
  /** Conversations opened through the bot about the listings (`/contacter`). */
  contacts: number;
  /** Members who posted, or wrote in the network's rooms, in the period. */
  activeMembers: number;
  /** Structures on whose behalf listings were posted in the period. */
  activeStructures: number;
  /** Listings posted per week (weeks start on Monday, `week` is its date), by kind. */
  weekly: { week: string; kind: "offer" | "need"; count: number }[];
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-05 was a Monday: weeks are counted from it. */
const FIRST_MONDAY = 4 * DAY;

/**
 * The figures of `scope` between `from` (included) and `to` (excluded). `offsetMs` is the
 * territory's offset from UTC, so that weeks begin at its midnight.
 */
export function statsOf(
  db: Db,
  scope: StatsScope,
  from: number,
  to: number,
  offsetMs: number,
): Stats {
  const client = db.$client;
  const inScope = "networkId" in scope ? "network_id = @network" : "1";
  const params = { from, to, network: "networkId" in scope ? scope.networkId : null };
  const posted = client
    .prepare<typeof params, Stats["posted"][number]>(
      `SELECT kind, category, count(*) AS count FROM listings
       WHERE ${inScope} AND created_at >= @from AND created_at < @to
       GROUP BY kind, category ORDER BY count DESC, category`,
    )
    .all(params);
  const matches =
    client
      .prepare<typeof params, number>(
        `SELECT count(*) FROM listing_matches m JOIN listings l ON l.id = m.listing_id
         WHERE ${inScope.replace("network_id", "l.network_id")}
           AND m.created_at >= @from AND m.created_at < @to`,
      )
      .pluck()
      .get(params) ?? 0;
  const ended = client
    .prepare<typeof params, Stats["ended"][number]>(
      `SELECT CASE status WHEN 'closed' THEN coalesce(outcome, 'done') ELSE status END AS how,
              count(*) AS count
       FROM listings
       WHERE ${inScope} AND status IN ('closed', 'expired', 'removed')
         AND coalesce(closed_at, expires_at) >= @from AND coalesce(closed_at, expires_at) < @to
       GROUP BY how ORDER BY count DESC, how`,
    )
    .all(params);
  const activeMembers =
    client
      .prepare<typeof params, number>(
        `SELECT count(*) FROM members m
         WHERE (${"networkId" in scope ? "m.last_network_id = @network" : "1"}
                AND m.last_seen_at >= @from AND m.last_seen_at < @to)
            OR m.id IN (SELECT author_id FROM listings
                        WHERE ${inScope} AND created_at >= @from AND created_at < @to)`,
      )
      .pluck()
      .get(params) ?? 0;
  const contacts =
    client
      .prepare<typeof params, number>(
        `SELECT count(*) FROM contact_threads t JOIN listings l ON l.id = t.listing_id
         WHERE ${inScope.replace("network_id", "l.network_id")}
           AND t.created_at >= @from AND t.created_at < @to`,
      )
      .pluck()
      .get(params) ?? 0;
  const activeStructures =
    client
      .prepare<typeof params, number>(
        `SELECT count(DISTINCT structure_id) FROM listings
         WHERE ${inScope} AND structure_id IS NOT NULL AND created_at >= @from AND created_at < @to`,
      )
      .pluck()
      .get(params) ?? 0;
  const weekly = client
    .prepare<
      typeof params & { offset: number },
      { week: number; kind: "offer" | "need"; count: number }
    >(
      `SELECT CAST((created_at + @offset - ${FIRST_MONDAY}) / ${WEEK} AS INTEGER) AS week, kind,
              count(*) AS count
       FROM listings
       WHERE ${inScope} AND created_at >= @from AND created_at < @to
       GROUP BY week, kind ORDER BY week, kind`,
    )
    .all({ ...params, offset: offsetMs })
    .map((r) => ({
      week: new Date(r.week * WEEK + FIRST_MONDAY).toISOString().slice(0, 10),
      kind: r.kind,
      count: r.count,
    }));
  return { posted, matches, ended, contacts, activeMembers, activeStructures, weekly };
}
