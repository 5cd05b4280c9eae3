/**
 * A whole bot on Telegram for wire tests: the HTTP fake of the Bot API, and a real app with a
 * real `TelegramAdapter` (the real grammY client) pointed at the fake's `apiRoot`.
 *
 * Defaults keep tests fast and independent of the machine's speed: a 1 s long poll, relaxed
 * sending limits, short backoffs, an in-memory database. Tests wait for what the user would
 * see (`fake.waitForSent`, `waitFor`), never for a fixed time.
 */
import { TelegramAdapter, type TelegramOptions } from "../../adapters/telegram/telegram-adapter.js";
import type { TelegramLimits } from "../../adapters/telegram/throttle.js";
import { createApp, type App, type AppParts } from "../../bot/app.js";
import { Catalog } from "../../storage/catalog.js";
import {
  privateChat,
  startFakeTelegram,
  type FakeTelegram,
  type SentMessage,
  type TgChat,
  type TgUpdate,
  type TgUser,
} from "../fakes/telegram-bot-api.js";
import { places, testConfig } from "./harness.js";
import { watchedLogger, WAIT_MS } from "./wire.js";

export { freePort, query, queueMessage, tempDatabase, tempFolder, WAIT_MS } from "./wire.js";

/** Limits high enough that the adapter's throttle never slows a test down. */
export const RELAXED_LIMITS: TelegramLimits = {
  perSecond: 10_000,
  perPrivateChatPerSecond: 10_000,
  perGroupPerMinute: 100_000,
};

/** Options of `startTelegramBot`. */
export interface TelegramBotOptions {
  /** A fake already running (restart tests): the caller stops it. Default: a new one, stopped by `stop()`. */
  fake?: FakeTelegram;
  /** SQLite file (see `tempDatabase`). Default `:memory:`. */
  databasePath?: string;
  /** Environment overrides for the configuration (`testConfig`). */
  config?: Record<string, string>;
  /** Adapter options over the test defaults (token, apiRoot, limits, webhook...). */
  adapter?: Partial<TelegramOptions>;
  /** Outbox tuning. Default: retries after 5 ms, concurrency 16. */
  outbox?: AppParts["outbox"];
  /** Start the app (default true); false gives a built app for tests of `start()` itself. */
  start?: boolean;
}

/** A bot under test on the Telegram fake. */
export interface TelegramBot {
  fake: FakeTelegram;
  app: App;
  adapter: TelegramAdapter;
  /** Stops the app only (the fake and the database file stay, for a restart). */
  stopApp(): Promise<void>;
  /** Stops the app, then the fake if this helper started it. Safe to call twice. */
  stop(): Promise<void>;
}

/** Builds (and by default starts) the fake and a bot whose Telegram adapter talks to it. */
export async function startTelegramBot(options: TelegramBotOptions = {}): Promise<TelegramBot> {
  const ownsFake = options.fake === undefined;
  const fake = options.fake ?? (await startFakeTelegram());
  const { logger, assertNoTranslationProblem } = watchedLogger();
  const app = createApp(
    testConfig({
      ...options.config,
      ...(options.databasePath ? { DATABASE_PATH: options.databasePath } : {}),
    }),
    {
      logger,
      places: places(),
      catalog: Catalog.load(),
      outbox: { baseDelayMs: 5, maxDelayMs: 200, concurrency: 16, ...options.outbox },
    },
  );
  const adapter = new TelegramAdapter({
    token: fake.token,
    apiRoot: fake.apiRoot,
    state: app.adapterState("telegram"),
    menus: (locale) => app.commandMenus(locale),
    defaultLocale: app.config.defaultLocale,
    logger,
    limits: RELAXED_LIMITS,
    pollTimeoutSeconds: 1,
    backoffMs: 20,
    maxBackoffMs: 200,
    ...options.adapter,
  });
  app.addAdapter(adapter);
  let appStopped: Promise<void> | undefined;
  let fakeStopped: Promise<void> | undefined;
  const stopApp = () => (appStopped ??= app.stop());
  const bot: TelegramBot = {
    fake,
    app,
    adapter,
    stopApp,
    async stop() {
      try {
        await stopApp();
      } finally {
        if (ownsFake) await (fakeStopped ??= fake.stop());
      }
      assertNoTranslationProblem();
    },
  };
  if (options.start !== false) {
    try {
      await app.start();
    } catch (error) {
      await bot.stop().catch(() => undefined);
      throw error;
    }
  }
  return bot;
}

/** The id of the message an update carries (what the bot's reply should thread to). */
export function messageIdOf(update: TgUpdate): number {
  const id = update.message?.message_id;
  if (id === undefined) throw new Error(`update ${update.update_id} carries no message`);
  return id;
}

/** Waits for the bot's reply threaded to the message of `update` in `chat`. */
export function replyTo(
  fake: FakeTelegram,
  chat: TgChat,
  update: TgUpdate,
  timeoutMs = WAIT_MS,
): Promise<SentMessage> {
  const id = messageIdOf(update);
  return fake.waitForSent((m) => m.chat_id === chat.id && m.reply_to === id, timeoutMs);
}

/** Waits for a message to `chat` whose visible text contains `text`. */
export function sentTo(
  fake: FakeTelegram,
  chat: TgChat | number,
  text: string | RegExp,
  timeoutMs = WAIT_MS,
): Promise<SentMessage> {
  const chatId = typeof chat === "number" ? chat : chat.id;
  return fake.waitForSent(
    (m) =>
      m.chat_id === chatId &&
      (typeof text === "string" ? m.text.includes(text) : text.test(m.text)),
    timeoutMs,
  );
}

/** The callback data of every inline button of a sent message, and the URL buttons' URLs. */
export function buttonsOf(sent: SentMessage): Array<{ text: string; data?: string; url?: string }> {
  const markup = sent.reply_markup as
    | { inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string }>> }
    | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => ({
    text: b.text,
    ...(b.callback_data !== undefined ? { data: b.callback_data } : {}),
    ...(b.url !== undefined ? { url: b.url } : {}),
  }));
}

/** `who` presses the button whose label holds `label` under `sent`, in `chat` (their private chat by default). */
export function press(
  fake: FakeTelegram,
  who: TgUser,
  sent: SentMessage,
  label: string,
  chat: TgChat = privateChat(who),
): void {
  fake.pressButton(chat, who, sent.message_id, buttonData(sent, label));
}

/** The callback data of the button whose label contains `label` (fails if there is none). */
export function buttonData(sent: SentMessage, label: string): string {
  const button = buttonsOf(sent).find((b) => b.text.includes(label));
  if (button?.data === undefined)
    throw new Error(
      `no callback button "${label}" under message ${sent.message_id}: ${JSON.stringify(buttonsOf(sent))}`,
    );
  return button.data;
}
