/**
 * The private chat on Telegram, through the real grammY client and the HTTP fake: the guided
 * form continued privately from a group (with the pointer when the bot cannot write first),
 * paging by button (the results message is edited), and a person who blocked the bot.
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
import { message, paragraph } from "../../bot/reply.js";
import {
  buttonData,
  buttonsOf,
  query,
  queueMessage,
  replyTo,
  sentTo,
  startTelegramBot,
  WAIT_MS,
  type TelegramBot,
} from "../helpers/telegram-bot.js";
import { waitFor } from "../helpers/wait.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

async function bot(): Promise<TelegramBot> {
  const started = await startTelegramBot();
  running.push(started);
  return started;
}

const admin = user(2001, "Anaïs", "fr");
const bob = user(2002, "Bob", "fr");
const alice = user(2003, "Alice", "fr");
const valley = group(-5001, "Entraide du Val");

async function boundValley(fake: FakeTelegram): Promise<void> {
  fake.addBotToGroup(valley, admin);
  await sentTo(fake, valley, "Bonjour");
  await replyTo(fake, valley, fake.sendText(valley, admin, "/reseau Réseau du Val"));
}

/** Presses the button labelled `label` under `message` as `who`, and returns the callback id. */
function press(fake: FakeTelegram, who: TgUser, message: SentMessage, label: string): string {
  const update = fake.pressButton(
    privateChat(who),
    who,
    message.message_id,
    buttonData(message, label),
  );
  return update.callback_query!.id;
}

/** The first private message to `who` containing `text`. */
function privately(fake: FakeTelegram, who: TgUser, text: string): Promise<SentMessage> {
  return sentTo(fake, who.id, text);
}

function memberState(b: TelegramBot, who: TgUser) {
  return query<{ unreachable: number | null }>(
    b.app,
    "SELECT unreachable_since AS unreachable FROM members WHERE platform_user_id = ?",
    String(who.id),
  )[0];
}

function outboxStatesTo(b: TelegramBot, who: TgUser): string[] {
  return query<{ state: string }>(
    b.app,
    "SELECT state FROM outbox WHERE destination_kind = 'member' AND destination_id = ? ORDER BY id",
    String(who.id),
  ).map((r) => r.state);
}

describe("from a group to the private chat", () => {
  it("points to the private chat when the bot cannot write first, then runs the guided form there", async () => {
    const b = await bot();
    const { fake, app } = b;
    await boundValley(fake);

    // Bob never opened a private chat with the bot: Telegram answers 403 to the question.
    const offer = fake.sendText(valley, bob, "/offre");
    const continuing = await replyTo(fake, valley, offer);
    expect(continuing.text).toContain("Bob, je vous écris en privé");
    const pointer = await sentTo(fake, valley, "je n'arrive pas à vous écrire en privé");
    expect(pointer.reply_to).toBe(offer.message!.message_id);
    const [open] = buttonsOf(pointer);
    expect(open?.text).toContain("Ouvrir la discussion privée");
    expect(open?.url).toMatch(/^https:\/\/t\.me\/soliterr_test_bot(\?start(=[\w-]*)?)?$/);
    expect(
      fake.calls.some(
        (c) =>
          c.method === "sendMessage" && Number(c.params.chat_id) === bob.id && c.status === 403,
      ),
    ).toBe(true);
    expect(outboxStatesTo(b, bob)).toEqual(["held"]);
    expect(memberState(b, bob)?.unreachable).not.toBeNull();

    // Bob follows the button and starts the private chat: the held question arrives.
    fake.sendText(privateChat(bob), bob, "/start");
    const title = await privately(fake, bob, "Étape 1/7");
    expect(title.text).toContain("Que proposez-vous ?");
    await privately(fake, bob, "bienvenue sur SoliTERR");
    expect(memberState(b, bob)?.unreachable).toBeNull();
    // The question was held, then sent: before the welcome, in the order it was queued.
    expect(fake.messagesTo(bob.id)[0]?.message_id).toBe(title.message_id);

    fake.sendText(privateChat(bob), bob, "Prêt de remorque");
    const description = await privately(fake, bob, "Étape 2/7");
    press(fake, bob, description, "Passer");
    const category = await privately(fake, bob, "Étape 3/7");
    // Categories are inline callback buttons, two to a row.
    const categoryButtons = buttonsOf(category);
    expect(categoryButtons.length).toBeGreaterThanOrEqual(10);
    expect(categoryButtons.every((x) => x.url === undefined)).toBe(true);
    const pressed = press(fake, bob, category, "Véhicules");
    await waitFor(
      () => fake.callbackAnswers.some((a) => a.callback_query_id === pressed),
      "the button press to be answered",
      WAIT_MS,
    );
    await privately(fake, bob, "Étape 4/7");
    fake.sendText(privateChat(bob), bob, "Tarbes");
    const terms = await privately(fake, bob, "Étape 5/7");
    press(fake, bob, terms, "Prêt");
    const until = await privately(fake, bob, "Étape 6/7");
    press(fake, bob, until, "Passer");
    const confirm = await privately(fake, bob, "Étape 7/7");
    expect(confirm.text).toContain("Prêt de remorque");
    press(fake, bob, confirm, "Publier");
    const published = await privately(fake, bob, "Votre offre #1 est publiée");
    expect(published.text).toContain("Tarbes (65)");

    expect(
      query(
        app,
        `SELECT l.title, l.category, l.terms, n.name AS network
         FROM listings l JOIN networks n ON n.id = l.network_id`,
      ),
    ).toEqual([
      { title: "Prêt de remorque", category: "vehicles", terms: "loan", network: "Réseau du Val" },
    ]);
    // Every button press was answered (the spinner stops), none left open.
    await waitFor(
      () => fake.callbackAnswers.length === 5 && fake.openCallbacks.size === 0,
      "the 5 button presses to be answered",
      WAIT_MS,
    );
  });
});

describe("paging by button", () => {
  it("edits the results message in place and answers the button press", async () => {
    const b = await bot();
    const { fake } = b;
    const chat = privateChat(bob);
    for (let i = 1; i <= 25; i++)
      fake.sendText(chat, bob, `/offre Annonce numéro ${i} #vehicules lieu:Tarbes`);
    await waitFor(
      () => fake.messagesTo(bob.id).filter((m) => m.text.includes("est publiée")).length === 25,
      "25 listings to be published",
      WAIT_MS,
    );

    const search = fake.sendText(chat, bob, "/chercher");
    const results = await replyTo(fake, chat, search);
    expect(results.text).toContain("page 1");
    expect(results.text).toContain("#25 Annonce numéro 25");
    expect(results.text).not.toContain("#15 Annonce");
    const sentBefore = fake.messagesTo(bob.id).length;

    const next = press(fake, bob, results, "Suivantes");
    const page2 = await fake.waitForSent(
      (m) => m.message_id === results.message_id && m.history.length === 1,
      WAIT_MS,
    );
    expect(page2.text).toContain("page 2");
    expect(page2.text).toContain("#15 Annonce numéro 15");
    expect(page2.text).not.toContain("#25 Annonce");
    expect(page2.history[0]?.text).toContain("page 1");
    expect(buttonsOf(page2).map((x) => x.text)).toEqual([
      "◀ Précédentes",
      "Suivantes ▶",
      "🔔 Créer une alerte",
    ]);
    await waitFor(
      () => fake.callbackAnswers.some((a) => a.callback_query_id === next),
      "the button press to be answered",
      WAIT_MS,
    );

    press(fake, bob, page2, "Suivantes");
    const page3 = await fake.waitForSent(
      (m) => m.message_id === results.message_id && m.history.length === 2,
      WAIT_MS,
    );
    expect(page3.text).toContain("page 3");
    expect(page3.text).toContain("#1 Annonce numéro 1 ");
    expect(buttonsOf(page3).map((x) => x.text)).toEqual(["◀ Précédentes", "🔔 Créer une alerte"]);

    // Paging edited the message: no new message was sent.
    expect(fake.messagesTo(bob.id)).toHaveLength(sentBefore);
    expect(
      fake.calls
        .filter((c) => c.method === "editMessageText")
        .map((c) => Number(c.params.message_id)),
    ).toEqual([results.message_id, results.message_id]);
    await waitFor(() => fake.openCallbacks.size === 0, "both presses to be answered", WAIT_MS);
  });
});

describe("long results asked for in a group", () => {
  it("sends them privately with a pointer in the group, and pages there", async () => {
    const b = await bot();
    const { fake } = b;
    await boundValley(fake);
    for (let i = 1; i <= 12; i++)
      fake.sendText(valley, admin, `/offre Outil numéro ${i} #equipement lieu:Tarbes`);
    await waitFor(
      () => fake.messagesTo(valley.id).filter((m) => m.text.includes("est publiée")).length === 12,
      "12 listings to be published",
      WAIT_MS,
    );
    fake.sendText(privateChat(bob), bob, "/start");
    await privately(fake, bob, "bienvenue");

    const search = fake.sendText(valley, bob, "/chercher outil");
    const pointer = await replyTo(fake, valley, search);
    expect(pointer.text).toContain("Bob, les résultats tiennent sur plusieurs pages");
    expect(pointer.text).not.toContain("Outil numéro");
    const results = await privately(fake, bob, "page 1");
    expect(results.reply_to).toBeUndefined();
    expect(results.text).toContain("Outil numéro 12");

    press(fake, bob, results, "Suivantes");
    const page2 = await fake.waitForSent(
      (m) => m.message_id === results.message_id && m.history.length === 1,
      WAIT_MS,
    );
    expect(page2.chat_id).toBe(bob.id);
    expect(page2.text).toContain("page 2");
    expect(page2.text).toContain("#1 Outil numéro 1 ");
  });

  it("sends a new page when the results message can no longer be edited", async () => {
    const b = await bot();
    const { fake } = b;
    const chat = privateChat(bob);
    for (let i = 1; i <= 11; i++)
      fake.sendText(chat, bob, `/besoin Besoin numéro ${i} #services lieu:65`);
    await waitFor(
      () => fake.messagesTo(bob.id).filter((m) => m.text.includes("est publié")).length === 11,
      "11 listings to be published",
      WAIT_MS,
    );
    const results = await replyTo(fake, chat, fake.sendText(chat, bob, "/chercher besoin"));

    fake.failNext("editMessageText", {
      error_code: 400,
      description: "Bad Request: message to edit not found",
    });
    press(fake, bob, results, "Suivantes");
    const page2 = await privately(fake, bob, "page 2");
    expect(page2.message_id).not.toBe(results.message_id);
    expect(page2.text).toContain("#1 Besoin numéro 1 ");
    expect(results.history).toEqual([]);
  });
});

describe("buttons with long commands", () => {
  it("keeps a command over Telegram's 64 bytes aside, and runs it when the button is pressed", async () => {
    const b = await bot();
    const { fake, app } = b;
    const chat = privateChat(bob);
    await replyTo(fake, chat, fake.sendText(chat, bob, "/start"));
    const words = "vélo cargo électrique remorque porte-vélos triporteur livraisons";
    const command = `/chercher ${words}`;
    expect(Buffer.byteLength(command)).toBeGreaterThan(64);
    queueMessage(
      app,
      { kind: "member", platform: "telegram", userId: String(bob.id) },
      { text: message([paragraph("Essayez :")], [[{ label: "Vélos", command }]]) },
    );
    const offer = await privately(fake, bob, "Essayez");
    const [button] = buttonsOf(offer);
    expect(Buffer.byteLength(button?.data ?? "")).toBeLessThanOrEqual(64);
    expect(button?.data).not.toBe(command);

    const pressed = press(fake, bob, offer, "Vélos");
    const answer = await fake.waitForSent(
      (m) => m.chat_id === bob.id && m.text.includes(`« ${words} »`),
      WAIT_MS,
    );
    expect(answer.text).toContain("Aucune annonce ouverte");
    await waitFor(
      () => fake.callbackAnswers.some((a) => a.callback_query_id === pressed),
      "the button press to be answered",
      WAIT_MS,
    );
  });

  it("answers a press on a button it no longer knows, so that its spinner stops", async () => {
    const b = await bot();
    const { fake, app } = b;
    const chat = privateChat(bob);
    await replyTo(fake, chat, fake.sendText(chat, bob, "/start"));
    queueMessage(
      app,
      { kind: "member", platform: "telegram", userId: String(bob.id) },
      {
        text: message(
          [paragraph("Ancien message")],
          [[{ label: "Ancien bouton", command: `/chercher ${"x".repeat(80)}` }]],
        ),
      },
    );
    const old = await privately(fake, bob, "Ancien message");
    // The kept command is gone (a database restored from an older backup...).
    app.db.$client
      .prepare("DELETE FROM territory_settings WHERE key LIKE 'telegram.button.%'")
      .run();

    const pressed = press(fake, bob, old, "Ancien bouton");
    const later = fake.sendText(chat, bob, "/chercher ensuite");
    await replyTo(fake, chat, later);
    // The answer is asked for before the next update is handled: a few seconds are plenty.
    await waitFor(
      () => fake.callbackAnswers.some((a) => a.callback_query_id === pressed),
      "the press on the unknown button to be answered",
      5_000,
    );
  });
});

describe("a person who blocked the bot", () => {
  it("holds the private message, points to it in the group, and releases it when they come back", async () => {
    const b = await bot();
    const { fake } = b;
    await boundValley(fake);
    fake.sendText(privateChat(alice), alice, "/start");
    await privately(fake, alice, "bienvenue");

    fake.blockBot(alice);
    const offer = fake.sendText(valley, alice, "/offre");
    await replyTo(fake, valley, offer);
    const pointer = await fake.waitForSent(
      (m) =>
        m.chat_id === valley.id &&
        m.text.includes("Alice, je n'arrive pas à vous écrire en privé") &&
        m.reply_to === offer.message!.message_id,
      WAIT_MS,
    );
    expect(buttonsOf(pointer)[0]?.url).toMatch(/^https:\/\/t\.me\/soliterr_test_bot/);
    expect(
      fake.calls.some(
        (c) =>
          c.method === "sendMessage" && Number(c.params.chat_id) === alice.id && c.status === 403,
      ),
    ).toBe(true);
    expect(outboxStatesTo(b, alice)).toEqual(["held"]);
    expect(memberState(b, alice)?.unreachable).not.toBeNull();
    expect(fake.messagesTo(alice.id).some((m) => m.text.includes("Étape 1/7"))).toBe(false);

    // Alice unblocks the bot and writes to it: what was held is delivered.
    fake.openPrivateChat(alice);
    fake.sendText(privateChat(alice), alice, "/start");
    const question = await privately(fake, alice, "Étape 1/7");
    expect(question.text).toContain("Que proposez-vous ?");
    expect(memberState(b, alice)?.unreachable).toBeNull();
    await waitFor(
      () => !outboxStatesTo(b, alice).includes("held"),
      "the held message to be sent",
      WAIT_MS,
    );
  });
});
