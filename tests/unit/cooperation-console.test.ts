/**
 * Contact and structures in console mode: one person plays several members with `:as` and
 * follows a whole exchange — a message relayed to an author's private chat, the answer by
 * numbered button, a structure created step by step and found in the directory.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.js";
import { consoleScript, printedAfter as after } from "../helpers/console.js";

let running: App[] = [];
afterEach(async () => {
  for (const app of running) await app.stop();
  running = [];
});

const script = (lines: string[]) => consoleScript(lines, running);

describe("contact in the console", () => {
  it("prints a relayed message as going to the author's private chat, and relays the answer by button", async () => {
    const out = await script([
      ":as Ana",
      "/offre Prêt de camionnette #vehicules lieu:Tarbes",
      ":as Bob",
      "/contacter 1 Bonjour, elle est libre samedi ?",
      ":as Ana",
      ":dm",
      "1",
      "Oui, passez à 9 h",
      ":as Bob",
      "/messages",
    ]);
    const relayed = after(out, "[#tarbes] Bob > /contacter 1 Bonjour, elle est libre samedi ?");
    expect(relayed).toContain(
      "── en privé à ana ──\n✉️ Bob vous écrit au sujet de votre annonce #1",
    );
    expect(relayed).toContain("[1] ↩️ Répondre");
    expect(after(out, "[dm] Ana > 1")).toContain("Votre réponse à Bob (conversation n°1)");
    expect(after(out, "[dm] Ana > Oui, passez à 9 h")).toContain(
      "── en privé à bob ──\n✉️ Ana vous répond au sujet de l'annonce #1",
    );
    expect(after(out, "[dm] Bob > /messages")).toContain("n°1 vous avez écrit à Ana");
  });
});

describe("structures in the console", () => {
  it("creates a structure step by step and finds it in the directory", async () => {
    const out = await script([
      "/structure creer",
      ":dm",
      "Boulangerie Dupont",
      "1",
      "I",
      "Tarbes",
      "Pain bio au levain",
      "passer",
      "passer",
      ":room tarbes",
      "/annuaire boulangerie",
    ]);
    expect(after(out, "[dm] Camille > Pain bio au levain")).toContain("Étape 6/7. Son site web ?");
    expect(out).toContain("La structure « Boulangerie Dupont » est créée");
    expect(after(out, "[#tarbes] Camille > /annuaire boulangerie")).toContain(
      "n°1 Boulangerie Dupont — Entreprise · Hébergement et restauration · Tarbes (65)",
    );
  });
});

describe("membership in the console", () => {
  it("holds a newcomer's post until the animator approves with the numbered button", async () => {
    const out = await script([
      ":animator on",
      "/reseau Réseau du Val",
      "/reseau adhesion validation",
      ":as Dan",
      "/offre Perceuse #equipements lieu:Tarbes",
      ":as Camille",
      ":dm",
      "1",
      ":as Dan",
      ":room tarbes",
      "/offre Perceuse #equipements lieu:Tarbes",
    ]);
    const refused = after(out, "[#tarbes] Dan > /offre Perceuse #equipements lieu:Tarbes");
    expect(refused).toContain("attend la réponse de ses animateurs");
    expect(refused).toContain("── en privé à camille ──\n🙋 Dan demande à rejoindre le réseau");
    expect(refused).toContain("[1] ✅ Accepter");
    expect(after(out, "[dm] Camille > 1")).toContain("Dan fait maintenant partie du réseau");
    expect(out).toContain("Votre offre #1 est publiée");
  });
});
