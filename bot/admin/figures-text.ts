/** The `stats` command's plain-text table. */
import type { StatusCounts, TerritoryFigures } from "../../storage/figures.js";

const STATUSES: (keyof StatusCounts)[] = ["open", "closed", "expired", "removed", "pending"];

function row(cells: (string | number)[], widths: number[]): string {
  return cells
    .map((cell, i) =>
      i === 0 ? String(cell).padEnd(widths[i] ?? 0) : String(cell).padStart(widths[i] ?? 0),
    )
    .join("  ")
    .trimEnd();
}

function age(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

/** The figures as the operator reads them in a terminal. */
export function formatFigures(f: TerritoryFigures, now: number, territory: string): string {
  const lines: string[] = [`Territory: ${territory}`, ""];
  const widths = [8, 7, 7, 8, 8, 8, 7];
  lines.push("Listings", row(["", ...STATUSES, "total"], widths));
  const totals: StatusCounts = { open: 0, closed: 0, expired: 0, removed: 0, pending: 0 };
  for (const kind of ["offer", "need"] as const) {
    const counts = f.listings[kind];
    for (const s of STATUSES) totals[s] += counts[s];
    const sum = STATUSES.reduce((a, s) => a + counts[s], 0);
    lines.push(row([`${kind}s`, ...STATUSES.map((s) => counts[s]), sum], widths));
  }
  lines.push(
    row(
      ["total", ...STATUSES.map((s) => totals[s]), STATUSES.reduce((a, s) => a + totals[s], 0)],
      widths,
    ),
    "",
  );
  const platforms = Object.entries(f.members.byPlatform)
    .map(([p, n]) => `${p} ${n}`)
    .join(", ");
  lines.push(
    `Members: ${f.members.total}${platforms ? ` (${platforms})` : ""}; seen in the last 30 days: ${f.members.seenLast30Days}`,
    `Alerts: ${f.alerts.total} (${f.alerts.paused} paused)`,
    `Rooms: ${f.rooms.groups} group rooms (${f.rooms.unbound} bound to no network, ${f.rooms.inactiveGroups} left), ${f.rooms.direct} private chats`,
    "",
    `Networks: ${f.networks.length}`,
  );
  if (f.networks.length > 0) {
    const nameWidth = Math.max(4, ...f.networks.map((n) => n.name.length));
    const line = (id: string, name: string, ...figures: (string | number)[]) =>
      `${id.padStart(4)}  ${name.padEnd(nameWidth)}  ${figures.map((x, i) => String(x).padStart([5, 13, 7][i] ?? 0)).join("  ")}`;
    lines.push(line("id", "name", "rooms", "open listings", "members"));
    for (const n of f.networks)
      lines.push(line(String(n.id), n.name, n.groupRooms, n.openListings, n.members));
  }
  const o = f.outbox;
  const oldest =
    o.oldestPendingAt === null ? "" : `, oldest queued ${age(now - o.oldestPendingAt)} ago`;
  lines.push(
    "",
    `Outbox: ${o.pending} pending${oldest}; ${o.sending} being sent; ${o.sent} sent; ${o.failed} failed; ${o.held} held for unreachable members`,
    "",
  );
  return lines.join("\n");
}
