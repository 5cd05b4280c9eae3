/**
 * What the Telegram fake knows: chats, users, messages, the update queue and what the bot sent,
 * with the bot-side rules (which chats it may write to) and the readers tests use.
 */
import {
  bad,
  chatMember,
  forbidden,
  type CommandSet,
  type ChatState,
  type SentMessage,
  type TgChat,
  type TgChatMember,
  type TgChatMemberUpdated,
  type TgMemberStatus,
  type TgMessage,
  type TgUpdate,
  type TgUser,
  type RecordedCall,
  type CallbackAnswer,
} from "./telegram-types.js";
import type { Params } from "./telegram-wire.js";
import type { FakePoll } from "./telegram-polls.js";

// Captured at load so that tests using fake timers do not freeze the fake's own waits.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

interface Waiter {
  predicate: (message: SentMessage) => boolean;
  resolve: (message: SentMessage) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Removes undefined fields, so that recorded objects compare cleanly with toEqual. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A message as it appears inside another (Telegram does not nest replies further). */
export function shallow(message: TgMessage): TgMessage {
  const { reply_to_message: _ignored, ...rest } = message;
  return rest;
}

/** Chats, users, messages and updates of the fake; users act in TelegramActors, HTTP is FakeTelegram. */
export class TelegramWorld {
  /** The bot's own user (its id is the number before ":" in the token). */
  readonly bot: TgUser & { username: string };
  /** Messages the bot sent, in order. */
  readonly sent: SentMessage[] = [];
  /** Every API call received, in order. */
  readonly calls: RecordedCall[] = [];
  /** answerCallbackQuery calls that succeeded. */
  readonly callbackAnswers: CallbackAnswer[] = [];
  /** Known chats by id. */
  readonly chats = new Map<number, ChatState>();
  /** Users the fake has seen, by id. */
  readonly users = new Map<number, TgUser>();
  /** Commands by scope and language (see `commandsFor`). */
  readonly commandSets = new Map<string, CommandSet>();
  /** Native polls the bot sent, by poll id. */
  readonly polls = new Map<string, FakePoll>();
  /** Callback queries not answered yet. */
  readonly openCallbacks = new Set<string>();
  /** The webhook set with setWebhook, if any. */
  webhook: (Params & { url: string }) | undefined;
  /** Updates not confirmed yet. */
  protected queue: TgUpdate[] = [];
  private nextUpdateId = 1;
  private nextId = 1;
  private readonly sentIndex = new Map<string, SentMessage>();
  private readonly waiters = new Set<Waiter>();

  constructor(
    readonly token: string,
    botUsername: string,
  ) {
    const id = Number(/^(\d+):/.exec(token)?.[1] ?? 7_000_000_001);
    this.bot = { id, is_bot: true, first_name: "SoliTERR (test)", username: botUsername };
  }

  /** Updates queued and not confirmed by an offset yet. */
  get pendingUpdates(): readonly TgUpdate[] {
    return this.queue;
  }

  /** Queues a raw update, giving it the next update_id. */
  pushUpdate(update: Omit<TgUpdate, "update_id"> & { update_id?: number }): TgUpdate {
    const { update_id: _ignored, ...content } = update;
    const full: TgUpdate = { update_id: this.nextUpdateId++, ...content };
    this.queue.push(full);
    this.updatesChanged();
    return full;
  }

  /** Called when updates were queued (the HTTP side answers a pending long poll). */
  protected updatesChanged(): void {}

  /** Forgets every queued update (deleteWebhook / setWebhook with drop_pending_updates). */
  dropPendingUpdates(): void {
    this.queue = [];
  }

  /** A fresh number for callback and file ids. */
  freshId(): number {
    return this.nextId++;
  }

  protected date(): number {
    return Math.floor(Date.now() / 1000);
  }

  /** The bot's status in a group. */
  botStatus(state: ChatState): TgMemberStatus {
    return state.members.get(this.bot.id)?.status ?? "left";
  }

  protected newState(chat: TgChat): ChatState {
    const state: ChatState = {
      chat,
      nextMessageId: 1,
      messages: new Map(),
      members: new Map(),
      blocked: false,
    };
    this.chats.set(chat.id, state);
    return state;
  }

  /** A group the fake knows, registered on first sight (`creator` created it, the bot is in). */
  protected ensureGroup(
    chat: TgChat,
    creator: TgUser,
    botStatus: TgMemberStatus = "administrator",
  ): ChatState {
    if (chat.type === "private") throw new Error(`chat ${chat.id} is a private chat, not a group`);
    let state = this.chats.get(chat.id);
    if (!state) {
      state = this.newState(chat);
      state.creator = creator;
      state.members.set(creator.id, chatMember(creator, "creator"));
      state.members.set(this.bot.id, chatMember(this.bot, botStatus));
    }
    if (state.migratedTo !== undefined)
      throw new Error(`group ${chat.id} was migrated to supergroup ${state.migratedTo}`);
    return state;
  }

  protected memberChange(
    state: ChatState,
    from: TgUser,
    old: TgChatMember,
    now: TgChatMember,
  ): TgChatMemberUpdated {
    return {
      chat: state.chat,
      from,
      date: this.date(),
      old_chat_member: old,
      new_chat_member: now,
    };
  }

  /** The bot leaves a group itself (leaveChat). */
  botLeaves(state: ChatState): void {
    const old = this.botStatus(state);
    state.members.set(this.bot.id, chatMember(this.bot, "left"));
    const change = this.memberChange(
      state,
      this.bot,
      chatMember(this.bot, old),
      chatMember(this.bot, "left"),
    );
    this.pushUpdate({ my_chat_member: change });
  }

  /** Resolves a chat_id parameter to a known chat (400 "chat not found" otherwise). */
  knownChat(chatId: unknown): ChatState {
    if (chatId === undefined || chatId === null || chatId === "") throw bad("chat_id is empty");
    let id = typeof chatId === "number" ? chatId : Number(chatId);
    if (typeof chatId === "string" && chatId.startsWith("@"))
      id =
        [...this.chats.values()].find((s) => s.chat.username === chatId.slice(1))?.chat.id ?? NaN;
    const state = this.chats.get(id);
    if (state) return state;
    if (this.users.has(id)) throw forbidden("bot can't initiate conversation with a user");
    throw bad("chat not found");
  }

  /** Resolves a chat_id the bot wants to write to, with Telegram's 400/403 refusals. */
  sendableChat(chatId: unknown): ChatState {
    if (Number(chatId) === this.bot.id) throw forbidden("bot can't send messages to bots");
    const state = this.knownChat(chatId);
    if (state.chat.type === "private") {
      if (state.blocked) throw forbidden("bot was blocked by the user");
      return state;
    }
    if (state.migratedTo !== undefined)
      throw bad("group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: state.migratedTo,
      });
    const kind = state.chat.type === "supergroup" ? "supergroup" : "group";
    const status = this.botStatus(state);
    if (status === "kicked") throw forbidden(`bot was kicked from the ${kind} chat`);
    if (status === "left") throw forbidden(`bot is not a member of the ${kind} chat`);
    return state;
  }

  /** Stores a new message from the bot in `state`. */
  postBotMessage(state: ChatState, content: Partial<TgMessage>): TgMessage {
    const message: TgMessage = {
      message_id: state.nextMessageId++,
      from: this.bot,
      chat: state.chat,
      date: this.date(),
      ...content,
    };
    state.messages.set(message.message_id, message);
    return message;
  }

  /** Records what the bot sent. */
  recordSent(entry: Omit<SentMessage, "history" | "deleted" | "at">): void {
    const sent: SentMessage = { ...compact(entry), history: [], deleted: false, at: Date.now() };
    this.sent.push(sent);
    this.sentIndex.set(`${sent.chat_id}:${sent.message_id}`, sent);
    this.notify(sent);
  }

  /** Replaces a message after an edit, keeping the previous version in the record's history. */
  replaceMessage(state: ChatState, message: TgMessage, changes: Partial<SentMessage>): void {
    state.messages.set(message.message_id, message);
    const sent = this.sentIndex.get(`${state.chat.id}:${message.message_id}`);
    if (!sent) return;
    const { text, source, parse_mode, reply_markup } = sent;
    sent.history.push(compact({ text, source, parse_mode, reply_markup, at: Date.now() }));
    // A key given as undefined is gone from the message (editMessageText without reply_markup).
    if ("parse_mode" in changes && changes.parse_mode === undefined) delete sent.parse_mode;
    if ("reply_markup" in changes && changes.reply_markup === undefined) delete sent.reply_markup;
    Object.assign(sent, compact(changes), { message });
    this.notify(sent);
  }

  /** Marks a message deleted. */
  forgetMessage(state: ChatState, messageId: number): void {
    state.messages.delete(messageId);
    const sent = this.sentIndex.get(`${state.chat.id}:${messageId}`);
    if (sent) sent.deleted = true;
  }

  private notify(sent: SentMessage): void {
    for (const waiter of this.waiters) {
      let matches: boolean;
      try {
        matches = waiter.predicate(sent);
      } catch (error) {
        matches = false;
        this.settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (matches) {
        this.settle(waiter);
        waiter.resolve(sent);
      }
    }
  }

  private settle(waiter: Waiter): void {
    realClearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }

  /** Fails every pending waitForSent (on stop). */
  protected rejectWaiters(error: Error): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(error);
    }
  }

  /** Resolves with the first sent message (already sent, or sent or edited later) matching `predicate`. */
  waitForSent(
    predicate: (message: SentMessage) => boolean,
    timeoutMs = 5000,
  ): Promise<SentMessage> {
    const found = this.sent.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: realSetTimeout(() => {
          this.settle(waiter);
          const recent = this.sent
            .slice(-10)
            .map(
              (m) =>
                `  chat ${m.chat_id} #${m.message_id}: ${JSON.stringify(m.text.slice(0, 100))}`,
            );
          reject(
            new Error(
              `waitForSent: no match within ${timeoutMs} ms; last sent:\n${recent.join("\n") || "  (nothing)"}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Messages the bot sent to `chatId`, in order. */
  messagesTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === chatId);
  }

  /** Id of the message pinned in `chatId`. */
  pinnedMessage(chatId: number): number | undefined {
    return this.chats.get(chatId)?.pinned;
  }

  /** Commands set for a scope (default: `{ type: "default" }`) and language ("" = all). */
  commandsFor(
    scope: Record<string, unknown> = { type: "default" },
    language_code = "",
  ): CommandSet["commands"] | undefined {
    return this.commandSets.get(commandKey(scope, language_code))?.commands;
  }
}

/** Key of a command set: scope type, chat, user and language. */
export function commandKey(scope: Record<string, unknown>, language_code: string): string {
  const part = (v: unknown): string =>
    typeof v === "number" || typeof v === "string" ? String(v) : "";
  return [part(scope.type), part(scope.chat_id), part(scope.user_id), language_code].join("|");
}
