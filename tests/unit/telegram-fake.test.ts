import { Bot, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  group,
  privateChat,
  startFakeTelegram,
  user,
  type FakeTelegram,
  type TgUpdate,
} from "../fakes/telegram-bot-api.js";

interface Answer {
  status: number;
  body: {
    ok: boolean;
    result?: unknown;
    error_code?: number;
    description?: string;
    parameters?: { retry_after?: number };
  };
}

let fake: FakeTelegram;
const alice = user(1001, "Alice", "fr");
const bob = user(1002, "Bob");
const valley = group(-4001, "Vallée solidaire");

async function api(
  method: string,
  params: Record<string, unknown> = {},
  token = fake.token,
): Promise<Answer> {
  const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

beforeEach(async () => {
  fake = await startFakeTelegram({ botUsername: "soliterr_test_bot" });
});
afterEach(async () => {
  await fake.stop();
});

describe("getUpdates", () => {
  it("holds a long poll until an update arrives, then answers with it", async () => {
    const started = Date.now();
    let pushedAt = 0;
    setTimeout(() => {
      pushedAt = Date.now();
      fake.sendText(privateChat(alice), alice, "bonjour");
    }, 150);
    const { body } = await api("getUpdates", { timeout: 5 });
    expect(pushedAt).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((body.result as TgUpdate[]).map((u) => u.message?.text)).toEqual(["bonjour"]);
  });

  it("answers an empty list when the long-poll timeout ends", async () => {
    const started = Date.now();
    const { body } = await api("getUpdates", { timeout: 1 });
    expect(body).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("forgets updates below the offset, as Telegram confirms them", async () => {
    const [first, second, third] = ["a", "b", "c"].map((t) =>
      fake.sendText(privateChat(bob), bob, t),
    );
    expect((await api("getUpdates")).body.result).toHaveLength(3);
    const { body } = await api("getUpdates", { offset: second!.update_id, limit: 1 });
    expect((body.result as TgUpdate[]).map((u) => u.update_id)).toEqual([second!.update_id]);
    expect(fake.pendingUpdates.map((u) => u.update_id)).toEqual([
      second!.update_id,
      third!.update_id,
    ]);
    expect(fake.offsets).toEqual([undefined, second!.update_id]);
    expect(fake.getUpdatesCalls).toBe(2);
    expect(first!.update_id).toBeLessThan(second!.update_id);
  });

  it("leaves chat_member updates out unless allowed_updates asks for them", async () => {
    fake.chatMemberUpdate(valley, bob, "left", "member");
    expect((await api("getUpdates", { allowed_updates: [] })).body.result).toEqual([]);
    const update = fake.chatMemberUpdate(valley, bob, "member", "administrator");
    const { body } = await api("getUpdates", { allowed_updates: ["chat_member"] });
    expect(body.result).toEqual([update]);
    expect(fake.allowedUpdates).toEqual(["chat_member"]);
  });

  it("releases a pending long poll promptly on stop()", async () => {
    const poll = api("getUpdates", { timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await fake.stop();
    expect((await poll).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe("user messages", () => {
  it("adds bot_command entities with UTF-16 offsets, at any position", () => {
    const text = "🎁 /offre@soliterr_test_bot vélo, voir /aide et a/b /cafés";
    const update = fake.sendText(valley, alice, text);
    const commands = (update.message?.entities ?? []).map((e) =>
      text.slice(e.offset, e.offset + e.length),
    );
    expect(commands).toEqual(["/offre@soliterr_test_bot", "/aide"]);
    expect(update.message?.entities?.[0]).toEqual({ type: "bot_command", offset: 3, length: 24 });
  });
});

describe("sendMessage", () => {
  beforeEach(() => {
    fake.openPrivateChat(alice);
  });

  it("accepts escaped HTML and records the text as the user sees it", async () => {
    const { body } = await api("sendMessage", {
      chat_id: alice.id,
      text: "<b>Vélo</b> &lt;script&gt; &amp; co",
      parse_mode: "HTML",
    });
    expect(body.ok).toBe(true);
    expect(fake.messagesTo(alice.id)[0]).toMatchObject({
      text: "Vélo <script> & co",
      entities: [{ type: "bold", offset: 0, length: 4 }],
      message: { from: { id: fake.bot.id }, chat: { id: alice.id } },
    });
  });

  it.each([
    ["<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'],
    ["<b>gras", `Can't find end tag corresponding to start tag "b"`],
    ["<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ["Tom & Jerry", 'Unescaped "&" at byte offset 4'],
  ])("refuses bad HTML %j", async (text, why) => {
    const { status, body } = await api("sendMessage", {
      chat_id: alice.id,
      text,
      parse_mode: "HTML",
    });
    expect(status).toBe(400);
    expect(body.description).toContain(`Bad Request: can't parse entities: ${why}`);
    expect(fake.sent).toEqual([]);
  });

  it("refuses an empty text and one over 4,096 characters", async () => {
    expect((await api("sendMessage", { chat_id: alice.id, text: "a".repeat(4096) })).status).toBe(
      200,
    );
    const long = await api("sendMessage", { chat_id: alice.id, text: "a".repeat(4097) });
    expect(long).toMatchObject({
      status: 400,
      body: { description: "Bad Request: message is too long" },
    });
    const empty = await api("sendMessage", { chat_id: alice.id, text: " " });
    expect(empty.body.description).toBe("Bad Request: message text is empty");
  });

  it("refuses callback_data over 64 bytes", async () => {
    const button = { text: "Oui", callback_data: "é".repeat(33) };
    const { body } = await api("sendMessage", {
      chat_id: alice.id,
      text: "?",
      reply_markup: { inline_keyboard: [[button]] },
    });
    expect(body.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("answers 403 to a user who never opened the bot, or blocked it", async () => {
    fake.sendText(valley, bob, "salut");
    const unopened = await api("sendMessage", { chat_id: bob.id, text: "hello" });
    expect(unopened).toMatchObject({
      status: 403,
      body: {
        ok: false,
        error_code: 403,
        description: "Forbidden: bot can't initiate conversation with a user",
      },
    });
    fake.blockBot(alice);
    const blocked = await api("sendMessage", { chat_id: alice.id, text: "hello" });
    expect(blocked.body.description).toBe("Forbidden: bot was blocked by the user");
    fake.removeBotFromGroup(valley, bob);
    const kicked = await api("sendMessage", { chat_id: valley.id, text: "hello" });
    expect(kicked.body.description).toBe("Forbidden: bot was kicked from the group chat");
  });

  it("edits a message, keeps its history, and refuses to edit a missing one", async () => {
    const keyboard = { inline_keyboard: [[{ text: "Réserver", callback_data: "book:1" }]] };
    const sent = await api("sendMessage", {
      chat_id: alice.id,
      text: "Offre",
      reply_markup: keyboard,
    });
    const id = (sent.body.result as { message_id: number }).message_id;
    const press = fake.pressButton(privateChat(alice), alice, id, "book:1");
    expect(press.callback_query?.message?.reply_markup).toEqual(keyboard);
    expect(
      (await api("answerCallbackQuery", { callback_query_id: press.callback_query?.id })).body.ok,
    ).toBe(true);
    await api("editMessageText", {
      chat_id: alice.id,
      message_id: id,
      text: "<b>Réservée</b>",
      parse_mode: "HTML",
    });
    expect(fake.sent[0]).toMatchObject({
      text: "Réservée",
      parse_mode: "HTML",
      history: [{ text: "Offre" }],
    });
    expect(fake.sent[0]?.message.reply_markup).toBeUndefined(); // no reply_markup: Telegram drops the keyboard
    const undo = { inline_keyboard: [[{ text: "Annuler", callback_data: "undo:1" }]] };
    await api("editMessageReplyMarkup", { chat_id: alice.id, message_id: id, reply_markup: undo });
    expect(fake.sent[0]).toMatchObject({
      text: "Réservée",
      parse_mode: "HTML",
      reply_markup: undo,
    });
    const missing = await api("editMessageText", { chat_id: alice.id, message_id: 99, text: "x" });
    expect(missing.body.description).toBe("Bad Request: message to edit not found");
  });
});

describe("failures and limits", () => {
  it("answers an injected 429 with retry_after once, then normally", async () => {
    fake.openPrivateChat(alice);
    fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    const first = await api("sendMessage", { chat_id: alice.id, text: "a" });
    expect(first).toMatchObject({
      status: 429,
      body: { ok: false, parameters: { retry_after: 7 } },
    });
    expect((await api("sendMessage", { chat_id: alice.id, text: "a" })).status).toBe(200);
  });

  it("drops a connection without answering when told to", async () => {
    fake.dropNext("getMe");
    await expect(api("getMe")).rejects.toThrow();
    expect((await api("getMe")).body.result).toMatchObject({
      username: "soliterr_test_bot",
      is_bot: true,
    });
  });

  it("answers 429 with a retry_after past the per-chat limit", async () => {
    fake.openPrivateChat(alice);
    fake.enforceLimits();
    expect((await api("sendMessage", { chat_id: alice.id, text: "1" })).status).toBe(200);
    const second = await api("sendMessage", { chat_id: alice.id, text: "2" });
    expect(second.body).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(fake.limitViolations).toMatchObject({ total: 1, perChat: 1 });
  });

  it("answers 404 to an unknown method and 401 to a wrong token", async () => {
    expect(await api("sendDice", { chat_id: 1 })).toEqual({
      status: 404,
      body: {
        ok: false,
        error_code: 404,
        description: "Not Found: method sendDice is not supported by the fake",
      },
    });
    expect((await api("getMe", {}, "1:wrong")).status).toBe(401);
  });
});

describe("file uploads", () => {
  it("records a multipart sendDocument in the form grammY writes it", async () => {
    fake.openPrivateChat(alice);
    const boundary = "----------abc123";
    const part = (headers: string, content: string): string =>
      `--${boundary}\r\n${headers}\r\n\r\n${content}\r\n`;
    const body =
      part('content-disposition:form-data;name="chat_id"', String(alice.id)) +
      part('content-disposition:form-data;name="caption"', "Export <b>juin</b>") +
      part('content-disposition:form-data;name="parse_mode"', "HTML") +
      part('content-disposition:form-data;name="document"', "attach://f1") +
      part(
        'content-disposition:form-data;name="f1";filename=annonces été.csv\r\ncontent-type:application/octet-stream',
        "id;titre\n1;vélo",
      ) +
      `--${boundary}--\r\n`;
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendDocument`, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(200);
    expect(fake.sent[0]).toMatchObject({
      method: "sendDocument",
      text: "Export juin",
      file: {
        file_name: "annonces été.csv",
        size: Buffer.byteLength("id;titre\n1;vélo"),
        mime_type: "text/csv",
      },
    });
  });
});

describe("with grammY", () => {
  it("delivers a command and records the reply and an upload, without spinning", async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.command("offre", async (ctx) => {
      await ctx.reply(`Offre de ${ctx.from?.first_name ?? "?"} : &lt;${ctx.match}&gt;`, {
        parse_mode: "HTML",
      });
      await ctx.replyWithDocument(new InputFile(Buffer.from("a;b\n"), "export.csv"));
    });
    const polling = bot.start();
    // grammY's bot.command() only matches a command at offset 0 (Telegram marks them anywhere).
    fake.sendText(valley, alice, "/offre@soliterr_test_bot vélo");
    const reply = await fake.waitForSent((m) => m.method === "sendDocument");
    await bot.stop();
    await polling;
    expect(fake.messagesTo(valley.id).map((m) => m.text)).toEqual(["Offre de Alice : <vélo>", ""]);
    expect(reply.file).toMatchObject({ file_name: "export.csv", size: 4, mime_type: "text/csv" });
    expect(fake.getUpdatesCalls).toBeLessThan(6);
  });
});
