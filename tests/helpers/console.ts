/**
 * Console-mode scripts for unit tests: a whole bot on an in-memory database with the console
 * adapter on streams, fed lines as a person would type them, and what it printed.
 */
import { PassThrough } from "node:stream";
import { ConsoleAdapter } from "../../adapters/console/console-adapter.js";
import { createApp, type App } from "../../bot/app.js";
import { AdjustableClock } from "../../bot/clock.js";
import { places, testConfig } from "./harness.js";
import { waitFor } from "./wait.js";

/** A bot with a console on streams. */
export interface ConsoleSession {
  app: App;
  clock: AdjustableClock;
  /** Sends the lines, ends the input and waits for the console to finish; returns everything printed. */
  run(lines: string[]): Promise<string>;
}

/** Options of `startConsole`. */
export interface ConsoleOptions {
  config?: Record<string, string>;
  /** Runs on the database before the bot starts. */
  setup?: (app: App, clock: AdjustableClock) => void;
  /** Only `:time` runs the jobs (none on a real-time tick). */
  manualJobs?: boolean;
}

/**
 * Starts a bot (Sunday 2026-11-29, 10:00 Paris) with a console adapter on streams. The app is
 * pushed to `running` for the caller to stop.
 */
export async function startConsole(
  running: App[],
  options: ConsoleOptions = {},
): Promise<ConsoleSession> {
  const clock = new AdjustableClock();
  clock.set(Date.parse("2026-11-29T10:00:00+01:00"));
  const app = createApp(testConfig(options.config), {
    clock,
    places: places(),
    outbox: { baseDelayMs: 5 },
  });
  running.push(app);
  options.setup?.(app, clock);
  const input = new PassThrough();
  const output = new PassThrough();
  output.setEncoding("utf8");
  let printed = "";
  output.on("data", (chunk: string) => (printed += chunk));
  const console = new ConsoleAdapter({
    input,
    output,
    interactive: false,
    t: app.i18n.translator("fr"),
    clock,
    drain: () => app.outbox.drain(),
    runJobs: () => app.scheduler.runAll(),
  });
  app.addAdapter(console);
  await app.start();
  if (options.manualJobs) await app.scheduler.stop();
  let ended = false;
  void console.done.then(() => (ended = true));
  return {
    app,
    clock,
    async run(lines) {
      input.end(lines.map((l) => `${l}\n`).join(""));
      await waitFor(() => ended, "the end of the console script", 10_000);
      return printed;
    },
  };
}

/** Runs a console script on a fresh bot and returns what it printed. */
export async function consoleScript(
  lines: string[],
  running: App[],
  config: Record<string, string> = {},
  /** Only `:time` runs the jobs (none on a real-time tick). */
  manualJobs = false,
): Promise<string> {
  return (await startConsole(running, { config, manualJobs })).run(lines);
}

/** What was printed after the echo of `echo`, up to the next echoed line. */
export function printedAfter(output: string, echo: string): string {
  const from = output.indexOf(`${echo}\n`);
  if (from === -1) throw new Error(`"${echo}" was not echoed in:\n${output}`);
  const rest = output.slice(from + echo.length + 1);
  const next = /^\[(?:#[^\]]*|dm)\] .* > /m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}
