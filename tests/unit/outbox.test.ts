import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../adapters/types.js";
import { createApp, type App } from "../../bot/app.js";
import { textMessage } from "../../bot/reply.js";
import { Catalog } from "../../storage/catalog.js";
import { inTransaction } from "../../storage/db.js";
import { enqueueMessage, outboxCounts } from "../../storage/outbox.js";
import { places, RecordingAdapter, testConfig } from "../helpers/harness.js";
import { waitFor } from "../helpers/wait.js";

const apps: App[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(
  adapter: RecordingAdapter | undefined,
  databasePath = ":memory:",
  maxAttempts = 25,
): Promise<App> {
  const app = createApp(testConfig({ DATABASE_PATH: databasePath }), {
    places: places(),
    catalog: Catalog.load(),
    outbox: { baseDelayMs: 5, maxDelayMs: 50, maxAttempts },
  });
  if (adapter) app.addAdapter(adapter);
  await app.start();
  apps.push(app);
  return app;
}

function queue(app: App, roomId: string, text: string, dedupeKey?: string): number | undefined {
  const id = inTransaction(app.db, () =>
    enqueueMessage(
      app.db,
      { kind: "room", platform: "test", roomId },
      { text: textMessage(text) },
      app.clock.now(),
      dedupeKey,
    ),
  );
  app.outbox.kick();
  return id;
}

function row(app: App, id: number) {
  return app.db.$client
    .prepare("SELECT state, attempts, last_error AS lastError FROM outbox WHERE id = ?")
    .get(id) as {
    state: string;
    attempts: number;
    lastError: string | null;
  };
}

describe("outbox delivery", () => {
  it("retries a rate-limited message after the delay the platform asked for, and sends it once", async () => {
    const adapter = new RecordingAdapter();
    const attempts: number[] = [];
    adapter.beforeSend = () => {
      attempts.push(Date.now());
      if (attempts.length <= 2)
        throw new DeliveryError("429 Too Many Requests", "rate-limited", 80);
    };
    const app = await start(adapter);
    const id = queue(app, "r1", "bonjour")!;
    await waitFor(() => adapter.sent.length === 1, "the message");
    expect(adapter.sent.map((s) => s.text)).toEqual(["bonjour"]);
    // Each retry waited at least what the platform asked (80 ms, minus timer granularity).
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(75);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(75);
    // Being asked to slow down is not a failed attempt.
    expect(row(app, id)).toMatchObject({ state: "sent", attempts: 1 });
  });

  it("never gives up a message only because its platform keeps asking to slow down", async () => {
    const adapter = new RecordingAdapter();
    let refusals = 0;
    adapter.beforeSend = () => {
      if (refusals++ < 6) throw new DeliveryError("429", "rate-limited", 5);
    };
    const app = await start(adapter, ":memory:", 3);
    const id = queue(app, "r1", "patience")!;
    await waitFor(() => adapter.sent.length === 1, "the message");
    expect(row(app, id)).toMatchObject({ state: "sent", attempts: 1 });
  });

  it("retries network errors with backoff until they go through", async () => {
    const adapter = new RecordingAdapter();
    let failures = 0;
    adapter.beforeSend = () => {
      if (failures++ < 4) throw new DeliveryError("ECONNRESET", "network");
    };
    const app = await start(adapter);
    const id = queue(app, "r1", "hello")!;
    await waitFor(() => adapter.sent.length === 1, "the message");
    expect(row(app, id)).toMatchObject({ state: "sent", attempts: 5 });
  });

  it("gives up at once on a message the platform refuses for good, keeping why, and goes on with the others", async () => {
    const adapter = new RecordingAdapter();
    adapter.beforeSend = (destination) => {
      if (destination.kind === "room" && destination.roomId === "gone")
        throw new DeliveryError("400 chat not found", "rejected");
    };
    const app = await start(adapter);
    const bad = queue(app, "gone", "lost cause")!;
    queue(app, "r1", "fine");
    await waitFor(() => adapter.sent.length === 1, "the good message");
    await waitFor(() => row(app, bad).state === "failed", "the refusal");
    expect(row(app, bad)).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: "400 chat not found",
    });
  });

  it("gives up after the maximum number of attempts", async () => {
    const adapter = new RecordingAdapter();
    adapter.beforeSend = () => {
      throw new DeliveryError("503", "network");
    };
    const app = await start(adapter, ":memory:", 3);
    const id = queue(app, "r1", "never")!;
    await waitFor(() => row(app, id).state === "failed", "giving up");
    expect(row(app, id).attempts).toBe(3);
  });

  it("keeps the order of messages to one destination even when the first one has to wait", async () => {
    const adapter = new RecordingAdapter();
    let first = true;
    adapter.beforeSend = (_d, message) => {
      if (first && JSON.stringify(message).includes("one")) {
        first = false;
        throw new DeliveryError("429", "rate-limited", 50);
      }
    };
    const app = await start(adapter);
    queue(app, "r1", "one");
    queue(app, "r1", "two");
    queue(app, "r2", "elsewhere");
    await waitFor(() => adapter.sent.length === 3, "three messages");
    const inR1 = adapter.sent
      .filter((s) => s.destination.kind === "room" && s.destination.roomId === "r1")
      .map((s) => s.text);
    expect(inR1).toEqual(["one", "two"]);
    // The other destination did not wait for r1's delay.
    expect(adapter.sent[0]!.text).toBe("elsewhere");
  });

  it("queues a message with a deduplication key only once", async () => {
    const adapter = new RecordingAdapter();
    const app = await start(adapter);
    expect(queue(app, "r1", "digest", "digest:ana:2026-11-29")).toBeTypeOf("number");
    expect(queue(app, "r1", "digest", "digest:ana:2026-11-29")).toBeUndefined();
    await app.outbox.drain();
    expect(adapter.sent).toHaveLength(1);
  });

  it("delivers after a restart what a stopped bot had queued or left half-sent, exactly once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "soliterr-outbox-"));
    dirs.push(dir);
    const file = join(dir, "bot.db");
    // First life: the platform is down.
    const down = new RecordingAdapter();
    down.beforeSend = () => {
      throw new DeliveryError("ENETUNREACH", "network");
    };
    const first = await start(down, file);
    for (let i = 1; i <= 20; i++) queue(first, `room${i % 3}`, `message ${i}`);
    await waitFor(
      () =>
        outboxCounts(first.db).pending + outboxCounts(first.db).sending === 20 &&
        (
          first.db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE attempts > 0").get() as {
            n: number;
          }
        ).n >= 3,
      "first attempts",
    );
    // Simulate a crash in the middle of a send: one row left in the `sending` state.
    first.db.$client.prepare("UPDATE outbox SET state = 'sending' WHERE id = 5").run();
    await first.outbox.stop(0);
    apps.splice(apps.indexOf(first), 1);
    first.db.$client.close();

    // Second life: the platform is back.
    const up = new RecordingAdapter();
    const second = await start(up, file);
    await waitFor(() => up.sent.length === 20, "all messages", 15_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(up.sent.map((s) => s.text).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `message ${i + 1}`).sort(),
    );
    expect(outboxCounts(second.db)).toMatchObject({ pending: 0, sending: 0, sent: 20, failed: 0 });
  });

  it("keeps messages for a platform that is not connected, and sends them when it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "soliterr-outbox-"));
    dirs.push(dir);
    const file = join(dir, "bot.db");
    const without = await start(undefined, file);
    queue(without, "r1", "waiting for telegram");
    await without.outbox.drain();
    expect(outboxCounts(without.db).pending).toBe(1);
    await without.stop();
    apps.splice(apps.indexOf(without), 1);

    const adapter = new RecordingAdapter();
    const withIt = await start(adapter, file);
    // The message was put off for later: bring the time forward.
    withIt.db.$client.prepare("UPDATE outbox SET next_attempt_at = 0").run();
    withIt.outbox.kick();
    await waitFor(() => adapter.sent.length === 1, "the kept message");
    expect(adapter.sent[0]!.text).toBe("waiting for telegram");
  });
});
