/**
 * The test's side of the Telegram fake: users who write, press buttons, add or remove the bot,
 * block it, and groups that migrate. Each action queues the updates Telegram would send.
 */
import { answerPoll, findPoll } from "./telegram-polls.js";
import { botCommandEntities } from "./telegram-text.js";
import {
  chatMember,
  privateChat,
  type ChatState,
  type TgChat,
  type TgMemberStatus,
  type TgMessage,
  type TgUpdate,
  type TgUser,
} from "./telegram-types.js";
import { compact, shallow, TelegramWorld } from "./telegram-world.js";

/** TelegramWorld plus what users and groups do. */
export class TelegramActors extends TelegramWorld {
  /** Marks the private chat with `u` as started (unblocking it if blocked, with the update Telegram sends). */
  openPrivateChat(u: TgUser): TgUpdate | undefined {
    this.users.set(u.id, u);
    const state = this.chats.get(u.id);
    if (!state) {
      this.newState(privateChat(u));
      return undefined;
    }
    if (!state.blocked) return undefined;
    state.blocked = false;
    const change = this.memberChange(
      state,
      u,
      chatMember(this.bot, "kicked"),
      chatMember(this.bot, "member"),
    );
    return this.pushUpdate({ my_chat_member: change });
  }

  /** `u` blocks the bot: later sends answer 403 "bot was blocked by the user". */
  blockBot(u: TgUser): TgUpdate {
    this.users.set(u.id, u);
    const state = this.chats.get(u.id) ?? this.newState(privateChat(u));
    state.blocked = true;
    const change = this.memberChange(
      state,
      u,
      chatMember(this.bot, "member"),
      chatMember(this.bot, "kicked"),
    );
    return this.pushUpdate({ my_chat_member: change });
  }

  /**
   * `from` writes `text` in `chat`, with bot_command entities as Telegram adds them. A private
   * chat becomes open; a group seen for the first time is registered silently (sender = creator,
   * bot = administrator).
   */
  sendText(chat: TgChat, from: TgUser, text: string, options: { replyTo?: number } = {}): TgUpdate {
    this.users.set(from.id, from);
    let state: ChatState;
    if (chat.type === "private") {
      if (chat.id !== from.id) throw new Error(`private chat ${chat.id} is not ${from.id}'s`);
      this.openPrivateChat(from);
      state = this.chats.get(chat.id)!;
    } else {
      state = this.ensureGroup(chat, from);
      const status = this.botStatus(state);
      if (status === "left" || status === "kicked")
        throw new Error(
          `the bot is not in chat ${chat.id} (${status}): it would not get this message`,
        );
      if (!state.members.has(from.id)) state.members.set(from.id, chatMember(from, "member"));
    }
    const message: TgMessage = {
      message_id: state.nextMessageId++,
      from,
      chat: state.chat,
      date: this.date(),
      text,
    };
    const entities = botCommandEntities(text);
    if (entities.length > 0) message.entities = entities;
    if (options.replyTo !== undefined) {
      const replied = state.messages.get(options.replyTo);
      if (!replied) throw new Error(`no message ${options.replyTo} in chat ${chat.id} to reply to`);
      message.reply_to_message = shallow(replied);
    }
    state.messages.set(message.message_id, message);
    return this.pushUpdate({ message });
  }

  /** `from` presses the inline button with `data` under the bot's message `messageId`. */
  pressButton(chat: TgChat, from: TgUser, messageId: number, data: string): TgUpdate {
    const message = this.chats.get(chat.id)?.messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId} in chat ${chat.id}`);
    const offered = (message.reply_markup?.inline_keyboard.flat() ?? []).map(
      (b) => b.callback_data,
    );
    if (!offered.includes(data))
      throw new Error(
        `message ${messageId} has no button ${JSON.stringify(data)} (has: ${offered.join(", ")})`,
      );
    this.users.set(from.id, from);
    const id = String(8_000_000_000_000_000 + this.freshId());
    this.openCallbacks.add(id);
    const chat_instance = String(Math.abs(chat.id) * 31 + 7);
    return this.pushUpdate({ callback_query: { id, from, message, chat_instance, data } });
  }

  /**
   * `from` votes in a poll of the bot (named by its id, or by the chat and message carrying it);
   * an empty `optionIds` retracts the vote. Queues the poll_answer update Telegram sends for a
   * non-anonymous poll, and the poll update with the new counts (delivered only when asked for).
   */
  votePoll(
    from: TgUser,
    poll: string | { chatId: number; messageId: number },
    optionIds: number[],
  ): TgUpdate {
    const answered = answerPoll(this, from, findPoll(this, poll), optionIds);
    const update = this.pushUpdate({ poll_answer: answered.poll_answer });
    this.pushUpdate({ poll: answered.poll });
    return update;
  }

  /** `by` adds the bot to a group (registered with `by` as creator if new): a my_chat_member update. */
  addBotToGroup(
    chat: TgChat,
    by: TgUser,
    options: { status?: "member" | "administrator"; serviceMessage?: boolean } = {},
  ): TgUpdate[] {
    this.users.set(by.id, by);
    const state = this.ensureGroup(chat, by, "left");
    const old = this.botStatus(state);
    const status = options.status ?? "administrator";
    if (!state.members.has(by.id)) state.members.set(by.id, chatMember(by, "member"));
    state.members.set(this.bot.id, chatMember(this.bot, status));
    const change = this.memberChange(
      state,
      by,
      chatMember(this.bot, old),
      chatMember(this.bot, status),
    );
    const updates = [this.pushUpdate({ my_chat_member: change })];
    if (options.serviceMessage) {
      const message: TgMessage = {
        message_id: state.nextMessageId++,
        from: by,
        chat: state.chat,
        date: this.date(),
        new_chat_members: [this.bot],
      };
      state.messages.set(message.message_id, message);
      updates.push(this.pushUpdate({ message }));
    }
    return updates;
  }

  /** `by` removes the bot: later sends answer 403 "bot was kicked from the group chat". */
  removeBotFromGroup(chat: TgChat, by: TgUser): TgUpdate {
    const state = this.chats.get(chat.id);
    if (!state) throw new Error(`unknown group ${chat.id}`);
    const old = this.botStatus(state);
    state.members.set(this.bot.id, chatMember(this.bot, "kicked"));
    const change = this.memberChange(
      state,
      by,
      chatMember(this.bot, old),
      chatMember(this.bot, "kicked"),
    );
    return this.pushUpdate({ my_chat_member: change });
  }

  /** A group becomes a supergroup: migrate_to_chat_id in the old chat, migrate_from_chat_id in the new. */
  migrateGroup(chat: TgChat, newSupergroupId: number): [TgUpdate, TgUpdate] {
    const old = this.chats.get(chat.id);
    if (!old || old.chat.type !== "group" || old.migratedTo !== undefined)
      throw new Error(`chat ${chat.id} is not a known basic group`);
    if (newSupergroupId > -1_000_000_000_000 || this.chats.has(newSupergroupId))
      throw new Error(`bad or taken supergroup id ${newSupergroupId}`);
    const next = this.newState(
      compact({ id: newSupergroupId, type: "supergroup" as const, title: old.chat.title }),
    );
    for (const [id, member] of old.members) next.members.set(id, member);
    next.creator = old.creator;
    old.migratedTo = newSupergroupId;
    const from = old.creator ?? this.bot;
    const date = this.date();
    const first: TgMessage = {
      message_id: old.nextMessageId++,
      from,
      chat: old.chat,
      date,
      migrate_to_chat_id: newSupergroupId,
    };
    const second: TgMessage = {
      message_id: next.nextMessageId++,
      from,
      chat: next.chat,
      date,
      migrate_from_chat_id: chat.id,
    };
    old.messages.set(first.message_id, first);
    next.messages.set(second.message_id, second);
    return [this.pushUpdate({ message: first }), this.pushUpdate({ message: second })];
  }

  /** `u`'s status in a group changes (a chat_member update; my_chat_member if `u` is the bot). */
  chatMemberUpdate(
    chat: TgChat,
    u: TgUser,
    oldStatus: TgMemberStatus,
    newStatus: TgMemberStatus,
    by: TgUser = u,
  ): TgUpdate {
    const state = this.ensureGroup(chat, by);
    this.users.set(u.id, u);
    state.members.set(u.id, chatMember(u, newStatus));
    if (newStatus === "creator") state.creator = u;
    const change = this.memberChange(state, by, chatMember(u, oldStatus), chatMember(u, newStatus));
    return this.pushUpdate(
      u.id === this.bot.id ? { my_chat_member: change } : { chat_member: change },
    );
  }

  /** Makes `admins` the group's administrators besides its creator (the bot keeps its status unless listed). */
  setAdmins(chatId: number, admins: TgUser[]): void {
    const state = this.chats.get(chatId);
    if (!state || state.chat.type === "private") throw new Error(`unknown group ${chatId}`);
    const ids = new Set(admins.map((a) => a.id));
    for (const [id, member] of state.members)
      if (member.status === "administrator" && !ids.has(id) && id !== this.bot.id)
        state.members.set(id, chatMember(member.user, "member"));
    for (const admin of admins) {
      this.users.set(admin.id, admin);
      if (state.members.get(admin.id)?.status !== "creator")
        state.members.set(admin.id, chatMember(admin, "administrator"));
    }
  }
}
