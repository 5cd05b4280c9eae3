import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../adapters/types.js";
import { listingById } from "../../storage/listings.js";
import { networkByName, roomByPlatformId } from "../../storage/networks.js";
import { outboxCounts } from "../../storage/outbox.js";
import { linkRoom, startHarness, type Harness } from "../helpers/harness.js";
import { waitFor } from "../helpers/wait.js";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
});
afterEach(async () => {
  await bot.stop();
});

async function roomEvent(event: Parameters<Harness["app"]["pipeline"]["handleRoomEvent"]>[0]) {
  await bot.app.pipeline.handleRoomEvent(event);
  await bot.app.outbox.drain();
}

describe("binding a room to a network", () => {
  it("lets a group's animator bind it, creating the network, and shows it to everyone", async () => {
    expect(await bot.ask("/reseau")).toContain("Ce salon n'est relié à aucun réseau");
    bot.adapter.animators.add("room1|anim");
    expect(await bot.ask("/reseau Réseau des Coteaux", { as: "anim" })).toContain(
      "Réseau « Réseau des Coteaux » créé, et ce salon y est relié.",
    );
    const shown = await bot.ask("/reseau");
    expect(shown).toContain("Réseau « Réseau des Coteaux »");
    expect(shown).toContain("Un salon :");
    // Another group cannot join it by its name alone (whatever the accents and case)…
    bot.adapter.animators.add("room2|anim");
    expect(await bot.ask("/reseau reseau des coteaux", { as: "anim", room: "room2" })).toContain(
      "Le réseau « Réseau des Coteaux » existe déjà. Pour y relier ce salon, un de ses animateurs tape /reseau lier",
    );
    expect(await bot.ask("/reseau", { room: "room2" })).toContain("relié à aucun réseau");
    // …but with the one-time code an animator of the network gets in private.
    expect(await linkRoom(bot, { from: "room1", to: "room2", as: "anim" })).toContain(
      "Ce salon rejoint le réseau « Réseau des Coteaux », qui compte maintenant 2 salons",
    );
    expect(await bot.ask("/reseau", { room: "room2" })).toContain("2 salons :");
    // Listings posted there belong to it.
    await bot.say("/offre Broyeur de végétaux #equipement lieu:Tarbes", { room: "room2" });
    expect(listingById(bot.app.db, 1)!.networkId).toBe(
      networkByName(bot.app.db, "Réseau des Coteaux")!.id,
    );
  });

  it("lets whoever binds or links a room act on its network in private right away", async () => {
    bot.adapter.animators.add("room1|anim");
    await bot.say("/reseau Réseau des Coteaux", { as: "anim" });
    expect(await bot.ask("/signalements", { as: "anim", dm: true })).toContain(
      "Aucun signalement ouvert (Réseau des Coteaux)",
    );
    // The same for whoever brings another room into the network with a code.
    const given = await bot.ask("/reseau lier", { as: "anim" });
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(given)?.[0] ?? "";
    bot.adapter.animators.add("room2|carl");
    await bot.say(`/reseau lier ${code}`, { as: "carl", room: "room2" });
    expect(await bot.ask("/sourdine", { as: "carl", dm: true })).toContain(
      "Personne n'est en sourdine dans le réseau « Réseau des Coteaux »",
    );
  });

  it("refuses binding to a plain member, and in a private chat", async () => {
    expect(await bot.ask("/reseau Mon réseau")).toContain(
      "La commande /reseau est réservée aux animateurs",
    );
    expect(networkByName(bot.app.db, "Mon réseau")).toBeUndefined();
    expect(await bot.ask("/reseau Mon réseau", { as: "admin", dm: true })).toContain(
      "se tape dans le groupe du réseau",
    );
  });

  it("gives link codes in private, each good for one room, one day, and tells who gave it", async () => {
    bot.adapter.animators.add("room1|anim");
    bot.adapter.animators.add("room2|bea");
    bot.adapter.animators.add("room3|bea");
    await bot.say("/reseau Réseau des Coteaux", { as: "anim" });
    expect(await bot.ask("/reseau lier", { as: "carl" })).toContain("réservée aux animateurs");
    const given = await bot.say("/reseau lier", { as: "anim" });
    expect(given.map((g) => g.destination.kind)).toEqual(["member"]);
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(given[0]?.text ?? "")?.[0] ?? "";
    expect(given[0]?.text).toContain("Le code sert une fois, jusqu'au lundi 30 novembre 2026");
    // Typed in lower case and without its dash, it still works; the giver hears of it.
    const used = await bot.say(`/reseau lier ${code.toLowerCase().replace("-", "")}`, {
      as: "bea",
      room: "room2",
    });
    expect(used.map((u) => u.text).join("\n")).toContain("Ce salon rejoint le réseau");
    expect(
      used.find((u) => u.destination.kind === "member" && u.destination.userId === "anim")?.text,
    ).toContain(
      "Le salon room2 (test) a rejoint le réseau « Réseau des Coteaux » avec votre code.",
    );
    expect(await bot.ask(`/reseau lier ${code}`, { as: "bea", room: "room3" })).toContain(
      `Le code « ${code} » a déjà servi.`,
    );
    const second = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(
      await bot.ask("/reseau lier", { as: "anim" }),
    )?.[0];
    bot.clock.advance(25 * 3_600_000);
    expect(await bot.ask(`/reseau lier ${second}`, { as: "bea", room: "room3" })).toContain(
      "n'existe pas ou a expiré",
    );
    expect(await bot.ask("/reseau lier ZZZZ-ZZZZ", { as: "bea", room: "room3" })).toContain(
      "n'existe pas ou a expiré",
    );
    expect(await bot.ask("/reseau", { room: "room3" })).toContain("relié à aucun réseau");
    // A territory administrator may bind a room to an existing network by its name.
    expect(await bot.ask("/reseau Réseau des Coteaux", { as: "admin", room: "room3" })).toContain(
      "Ce salon est maintenant relié au réseau « Réseau des Coteaux »",
    );
  });
});

describe("the private chat", () => {
  it("greets a person who starts it, and continues an action begun in a group", async () => {
    expect(await bot.ask("/start", { dm: true })).toContain("Bonjour Ana, bienvenue sur SoliTERR");
    expect(await bot.ask("/start offer", { dm: true })).toContain("Que proposez-vous ?");
    expect(await bot.ask("/start need", { dm: true, as: "bob" })).toContain(
      "De quoi avez-vous besoin ?",
    );
    expect(await bot.ask("/start __proto__", { dm: true })).toContain("bienvenue sur SoliTERR");
  });

  it("says so in the group when it cannot write to someone privately, and sends the rest when they come", async () => {
    bot.adapter.beforeSend = (destination) => {
      if (destination.kind === "member" && destination.userId === "ana" && !opened) {
        throw new DeliveryError(
          "403 Forbidden: bot can't initiate conversation with a user",
          "unreachable",
        );
      }
    };
    let opened = false;
    await bot.say("/offre");
    await waitFor(
      () => bot.adapter.sent.some((s) => s.text.includes("je n'arrive pas à vous écrire en privé")),
      "the pointer",
    );
    const pointer = bot.adapter.sent.find((s) =>
      s.text.includes("je n'arrive pas à vous écrire en privé"),
    )!;
    expect(pointer.destination).toEqual({ kind: "room", platform: "test", roomId: "room1" });
    expect(pointer.message.text.buttons.flat()).toEqual([
      { label: "✉️ Ouvrir la discussion privée", command: "/start", openPrivate: true },
    ]);
    expect(outboxCounts(bot.app.db).held).toBe(1);
    const flagged = bot.app.db.$client
      .prepare("SELECT unreachable_since AS s FROM members WHERE platform_user_id = 'ana'")
      .get() as { s: number | null };
    expect(flagged.s).not.toBeNull();

    // Ana opens the private chat: the question she missed comes first.
    opened = true;
    const sent = await bot.say("/start", { dm: true });
    await waitFor(
      () => outboxCounts(bot.app.db).held === 0 && outboxCounts(bot.app.db).pending === 0,
      "delivery",
    );
    const toAna = bot.adapter.sent.filter(
      (s) => s.destination.kind !== "room" || s.destination.roomId === "dm-ana",
    );
    expect(toAna.map((s) => s.text.slice(0, 40))).toEqual([
      expect.stringContaining("Étape 1/7") as string,
      expect.stringContaining("Bonjour Ana") as string,
    ]);
    expect(sent.length).toBeGreaterThan(0);
    expect(await bot.ask("Prêt de remorque", { dm: true })).toContain("Étape 2/7");
  });
});

describe("room events", () => {
  it("introduces itself once when added to a group, and records the room", async () => {
    const event = {
      kind: "joined" as const,
      platform: "test",
      eventId: "join-1",
      room: { id: "g1", kind: "group" as const, title: "Entreprises du Val" },
      by: { id: "u1", displayName: "Lou", localeHint: "en" },
    };
    await roomEvent(event);
    await roomEvent(event);
    const welcomes = bot.adapter.sent.filter(
      (s) => s.destination.kind === "room" && s.destination.roomId === "g1",
    );
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]!.text).toContain("Hello! I am the SoliTERR bot");
    expect(welcomes[0]!.text).toContain("/network <network name>");
    expect(roomByPlatformId(bot.app.db, "test", "g1")).toMatchObject({
      title: "Entreprises du Val",
      active: true,
    });
  });

  it("marks a room the bot left as inactive, and welcomes it back when re-added", async () => {
    await roomEvent({
      kind: "joined",
      platform: "test",
      eventId: "j1",
      room: { id: "g1", kind: "group" },
    });
    await roomEvent({
      kind: "left",
      platform: "test",
      eventId: "l1",
      room: { id: "g1", kind: "group" },
    });
    expect(roomByPlatformId(bot.app.db, "test", "g1")!.active).toBe(false);
    await roomEvent({
      kind: "joined",
      platform: "test",
      eventId: "j2",
      room: { id: "g1", kind: "group" },
    });
    expect(roomByPlatformId(bot.app.db, "test", "g1")!.active).toBe(true);
    expect(
      bot.adapter.sent.filter((s) => s.text.includes("Bonjour ! Je suis le bot SoliTERR")),
    ).toHaveLength(2);
  });

  it("keeps a group's network when its platform gives it a new id", async () => {
    bot.adapter.animators.add("g1|anim");
    await bot.say("/reseau Réseau du Val", { as: "anim", room: "g1" });
    await roomEvent({
      kind: "migrated",
      platform: "test",
      eventId: "m1",
      room: { id: "g1", kind: "group" },
      newRoomId: "g1-super",
    });
    expect(roomByPlatformId(bot.app.db, "test", "g1")).toBeUndefined();
    expect(await bot.ask("/reseau", { room: "g1-super" })).toContain("Réseau « Réseau du Val »");
  });
});

describe("command menus", () => {
  it("lists everyone's commands for private chats and groups, and the animators' for group administrators", () => {
    const fr = bot.app.commandMenus("fr");
    const names = (entries: { command: string }[]) => entries.map((e) => e.command);
    expect(names(fr.private)).toContain("offre");
    expect(names(fr.private)).not.toContain("reseau");
    expect(names(fr.private)).not.toContain("retirer");
    expect(names(fr.group)).toContain("reseau");
    expect(names(fr.group)).not.toContain("annuler");
    expect(names(fr.admin)).toContain("retirer");
    // Moderation tools anyone may type (they check inside) are listed to administrators only.
    for (const tool of ["sourdine", "signalements", "approuver", "demandes"]) {
      expect(names(fr.private)).not.toContain(tool);
      expect(names(fr.group)).not.toContain(tool);
      expect(names(fr.admin)).toContain(tool);
    }
    expect(names(fr.private)).not.toContain("plus");
    expect(fr.private.find((e) => e.command === "chercher")!.description).toBe(
      "chercher des annonces",
    );
    expect(names(bot.app.commandMenus("en").private)).toContain("search");
  });
});
