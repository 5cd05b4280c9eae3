/**
 * Polls on Telegram, through the real grammY client and the HTTP fake of the Bot API: a
 * native, non-anonymous poll in the network's group, votes arriving as poll_answer updates
 * (changed, withdrawn) counted with typed ones, and closing with stopPoll and the results.
 */
import { afterEach, describe, expect, it } from "vitest";
import { group, user, type TgUpdate } from "../fakes/telegram-bot-api.js";
import {
  freePort,
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
const bea = user(1002, "Béa", "fr");
const carl = user(1003, "Carl", "fr");
const dan = user(1004, "Dan", "fr");
const valley = group(-4001, "Entraide du Val");

describe("polls on Telegram", () => {
  it("sends a native poll, counts poll_answer votes with typed ones, and closes it with stopPoll", async () => {
    const bot = await startTelegramBot();
    running.push(bot);
    const { fake } = bot;
    fake.addBotToGroup(valley, anais);
    await sentTo(fake, valley, "Bonjour");
    await replyTo(fake, valley, fake.sendText(valley, anais, "/reseau Réseau du Val"));
    for (const person of [bea, carl, dan]) fake.sendText(valley, person, "Bonjour à tous");

    const asked = fake.sendText(
      valley,
      anais,
      '/sondage "Quelle date pour l\'assemblée ?" "Jeudi 3" "Vendredi <4>"',
    );
    expect((await replyTo(fake, valley, asked)).text).toContain(
      "Sondage n°1 posé dans 1 salon(s) du réseau",
    );
    const sent = await fake.waitForSent((m) => m.method === "sendPoll");
    expect(sent.chat_id).toBe(valley.id);
    expect(sent.message.poll).toMatchObject({
      question: "Quelle date pour l'assemblée ?",
      options: [
        { text: "Jeudi 3", voter_count: 0 },
        { text: "Vendredi <4>", voter_count: 0 },
      ],
      is_anonymous: false,
      allows_multiple_answers: false,
    });
    expect(fake.allowedUpdates).toContain("poll_answer");

    const poll = { chatId: valley.id, messageId: sent.message_id };
    fake.votePoll(bea, poll, [0]);
    fake.votePoll(carl, poll, [1]);
    fake.votePoll(carl, poll, [0]); // Carl changes his mind.
    fake.votePoll(dan, poll, [1]);
    fake.votePoll(dan, poll, []); // Dan withdraws.
    fake.sendText(valley, dan, "/voter 1 2"); // …then votes by text.
    const asking = fake.sendText(valley, bea, "/sondage resultats");
    const results = await replyTo(fake, valley, asking);
    expect(results.text).toContain("📊 Résultats du sondage n°1 (en cours)");
    expect(results.text).toContain("1. Jeudi 3 — 2 vote(s), 67 %");
    expect(results.text).toContain("2. Vendredi <4> — 1 vote(s), 33 %");
    expect(results.text).toContain("3 votants. Par plateforme : telegram 3.");
    // The poll's own `poll` updates were not asked for.
    expect(fake.filteredUpdates.some((u) => u.poll !== undefined)).toBe(true);

    fake.sendText(valley, anais, "/sondage clore 1");
    const end = await sentTo(fake, valley, "Résultats du sondage n°1 (clos)");
    expect(end.reply_to).toBe(sent.message_id);
    expect(fake.calls.filter((c) => c.method === "stopPoll")).toHaveLength(1);
    expect(fake.polls.get(sent.message.poll!.id)?.poll.is_closed).toBe(true);
    expect(() => fake.votePoll(bea, poll, [1])).toThrow(/closed/);
  });

  it("takes votes by webhook too: the webhook asks for poll_answer updates", async () => {
    const port = await freePort();
    const secret = "s3cret-s3cret-s3cret";
    const bot = await startTelegramBot({
      adapter: { webhook: { url: "https://example.org/tg/hook", secret, host: "127.0.0.1", port } },
    });
    running.push(bot);
    const { fake } = bot;
    expect(fake.webhook?.allowed_updates).toContain("poll_answer");
    const post = (update: TgUpdate) =>
      fetch(`http://127.0.0.1:${port}/tg/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify(update),
      }).then((r) => r.status);
    const [added] = fake.addBotToGroup(valley, anais);
    expect(await post(added!)).toBe(200);
    expect(await post(fake.sendText(valley, anais, "/reseau Réseau du Val"))).toBe(200);
    expect(await post(fake.sendText(valley, anais, '/sondage "Apéro ?" "Oui" "Non"'))).toBe(200);
    const sent = await fake.waitForSent((m) => m.method === "sendPoll");
    fake.sendText(valley, bea, "Bonjour");
    expect(await post(fake.votePoll(bea, sent.message.poll!.id, [1]))).toBe(200);
    const asking = fake.sendText(valley, bea, "/sondage resultats 1");
    expect(await post(asking)).toBe(200);
    expect((await replyTo(fake, valley, asking)).text).toContain("2. Non — 1 vote(s), 100 %");
  });
});
