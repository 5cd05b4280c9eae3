/** Figures of the whole territory, for the operator (`npm run admin -- stats`). */
import type { Db } from "./db.js";

/** Listings of one kind, by status. */
export type StatusCounts = Record<"open" | "closed" | "expired" | "removed" | "pending", number>;

/** The territory in figures. */
export interface TerritoryFigures {
  listings: Record<"offer" | "need", StatusCounts>;
  members: { total: number; byPlatform: Record<string, number>; seenLast30Days: number };
  networks: {
    id: number;
    name: string;
    groupRooms: number;
    openListings: number;
    members: number;
  }[];
  rooms: { groups: number; inactiveGroups: number; direct: number; unbound: number };
  alerts: { total: number; paused: number };
  outbox: {
    pending: number;
    sending: number;
    sent: number;
    failed: number;
    held: number;
    /** When the oldest pending message was queued (null: none). */
    oldestPendingAt: number | null;
  };
}

const DAY_MS = 86_400_000;

/** Counts everything the operator looks at, in a few grouped queries. */
export function territoryFigures(db: Db, now: number): TerritoryFigures {
  const q = db.$client;
  const empty = (): StatusCounts => ({ open: 0, closed: 0, expired: 0, removed: 0, pending: 0 });
  const listings = { offer: empty(), need: empty() };
  for (const row of q
    .prepare(
      "SELECT kind, status, count(*) AS n FROM listings WHERE redacted_at IS NULL GROUP BY kind, status",
    )
    .all() as { kind: "offer" | "need"; status: keyof StatusCounts; n: number }[]) {
    listings[row.kind][row.status] = row.n;
  }
  const byPlatform: Record<string, number> = {};
  for (const row of q
    .prepare("SELECT platform, count(*) AS n FROM members GROUP BY platform ORDER BY platform")
    .all() as { platform: string; n: number }[]) {
    byPlatform[row.platform] = row.n;
  }
  const seenLast30Days = q
    .prepare("SELECT count(*) FROM members WHERE last_seen_at >= ?")
    .pluck()
    .get(now - 30 * DAY_MS) as number;
  const networks = q
    .prepare(
      `SELECT n.id, n.name,
        (SELECT count(*) FROM rooms r WHERE r.network_id = n.id AND r.kind = 'group' AND r.active) AS groupRooms,
        (SELECT count(*) FROM listings l WHERE l.network_id = n.id AND l.status = 'open' AND l.redacted_at IS NULL) AS openListings,
        (SELECT count(*) FROM members m WHERE m.last_network_id = n.id) AS members
       FROM networks n ORDER BY n.name`,
    )
    .all() as TerritoryFigures["networks"];
  const rooms = q
    .prepare(
      `SELECT
        coalesce(sum(kind = 'group' AND active), 0) AS groups,
        coalesce(sum(kind = 'group' AND NOT active), 0) AS inactiveGroups,
        coalesce(sum(kind = 'direct'), 0) AS direct,
        coalesce(sum(kind = 'group' AND active AND network_id IS NULL), 0) AS unbound
       FROM rooms`,
    )
    .get() as TerritoryFigures["rooms"];
  const alerts = q
    .prepare("SELECT count(*) AS total, coalesce(sum(paused), 0) AS paused FROM alerts")
    .get() as TerritoryFigures["alerts"];
  const outbox = { pending: 0, sending: 0, sent: 0, failed: 0, held: 0, oldestPendingAt: null };
  const states = q
    .prepare("SELECT state, count(*) AS n, min(created_at) AS oldest FROM outbox GROUP BY state")
    .all() as { state: keyof typeof outbox; n: number; oldest: number }[];
  const figures: TerritoryFigures["outbox"] = outbox;
  for (const row of states) {
    if (row.state === "oldestPendingAt") continue;
    figures[row.state] = row.n;
    if (row.state === "pending") figures.oldestPendingAt = row.oldest;
  }
  return {
    listings,
    members: {
      total: Object.values(byPlatform).reduce((a, b) => a + b, 0),
      byPlatform,
      seenLast30Days,
    },
    networks,
    rooms,
    alerts,
    outbox: figures,
  };
}
