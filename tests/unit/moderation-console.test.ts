/**
 * Moderation in console mode: one person plays the animator and two members with `:as`, and
 * follows moderated posting (the listing held, the animator told in private, approved there),
 * a report reviewed with `/signalements`, and a mute refusing the next post.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.js";
import { consoleScript, printedAfter as after } from "../helpers/console.js";

let running: App[] = [];
afterEach(async () => {
  for (const app of running) await app.stop();
  running = [];
});

describe("moderation in the console", () => {
  it("holds a listing for approval, reviews a report and mutes its author", async () => {
    const out = await consoleScript(
      [
        ":as Ana",
        ":animator on",
        "/reseau Réseau du Val",
        "/reseau moderation oui",
        ":as Bea",
        "/offre Perceuse à prêter #outillage lieu:Tarbes",
        ":as Ana",
        ":dm",
        "/amoderer",
        "/approuver 1",
        ":room tarbes",
        ":as Bob",
        "/signaler 2 Annonce douteuse",
        ":as Ana",
        "/signalements",
        "/signalements sourdine 1 7j",
        ":as Bea",
        "/offre Escabeau #outillage lieu:Tarbes",
      ],
      running,
    );
    const posted = after(out, "[#tarbes] Bea > /offre Perceuse à prêter #outillage lieu:Tarbes");
    expect(posted).toContain("── en privé à ana ──\n📝 Bea a proposé l'annonce #1");
    expect(posted).toContain("⏳ Votre offre #1 est enregistrée");
    expect(after(out, "[dm] Ana > /amoderer")).toContain("Une annonce attend une validation");
    const approved = after(out, "[dm] Ana > /approuver 1");
    expect(approved).toContain("Annonce publiée sous le n° #2");
    expect(approved).toContain(
      "── en privé à bea ──\n✅ Votre annonce « Perceuse à prêter » est validée",
    );
    expect(after(out, "[#tarbes] Ana > /signalements")).toContain(
      "annonce #2 « Perceuse à prêter » de Bea",
    );
    expect(after(out, "[#tarbes] Ana > /signalements sourdine 1 7j")).toContain(
      "── en privé à bea ──\n🔇 L'animation du réseau « Réseau du Val » vous a mis en sourdine",
    );
    expect(after(out, "[#tarbes] Bea > /offre Escabeau #outillage lieu:Tarbes")).toContain(
      "⛔ 🔇 Vous êtes en sourdine dans le réseau « Réseau du Val »",
    );
  });
});
