/**
 * What every wire test helper shares, whatever the platform: temporary databases, free
 * ports, queuing a message directly, reading the database, the logger and the waiting time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { App } from "../../bot/app.js";
import { frenchFirstOfMonth } from "../../bot/i18n.js";
import { createLogger, silentLogger, type Logger } from "../../bot/logger.js";
import type { Destination, OutgoingMessage } from "../../bot/reply.js";
import { inTransaction } from "../../storage/db.js";
import { enqueueMessage } from "../../storage/outbox.js";

/** How long tests wait for what the bot should do (generous: a slow machine is not a failure). */
export const WAIT_MS = 15_000;

/** The logger of wire tests: silent unless TEST_LOG_LEVEL is set (e.g. `debug`). */
export function testLogger() {
  const level = process.env.TEST_LOG_LEVEL;
  return level ? createLogger(level) : silentLogger();
}

/**
 * A test bot's logger that also watches for translation problems (a message id missing from
 * a locale, a variable missing from its arguments): they would show a person a raw id, so a
 * test bot fails on them when it stops (`assertNoTranslationProblem`). Printed like
 * `testLogger` when TEST_LOG_LEVEL is set.
 */
export function watchedLogger(): { logger: Logger; assertNoTranslationProblem(): void } {
  const level = process.env.TEST_LOG_LEVEL;
  const problems = new Set<string>();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString()) as {
        msg?: string;
        key?: string;
        locale?: string;
        err?: { message?: string };
      };
      if (line.msg === "translation problem")
        problems.add(`${line.locale} ${line.key}: ${line.err?.message}`);
      if (level) process.stderr.write(chunk);
      done();
    },
  });
  return {
    logger: createLogger(level ?? "error", destination),
    assertNoTranslationProblem() {
      if (problems.size > 0) throw new Error(`translation problems:\n${[...problems].join("\n")}`);
    },
  };
}

/** A fresh temporary folder; `remove()` deletes it with its content. */
export function tempFolder(): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "soliterr-wire-"));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database file in a fresh temporary folder; `remove()` deletes the folder. */
export function tempDatabase(): { path: string; remove(): void } {
  const folder = tempFolder();
  return { path: join(folder.path, "bot.db"), remove: folder.remove };
}

/** A TCP port that nothing listens on (bound on 127.0.0.1, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Queues a message in the outbox as the core would (committed), and wakes the delivery. */
export function queueMessage(app: App, destination: Destination, message: OutgoingMessage): number {
  const id = inTransaction(app.db, () =>
    enqueueMessage(app.db, destination, message, app.clock.now()),
  );
  app.outbox.kick();
  if (id === undefined) throw new Error("the message was not queued");
  return id;
}

/** Runs a read-only SQL query on the bot's database. */
export function query<T>(app: App, sql: string, ...params: unknown[]): T[] {
  return app.db.$client.prepare(sql).all(...params) as T[];
}

/** A date as the bot's messages show it: formatted for `locale` in the territory's time zone. */
export function shownDate(
  ms: number,
  locale: string,
  options: Intl.DateTimeFormatOptions,
  timeZone = "Europe/Paris",
): string {
  const text = new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(ms);
  return locale.startsWith("fr") ? frenchFirstOfMonth(text) : text;
}
