/**
 * The opt-in HTTP health endpoint (HEALTH_PORT): `GET /health` answers 200 when the database
 * answers a query and every platform connection is connected, 503 otherwise, with a JSON body
 * saying what is wrong. For Docker's HEALTHCHECK, systemd watchdogs, uptime monitors.
 *
 *   { "status": "ok" | "unhealthy" | "starting" | "stopping",
 *     "phase": "running", "checkedAt": "<ISO time>",
 *     "database": { "ok": true, "outbox": { "pending": 0, "oldestPendingSeconds": null } },
 *     "platforms": { "telegram": { "state": "connected", "since": "<ISO time>" } } }
 *
 * It reveals no member data and accepts no input: it can face a monitoring network, but is
 * bound to 127.0.0.1 unless HEALTH_HOST says otherwise.
 */
import { createServer, type Server } from "node:http";
import type { Adapter, ConnectionHealth } from "../adapters/types.js";
import type { Db } from "../storage/db.js";
import type { AppPhase } from "./app.js";
import type { Logger } from "./logger.js";

/** What the endpoint reports. */
export interface HealthReport {
  status: "ok" | "unhealthy" | "starting" | "stopping";
  phase: AppPhase;
  checkedAt: string;
  database:
    | { ok: true; outbox: { pending: number; oldestPendingSeconds: number | null } }
    | { ok: false; error: string };
  platforms: Record<string, Omit<ConnectionHealth, "since"> & { since?: string }>;
}

/** What the report is made from (the running app gives these). */
export interface HealthSource {
  db: Db;
  adapters: ReadonlyMap<string, Adapter>;
  readonly phase: AppPhase;
}

/** Checks the database with one small indexed query, and reads each connection's state. */
export function healthReport(source: HealthSource, now = Date.now()): HealthReport {
  let database: HealthReport["database"];
  try {
    const row = source.db.$client
      .prepare(
        "SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE state = 'pending'",
      )
      .get() as { pending: number; oldest: number | null };
    database = {
      ok: true,
      outbox: {
        pending: row.pending,
        oldestPendingSeconds: row.oldest === null ? null : Math.round((now - row.oldest) / 1000),
      },
    };
  } catch (error) {
    database = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const platforms: HealthReport["platforms"] = {};
  let connected = true;
  for (const [name, adapter] of source.adapters) {
    // An adapter that reports nothing (the console) is there as long as the bot runs.
    const health = adapter.health?.() ?? { state: "connected", since: undefined };
    if (health.state !== "connected") connected = false;
    platforms[name] = {
      ...health,
      since: health.since === undefined ? undefined : new Date(health.since).toISOString(),
    };
  }
  const phase = source.phase;
  const status =
    phase === "stopping" || phase === "stopped"
      ? "stopping"
      : phase !== "running"
        ? "starting"
        : database.ok && connected
          ? "ok"
          : "unhealthy";
  return { status, phase, checkedAt: new Date(now).toISOString(), database, platforms };
}

/** A running health server. */
export interface HealthServer {
  /** The port bound (useful with HEALTH_PORT=0). */
  port: number;
  close(): Promise<void>;
}

/** Serves `GET /health` (and `/`) on `host:port`. */
export async function startHealthServer(options: {
  host: string;
  port: number;
  source: HealthSource;
  logger: Logger;
}): Promise<HealthServer> {
  const log = options.logger.child({ module: "health" });
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path !== "/health" && path !== "/") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found: try /health\n");
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const report = healthReport(options.source);
    const body = `${JSON.stringify(report)}\n`;
    if (report.status !== "ok") log.debug({ report }, "health check: not healthy");
    response
      .writeHead(report.status === "ok" ? 200 : 503, {
        "content-type": "application/json",
        "cache-control": "no-store",
      })
      .end(request.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  log.info({ host: options.host, port }, "health endpoint listening");
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
