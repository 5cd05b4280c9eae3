/**
 * Moderation on Telegram, through the real grammY client and the HTTP fake: a network with
 * moderated posting holds a member's listing, the animator is told privately with Publish /
 * Refuse buttons, and pressing Publish opens it and tells its author.
 */
import { afterEach, describe, expect, it } from "vitest";
import { group, privateChat, user } from "../fakes/telegram-bot-api.js";
import {
  buttonData,
  buttonsOf,
  query,
  replyTo,
  sentTo,
  startTelegramBot,
  type TelegramBot,
} from "../helpers/telegram-bot.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anim = user(5001, "Anaïs", "fr");
const dan = user(5002, "Dan", "fr", "dan_du_val");
const valley = group(-8001, "Entraide du Val");

describe("moderation on Telegram", () => {
  it("holds a member's listing until the animator presses Publish in private", async () => {
    const b = await startTelegramBot();
    running.push(b);
    const { fake, app } = b;
    fake.addBotToGroup(valley, anim);
    await sentTo(fake, valley, "Bonjour");
    await replyTo(fake, valley, fake.sendText(valley, anim, "/reseau Réseau du Val"));
    for (const who of [anim, dan]) {
      fake.sendText(privateChat(who), who, "/start");
      await sentTo(fake, who.id, "bienvenue");
    }
    await replyTo(fake, valley, fake.sendText(valley, anim, "/reseau moderation oui"));

    const held = await replyTo(
      fake,
      valley,
      fake.sendText(valley, dan, "/offre Perceuse à prêter #outillage lieu:Tarbes"),
    );
    expect(held.text).toContain("Votre offre #1 est enregistrée : elle attend la validation");
    const notice = await sentTo(fake, anim.id, "Dan a proposé l'annonce #1");
    expect(buttonsOf(notice).map((x) => x.text)).toEqual(["✅ Publier #1", "❌ Refuser #1"]);
    expect(query(app, "SELECT status FROM listings")).toEqual([{ status: "pending" }]);

    fake.pressButton(privateChat(anim), anim, notice.message_id, buttonData(notice, "Publier"));
    await sentTo(fake, dan.id, "Votre annonce « Perceuse à prêter » est validée");
    await sentTo(fake, anim.id, "Annonce publiée sous le n° #2");
    expect(query(app, "SELECT id, status FROM listings")).toEqual([{ id: 2, status: "open" }]);
    expect(
      query(
        app,
        "SELECT action FROM audit_log WHERE action IN ('network-moderation', 'listing-approved') ORDER BY id",
      ),
    ).toEqual([{ action: "network-moderation" }, { action: "listing-approved" }]);
  });
});
