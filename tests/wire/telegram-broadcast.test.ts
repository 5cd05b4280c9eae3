/**
 * Broadcasts on Telegram, through the real grammY client and the HTTP fake of the Bot API: the
 * preview in the animator's private chat, its buttons, the message in every group of the
 * network with the animator's text escaped, pinned where the bot may pin, and the report.
 */
import { afterEach, describe, expect, it } from "vitest";
import { group, privateChat, user } from "../fakes/telegram-bot-api.js";
import {
  buttonData,
  replyTo,
  sentTo,
  startTelegramBot,
  type TelegramBot,
} from "../helpers/telegram-bot.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anais = user(1001, "Anaïs", "fr");
const valley = group(-4001, "Entraide du Val");
const hills = group(-4002, "Coteaux solidaires");

describe("broadcasts on Telegram", () => {
  it("previews in private, then posts in every group, pins where it may, and reports", async () => {
    const bot = await startTelegramBot();
    running.push(bot);
    const { fake, app } = bot;
    // The bot administers the valley's group, but is a plain member of the hills' one.
    fake.addBotToGroup(valley, anais);
    fake.addBotToGroup(hills, anais, { status: "member" });
    fake.openPrivateChat(anais);
    await sentTo(fake, valley, "Bonjour");
    await replyTo(fake, valley, fake.sendText(valley, anais, "/reseau Réseau du Val"));
    // The second group joins with a one-time code, given in private.
    await sentTo(fake, hills, "Bonjour");
    fake.sendText(valley, anais, "/reseau lier");
    const given = await sentTo(fake, anais.id, "Code pour relier un autre salon");
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(given.text)?.[0] ?? "";
    expect(given.text).toContain(`/reseau lier ${code} (sur Matrix : !reseau lier ${code})`);
    const linked = await replyTo(fake, hills, fake.sendText(hills, anais, `/reseau lier ${code}`));
    expect(linked.text).toContain("Ce salon rejoint le réseau « Réseau du Val »");

    fake.sendText(valley, anais, "/diffuser Assemblée <b>générale</b> & apéro jeudi");
    const preview = await sentTo(fake, anais.id, "Aperçu de la diffusion n°1");
    expect(preview.text).toContain("2 salons (telegram 2)");
    expect(preview.source).toContain("Assemblée &lt;b&gt;générale&lt;/b&gt; &amp; apéro jeudi");
    expect(
      fake
        .messagesTo(valley.id)
        .map((m) => m.text)
        .join(),
    ).not.toContain("📣");

    fake.pressButton(
      privateChat(anais),
      anais,
      preview.message_id,
      buttonData(preview, "Épingler"),
    );
    await fake.waitForSent(
      (m) => m.message_id === preview.message_id && m.text.includes("Épinglée : oui"),
    );
    fake.pressButton(privateChat(anais), anais, preview.message_id, buttonData(preview, "Envoyer"));
    await sentTo(fake, anais.id, "Diffusion n°1 en route vers 2 salons");

    const inValley = await sentTo(fake, valley, "📣 Réseau du Val — message de Anaïs");
    const inHills = await sentTo(fake, hills, "📣 Réseau du Val — message de Anaïs");
    expect(inValley.text).toContain("Assemblée <b>générale</b> & apéro jeudi");
    expect(inHills.source).toContain("&lt;b&gt;générale&lt;/b&gt;");
    await app.outbox.drain();
    expect(fake.pinnedMessage(valley.id)).toBe(inValley.message_id);
    expect(fake.pinnedMessage(hills.id)).toBeUndefined();

    await app.scheduler.runAll();
    const report = await sentTo(fake, anais.id, "Rapport de la diffusion n°1");
    expect(report.text).toContain("Salons atteints : 2 sur 2.");
    expect(report.text).toContain("Épinglée dans 1 salon(s) sur 2.");
    expect(report.text).toContain("Coteaux solidaires (telegram) — ");
    expect(report.text).toContain("not enough rights to manage pinned messages");
  });
});
