/**
 * The bot in Telegram groups, through the real grammY client and the HTTP fake of the Bot API:
 * joining a group, binding it to a network, posting and searching with threaded replies,
 * animators from the group's administrators, supergroup migration, removal, and commands
 * addressed to other bots.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  group,
  privateChat,
  supergroup,
  user,
  type FakeTelegram,
} from "../fakes/telegram-bot-api.js";
import {
  buttonsOf,
  messageIdOf,
  query,
  replyTo,
  sentTo,
  startTelegramBot,
  WAIT_MS,
  type TelegramBot,
  type TelegramBotOptions,
} from "../helpers/telegram-bot.js";
import { waitFor } from "../helpers/wait.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

async function bot(options: TelegramBotOptions = {}): Promise<TelegramBot> {
  const started = await startTelegramBot(options);
  running.push(started);
  return started;
}

const admin = user(1001, "Anaïs", "fr");
const bob = user(1002, "Bob", "fr");
const carol = user(1003, "Carole", "fr");
const valley = group(-4001, "Entraide du Val");

/** Adds the bot to `valley` and binds it to "Réseau du Val" as its creator would. */
async function boundValley(fake: FakeTelegram): Promise<void> {
  fake.addBotToGroup(valley, admin);
  await sentTo(fake, valley, "Bonjour");
  const bind = fake.sendText(valley, admin, "/reseau Réseau du Val");
  await replyTo(fake, valley, bind);
}

describe("posting and searching in a group", () => {
  it("welcomes the group, binds it, publishes an offer and finds it, replying in thread", async () => {
    const { fake, app } = await bot();

    fake.addBotToGroup(valley, admin);
    const welcome = await sentTo(fake, valley, "Bonjour");
    // The placeholder "<nom du réseau>" is text: escaped, and shown as typed.
    expect(welcome.text).toContain("/reseau <nom du réseau>");
    expect(welcome.parse_mode).toBe("HTML");
    expect(welcome.source).toContain("&lt;nom du réseau&gt;");

    const bind = fake.sendText(valley, admin, "/reseau Réseau du Val");
    const bound = await replyTo(fake, valley, bind);
    expect(bound.text).toContain("Réseau « Réseau du Val » créé");

    const post = fake.sendText(valley, bob, "/offre Prêt de camionnette #vehicules lieu:Tarbes");
    const published = await replyTo(fake, valley, post);
    expect(published.reply_to).toBe(messageIdOf(post));
    expect(published.text).toContain("Votre offre #1 est publiée");
    expect(published.text).toContain("Prêt de camionnette");
    expect(published.text).toContain("Tarbes (65)");
    expect(published.text).toContain("Réseau du Val");
    // The author's buttons are callback buttons carrying commands.
    expect(buttonsOf(published).map((b) => b.data)).toEqual(
      expect.arrayContaining(["/renouveler 1", "/cloturer 1", "/modifier 1", "/supprimer 1"]),
    );

    const search = fake.sendText(valley, carol, "/chercher camionnette");
    const results = await replyTo(fake, valley, search);
    expect(results.parse_mode).toBe("HTML");
    expect(results.text).toContain("« camionnette »");
    expect(results.text).toContain("#1 Prêt de camionnette");

    const [listing] = query<{ title: string; network: string; author: string }>(
      app,
      `SELECT l.title, n.name AS network, m.platform_user_id AS author
       FROM listings l JOIN networks n ON n.id = l.network_id JOIN members m ON m.id = l.author_id`,
    );
    expect(listing).toEqual({
      title: "Prêt de camionnette",
      network: "Réseau du Val",
      author: String(bob.id),
    });
    // Every message to the group was threaded, except the welcome.
    expect(fake.messagesTo(valley.id).filter((m) => m.reply_to === undefined)).toEqual([welcome]);
  });
});

describe("animators are the group's administrators", () => {
  it("refuses /retirer to a member, allows it to an administrator, and refreshes on chat_member", async () => {
    const { fake, app } = await bot();
    await boundValley(fake);
    const post = fake.sendText(valley, carol, "/offre Prêt de perceuse #equipement lieu:Tarbes");
    await replyTo(fake, valley, post);

    const refused = fake.sendText(valley, bob, "/retirer 1 spam");
    const refusal = await replyTo(fake, valley, refused);
    expect(refusal.text).toContain("La commande /retirer est réservée aux animateurs");
    expect(query(app, "SELECT status FROM listings WHERE id = 1")).toEqual([{ status: "open" }]);

    // Made administrator in Telegram: the bot still trusts its cached list...
    fake.setAdmins(valley.id, [bob]);
    const cached = fake.sendText(valley, bob, "/retirer 1 spam");
    expect((await replyTo(fake, valley, cached)).text).toContain("réservée aux animateurs");

    // ...until the chat_member update says the administrators changed.
    fake.chatMemberUpdate(valley, bob, "member", "administrator", admin);
    const allowed = fake.sendText(valley, bob, "/retirer 1 spam");
    const done = await replyTo(fake, valley, allowed);
    expect(done.text).toContain("L'annonce #1 est retirée");
    expect(
      query(app, "SELECT status, removal_reason AS reason FROM listings WHERE id = 1"),
    ).toEqual([{ status: "removed", reason: "spam" }]);
    expect(
      fake.calls.filter((c) => c.method === "getChatAdministrators" && c.status === 200).length,
    ).toBe(2);
  });
});

describe("room lifecycle", () => {
  it("keeps the network binding when the group becomes a supergroup", async () => {
    const { fake, app } = await bot();
    await boundValley(fake);

    const upgraded = supergroup(-1_004_000_000_001, valley.title ?? "");
    fake.migrateGroup(valley, upgraded.id);
    const ask = fake.sendText(upgraded, admin, "/reseau");
    const shown = await replyTo(fake, upgraded, ask);
    expect(shown.text).toContain("Réseau « Réseau du Val »");
    expect(
      query(app, "SELECT platform_room_id AS id, active FROM rooms WHERE kind = 'group'"),
    ).toEqual([{ id: String(upgraded.id), active: 1 }]);

    // A listing posted in the supergroup belongs to the network.
    const post = fake.sendText(upgraded, bob, "/besoin Local de stockage #locaux lieu:65");
    await replyTo(fake, upgraded, post);
    expect(
      query(app, "SELECT n.name FROM listings l JOIN networks n ON n.id = l.network_id"),
    ).toEqual([{ name: "Réseau du Val" }]);
  });

  it("delivers to the supergroup a reply that was queued for the group just before it migrated", async () => {
    const { fake, app } = await bot();
    await boundValley(fake);
    const upgraded = supergroup(-1_004_000_000_002, valley.title ?? "");

    // The command arrives, then the group is upgraded before the bot's reply goes out:
    // Telegram refuses the old id with 400 "group chat was upgraded" and migrate_to_chat_id.
    fake.sendText(valley, bob, "/chercher camionnette");
    fake.migrateGroup(valley, upgraded.id);
    await waitFor(
      () =>
        query(app, "SELECT id FROM outbox WHERE state IN ('pending', 'sending')").length === 0 &&
        query(app, "SELECT event_id FROM processed_events WHERE event_id LIKE 'migrate:%'").length >
          0,
      "the reply to be sent or given up",
      WAIT_MS,
    );
    expect(query(app, "SELECT last_error AS error FROM outbox WHERE state = 'failed'")).toEqual([]);
    expect(fake.messagesTo(upgraded.id).map((m) => m.text)).toEqual([
      expect.stringContaining("« camionnette »"),
    ]);
  });

  it("marks the room inactive when the bot is removed from the group", async () => {
    const { fake, app } = await bot();
    await boundValley(fake);
    const active = () =>
      query<{ active: number }>(
        app,
        "SELECT active FROM rooms WHERE platform = 'telegram' AND platform_room_id = ?",
        String(valley.id),
      )[0]?.active;
    expect(active()).toBe(1);

    fake.removeBotFromGroup(valley, admin);
    await waitFor(() => active() === 0, "the room to become inactive");

    // Added back: the room is active again and the bot says it kept its network.
    fake.addBotToGroup(valley, admin);
    const back = await sentTo(fake, valley, "Me revoilà");
    expect(back.text).toContain("reste relié à son réseau");
    expect(active()).toBe(1);
  });
});

describe("commands addressed to a bot", () => {
  it("ignores /cmd@other_bot and answers /cmd@its own name", async () => {
    const { fake } = await bot();
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");

    const other = fake.sendText(valley, bob, "/chercher@other_bot camionnette");
    const ours = fake.sendText(valley, bob, `/chercher@${fake.bot.username} camionnette`);
    const answer = await replyTo(fake, valley, ours);
    expect(answer.text).toContain("« camionnette »");
    // Replies to one chat go out in order: had the first been answered, it would be there.
    expect(fake.messagesTo(valley.id).filter((m) => m.reply_to === messageIdOf(other))).toEqual([]);

    // Other bots, and plain conversation in the group, get no answer either.
    const robot = { ...user(1099, "Robot"), is_bot: true };
    const fromBot = fake.sendText(valley, robot, "/chercher camionnette");
    const chatter = fake.sendText(valley, bob, "Quelqu'un a une camionnette ?");
    const last = fake.sendText(valley, carol, "/chercher remorque");
    await replyTo(fake, valley, last);
    expect(
      fake
        .messagesTo(valley.id)
        .filter((m) => m.reply_to === messageIdOf(fromBot) || m.reply_to === messageIdOf(chatter)),
    ).toEqual([]);

    const privateOther = fake.sendText(privateChat(bob), bob, "/aide@other_bot");
    const privateOurs = fake.sendText(
      privateChat(bob),
      bob,
      `/chercher@${fake.bot.username.toUpperCase()} perceuse`,
    );
    await fake.waitForSent((m) => m.chat_id === bob.id && m.reply_to === messageIdOf(privateOurs));
    expect(fake.messagesTo(bob.id).filter((m) => m.reply_to === messageIdOf(privateOther))).toEqual(
      [],
    );
  });
});
