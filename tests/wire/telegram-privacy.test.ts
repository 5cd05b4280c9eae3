/**
 * `/mydata` and `/forget` on Telegram, through the real grammY client and the HTTP fake: the
 * JSON file arrives with sendDocument in the member's private chat, and the erasure is
 * confirmed with an inline button.
 */
import { afterEach, describe, expect, it } from "vitest";
import { group, privateChat, user } from "../fakes/telegram-bot-api.js";
import {
  buttonData,
  replyTo,
  sentTo,
  startTelegramBot,
  WAIT_MS,
  type TelegramBot,
} from "../helpers/telegram-bot.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const admin = user(2101, "Anaïs", "fr");
const bob = user(2102, "Bob", "en");
const valley = group(-5101, "Entraide du Val");

describe("personal data on Telegram", () => {
  it("sends the member's data as a document in their private chat, in English", async () => {
    const b = await startTelegramBot();
    running.push(b);
    const { fake } = b;
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");
    await replyTo(fake, valley, fake.sendText(valley, admin, "/reseau Réseau du Val"));
    fake.sendText(privateChat(bob), bob, "/start");
    await sentTo(fake, bob.id, "Hello Bob");
    await replyTo(
      fake,
      valley,
      fake.sendText(valley, bob, "/offer Trailer to lend #vehicules lieu:Tarbes"),
    );

    const asked = fake.sendText(valley, bob, "/mydata");
    expect((await replyTo(fake, valley, asked)).text).toContain("I sent you your data in private");
    const document = await fake.waitForSent(
      (m) => m.method === "sendDocument" && m.chat_id === bob.id,
      WAIT_MS,
    );
    expect(document.text).toContain("Your data on SoliTERR");
    expect(document.text).toContain("Listings: 1 (open 1)");
    expect(document.file?.file_name).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(document.file!.data!.toString("utf8")) as {
      data: { members: { platformUserId: string }[]; listings: { title: string }[] };
    };
    expect(doc.data.members[0]?.platformUserId).toBe(String(bob.id));
    expect(doc.data.listings.map((l) => l.title)).toEqual(["Trailer to lend"]);

    fake.sendText(privateChat(bob), bob, "/forget");
    const explained = await sentTo(fake, bob.id, "Erase your data");
    expect(explained.text).toContain("the messages you sent through the bot");
    expect(buttonData(explained, "🗑 Confirm the erasure")).toBeTruthy();
  });
});
