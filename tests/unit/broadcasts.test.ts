import { afterEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../adapters/types.js";
import { auditOfNetwork } from "../../storage/audit.js";
import { broadcastById } from "../../storage/broadcasts.js";
import { networkByName } from "../../storage/networks.js";
import { linkRoom, startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;
afterEach(async () => {
  await bot.stop();
});

/** Two rooms of the network "Tarbes", one per platform; ana animates both. */
async function network(
  config: Record<string, string> = {},
): Promise<{ test: Harness["adapter"]; other: Harness["adapter"] }> {
  bot = await startHarness({ platforms: ["other"], config });
  const test = bot.adapter;
  const other = bot.adapters.get("other")!;
  test.animators.add("room1|ana");
  other.animators.add("hall|ana");
  await bot.say("/reseau Tarbes", { room: "room1" });
  await linkRoom(bot, { from: "room1", to: "hall", as: "ana", platform: "other" });
  return { test, other };
}

/** Room messages of a platform adapter, as their plain text. */
function roomTexts(adapter: Harness["adapter"], roomId: string): string[] {
  return adapter.sent
    .filter((s) => s.destination.kind === "room" && s.destination.roomId === roomId)
    .map((s) => s.text);
}

const report = (adapter: Harness["adapter"]) =>
  adapter.sent.filter((s) => s.text.includes("Rapport de la diffusion")).map((s) => s.text);

describe("broadcasts", () => {
  it("shows a private preview first, then reaches every room of the network on every platform", async () => {
    const { test, other } = await network();
    const replies = await bot.say("/diffuser Assemblée générale jeudi à 18h #entraide\n\nVenez !", {
      room: "room1",
    });
    const preview = replies.find((r) => r.destination.kind === "member");
    expect(preview?.text).toContain("Aperçu de la diffusion n°1");
    expect(preview?.text).toContain("2 salons (other 1, test 1)");
    // The message as typed, its #tag and its paragraphs kept.
    expect(preview?.text).toContain("Assemblée générale jeudi à 18h #entraide");
    expect(preview?.text).toContain("Venez !");
    expect(preview?.buttons).toEqual([
      "/diffusions envoyer 1",
      "/diffusions annuler 1",
      "/diffusions epingler 1",
      "/diffusions membres 1",
    ]);
    expect(roomTexts(test, "room1").join()).not.toContain("📣");
    expect(roomTexts(other, "hall")).toEqual(
      expect.not.arrayContaining([expect.stringContaining("📣")]),
    );

    const sent = await bot.say("/diffusions envoyer 1", { dm: true, button: "m1" });
    expect(sent.map((s) => s.text).join()).toContain("Diffusion n°1 en route vers 2 salons");
    for (const [adapter, room] of [
      [test, "room1"],
      [other, "hall"],
    ] as const) {
      const texts = roomTexts(adapter, room).filter((t) => t.includes("📣"));
      expect(texts).toEqual([
        "📣 Tarbes — message de Ana\n\nAssemblée générale jeudi à 18h #entraide\n\nVenez !",
      ]);
    }
    const entries = auditOfNetwork(bot.app.db, networkByName(bot.app.db, "Tarbes")!.id, 10);
    expect(entries.map((e) => e.action)).toContain("broadcast-sent");
  });

  it("pins when asked, and reports rooms reached, pins refused and why", async () => {
    const { test, other } = await network();
    other.noPinRooms.add("hall");
    await bot.say("/diffuser Réunion lundi", { room: "room1" });
    const toggled = await bot.say("/diffusions epingler 1", { dm: true, button: "m9" });
    expect(toggled[0]?.text).toContain("Épinglée : oui");
    expect(toggled[0]?.message.replaces).toBe("m9");
    await bot.say("/diffusions envoyer 1", { dm: true });
    expect(test.pinned).toHaveLength(1);
    expect(test.pinned[0]).toMatch(/^room1\|/);
    expect(other.pinned).toEqual([]);
    expect(broadcastById(bot.app.db, 1)?.state).toBe("sending");

    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    const [text] = report(test);
    expect(text).toContain("Salons atteints : 2 sur 2.");
    expect(text).toContain("Épinglée dans 1 salon(s) sur 2.");
    expect(text).toContain("hall (other) — not enough rights to pin");
    expect(broadcastById(bot.app.db, 1)?.state).toBe("sent");
    // Once: the next run reports nothing more.
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    expect(report(test)).toHaveLength(1);
  });

  it("reports a room the platform refused, with the platform's reason", async () => {
    const { test, other } = await network();
    other.beforeSend = (destination) => {
      if (destination.kind === "room") throw new DeliveryError("chat not found", "rejected");
    };
    await bot.say("/diffuser Réunion lundi", { room: "room1" });
    await bot.say("/diffusions envoyer 1", { dm: true });
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    const [text] = report(test);
    expect(text).toContain("Salons atteints : 1 sur 2.");
    expect(text).toContain("hall (other) — chat not found");
  });

  it("also writes privately to subscribed members when asked, and counts the unreachable", async () => {
    const { test } = await network();
    await bot.say("/abonner", { as: "bea", room: "room1" });
    await bot.say("/abonner", { as: "chloe", room: "room1" });
    await bot.say("/abonner", { as: "dan", room: "room1" });
    await bot.say("/desabonner", { as: "dan", dm: true });
    test.beforeSend = (destination) => {
      if (destination.kind === "member" && destination.userId === "chloe") {
        throw new DeliveryError("bot was blocked by the user", "unreachable");
      }
    };
    const preview = await bot.say("/diffuser Collecte de jouets samedi", { room: "room1" });
    expect(preview.map((p) => p.text).join()).toContain("et 2 membres abonnés");
    await bot.say("/diffusions membres 1", { dm: true });
    const sent = await bot.say("/diffusions envoyer 1", { dm: true });
    expect(sent.map((s) => s.text).join()).toContain("vers 2 salons et 2 membres");
    const privately = test.sent.filter(
      (s) => s.destination.kind === "member" && s.text.startsWith("📣 Tarbes"),
    );
    expect(
      privately.map((s) => (s.destination.kind === "member" ? s.destination.userId : "")),
    ).toEqual(["bea"]);
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    expect(report(test)[0]).toContain(
      "En privé : 1 membre(s) sur 2 (1 injoignable(s) pour l'instant",
    );
  });

  it("schedules a broadcast, lists it, sends it at its time, and cancels another", async () => {
    const { test } = await network();
    const preview = await bot.say("/diffuser le 01/12/2026 09:00 Marché de producteurs", {
      room: "room1",
    });
    expect(preview.map((p) => p.text).join()).toContain(
      "Programmée le mardi 1er décembre 2026 à 09:00.",
    );
    const scheduled = await bot.ask("/diffusions envoyer 1", { dm: true });
    expect(scheduled).toContain("Diffusion n°1 programmée le mardi 1er décembre 2026 à 09:00");
    await bot.say("/diffuser le 2026-12-02 10h Fermeture", { room: "room1" });
    await bot.say("/diffusions envoyer 2", { dm: true });
    const listed = await bot.ask("/diffusions", { dm: true });
    expect(listed).toContain("n°1 · programmée le 1er déc.");
    expect(listed).toContain("n°2 · programmée le 2 déc.");
    expect(await bot.ask("/diffusions annuler 2", { dm: true })).toContain("Diffusion n°2 annulée");

    bot.clock.set(Date.parse("2026-12-01T08:59:00+01:00"));
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    expect(roomTexts(test, "room1").filter((t) => t.includes("Marché"))).toEqual([]);
    bot.clock.set(Date.parse("2026-12-03T09:00:00+01:00"));
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();
    expect(roomTexts(test, "room1").filter((t) => t.includes("Marché"))).toHaveLength(1);
    expect(roomTexts(test, "room1").filter((t) => t.includes("Fermeture"))).toEqual([]);
    expect(broadcastById(bot.app.db, 2)?.state).toBe("cancelled");
  });

  it("sends a confirmed broadcast once, however often the button is pressed", async () => {
    const { test } = await network();
    await bot.say("/diffuser Réunion lundi", { room: "room1" });
    await bot.say("/diffusions envoyer 1", { dm: true });
    const again = await bot.ask("/diffusions envoyer 1", { dm: true });
    expect(again).toContain("La diffusion n°1 est déjà partie.");
    expect(roomTexts(test, "room1").filter((t) => t.includes("Réunion lundi"))).toHaveLength(1);
  });

  it("refuses plain members, other people's broadcasts, and 'everywhere' from animators", async () => {
    const { test } = await network();
    const refused = await bot.ask("/diffuser Promo sur mes services", { as: "bea", room: "room1" });
    expect(refused).toContain("réservée aux animateurs");
    await bot.say("/diffuser Réunion lundi", { room: "room1" });
    const notYours = await bot.ask("/diffusions envoyer 1", { as: "bea", dm: true });
    expect(notYours).toContain("La diffusion n°1 n'est pas la vôtre");
    expect(broadcastById(bot.app.db, 1)?.state).toBe("draft");
    expect(roomTexts(test, "room1").filter((t) => t.includes("Réunion lundi"))).toEqual([]);
    const actions = auditOfNetwork(bot.app.db, networkByName(bot.app.db, "Tarbes")!.id, 20).map(
      (e) => e.action,
    );
    expect(actions.filter((a) => a === "command-refused")).toHaveLength(2);
    expect(await bot.ask("/diffuser partout Bonjour à tous", { room: "room1" })).toContain(
      "Seuls les administrateurs du territoire",
    );
  });

  it("lets a territory administrator broadcast to every network", async () => {
    const { test } = await network();
    test.animators.add("room2|ana");
    await bot.say("/reseau Lourdes", { room: "room2" });
    await bot.say("/diffuser partout Le territoire vous souhaite de bonnes fêtes", {
      as: "admin",
      room: "room1",
    });
    await bot.say("/diffusions envoyer 1", { as: "admin", dm: true });
    for (const room of ["room1", "room2"]) {
      expect(roomTexts(test, room).filter((t) => t.includes("bonnes fêtes"))).toEqual([
        "📣 SoliTERR — message de Admin\n\nLe territoire vous souhaite de bonnes fêtes",
      ]);
    }
    expect(roomTexts(bot.adapters.get("other")!, "hall").join()).toContain("bonnes fêtes");
  });

  it("keeps to the number of broadcasts an animator may send in a day", async () => {
    await network({ BROADCASTS_PER_DAY: "2" });
    for (const id of [1, 2]) {
      await bot.say(`/diffuser Message ${id}`, { room: "room1" });
      await bot.say(`/diffusions envoyer ${id}`, { dm: true });
    }
    expect(await bot.ask("/diffuser Message 3", { room: "room1" })).toContain(
      "déjà envoyé ou programmé 2 diffusions ces dernières 24 heures",
    );
    bot.clock.advance(25 * 3_600_000);
    expect(await bot.ask("/diffuser Message 3", { room: "room1" })).toContain("Aperçu");
  });

  it("says what to type instead of an empty, too long or past broadcast, in English too", async () => {
    await network();
    expect(await bot.ask("/diffuser", { room: "room1" })).toContain(
      'Quel message diffuser ? Par exemple : /diffuser "Assemblée générale jeudi à 18h',
    );
    expect(await bot.ask(`/diffuser ${"x".repeat(3_600)}`, { room: "room1" })).toContain(
      "Ce message fait 3\u202f600 caractères",
    );
    expect(await bot.ask("/diffuser le 01/11/2026 09:00 Trop tard", { room: "room1" })).toContain(
      "est déjà passé",
    );
    expect(await bot.ask("/diffuser le 01/12/2026 Sans heure", { room: "room1" })).toContain(
      "À quelle heure ?",
    );
    // "le" followed by no date is just the start of the message.
    expect(await bot.ask("/diffuser le marché de Noël ouvre samedi", { room: "room1" })).toContain(
      "le marché de Noël ouvre samedi",
    );
    bot.adapter.animators.add("nowhere|ana");
    expect(await bot.ask("/diffuser Bonjour", { room: "nowhere" })).toContain(
      "Ce salon n'est lié à aucun réseau",
    );
    await bot.say("/langue en", { dm: true });
    expect(await bot.ask("/broadcast on 2026-12-01 09:00 Hello", { room: "room1" })).toContain(
      "Scheduled for Tuesday, December 1, 2026",
    );
  });
});
