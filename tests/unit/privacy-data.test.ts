/**
 * `/mesdonnees`: the member's summary and JSON file in private (the other people named as the
 * relay names them), a structure's data for its administrators, in French and English, and in
 * console mode a path to the file.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.js";
import { startConsole } from "../helpers/console.js";
import { startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness | undefined;
const running: App[] = [];
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await Promise.all(running.splice(0).map((a) => a.stop()));
});

interface PersonalData {
  format: string;
  territory: string;
  data: Record<string, Record<string, unknown>[]>;
}

function fileOf(
  sent: { message: { attachment?: { path: string; filename: string } } } | undefined,
) {
  const attachment = sent?.message.attachment;
  if (!attachment) throw new Error("no file sent");
  return {
    name: attachment.filename,
    doc: JSON.parse(readFileSync(attachment.path, "utf8")) as PersonalData,
  };
}

async function structure(as: string, name: string): Promise<void> {
  await bot!.say("/structure creer", { as, dm: true });
  for (const answer of [name, "entreprise", "C", "Tarbes", "passer", "passer", "passer"])
    await bot!.say(answer, { as, dm: true });
}

describe("/mesdonnees", () => {
  it("answers briefly in the group and sends the summary and the file in private", async () => {
    bot = await startHarness();
    await structure("bob", "Garage du Lavedan");
    await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes", { as: "ana" });
    await bot.say("/besoin Palettes #materiaux lieu:Tarbes", { as: "ana" });
    await bot.say("/cloturer 2 recu", { as: "ana" });
    await bot.say("/contacter 1 Bonjour, libre samedi ?", { as: "bob" });
    await bot.say("/repondre 1 Oui, passez à 9 h", { as: "ana", dm: true });
    await bot.say("/alerte palettes lieu:65", { as: "ana", dm: true });
    await bot.say("/bloquer 1", { as: "ana", dm: true });

    const [inGroup, summary] = await bot.say("/mesdonnees", { as: "ana" });
    expect(inGroup?.destination).toEqual({ kind: "room", platform: "test", roomId: "room1" });
    expect(inGroup?.text).toContain("Ana, je vous ai envoyé vos données en privé");
    expect(summary?.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(summary?.text).toContain("🗂 Vos données sur SoliTERR");
    expect(summary?.text).toContain("Annonces : 2 (ouvertes 1, clôturées 1)");
    expect(summary?.text).toContain("Alertes : 1");
    expect(summary?.text).toContain("Conversations : 1 ; messages envoyés : 1, reçus : 1");
    expect(summary?.text).toContain("Personnes bloquées : 1");

    // Asking to be forgotten in the group: the answer is private, and says so.
    const [forgetHere, forgetPrivate] = await bot.say("/oublier", { as: "ana" });
    expect(forgetHere?.text).toBe("Ana, je vous réponds en privé.");
    expect(forgetPrivate?.destination).toEqual({ kind: "member", platform: "test", userId: "ana" });
    expect(forgetPrivate?.text).toContain("🗑 Effacer vos données");

    const { name, doc } = fileOf(summary);
    expect(name).toBe("mes-donnees-2026-11-29.json");
    expect(doc.format).toBe("soliterr-personal-data");
    expect(doc.data.members?.[0]).toMatchObject({ platform: "test", platformUserId: "ana" });
    expect(doc.data.listings?.map((l) => [l.title, l.status, l.authorId])).toEqual([
      ["Prêt de camionnette", "open", "me"],
      ["Palettes", "closed", "me"],
    ]);
    // What Bob wrote to her is in it, Bob named as the relay names him, never by his handle.
    expect(doc.data.contact_messages?.map((m) => [m.senderId, m.body])).toEqual([
      ["Bob (Garage du Lavedan)", "Bonjour, libre samedi ?"],
      ["me", "Oui, passez à 9 h"],
    ]);
    expect(doc.data.member_blocks?.[0]?.blockedId).toBe("Bob (Garage du Lavedan)");
    expect(JSON.stringify(doc)).not.toContain('"bob"');
    expect(doc.data.alerts).toHaveLength(1);
  });

  it("speaks English and gives a structure's data to its administrators only", async () => {
    bot = await startHarness();
    await bot.say("/langue en", { as: "bob", dm: true });
    await structure("bob", "Garage du Lavedan");
    await bot.say("/offre Dépannage #vehicules lieu:Tarbes", { as: "bob" });
    const [sent] = await bot.say("/mydata structure", { as: "bob", dm: true });
    expect(sent?.text).toContain(
      'Data of "Garage du Lavedan": its profile, one member and one listing',
    );
    const { name, doc } = fileOf(sent);
    expect(name).toBe("structure-data-2026-11-29.json");
    expect(doc.data).toMatchObject({ structure: { name: "Garage du Lavedan" } });
    expect(doc.data.members?.map((m) => [m.memberId, m.role])).toEqual([
      ["Bob (Garage du Lavedan)", "admin"],
    ]);
    expect(doc.data.listings?.map((l) => l.title)).toEqual(["Dépannage"]);
    expect(await bot.ask("/mesdonnees structure", { as: "carla", dm: true })).toContain(
      "Vous n'agissez pour aucune structure",
    );
    expect(await bot.ask("/mesdonnees tout", { as: "carla", dm: true })).toContain(
      "/mesdonnees structure pour les données de votre structure",
    );
  });

  it("gives the file's path in console mode", async () => {
    const session = await startConsole(running);
    const printed = await session.run([
      "/offre Prêt de camionnette #vehicules lieu:Tarbes",
      "/mesdonnees",
    ]);
    const path = /📎 mes-donnees-2026-11-29\.json : (\S+)/.exec(printed)?.[1];
    expect(path).toBeDefined();
    const doc = JSON.parse(readFileSync(path!, "utf8")) as PersonalData;
    expect(doc.data.listings?.[0]?.title).toBe("Prêt de camionnette");
  });
});
