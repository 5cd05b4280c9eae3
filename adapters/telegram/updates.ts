/**
 * Telegram updates as the core sees them: messages and button presses become `Inbound`,
 * the bot added to or removed from a group and supergroup migrations become `RoomEvent`.
 * Pure functions, so that every case is easy to test.
 */
import type { Chat, Message, Update, User } from "grammy/types";
import type { Inbound, InboundVote, RoomEvent, RoomRef, Sender } from "../types.js";

/** The platform name of Telegram members and rooms. */
export const TELEGRAM = "telegram";

/** The update kinds the adapter asks Telegram for. */
export const ALLOWED_UPDATES = [
  "message",
  "callback_query",
  "my_chat_member",
  "chat_member",
  // Votes in the bot's polls (sent non-anonymous, so that they say who voted).
  "poll_answer",
] as const;

/** A room reference for a Telegram chat. */
export function roomOf(chat: Chat): RoomRef {
  const title = chat.type === "private" ? undefined : chat.title;
  return {
    id: String(chat.id),
    kind: chat.type === "private" ? "direct" : "group",
    ...(title ? { title } : {}),
  };
}

/** A sender for a Telegram user. */
export function senderOf(user: User): Sender {
  const displayName =
    [user.first_name, user.last_name].filter(Boolean).join(" ") || user.username || String(user.id);
  return {
    id: String(user.id),
    displayName,
    ...(user.username ? { username: user.username } : {}),
    ...(user.language_code ? { localeHint: user.language_code } : {}),
  };
}

/** What an update means for the bot. */
export type Translated =
  | { kind: "inbound"; inbound: Inbound; callbackQueryId?: string }
  | { kind: "room"; event: RoomEvent }
  | { kind: "vote"; vote: InboundVote }
  | { kind: "admins-changed"; chatId: string }
  | { kind: "ignored"; why: string };

/** Whether a text is a command addressed to another bot (`/cmd@other_bot`). */
export function addressedToAnotherBot(text: string, botUsername: string): boolean {
  const match = /^\s*\/[\p{L}\p{N}_-]+@([A-Za-z0-9_]+)/u.exec(text);
  return match?.[1] !== undefined && match[1].toLowerCase() !== botUsername.toLowerCase();
}

function fromMessage(update: Update, message: Message, botUsername: string): Translated {
  if (message.migrate_to_chat_id !== undefined) {
    return {
      kind: "room",
      event: {
        kind: "migrated",
        platform: TELEGRAM,
        eventId: `migrate:${message.chat.id}`,
        room: roomOf(message.chat),
        newRoomId: String(message.migrate_to_chat_id),
      },
    };
  }
  const text = message.text;
  if (!text || !message.from || message.from.is_bot)
    return { kind: "ignored", why: "not a text from a person" };
  if (addressedToAnotherBot(text, botUsername))
    return { kind: "ignored", why: "command for another bot" };
  return {
    kind: "inbound",
    inbound: {
      platform: TELEGRAM,
      eventId: `msg:${message.chat.id}:${message.message_id}`,
      room: roomOf(message.chat),
      sender: senderOf(message.from),
      text,
      timestamp: new Date(message.date * 1000),
      messageId: String(message.message_id),
    },
  };
}

/**
 * What an update means. `resolveButton` turns callback data back into its command (long
 * commands are kept aside under a short key).
 */
export function translateUpdate(
  update: Update,
  botUsername: string,
  resolveButton: (data: string) => string | undefined,
): Translated {
  if (update.message) return fromMessage(update, update.message, botUsername);
  if (update.callback_query) {
    const query = update.callback_query;
    const message = query.message;
    const command = query.data === undefined ? undefined : resolveButton(query.data);
    if (!message || command === undefined) {
      return { kind: "ignored", why: "button without a message or with unknown data" };
    }
    return {
      kind: "inbound",
      callbackQueryId: query.id,
      inbound: {
        platform: TELEGRAM,
        eventId: `cb:${query.id}`,
        room: roomOf(message.chat),
        sender: senderOf(query.from),
        text: command,
        timestamp: new Date(),
        button: { messageId: String(message.message_id) },
      },
    };
  }
  if (update.my_chat_member) {
    const change = update.my_chat_member;
    if (change.chat.type === "private" || change.chat.type === "channel") {
      return { kind: "ignored", why: "membership change outside a group" };
    }
    const present = (status: string) =>
      status === "member" || status === "administrator" || status === "creator";
    const was = present(change.old_chat_member.status);
    const is = present(change.new_chat_member.status);
    const base = {
      platform: TELEGRAM,
      eventId: `member:${update.update_id}`,
      room: roomOf(change.chat),
    };
    if (!was && is)
      return { kind: "room", event: { ...base, kind: "joined", by: senderOf(change.from) } };
    if (was && !is) return { kind: "room", event: { ...base, kind: "left" } };
    // The bot's own rights changed (made administrator...): the cached admin list is stale.
    return { kind: "admins-changed", chatId: String(change.chat.id) };
  }
  if (update.chat_member)
    return { kind: "admins-changed", chatId: String(update.chat_member.chat.id) };
  if (update.poll_answer) {
    const answer = update.poll_answer;
    // A vote made in the name of a chat (anonymous admins) names no person.
    if (!answer.user || answer.user.is_bot)
      return { kind: "ignored", why: "vote without a person" };
    return {
      kind: "vote",
      vote: {
        kind: "vote",
        platform: TELEGRAM,
        eventId: `vote:${update.update_id}`,
        sender: senderOf(answer.user),
        pollRef: answer.poll_id,
        choices: answer.option_ids,
        // Telegram dates no vote: it is counted when it arrives.
        timestamp: new Date(),
      },
    };
  }
  return { kind: "ignored", why: "update kind not used" };
}
