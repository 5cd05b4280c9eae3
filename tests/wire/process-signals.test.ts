/**
 * The real `bot/main.ts` process on Telegram (the fake), as an operator's service manager runs
 * it: the health endpoint comes up, SIGTERM stops it gracefully with exit status 0, a second
 * signal exits at once; in both cases no message is taken for sent unless Telegram got it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { HealthReport } from "../../bot/health.js";
import { message, paragraph } from "../../bot/reply.js";
import { closeDatabase, openDatabase } from "../../storage/db.js";
import { enqueueMessage } from "../../storage/outbox.js";
import {
  privateChat,
  startFakeTelegram,
  user,
  type FakeTelegram,
} from "../fakes/telegram-bot-api.js";
import { freePort, sentTo, tempDatabase } from "../helpers/telegram-bot.js";
import { waitFor } from "../helpers/wait.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const bob = user(3301, "Bob", "fr");

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Running {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr(): string;
  health(): Promise<{ status: number; body: HealthReport } | undefined>;
}

/** Starts the bot process on Telegram, with its health endpoint on a free port. */
async function startBot(
  fake: FakeTelegram,
  path: string,
  env: Record<string, string>,
): Promise<Running> {
  const port = await freePort();
  // As the Dockerfile and the systemd unit run it: node itself, with tsx as a loader. The tsx
  // command would sit in between and, when the machine is busy, kill the bot with SIGKILL if
  // it does not acknowledge a relayed signal within 30 ms: no graceful stop then.
  const child = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: path,
      LOG_LEVEL: "silent",
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      HEALTH_PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  return {
    child,
    exited,
    stderr: () => stderr,
    async health() {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        return { status: response.status, body: (await response.json()) as HealthReport };
      } catch {
        return undefined;
      }
    },
  };
}

/** Queues `count` reminders to Bob in the database file, as a bot that stopped would leave them. */
function queueReminders(path: string, count: number): void {
  const db = openDatabase(path);
  for (let i = 1; i <= count; i++) {
    enqueueMessage(
      db,
      { kind: "member", platform: "telegram", userId: String(bob.id) },
      { text: message([paragraph(`Rappel ${i} pour Bob`)]) },
      Date.now(),
    );
  }
  closeDatabase(db);
}

/**
 * Checks that every row marked sent names a message Telegram received; returns how many
 * reminders are in each state.
 */
function expectNothingSentFalsely(fake: FakeTelegram, path: string): Map<string, number> {
  const db = openDatabase(path);
  const rows = db.$client
    .prepare("SELECT state, payload, platform_message_id AS messageId FROM outbox")
    .all() as { state: string; payload: string; messageId: string | null }[];
  closeDatabase(db);
  const received = new Set(fake.messagesTo(bob.id).map((m) => String(m.message_id)));
  for (const row of rows.filter((r) => r.state === "sent"))
    expect(received.has(row.messageId ?? "")).toBe(true);
  const states = new Map<string, number>();
  for (const row of rows.filter((r) => r.payload.includes("pour Bob")))
    states.set(row.state, (states.get(row.state) ?? 0) + 1);
  return states;
}

describe("the bot process under a service manager", () => {
  it("reports healthy, stops on SIGTERM with status 0, and leaves undelivered messages queued", async () => {
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.stop());
    const database = tempDatabase();
    cleanups.push(() => database.remove());
    fake.sendText(privateChat(bob), bob, "/start");
    queueReminders(database.path, 6);

    const bot = await startBot(fake, database.path, { SHUTDOWN_DRAIN_SECONDS: "1" });
    let healthy = await bot.health();
    for (const deadline = Date.now() + 20_000; healthy?.status !== 200;) {
      if (Date.now() > deadline) throw new Error(`never healthy: ${JSON.stringify(healthy)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      healthy = await bot.health();
    }
    expect(healthy?.body.platforms.telegram?.state).toBe("connected");
    await sentTo(fake, bob.id, "Rappel 1 pour Bob");

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toContain("SIGTERM: stopping (send it again to stop at once)");

    // One a second to Bob (Telegram's limit): not all six went in the one second of drain.
    const states = expectNothingSentFalsely(fake, database.path);
    expect(states.get("sending") ?? 0).toBe(0);
    const reminders = fake.messagesTo(bob.id).filter((m) => m.text.includes("pour Bob"));
    expect(reminders.length).toBeLessThan(6);
    expect(states.get("pending")).toBe(6 - reminders.length);
  });

  it("exits at once on a second signal, without taking any message for sent", async () => {
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.stop());
    const database = tempDatabase();
    cleanups.push(() => database.remove());
    fake.sendText(privateChat(bob), bob, "/start");
    queueReminders(database.path, 20);

    const bot = await startBot(fake, database.path, { SHUTDOWN_DRAIN_SECONDS: "120" });
    await sentTo(fake, bob.id, "Rappel 1 pour Bob");
    bot.child.kill("SIGTERM");
    await waitFor(() => bot.stderr().includes("SIGTERM: stopping"), "the first signal");
    const second = Date.now();
    bot.child.kill("SIGINT");
    expect(await bot.exited).toBe(1);
    expect(Date.now() - second).toBeLessThan(5_000);

    const states = expectNothingSentFalsely(fake, database.path);
    expect(states.get("sent") ?? 0).toBeLessThan(20);
  });
});
