/**
 * The Telegram connection through the real grammY client and the HTTP fake: command menus
 * published at start, webhook mode with its secret token, clear start failures, and polling
 * that survives failures of getUpdates.
 */
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { TelegramStartError } from "../../adapters/telegram/telegram-adapter.js";
import { privateChat, user, type TgUpdate } from "../fakes/telegram-bot-api.js";
import {
  freePort,
  messageIdOf,
  replyTo,
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

const bob = user(4001, "Bob", "fr");
const emma = user(4002, "Emma", "en");

describe("command menus", () => {
  it("publishes menus per language and scope, generated from the command declarations", async () => {
    const { fake } = await bot();
    const names = (type: string, language?: string) =>
      (fake.commandsFor({ type }, language) ?? []).map((c) => c.command);

    for (const language of ["fr", "en"])
      for (const type of ["all_private_chats", "all_group_chats", "all_chat_administrators"])
        expect(names(type, language).length, `${type} ${language}`).toBeGreaterThan(3);

    expect(names("all_private_chats", "fr")).toEqual(
      expect.arrayContaining(["offre", "besoin", "chercher"]),
    );
    expect(names("all_private_chats", "fr")).not.toContain("retirer");
    expect(names("all_private_chats", "fr")).not.toContain("reseau");
    expect(names("all_group_chats", "fr")).toContain("reseau");
    expect(names("all_group_chats", "fr")).not.toContain("retirer");
    expect(names("all_chat_administrators", "fr")).toEqual(
      expect.arrayContaining(["retirer", "reseau", "offre"]),
    );
    expect(names("all_private_chats", "en")).toEqual(
      expect.arrayContaining(["offer", "need", "search"]),
    );
    expect(names("all_chat_administrators", "en")).toContain("remove");
    // People whose language the bot does not speak see the territory's (French) menus.
    expect(names("all_private_chats")).toEqual(names("all_private_chats", "fr"));
    // Hidden helpers are not in the menus.
    expect(names("all_private_chats", "fr")).not.toContain("start");
    expect(names("all_private_chats", "fr")).not.toContain("plus");
    const descriptions = fake.commandsFor({ type: "all_private_chats" }, "fr") ?? [];
    expect(descriptions.every((c) => c.description.trim().length >= 3)).toBe(true);
  });
});

describe("webhook mode", () => {
  const url = "https://example.org/tg/hook";
  const secret = "s3cret-s3cret-s3cret";

  async function post(port: number, update: TgUpdate, token?: string, path = "/tg/hook") {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token === undefined ? {} : { "x-telegram-bot-api-secret-token": token }),
      },
      body: JSON.stringify(update),
    });
    return response.status;
  }

  it("registers the webhook with its secret, answers updates with the secret and refuses others", async () => {
    // TelegramAdapter does not tell the port it bound: choose a free one instead of 0.
    const port = await freePort();
    const { fake, app } = await bot({
      adapter: { webhook: { url, secret, host: "127.0.0.1", port } },
    });
    expect(fake.webhook).toMatchObject({ url, secret_token: secret });
    expect(fake.webhook?.allowed_updates).toEqual(
      expect.arrayContaining(["message", "callback_query", "my_chat_member", "chat_member"]),
    );
    expect(fake.getUpdatesCalls).toBe(0);

    const chat = privateChat(bob);
    const forged = fake.sendText(chat, bob, "/chercher pirate");
    expect(await post(port, forged, "wrong-secret-wrong-secret")).toBe(401);
    expect(await post(port, forged)).toBe(401);
    const genuine = fake.sendText(chat, bob, "/chercher camionnette");
    expect(await post(port, genuine, secret, "/other/path")).toBe(404);
    expect(await post(port, genuine, secret)).toBe(200);

    const reply = await replyTo(fake, chat, genuine);
    expect(reply.text).toContain("« camionnette »");
    // Replies to one chat go out in order: the forged update would have been answered first.
    expect(fake.messagesTo(bob.id).filter((m) => m.reply_to === messageIdOf(forged))).toEqual([]);
    expect(
      app.db.$client.prepare("SELECT event_id AS id FROM processed_events ORDER BY event_id").all(),
    ).toEqual([{ id: `msg:${bob.id}:${messageIdOf(genuine)}` }]);

    // Telegram sends again what it thinks was not received: answered once.
    expect(await post(port, genuine, secret)).toBe(200);
    const later = fake.sendText(chat, bob, "/chercher remorque");
    expect(await post(port, later, secret)).toBe(200);
    await replyTo(fake, chat, later);
    expect(fake.messagesTo(bob.id).filter((m) => m.reply_to === messageIdOf(genuine))).toHaveLength(
      1,
    );
  });
  it("fails to start plainly when Telegram refuses the webhook, and frees its port", async () => {
    const port = await freePort();
    const b = await bot({
      adapter: { webhook: { url, secret, host: "127.0.0.1", port } },
      start: false,
    });
    b.fake.failNext("setWebhook", {
      error_code: 400,
      description: "Bad Request: bad webhook: Failed to resolve host: Name or service not known",
    });
    const started = b.app.start();
    await expect(started).rejects.toBeInstanceOf(TelegramStartError);
    await expect(started).rejects.toThrow(/TELEGRAM_WEBHOOK_URL/);
    await b.stopApp();
    // Nothing is left listening: the port can be bound again.
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe("starting", () => {
  it("rejects a wrong token with a TelegramStartError naming TELEGRAM_BOT_TOKEN", async () => {
    const b = await bot({
      adapter: { token: "123456789:AAWrongTokenWrongTokenWrong" },
      start: false,
    });
    const started = b.app.start();
    await expect(started).rejects.toBeInstanceOf(TelegramStartError);
    await expect(started).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(b.fake.getUpdatesCalls).toBe(0);
  });

  it("rejects an unreachable API with a TelegramStartError naming TELEGRAM_API_ROOT", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const b = await bot({ adapter: { apiRoot: closed }, start: false });
    // A refused connection fails in milliseconds; give a slow machine ten seconds all the same.
    const outcome = await Promise.race([
      b.app.start().then(
        () => "started",
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(resolve, 10_000, "still starting after 10 s")),
    ]);
    expect(outcome).toBeInstanceOf(TelegramStartError);
    expect(String(outcome)).toMatch(/TELEGRAM_API_ROOT/);
    expect(String(outcome)).toContain(closed);
  }, 20_000);

  it("removes a webhook left by an earlier configuration before polling", async () => {
    const b = await bot({ start: false });
    b.fake.webhook = { url: "https://old.example.org/hook" };
    await b.app.start();
    expect(b.fake.webhook).toBeUndefined();
    const ask = b.fake.sendText(privateChat(emma), emma, "/search van");
    expect((await replyTo(b.fake, privateChat(emma), ask)).text).toContain('"van"');
  });
});

describe("polling failures", () => {
  it("retries getUpdates with a growing backoff after 500s and a dropped connection, and keeps working", async () => {
    const { fake } = await bot();
    const chat = privateChat(bob);
    const before = await replyTo(fake, chat, fake.sendText(chat, bob, "/chercher avant"));
    expect(before.text).toContain("« avant »");

    fake.failNext("getUpdates", { error_code: 500, description: "Internal Server Error" }, 2);
    fake.dropNext("getUpdates");
    const polls = () => fake.calls.filter((c) => c.method === "getUpdates");
    await waitFor(
      () => {
        const statuses = polls().map((c) => c.status);
        const dropped = statuses.indexOf("dropped");
        return dropped > 0 && statuses.length > dropped + 1;
      },
      "polling to fail three times and start again",
      WAIT_MS,
    );
    const failed = polls().filter((c) => c.status === 500 || c.status === "dropped");
    expect(failed.map((c) => c.status)).toEqual([500, 500, "dropped"]);
    // Backoff 20 ms, then 40 ms, then 80 ms: the delay doubles after each failure.
    expect(failed[1]!.at - failed[0]!.at).toBeGreaterThanOrEqual(20);
    expect(failed[2]!.at - failed[1]!.at).toBeGreaterThanOrEqual(40);

    const after = await replyTo(fake, chat, fake.sendText(chat, bob, "/chercher après"));
    expect(after.text).toContain("« après »");
  });
});
