/**
 * Contact between members on Telegram, through the real grammY client and the HTTP fake: the
 * "contact the author" button under a listing, the message asked and relayed privately, the
 * answer by button, handles shared only when both agree — asserted on the payloads sent.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  group,
  privateChat,
  user,
  type FakeTelegram,
  type SentMessage,
  type TgUser,
} from "../fakes/telegram-bot-api.js";
import {
  press,
  replyTo,
  sentTo,
  startTelegramBot,
  type TelegramBot,
} from "../helpers/telegram-bot.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const admin = user(3001, "Anaïs", "fr");
const ana = user(3002, "Ana", "fr", "ana_boulange");
const bob = user(3003, "Bob", "fr", "bob_le_bricoleur");
const valley = group(-6001, "Entraide du Val");

/** Presses a button under a message of `who`'s private chat or of the group. */
function pressIn(fake: FakeTelegram, who: TgUser, sent: SentMessage, label: string): void {
  press(fake, who, sent, label, sent.chat_id === who.id ? privateChat(who) : valley);
}

/** Every text and keyboard the bot sent to `chatId`, as one string. */
function payloadsTo(fake: FakeTelegram, chatId: number): string {
  return JSON.stringify(
    fake.calls.filter((c) => Number(c.params.chat_id) === chatId).map((c) => c.params),
  );
}

describe("contact on Telegram", () => {
  it("relays a message by button and its answer, without revealing handles until both agree", async () => {
    const b = await startTelegramBot();
    running.push(b);
    const { fake } = b;
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");
    await replyTo(fake, valley, fake.sendText(valley, admin, "/reseau Réseau du Val"));
    // Both open their private chat with the bot.
    fake.sendText(privateChat(ana), ana, "/start");
    fake.sendText(privateChat(bob), bob, "/start");
    await sentTo(fake, ana.id, "bienvenue");
    await sentTo(fake, bob.id, "bienvenue");
    await replyTo(
      fake,
      valley,
      fake.sendText(valley, ana, "/offre Prêt de camionnette #vehicules lieu:Tarbes"),
    );

    const card = await replyTo(fake, valley, fake.sendText(valley, bob, "/annonce 1"));
    pressIn(fake, bob, card, "Contacter l'auteur");
    await sentTo(fake, bob.id, "Votre message pour l'auteur de l'annonce #1");
    fake.sendText(privateChat(bob), bob, "Bonjour, elle est libre samedi ?");
    const relayed = await sentTo(fake, ana.id, "Bob vous écrit au sujet de votre annonce #1");
    expect(relayed.text).toContain("Bonjour, elle est libre samedi ?");
    await sentTo(fake, bob.id, "Message transmis en privé à Ana");

    pressIn(fake, ana, relayed, "Répondre");
    await sentTo(fake, ana.id, "Votre réponse à Bob");
    fake.sendText(privateChat(ana), ana, "Oui, passez à 9 h");
    const answer = await sentTo(fake, bob.id, "Ana vous répond");
    expect(answer.text).toContain("Oui, passez à 9 h");

    // Nothing sent to either of them so far carries the other's id or username.
    expect(payloadsTo(fake, ana.id)).toContain("Bonjour, elle est libre samedi ?");
    expect(payloadsTo(fake, ana.id)).not.toMatch(/3003|bob_le_bricoleur/);
    expect(payloadsTo(fake, bob.id)).not.toMatch(/3002|ana_boulange/);

    pressIn(fake, bob, answer, "Partager mes coordonnées");
    const offer = await sentTo(fake, ana.id, "Bob propose d'échanger vos coordonnées");
    expect(payloadsTo(fake, ana.id)).not.toMatch(/3003|bob_le_bricoleur/);
    pressIn(fake, ana, offer, "Oui, partager");
    const toBob = await sentTo(fake, bob.id, "Voici celles de Ana");
    expect(toBob.text).toContain("Sur Telegram : @ana_boulange");
    expect(toBob.source).toContain('href="https://t.me/ana_boulange"');
    const toAna = await sentTo(fake, ana.id, "Voici celles de Bob");
    expect(toAna.text).toContain("Sur Telegram : @bob_le_bricoleur");
  });
});
