/**
 * Alerts and digests in console mode: one person plays several members with `:as` and moves
 * the bot's clock with `:time`, and sees the digest printed as going to another member's
 * private chat.
 */
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleAdapter } from "../../adapters/console/console-adapter.js";
import { createApp, type App } from "../../bot/app.js";
import { AdjustableClock } from "../../bot/clock.js";
import { places, testConfig } from "../helpers/harness.js";
import { waitFor } from "../helpers/wait.js";

let running: App[] = [];
afterEach(async () => {
  for (const app of running) await app.stop();
  running = [];
});

/** Runs a console script on a fresh bot (Sunday 2026-11-29, 10:00 Paris) and returns what it printed. */
async function script(lines: string[]): Promise<string> {
  const clock = new AdjustableClock();
  clock.set(Date.parse("2026-11-29T10:00:00+01:00"));
  const app = createApp(testConfig(), { clock, places: places(), outbox: { baseDelayMs: 5 } });
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
  // Only `:time` moves time: no job on a real-time tick.
  await app.scheduler.stop();
  let ended = false;
  void console.done.then(() => (ended = true));
  input.end(lines.map((l) => `${l}\n`).join(""));
  await waitFor(() => ended, "the end of the console script");
  return printed;
}

/** What was printed after the echo of `echo`, up to the next echoed line. */
function after(output: string, echo: string): string {
  const from = output.indexOf(`${echo}\n`);
  if (from === -1) throw new Error(`"${echo}" was not echoed in:\n${output}`);
  const rest = output.slice(from + echo.length + 1);
  const next = /^\[(?:#[^\]]*|dm)\] .* > /m.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

describe("alerts and digests in the console", () => {
  it("prints the digest of another member's alert as going to their private chat after :time +1d, with working buttons", async () => {
    const out = await script([
      "/alerte camion lieu:65",
      ":as Ana",
      "/offre Camion benne #vehicules lieu:Tarbes",
      "/offre Tondeuse #equipement lieu:Tarbes",
      ":time +1d",
      ":as Camille",
      ":dm",
      "3",
      ":as Ana",
      ":time +1d",
    ]);

    expect(after(out, "[#tarbes] Camille > /alerte camion lieu:65")).toContain(
      "── en privé à camille ──\n🔔 Alerte n°1 enregistrée : « camion » · Hautes-Pyrénées (65)",
    );
    const moved = after(out, "[#tarbes] Ana > :time +1d");
    expect(moved).toMatch(/^Horloge du bot : lundi 30 novembre 2026/);
    expect(moved).toContain(
      "── en privé à camille ──\n📬 Une nouvelle annonce pour vous — 30 novembre",
    );
    expect(moved).toContain("• #1 Camion benne — 🚐 Offre · Tarbes (65) · 29 nov. — alerte n°1");
    expect(moved).not.toContain("Tondeuse");
    expect(moved).toContain("[1] Voir #1\n[2] ✉️ Contacter #1\n[3] ⏸ Pause alerte n°1");
    // Its buttons are pressed by number in Camille's private chat.
    expect(after(out, "[dm] Camille > 3")).toContain("⏸ Alerte n°1 en pause");
    // One digest in all: the second day had nothing new.
    expect(out.match(/📬/g)).toHaveLength(1);
  });
});
