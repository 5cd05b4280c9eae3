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

/**
 * Runs a console script on a fresh bot (Sunday 2026-11-29, 10:00 Paris) and returns what it
 * printed. The app is pushed to `running` for the caller to stop.
 */
export async function consoleScript(
  lines: string[],
  running: App[],
  config: Record<string, string> = {},
  /** Only `:time` runs the jobs (none on a real-time tick). */
  manualJobs = false,
): Promise<string> {
  const clock = new AdjustableClock();
  clock.set(Date.parse("2026-11-29T10:00:00+01:00"));
  const app = createApp(testConfig(config), {
    clock,
    places: places(),
    outbox: { baseDelayMs: 5 },
  });
  running.push(app);
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
  if (manualJobs) await app.scheduler.stop();
  let ended = false;
  void console.done.then(() => (ended = true));
  input.end(lines.map((l) => `${l}\n`).join(""));
  await waitFor(() => ended, "the end of the console script");
  return printed;
}

/** What was printed after the echo of `echo`, up to the next echoed line. */
export function printedAfter(output: string, echo: string): string {
  const from = output.indexOf(`${echo}\n`);
  if (from === -1) throw new Error(`"${echo}" was not echoed in:\n${output}`);
  const rest = output.slice(from + echo.length + 1);
  const next = /^\[(?:#[^\]]*|dm)\] .* > /m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}
