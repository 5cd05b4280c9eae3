/**
 * Polls in console mode: the poll is printed as numbered text in every room of the network,
 * people vote with /voter, and the results sum them.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.js";
import { consoleScript, printedAfter } from "../helpers/console.js";

const running: App[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.stop()));
});

describe("polls in the console", () => {
  it("prints the poll as numbered text, takes /voter votes and shows the results", async () => {
    const out = await consoleScript(
      [
        ":animator on",
        "/reseau Réseau du Val",
        "/sondage « Quelle date pour l'assemblée ? » « Jeudi 3 » « Vendredi 4 »",
        ":as Bob",
        "/voter 1 2",
        ":as Chloé",
        "/voter 1 2",
        "/voter 1 1",
        "/sondage resultats",
        ":as Camille",
        "/sondage clore 1",
        "/journal",
      ],
      running,
    );
    const posted = printedAfter(
      out,
      "[#tarbes] Camille > /sondage « Quelle date pour l'assemblée ? » « Jeudi 3 » « Vendredi 4 »",
    );
    expect(posted).toContain("📊 Sondage n°1 — Réseau du Val, posé par Camille");
    expect(posted).toContain("  1. Jeudi 3\n  2. Vendredi 4");
    expect(posted).toContain("Pour voter, écrivez /voter 1 suivi du numéro de votre réponse");
    expect(posted).toContain("Sondage n°1 posé dans 1 salon(s) du réseau");
    expect(printedAfter(out, "[#tarbes] Bob > /voter 1 2")).toContain(
      "✅ Votre vote pour « Vendredi 4 » au sondage n°1 est enregistré.",
    );
    const results = printedAfter(out, "[#tarbes] Chloé > /sondage resultats");
    expect(results).toContain("📊 Résultats du sondage n°1 (en cours)");
    expect(results).toContain("  1. Jeudi 3 — 1 vote(s), 50 %\n  2. Vendredi 4 — 1 vote(s), 50 %");
    expect(results).toContain("2 votants. Par plateforme : console 2.");
    const closed = printedAfter(out, "[#tarbes] Camille > /sondage clore 1");
    expect(closed).toContain("📊 Résultats du sondage n°1 (clos)");
    expect(closed).toContain("🔒 Sondage n°1 clos");
    const log = printedAfter(out, "[#tarbes] Camille > /journal");
    expect(log).toContain("a posé le sondage n°1 « Quelle date pour l'assemblée ? » (1 salons)");
    expect(log).toContain("a clos le sondage n°1 (2 votants)");
  });
});
