/**
 * The health endpoint on a bot with a recording adapter: what it says before the start, while
 * running, when a connection or the database fails, and to requests it does not serve.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ConnectionHealth } from "../../adapters/types.js";
import { createApp } from "../../bot/app.js";
import { startHealthServer, type HealthReport, type HealthServer } from "../../bot/health.js";
import { silentLogger } from "../../bot/logger.js";
import { message, paragraph } from "../../bot/reply.js";
import { places, RecordingAdapter, testConfig } from "../helpers/harness.js";
import { queueMessage } from "../helpers/wire.js";

/** A recording adapter whose connection state the test sets. */
class ReportingAdapter extends RecordingAdapter {
  state: ConnectionHealth = { state: "connected", since: Date.parse("2026-11-29T08:00:00Z") };
  health(): ConnectionHealth {
    return this.state;
  }
}

const servers: HealthServer[] = [];
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const stop of stops.splice(0)) await stop();
});

async function setup() {
  const app = createApp(testConfig(), { places: places() });
  stops.push(() => app.stop());
  const adapter = new ReportingAdapter("telegram");
  app.addAdapter(adapter);
  app.addAdapter(new RecordingAdapter("console"));
  const server = await startHealthServer({
    host: "127.0.0.1",
    port: 0,
    source: app,
    logger: silentLogger(),
  });
  servers.push(server);
  const get = async (path = "/health", method = "GET") => {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      text,
      body: (text.startsWith("{") ? JSON.parse(text) : undefined) as HealthReport,
    };
  };
  return { app, adapter, get };
}

describe("the health endpoint", () => {
  it("answers 503 starting before the platforms are connected, then 200 with the details", async () => {
    const { app, get } = await setup();
    const before = await get();
    expect(before.status).toBe(503);
    expect(before.body.status).toBe("starting");

    await app.start();
    queueMessage(
      app,
      { kind: "room", platform: "matrix", roomId: "!nowhere:example.org" },
      { text: message([paragraph("pour une plateforme absente")]) },
    );
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(ok.type).toBe("application/json");
    expect(ok.body).toEqual({
      status: "ok",
      phase: "running",
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      database: {
        ok: true,
        outbox: { pending: 1, oldestPendingSeconds: expect.any(Number) as unknown },
      },
      platforms: {
        telegram: { state: "connected", since: "2026-11-29T08:00:00.000Z" },
        console: { state: "connected" },
      },
    });
  });

  it("answers 503 with the failing connection's state and last error", async () => {
    const { app, adapter, get } = await setup();
    await app.start();
    adapter.state = { state: "reconnecting", since: Date.now(), lastError: "ETIMEDOUT" };
    const down = await get();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe("unhealthy");
    expect(down.body.platforms.telegram).toMatchObject({
      state: "reconnecting",
      lastError: "ETIMEDOUT",
    });
  });

  it("answers 503 when the database does not answer", async () => {
    const { app, get } = await setup();
    await app.start();
    app.db.$client.exec("DROP TABLE outbox");
    const down = await get();
    expect(down.status).toBe(503);
    expect(down.body.database).toEqual({ ok: false, error: "no such table: outbox" });
  });

  it("serves only GET and HEAD on /health and /", async () => {
    const { app, get } = await setup();
    await app.start();
    expect((await get("/")).status).toBe(200);
    expect((await get("/health", "HEAD")).status).toBe(200);
    expect((await get("/metrics")).status).toBe(404);
    expect((await get("/health", "POST")).status).toBe(405);
  });
});
