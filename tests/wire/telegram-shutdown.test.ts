/**
 * Graceful shutdown and health with the real grammY client against the Telegram fake: a stop
 * delivers what it can within SHUTDOWN_DRAIN_SECONDS and leaves the rest queued (never
 * marked sent without being sent), the next start sends the rest; the health endpoint follows
 * the connection.
 */
import { afterEach, describe, expect, it } from "vitest";
import { TELEGRAM_LIMITS } from "../../adapters/telegram/throttle.js";
import { startHealthServer, type HealthReport } from "../../bot/health.js";
import { message, paragraph } from "../../bot/reply.js";
import { privateChat, startFakeTelegram, user } from "../fakes/telegram-bot-api.js";
import {
  query,
  queueMessage,
  sentTo,
  startTelegramBot,
  tempDatabase,
  type TelegramBot,
  type TelegramBotOptions,
} from "../helpers/telegram-bot.js";
import { testLogger } from "../helpers/wire.js";
import { waitFor } from "../helpers/wait.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(options: TelegramBotOptions = {}): Promise<TelegramBot> {
  const started = await startTelegramBot(options);
  cleanups.push(() => started.stop());
  return started;
}

const bob = user(3201, "Bob", "fr");
const carla = user(3202, "Carla", "fr");

interface Row {
  id: number;
  state: string;
  platformMessageId: string | null;
}

describe("a graceful stop", () => {
  it("sends what it can in the drain time, keeps the rest queued, and the next start sends it", async () => {
    const database = tempDatabase();
    cleanups.push(() => database.remove());
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.stop());
    // Telegram's real limit of one message a second per chat: ten messages to Bob take ten
    // seconds, more than the two seconds a stop may spend delivering.
    const first = await bot({
      fake,
      databasePath: database.path,
      config: { SHUTDOWN_DRAIN_SECONDS: "2" },
      adapter: { limits: TELEGRAM_LIMITS },
    });
    fake.sendText(privateChat(bob), bob, "/start");
    await sentTo(fake, bob.id, "bienvenue");
    fake.sendText(privateChat(carla), carla, "/start");
    await sentTo(fake, carla.id, "bienvenue");
    const ids: number[] = [];
    for (let i = 1; i <= 10; i++) {
      ids.push(
        queueMessage(
          first.app,
          { kind: "member", platform: "telegram", userId: String(bob.id) },
          { text: message([paragraph(`Rappel ${i} pour Bob`)]) },
        ),
      );
    }
    ids.push(
      queueMessage(
        first.app,
        { kind: "member", platform: "telegram", userId: String(carla.id) },
        { text: message([paragraph("Un seul message pour Carla")]) },
      ),
    );
    const started = Date.now();
    await first.stopApp();
    const took = Date.now() - started;

    // Stopped within the drain time and the in-flight grace.
    expect(took).toBeLessThan(8_000);
    const receivedByBob = fake.messagesTo(bob.id).filter((m) => m.text.includes("pour Bob"));
    const receivedByCarla = fake
      .messagesTo(carla.id)
      .filter((m) => m.text.includes("pour Carla")).length;
    expect(receivedByBob.length).toBeGreaterThan(0);
    expect(receivedByBob.length).toBeLessThan(10);

    // Reopened as the next start would: exactly the messages Telegram received are sent.
    const second = await bot({
      fake,
      databasePath: database.path,
      adapter: { limits: { ...TELEGRAM_LIMITS, perPrivateChatPerSecond: 1000 } },
      start: false,
    });
    const rows = query<Row>(
      second.app,
      `SELECT id, state, platform_message_id AS platformMessageId FROM outbox WHERE id >= ? ORDER BY id`,
      ids[0],
    );
    const sentRows = rows.filter((r) => r.state === "sent");
    expect(sentRows.length).toBe(receivedByBob.length + receivedByCarla);
    for (const row of sentRows) {
      expect(
        fake.sent.some((m) => String(m.message_id) === row.platformMessageId),
        `row ${row.id} marked sent`,
      ).toBe(true);
    }
    expect(rows.filter((r) => r.state !== "sent").every((r) => r.state === "pending")).toBe(true);

    await second.app.start();
    await sentTo(fake, bob.id, "Rappel 10 pour Bob");
    const all = fake.messagesTo(bob.id).filter((m) => m.text.includes("pour Bob"));
    // Each reminder exactly once, in the order queued.
    expect(all.map((m) => m.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Rappel ${i + 1} pour Bob`),
    );
  });
});

describe("the health endpoint", () => {
  it("answers 200 while Telegram answers, 503 while it cannot be reached, 503 once stopping", async () => {
    const { fake, app, adapter, stopApp } = await bot();
    const health = await startHealthServer({
      host: "127.0.0.1",
      port: 0,
      source: app,
      logger: testLogger(),
    });
    cleanups.push(() => health.close());
    const check = async () => {
      const response = await fetch(`http://127.0.0.1:${health.port}/health`);
      return { status: response.status, body: (await response.json()) as HealthReport };
    };

    const ok = await check();
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: "ok",
      phase: "running",
      database: { ok: true, outbox: { pending: 0, oldestPendingSeconds: null } },
      platforms: { telegram: { state: "connected" } },
    });

    // Telegram's connection fails: the adapter keeps trying, the endpoint says so.
    fake.failNext(
      "getUpdates",
      { error_code: 409, description: "Conflict: terminated by other getUpdates request" },
      1_000_000,
    );
    await waitFor(() => adapter.health().state === "reconnecting", "a failed poll");
    const down = await check();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe("unhealthy");
    expect(down.body.platforms.telegram).toMatchObject({
      state: "reconnecting",
      lastError: expect.stringContaining("409") as unknown,
    });

    await stopApp();
    const stopped = await check();
    expect(stopped.status).toBe(503);
    expect(stopped.body.status).toBe("stopping");
    expect(stopped.body.platforms.telegram?.state).toBe("stopped");
  });
});
