/**
 * The Telegram adapter (grammY): a network's Telegram group is its community space, and each
 * member's private chat with the bot is where personal matters happen.
 *
 * Updates come by long polling (default) or by webhook. The update offset is stored only
 * after an update's effects are committed, and the pipeline de-duplicates what Telegram
 * delivers again after a crash, so no update is lost or handled twice.
 */
import { createHash } from "node:crypto";
import { Bot, GrammyError, InputFile } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Locale } from "../../bot/i18n.js";
import type { PollElement } from "../../bot/reply.js";
import type { Logger } from "../../bot/logger.js";
import {
  HealthTracker,
  type Adapter,
  type AdapterState,
  type CommandMenus,
  type ConnectionHealth,
  type Destination,
  type InboundHandler,
  type OutgoingMessage,
  type PlatformRole,
  type RoomEventHandler,
  type RoomRef,
  type SentMessage,
} from "../types.js";
import { deliveryError, isEditImpossible, isNotModified, isPollGone } from "./errors.js";
import { CAPTION_LIMIT, inlineKeyboard, renderHtml } from "./render.js";
import { Throttle, TELEGRAM_LIMITS, type TelegramLimits } from "./throttle.js";
import { ALLOWED_UPDATES, TELEGRAM, translateUpdate } from "./updates.js";
import { startWebhookServer, type WebhookServer } from "./webhook.js";

/** Options of the Telegram adapter. */
export interface TelegramOptions {
  /** The bot token from BotFather. */
  token: string;
  /** Bot API server. Default https://api.telegram.org (a self-hosted Bot API server, or a test fake). */
  apiRoot?: string;
  /** Where the update offset and long button commands are kept. */
  state: AdapterState;
  /** The command menus per language, for setMyCommands. */
  menus: (locale: Locale) => CommandMenus;
  /** Language of the menus shown to people whose language the bot does not speak. */
  defaultLocale: Locale;
  logger: Logger;
  /** Sending limits. Default: Telegram's (30/s overall, 1/s per private chat, 20/min per group). */
  limits?: TelegramLimits;
  /** Receive updates by webhook instead of long polling. */
  webhook?: { url: string; secret: string; host: string; port: number };
  /** Long-poll timeout, in seconds. Default 30. */
  pollTimeoutSeconds?: number;
  /** How long a group's administrator list is trusted, in ms. Default 10 minutes. */
  adminCacheMs?: number;
  /** First delay after a polling failure, doubled up to `maxBackoffMs`. Default 1 s. */
  backoffMs?: number;
  /** Longest delay between polling attempts. Default 5 minutes. */
  maxBackoffMs?: number;
}

/** Why the adapter could not start (a wrong token, an unreachable API): said plainly. */
export class TelegramStartError extends Error {
  override readonly name = "TelegramStartError";
}

const BUTTON_KEY = "#b:";

/** The bot on Telegram. */
export class TelegramAdapter implements Adapter {
  readonly platform = TELEGRAM;
  private readonly bot: Bot;
  private readonly throttle: Throttle;
  private readonly log: Logger;
  private readonly admins = new Map<string, { ids: Set<string>; at: number }>();
  private me: UserFromGetMe | undefined;
  private handler: InboundHandler | undefined;
  private rooms: RoomEventHandler | undefined;
  private abort: AbortController | undefined;
  private polling: Promise<void> | undefined;
  private webhookServer: WebhookServer | undefined;
  private readonly tracker = new HealthTracker();

  constructor(private readonly options: TelegramOptions) {
    this.bot = new Bot(options.token, {
      client: { apiRoot: options.apiRoot ?? "https://api.telegram.org" },
    });
    this.throttle = new Throttle(options.limits ?? TELEGRAM_LIMITS);
    this.log = options.logger.child({ module: "telegram" });
  }

  /** The port of the webhook server, once started in webhook mode (useful with port 0). */
  get webhookPort(): number | undefined {
    return this.webhookServer?.port;
  }

  /** The bot's username, once started. */
  get username(): string {
    if (!this.me) throw new Error("the Telegram adapter is not started");
    return this.me.username;
  }

  async start(handler: InboundHandler, rooms: RoomEventHandler): Promise<void> {
    this.handler = handler;
    this.rooms = rooms;
    try {
      // getMe rather than bot.init(): init retries network errors without end, and a start
      // that cannot reach Telegram must fail plainly.
      this.me = await this.bot.api.getMe();
    } catch (error) {
      this.tracker.set("reconnecting", error);
      throw new TelegramStartError(
        error instanceof GrammyError && error.error_code === 401
          ? "Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN with BotFather."
          : `Telegram could not be reached at ${this.options.apiRoot ?? "https://api.telegram.org"}: ${error instanceof Error ? error.message : String(error)}. Check the network or TELEGRAM_API_ROOT.`,
      );
    }
    this.tracker.set("connected");
    this.log.info({ bot: this.me.username }, "connected to Telegram");
    await this.publishMenus();
    const webhook = this.options.webhook;
    if (webhook) {
      this.webhookServer = await startWebhookServer({
        ...webhook,
        logger: this.log,
        onUpdate: (update) => this.process(update),
      });
      try {
        await this.bot.api.setWebhook(webhook.url, {
          secret_token: webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
      } catch (error) {
        await this.webhookServer.close();
        this.webhookServer = undefined;
        throw new TelegramStartError(
          `Telegram refused the webhook ${webhook.url} (${error instanceof Error ? error.message : String(error)}): check TELEGRAM_WEBHOOK_URL (a public https URL that reaches the bot).`,
        );
      }
      this.log.info({ url: webhook.url }, "receiving updates by webhook");
      // Telegram calls the bot: as far as the bot can tell, it is connected from now on.
      this.tracker.set("connected");
      return;
    }
    // A webhook left by an earlier configuration would make getUpdates fail.
    await this.bot.api.deleteWebhook();
    this.abort = new AbortController();
    this.polling = this.poll(this.abort.signal);
  }

  health(): ConnectionHealth {
    return this.tracker.get();
  }

  /** Ends the long poll (or closes the webhook server); sending goes on until `stop`. */
  async stopReceiving(): Promise<void> {
    this.abort?.abort();
    await this.polling;
    const server = this.webhookServer;
    this.webhookServer = undefined;
    await server?.close();
    this.tracker.set("stopped");
  }

  async stop(): Promise<void> {
    this.throttle.stop();
    await this.stopReceiving();
  }

  async roleOf(room: RoomRef, userId: string): Promise<PlatformRole> {
    if (room.kind !== "group") return "member";
    const cached = this.admins.get(room.id);
    const maxAge = this.options.adminCacheMs ?? 10 * 60_000;
    let ids = cached && Date.now() - cached.at < maxAge ? cached.ids : undefined;
    if (!ids) {
      const admins = await this.bot.api.getChatAdministrators(room.id);
      ids = new Set(admins.map((a) => String(a.user.id)));
      this.admins.set(room.id, { ids, at: Date.now() });
    }
    return ids.has(userId) ? "animator" : "member";
  }

  async send(destination: Destination, message: OutgoingMessage): Promise<string | SentMessage> {
    const chatId = destination.kind === "room" ? destination.roomId : destination.userId;
    // Group and supergroup ids are negative; a private chat's id is the person's id.
    const isGroup = chatId.startsWith("-");
    try {
      return await this.deliver(chatId, isGroup, message);
    } catch (error) {
      // The group became a supergroup with a new id (the room event follows): send it there.
      const movedTo =
        error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
      if (movedTo !== undefined) {
        try {
          return await this.deliver(String(movedTo), true, message);
        } catch (again) {
          throw deliveryError(again, false);
        }
      }
      throw deliveryError(error, !isGroup);
    }
  }

  /** Pins a message of the bot in a group, quietly (members are not notified twice). */
  async pin(roomId: string, messageId: string): Promise<void> {
    try {
      await this.bot.api.pinChatMessage(roomId, Number(messageId), { disable_notification: true });
    } catch (error) {
      throw deliveryError(error, false);
    }
  }

  private async deliver(
    chatId: string,
    isGroup: boolean,
    message: OutgoingMessage,
  ): Promise<string | SentMessage> {
    if (message.poll) return this.sendPoll(chatId, isGroup, message.poll);
    if (message.endsPoll) {
      await this.stopPoll(chatId, isGroup, message.endsPoll);
      // The results answer the poll they close.
      message = { ...message, inReplyTo: message.inReplyTo ?? message.endsPoll };
    }
    const chunks = renderHtml(message.text);
    const keyboard = inlineKeyboard(message.text, {
      botUsername: this.username,
      shortenCommand: (command) => this.shortenCommand(command),
    });
    const markup = keyboard ? { reply_markup: keyboard } : {};
    if (message.replaces && chunks.length === 1 && !message.attachment) {
      const edited = await this.edit(
        chatId,
        isGroup,
        Number(message.replaces),
        chunks[0] ?? "",
        markup,
      );
      if (edited) return edited;
    }
    const reply = message.inReplyTo
      ? {
          reply_parameters: {
            message_id: Number(message.inReplyTo),
            allow_sending_without_reply: true,
          },
        }
      : {};
    const attachment = message.attachment;
    const captioned =
      attachment && chunks.length === 1 && (chunks[0] ?? "").length <= CAPTION_LIMIT;
    let last = "";
    const texts = captioned ? [] : chunks;
    for (const [i, html] of texts.entries()) {
      await this.throttle.take(chatId, isGroup);
      const sent = await this.bot.api.sendMessage(chatId, html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(i === 0 ? reply : {}),
        ...(i === texts.length - 1 && !attachment ? markup : {}),
      });
      last = String(sent.message_id);
    }
    if (attachment) {
      await this.throttle.take(chatId, isGroup);
      const file = new InputFile(attachment.path, attachment.filename);
      const extra = {
        ...(captioned ? { caption: chunks[0] ?? "", parse_mode: "HTML" as const, ...reply } : {}),
        ...markup,
      };
      const sent =
        attachment.kind === "image"
          ? await this.bot.api.sendPhoto(chatId, file, extra)
          : await this.bot.api.sendDocument(chatId, file, extra);
      last = String(sent.message_id);
    }
    return last;
  }

  /**
   * A native poll, not anonymous: Telegram then tells the bot who voted for what
   * (poll_answer), so that each person's vote counts once with those of the other platforms.
   */
  private async sendPoll(
    chatId: string,
    isGroup: boolean,
    poll: PollElement,
  ): Promise<SentMessage> {
    await this.throttle.take(chatId, isGroup);
    const sent = await this.bot.api.sendPoll(
      chatId,
      poll.question,
      poll.options.map((text) => ({ text })),
      { is_anonymous: false, allows_multiple_answers: false },
    );
    return { messageId: String(sent.message_id), pollId: sent.poll.id };
  }

  /** Closes a native poll of the bot (already closed or gone: nothing to do). */
  private async stopPoll(chatId: string, isGroup: boolean, messageId: string): Promise<void> {
    await this.throttle.take(chatId, isGroup);
    try {
      await this.bot.api.stopPoll(chatId, Number(messageId));
    } catch (error) {
      if (!isPollGone(error)) throw error;
    }
  }

  /** Replaces a message's text (paging); undefined when it cannot be edited any more. */
  private async edit(
    chatId: string,
    isGroup: boolean,
    messageId: number,
    html: string,
    markup: object,
  ): Promise<string | undefined> {
    await this.throttle.take(chatId, isGroup);
    try {
      await this.bot.api.editMessageText(chatId, messageId, html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...markup,
      });
      return String(messageId);
    } catch (error) {
      if (isNotModified(error)) return String(messageId);
      if (isEditImpossible(error)) return undefined;
      throw error;
    }
  }

  /** Keeps a command too long for Telegram's 64-byte callback data, and returns its key. */
  private shortenCommand(command: string): string {
    const key = createHash("sha256").update(command).digest("base64url").slice(0, 22);
    this.options.state.set(`button.${key}`, command);
    return `${BUTTON_KEY}${key}`;
  }

  private resolveButton(data: string): string | undefined {
    return data.startsWith(BUTTON_KEY)
      ? this.options.state.get(`button.${data.slice(BUTTON_KEY.length)}`)
      : data;
  }

  /** Handles one update; resolves once its effects are committed (rejects if they could not be). */
  private async process(update: Update): Promise<void> {
    const translated = translateUpdate(update, this.username, (data) => this.resolveButton(data));
    switch (translated.kind) {
      case "inbound":
        if (translated.callbackQueryId) {
          // Stop the button's spinner at once; the reply follows.
          void this.bot.api
            .answerCallbackQuery(translated.callbackQueryId)
            .catch((error: unknown) => {
              this.log.warn({ err: error }, "could not answer a button press");
            });
        }
        await this.handler?.(translated.inbound);
        return;
      case "vote":
        await this.handler?.(translated.vote);
        return;
      case "room":
        if (translated.event.kind !== "joined") this.admins.delete(translated.event.room.id);
        await this.rooms?.(translated.event);
        return;
      case "admins-changed":
        this.admins.delete(translated.chatId);
        return;
      case "ignored":
        // A press on a button the bot no longer knows still gets its spinner stopped.
        if (update.callback_query) {
          void this.bot.api.answerCallbackQuery(update.callback_query.id).catch(() => undefined);
        }
        this.log.debug({ update: update.update_id, why: translated.why }, "update ignored");
        return;
    }
  }

  /** Long polling: each update handled, then its offset stored; failures back off. */
  private async poll(signal: AbortSignal): Promise<void> {
    const { state } = this.options;
    let offset = Number(state.get("offset") ?? 0);
    const base = this.options.backoffMs ?? 1000;
    let delay = base;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = await this.bot.api.getUpdates(
          {
            offset,
            timeout: this.options.pollTimeoutSeconds ?? 30,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          // grammY's Node build types its signal with the abort-controller package; same object.
          signal as Parameters<Bot["api"]["getUpdates"]>[1],
        );
        delay = base;
        this.tracker.set("connected");
      } catch (error) {
        if (signal.aborted) break;
        this.tracker.set("reconnecting", error);
        this.log.error(
          { err: error, retryInMs: delay },
          "could not get updates from Telegram; will retry",
        );
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 5 * 60_000);
        continue;
      }
      for (const update of updates) {
        try {
          await this.process(update);
        } catch (error) {
          // Nothing of it was committed: ask Telegram for it again after a pause.
          this.log.error(
            { err: error, update: update.update_id },
            "update not handled; will retry",
          );
          await sleep(delay, signal);
          delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 5 * 60_000);
          break;
        }
        offset = update.update_id + 1;
        state.set("offset", String(offset));
      }
    }
  }

  /** setMyCommands for every language and scope, from the command declarations. */
  private async publishMenus(): Promise<void> {
    const scopes = [
      { key: "private", scope: { type: "all_private_chats" } },
      { key: "group", scope: { type: "all_group_chats" } },
      { key: "admin", scope: { type: "all_chat_administrators" } },
    ] as const;
    try {
      for (const locale of ["fr", "en"] as const) {
        const menus = this.options.menus(locale);
        for (const { key, scope } of scopes) {
          await this.bot.api.setMyCommands(menus[key], { scope, language_code: locale });
          // People whose language the bot does not speak see the territory's language.
          if (locale === this.options.defaultLocale)
            await this.bot.api.setMyCommands(menus[key], { scope });
        }
      }
    } catch (error) {
      this.log.warn({ err: error }, "could not publish the command menus");
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
