/**
 * The Bot API methods the Telegram fake supports, validated as Telegram does. Each handler returns
 * the `result` or throws an ApiError; anything not listed answers 404.
 */
import {
  deleteMessage,
  editMessageReplyMarkup,
  editMessageText,
  sendFile,
  sendMessage,
} from "./telegram-send.js";
import { sendPoll, stopPoll } from "./telegram-polls.js";
import { bad } from "./telegram-types.js";
import { isObject, readBool, readInt, readJson, readString, type Params } from "./telegram-wire.js";
import { commandKey, compact, type TelegramWorld } from "./telegram-world.js";

/** A method handler: the result of the call, or an ApiError thrown. */
export type Handler = (world: TelegramWorld, params: Params) => unknown;

/** Methods that send a message (they count for the rate limits). */
export const SENDING_METHODS = new Set(["sendMessage", "sendDocument", "sendPhoto", "sendPoll"]);

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);
const SCOPES = new Set([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);

function answerCallbackQuery(world: TelegramWorld, p: Params): true {
  const id = readString(p, "callback_query_id") ?? "";
  if (!world.openCallbacks.delete(id))
    throw bad("query is too old and response timeout expired or query ID is invalid");
  world.callbackAnswers.push(
    compact({
      callback_query_id: id,
      text: readString(p, "text"),
      show_alert: readBool(p, "show_alert"),
      url: readString(p, "url"),
    }),
  );
  return true;
}

function pin(world: TelegramWorld, p: Params, pinned: boolean): true {
  const state = world.sendableChat(p.chat_id);
  const id = readInt(p, "message_id");
  if (pinned && id === undefined) throw bad("message identifier is not specified");
  if (id !== undefined && !state.messages.has(id))
    throw bad(`message to ${pinned ? "pin" : "unpin"} not found`);
  if (
    state.chat.type !== "private" &&
    !["administrator", "creator"].includes(world.botStatus(state))
  )
    throw bad("not enough rights to manage pinned messages in the chat");
  state.pinned = pinned ? id : undefined;
  return true;
}

function readScope(world: TelegramWorld, p: Params): Params {
  const scope = readJson(p, "scope") ?? { type: "default" };
  if (!isObject(scope) || typeof scope.type !== "string" || !SCOPES.has(scope.type))
    throw bad("can't parse BotCommandScope: unsupported type");
  if (scope.type.startsWith("chat"))
    return { ...scope, chat_id: world.knownChat(scope.chat_id).chat.id };
  return scope;
}

function setMyCommands(world: TelegramWorld, p: Params): true {
  const given = readJson(p, "commands");
  if (!Array.isArray(given)) throw bad('field "commands" must be an Array');
  if (given.length > 100) throw bad("BOT_COMMANDS_TOO_MUCH");
  const commands = given.map((c: unknown) => {
    const command = isObject(c) && typeof c.command === "string" ? c.command : "";
    const description = isObject(c) && typeof c.description === "string" ? c.description : "";
    if (!/^[a-z0-9_]{1,32}$/.test(command)) throw bad("BOT_COMMAND_INVALID");
    if (description.trim() === "" || description.length > 256)
      throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
    return { command, description };
  });
  const scope = readScope(world, p);
  const language_code = readString(p, "language_code") ?? "";
  const key = commandKey(scope, language_code);
  if (commands.length === 0) world.commandSets.delete(key);
  else world.commandSets.set(key, { scope, language_code, commands });
  return true;
}

function getChatMember(world: TelegramWorld, p: Params): unknown {
  const state = world.knownChat(p.chat_id);
  const userId = readInt(p, "user_id");
  if (state.chat.type === "private") {
    const member =
      userId === world.bot.id
        ? world.bot
        : userId === state.chat.id
          ? world.users.get(userId)
          : undefined;
    if (!member) throw bad("user not found");
    return { user: member, status: "member" };
  }
  world.sendableChat(p.chat_id);
  const known = world.users.get(userId ?? NaN);
  const member =
    state.members.get(userId ?? NaN) ?? (known ? { user: known, status: "left" } : undefined);
  if (!member) throw bad("user not found");
  return member;
}

/** Every supported method, by its canonical name. */
export const HANDLERS: Record<string, Handler> = {
  getMe: (w) => ({
    ...w.bot,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),
  sendMessage,
  sendDocument: (w, p) => sendFile(w, p, "document"),
  sendPhoto: (w, p) => sendFile(w, p, "photo"),
  sendPoll,
  stopPoll,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  sendChatAction: (w, p) => {
    w.sendableChat(p.chat_id);
    if (!CHAT_ACTIONS.has(readString(p, "action") ?? ""))
      throw bad("wrong parameter action in request");
    return true;
  },
  pinChatMessage: (w, p) => pin(w, p, true),
  unpinChatMessage: (w, p) => pin(w, p, false),
  setMyCommands,
  getMyCommands: (w, p) =>
    w.commandSets.get(commandKey(readScope(w, p), readString(p, "language_code") ?? ""))
      ?.commands ?? [],
  deleteMyCommands: (w, p) => {
    w.commandSets.delete(commandKey(readScope(w, p), readString(p, "language_code") ?? ""));
    return true;
  },
  getChat: (w, p) => {
    const state = w.knownChat(p.chat_id);
    if (state.chat.type !== "private") w.sendableChat(p.chat_id);
    const pinned = state.pinned === undefined ? undefined : state.messages.get(state.pinned);
    return compact({
      ...state.chat,
      accent_color_id: 0,
      max_reaction_count: 11,
      pinned_message: pinned,
    });
  },
  getChatAdministrators: (w, p) => {
    const state = w.sendableChat(p.chat_id);
    if (state.chat.type === "private") throw bad("there are no administrators in the private chat");
    return [...state.members.values()].filter(
      (m) => m.status === "creator" || m.status === "administrator",
    );
  },
  getChatMember,
  leaveChat: (w, p) => {
    const state = w.knownChat(p.chat_id);
    if (state.chat.type === "private")
      throw bad("chat member status can't be changed in private chats");
    w.sendableChat(p.chat_id);
    w.botLeaves(state);
    return true;
  },
  setWebhook: (w, p) => {
    const url = readString(p, "url") ?? "";
    if (url !== "" && !/^https:\/\//i.test(url))
      throw bad("bad webhook: An HTTPS URL must be provided for webhook");
    const { certificate: _certificate, ...rest } = p;
    w.webhook = url === "" ? undefined : { ...rest, url };
    if (readBool(p, "drop_pending_updates")) w.dropPendingUpdates();
    return true;
  },
  deleteWebhook: (w, p) => {
    w.webhook = undefined;
    if (readBool(p, "drop_pending_updates")) w.dropPendingUpdates();
    return true;
  },
  getWebhookInfo: (w) =>
    compact({
      url: w.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: w.pendingUpdates.length,
      max_connections: w.webhook ? (readInt(w.webhook, "max_connections") ?? 40) : undefined,
      allowed_updates: w.webhook ? readJson(w.webhook, "allowed_updates") : undefined,
    }),
};
