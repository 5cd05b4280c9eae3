/**
 * Delivery to Telegram through the real grammY client and the HTTP fake: a storm of 429
 * answers loses and duplicates nothing, a restart in the middle of a stream of updates
 * handles each exactly once, user text is escaped, long messages are split, and files are
 * sent as documents and photos.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TELEGRAM_LIMITS } from "../../adapters/telegram/throttle.js";
import { message, paragraph, type RichText } from "../../bot/reply.js";
import {
  group,
  privateChat,
  startFakeTelegram,
  user,
  type FakeTelegram,
  type SentMessage,
  type TgChat,
  type TgUser,
} from "../fakes/telegram-bot-api.js";
import {
  buttonsOf,
  query,
  queueMessage,
  replyTo,
  sentTo,
  startTelegramBot,
  tempDatabase,
  tempFolder,
  WAIT_MS,
  type TelegramBot,
  type TelegramBotOptions,
} from "../helpers/telegram-bot.js";
import { waitFor } from "../helpers/wait.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(options: TelegramBotOptions = {}): Promise<TelegramBot> {
  const started = await startTelegramBot(options);
  cleanups.push(() => started.stop());
  return started;
}

const admin = user(3001, "Anaïs", "fr");
const valley = group(-6001, "Entraide du Val");
const members: TgUser[] = Array.from({ length: 10 }, (_, i) => user(3100 + i, `Membre ${i}`, "fr"));

/** How many messages the bot sent to `chatId` whose visible text contains `text`. */
function count(fake: FakeTelegram, chatId: number, text: string): number {
  return fake.messagesTo(chatId).filter((m) => m.text.includes(text)).length;
}

function published(fake: FakeTelegram): SentMessage[] {
  return fake.sent.filter((m) => m.text.includes("est publiée"));
}

describe("a storm of 429 answers", () => {
  it("delivers every reply exactly once when 30% of sendMessage calls are refused", async () => {
    const { fake, app } = await bot();
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");
    for (const m of members) {
      fake.sendText(privateChat(m), m, "/start");
      await sentTo(fake, m.id, "bienvenue");
    }

    // A fixed pattern, so that every run is the same: the replies to commands 0, 4 and 7 of
    // every ten are refused once, and those to commands 7 refused a second time (12 of the
    // 42 sendMessage calls: 29%).
    const refusals = new Map<string, number>();
    const expected: Array<{ chat: TgChat; from: TgUser; title: string }> = [];
    for (const [i, m] of members.entries()) {
      for (let round = 0; round < 3; round++) {
        const k = i * 3 + round;
        const title = `Annonce tempête ${k} fin`;
        if ([0, 4, 7].includes(k % 10)) refusals.set(title, k % 10 === 7 ? 2 : 1);
        // Four commands in the group (whose replies go out one after the other), the others
        // in the members' private chats.
        const chat = round === 0 && i < 4 ? valley : privateChat(m);
        expected.push({ chat, from: m, title });
      }
    }
    fake.interceptor = (method, params) => {
      const text = typeof params.text === "string" ? params.text : "";
      const title = /Annonce tempête \d+ fin/.exec(text)?.[0] ?? "";
      const left = refusals.get(title) ?? 0;
      if (method !== "sendMessage" || left === 0) return undefined;
      refusals.set(title, left - 1);
      return {
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      };
    };
    for (const { chat, from, title } of expected)
      fake.sendText(chat, from, `/offre ${title} #vehicules lieu:Tarbes`);
    await waitFor(
      () => expected.every(({ chat, title }) => count(fake, chat.id, title) > 0),
      "every reply to arrive",
      WAIT_MS * 2,
    );
    await app.outbox.drain();

    for (const { chat, title } of expected) expect(count(fake, chat.id, title), title).toBe(1);
    expect(published(fake)).toHaveLength(30);
    const refused = fake.calls.filter((c) => c.method === "sendMessage" && c.status === 429);
    expect(refused).toHaveLength(12);
    expect([...refusals.values()].every((left) => left === 0)).toBe(true);
    // retry_after is honoured: the same chat is not called again within the second asked.
    const sends = fake.calls.filter((c) => c.method === "sendMessage");
    for (const failure of refused) {
      const next = sends
        .slice(sends.indexOf(failure) + 1)
        .find((c) => c.params.chat_id === failure.params.chat_id);
      expect(next!.at - failure.at).toBeGreaterThanOrEqual(1000);
    }
    // Each listing exists once, and the outbox kept nothing back.
    expect(
      query(app, "SELECT COUNT(DISTINCT title) AS n, COUNT(*) AS total FROM listings"),
    ).toEqual([{ n: 30, total: 30 }]);
    expect(
      query(app, "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state ORDER BY state"),
    ).toEqual([{ state: "sent", n: 30 + 1 + members.length }]);
  }, 40_000);
});

describe("a restart in the middle of a stream of updates", () => {
  it("handles every update exactly once and resumes from the stored offset", async () => {
    const database = tempDatabase();
    cleanups.push(() => database.remove());
    const fake = await startFakeTelegram();
    cleanups.push(() => fake.stop());
    const authors = members.slice(0, 8);
    const title = (k: number) => `Annonce flux ${String(k).padStart(3, "0")}`;
    const post = (k: number) => {
      const m = authors[k % authors.length]!;
      fake.sendText(privateChat(m), m, `/offre ${title(k)} #vehicules lieu:Tarbes`);
    };

    const first = await bot({ fake, databasePath: database.path });
    // After 12 replies Telegram refuses every send (429): the rest wait in the outbox.
    let accepted = 0;
    fake.interceptor = (method) =>
      method === "sendMessage" && ++accepted > 12
        ? {
            error_code: 429,
            description: "Too Many Requests: retry after 1",
            parameters: { retry_after: 1 },
          }
        : undefined;
    for (let k = 1; k <= 20; k++) post(k);
    await waitFor(
      () => fake.calls.some((c) => c.status === 429) && fake.pendingUpdates.length === 0,
      "12 replies, and the 20 first updates confirmed",
      WAIT_MS,
    );
    // The stream goes on while the bot stops.
    const stopping = first.stopApp();
    for (let k = 21; k <= 40; k++) post(k);
    await stopping;
    expect(published(fake)).toHaveLength(12);
    fake.interceptor = undefined;

    const second = await bot({ fake, databasePath: database.path, start: false });
    const stored = Number(second.app.adapterState("telegram").get("offset"));
    const unsent = query<{ n: number }>(
      second.app,
      "SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'sending')",
    )[0]?.n;
    const pollsBefore = fake.offsets.length;
    await second.app.start();
    await waitFor(() => published(fake).length >= 40, "40 replies", WAIT_MS * 2);
    await second.app.outbox.drain();

    // Replies refused before the stop were kept, and sent by the second run.
    expect(unsent).toBeGreaterThanOrEqual(8);
    // The second run asked Telegram from where the first had confirmed, not from the start.
    expect(stored).toBeGreaterThanOrEqual(21);
    expect(fake.offsets[pollsBefore]).toBe(stored);
    for (let k = 1; k <= 40; k++)
      expect(
        fake.sent.filter((m) => m.text.includes(title(k))),
        title(k),
      ).toHaveLength(1);
    expect(published(fake)).toHaveLength(40);
    expect(
      query(second.app, "SELECT COUNT(DISTINCT title) AS n, COUNT(*) AS total FROM listings"),
    ).toEqual([{ n: 40, total: 40 }]);
    expect(
      query(second.app, "SELECT COUNT(*) AS n FROM processed_events WHERE platform = 'telegram'"),
    ).toEqual([{ n: 40 }]);
    expect(query(second.app, "SELECT DISTINCT state FROM outbox")).toEqual([{ state: "sent" }]);
  }, 40_000);
});

describe("Telegram's answers to sends", () => {
  it("retries a 500 and a lost connection, and gives up a 400 without holding the chat back", async () => {
    const { fake, app } = await bot();
    const bob = members[0]!;
    const chat = privateChat(bob);
    await replyTo(fake, chat, fake.sendText(chat, bob, "/start"));

    fake.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    fake.dropNext("sendMessage");
    const retried = fake.sendText(chat, bob, "/chercher essai");
    expect((await replyTo(fake, chat, retried)).text).toContain("« essai »");
    expect(fake.messagesTo(bob.id).filter((m) => m.text.includes("« essai »"))).toHaveLength(1);
    expect(
      fake.calls
        .filter((c) => c.method === "sendMessage")
        .map((c) => c.status)
        .slice(-3),
    ).toEqual([500, "dropped", 200]);

    fake.failNext("sendMessage", {
      error_code: 400,
      description: "Bad Request: can't parse entities: unsupported start tag",
    });
    fake.sendText(chat, bob, "/chercher refus");
    const next = fake.sendText(chat, bob, "/chercher ensuite");
    expect((await replyTo(fake, chat, next)).text).toContain("« ensuite »");
    expect(
      query(app, "SELECT state, attempts, last_error AS error FROM outbox WHERE state = 'failed'"),
    ).toEqual([
      {
        state: "failed",
        attempts: 1,
        error: expect.stringContaining("400") as unknown,
      },
    ]);
    expect(fake.messagesTo(bob.id).some((m) => m.text.includes("« refus »"))).toBe(false);
  });

  it("keeps to one message a second per chat by itself, in groups as in private chats", async () => {
    const { fake, app } = await bot({ adapter: { limits: TELEGRAM_LIMITS } });
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");
    const bob = members[0]!;
    fake.sendText(privateChat(bob), bob, "/start");
    await sentTo(fake, bob.id, "bienvenue");

    for (let i = 1; i <= 3; i++) {
      queueMessage(
        app,
        { kind: "room", platform: "telegram", roomId: String(valley.id) },
        { text: message([paragraph(`Annonce au groupe ${i}`)]) },
      );
      queueMessage(
        app,
        { kind: "member", platform: "telegram", userId: String(bob.id) },
        { text: message([paragraph(`Message privé ${i}`)]) },
      );
    }
    await sentTo(fake, valley, "Annonce au groupe 3");
    await sentTo(fake, bob.id, "Message privé 3");
    // Telegram: "avoid sending more than one message per second in a particular chat".
    // (Half a second of margin: the fake times arrivals, the adapter times departures.)
    for (const chat of [bob.id, valley.id]) {
      const arrivals = fake.calls
        .filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chat)
        .slice(-3)
        .map((c) => c.at);
      expect(arrivals[1]! - arrivals[0]!, `chat ${chat}`).toBeGreaterThanOrEqual(500);
      expect(arrivals[2]! - arrivals[1]!, `chat ${chat}`).toBeGreaterThanOrEqual(500);
    }
  }, 20_000);
});

describe("rendering", () => {
  it("shows user text with HTML characters as typed (escaped, accepted by Telegram)", async () => {
    const { fake } = await bot();
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");
    const title = "<script>alert(1)</script> & <b>co</b>";

    const post = fake.sendText(valley, admin, `/offre ${title} #vehicules lieu:Tarbes`);
    const published = await replyTo(fake, valley, post);
    expect(published.text).toContain(title);
    expect(published.source).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co");
    // The user's <b> did not become bold: the title is bold as a whole, as the bot wrote it.
    const bold = published.entities
      .filter((e) => e.type === "bold")
      .map((e) => published.text.slice(e.offset, e.offset + e.length));
    expect(bold).toContain(title);
    expect(bold).not.toContain("co");

    const search = fake.sendText(valley, admin, "/chercher script");
    expect((await replyTo(fake, valley, search)).text).toContain(`#1 ${title}`);
    expect(fake.calls.filter((c) => c.status === 400)).toEqual([]);
  });

  it("splits a message over 4,096 characters on line boundaries, in order, buttons on the last part", async () => {
    const { fake, app } = await bot();
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");
    const lines = Array.from(
      { length: 60 },
      (_, i) => `Ligne ${String(i + 1).padStart(2, "0")} <&> ${"x".repeat(100)}`,
    );
    const long: RichText = message(
      lines.map((l) => paragraph(l)),
      [[{ label: "Suite", command: "/plus" }]],
    );
    queueMessage(
      app,
      { kind: "room", platform: "telegram", roomId: String(valley.id) },
      { text: long },
    );
    await sentTo(fake, valley, "Ligne 60");

    const parts = fake.messagesTo(valley.id).filter((m) => m.text.includes("Ligne "));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) {
      expect(part.method).toBe("sendMessage");
      expect(part.source.length).toBeLessThanOrEqual(4096);
      // Each part starts and ends on a whole line.
      expect(part.text).toMatch(/^Ligne \d\d <&> x+(\n\nLigne \d\d <&> x+)*$/);
    }
    expect(parts.map((p) => p.text).join("\n\n")).toBe(lines.join("\n\n"));
    expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(buttonsOf(parts.at(-1)!)).toEqual([{ text: "Suite", data: "/plus" }]);
  });

  it("cuts a single paragraph over the limit without breaking an HTML entity", async () => {
    const { fake, app } = await bot();
    fake.addBotToGroup(valley, admin);
    await sentTo(fake, valley, "Bonjour");
    const words = Array.from({ length: 900 }, (_, i) => `m${i}&<>`);
    queueMessage(
      app,
      { kind: "room", platform: "telegram", roomId: String(valley.id) },
      { text: message([paragraph(words.join(" "))]) },
    );
    await sentTo(fake, valley, "m899&<>");

    const parts = fake.messagesTo(valley.id).filter((m) => m.text.startsWith("m"));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(part.source.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.text.trim()).join(" ")).toBe(words.join(" "));
    expect(fake.calls.filter((c) => c.status === 400)).toEqual([]);
  });
});

describe("files", () => {
  // The smallest valid PNG: one transparent pixel.
  const PNG = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  );

  it("sends a document and a photo with their file names and captions", async () => {
    const { fake, app } = await bot();
    const folder = tempFolder();
    cleanups.push(() => folder.remove());
    const json = join(folder.path, "export.json");
    const png = join(folder.path, "chart.png");
    writeFileSync(json, JSON.stringify({ listings: [1, 2, 3] }));
    writeFileSync(png, PNG);
    const bob = members[0]!;
    fake.sendText(privateChat(bob), bob, "/start");
    await sentTo(fake, bob.id, "bienvenue");
    const to = { kind: "member", platform: "telegram", userId: String(bob.id) } as const;

    queueMessage(app, to, {
      text: message([paragraph("Vos données <personnelles> & plus")]),
      attachment: { kind: "document", path: json, filename: "mes-donnees.json" },
    });
    queueMessage(app, to, {
      text: message([paragraph("Activité du réseau")]),
      attachment: { kind: "image", path: png, filename: "activite.png" },
    });
    const document = await fake.waitForSent((m) => m.method === "sendDocument", WAIT_MS);
    const photo = await fake.waitForSent((m) => m.method === "sendPhoto", WAIT_MS);

    expect(document.chat_id).toBe(bob.id);
    expect(document.text).toBe("Vos données <personnelles> & plus");
    expect(document.file?.file_name).toBe("mes-donnees.json");
    expect(document.file?.data?.toString()).toBe(readFileSync(json, "utf8"));
    expect(document.message.document?.file_name).toBe("mes-donnees.json");
    expect(photo.chat_id).toBe(bob.id);
    expect(photo.text).toBe("Activité du réseau");
    expect(photo.file?.file_name).toBe("activite.png");
    expect(photo.message.photo?.[0]).toMatchObject({ width: 1, height: 1 });
  });

  it("sends a text too long for a caption first, then the file", async () => {
    const { fake, app } = await bot();
    const folder = tempFolder();
    cleanups.push(() => folder.remove());
    const csv = join(folder.path, "stats.csv");
    writeFileSync(csv, "jour;annonces\n1;3\n");
    const bob = members[1]!;
    fake.sendText(privateChat(bob), bob, "/start");
    await sentTo(fake, bob.id, "bienvenue");

    const text = `Statistiques ${"détaillées ".repeat(120)}`.trim();
    queueMessage(
      app,
      { kind: "member", platform: "telegram", userId: String(bob.id) },
      {
        text: message([paragraph(text)]),
        attachment: { kind: "document", path: csv, filename: "stats.csv" },
      },
    );
    const document = await fake.waitForSent((m) => m.method === "sendDocument", WAIT_MS);
    const messages = fake.messagesTo(bob.id);
    const before = messages[messages.indexOf(document) - 1];
    expect(before?.method).toBe("sendMessage");
    expect(before?.text).toBe(text);
    expect(document.text).toBe("");
    expect(document.file?.file_name).toBe("stats.csv");
  });
});
