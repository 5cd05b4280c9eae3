/**
 * Alerts and digests in console mode: one person plays several members with `:as` and moves
 * the bot's clock with `:time`, and sees the digest printed as going to another member's
 * private chat.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.js";
import { consoleScript, printedAfter } from "../helpers/console.js";

let running: App[] = [];
afterEach(async () => {
  for (const app of running) await app.stop();
  running = [];
});

/** A console script where only `:time` moves time. */
const script = (lines: string[]) => consoleScript(lines, running, {}, true);
const after = printedAfter;

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
