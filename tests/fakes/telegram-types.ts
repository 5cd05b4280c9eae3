/**
 * Bot API object shapes used by the Telegram fake, and builders for realistic users and chats.
 * Only the fields the fake produces are listed; they follow https://core.telegram.org/bots/api.
 */

/** A Telegram user. */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** Kind of a chat. */
export type TgChatType = "private" | "group" | "supergroup" | "channel";

/** A chat as it appears in messages. */
export interface TgChat {
  id: number;
  type: TgChatType;
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

/** A formatting or command span of a text, offsets and lengths in UTF-16 code units. */
export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

/** One inline keyboard button. */
export interface TgInlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  [field: string]: unknown;
}

/** An inline keyboard attached to a message. */
export interface TgInlineKeyboard {
  inline_keyboard: TgInlineButton[][];
}

/** A file sent as a document. */
export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/** One size of a photo. */
export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

/** One answer of a native poll. */
export interface TgPollOption {
  text: string;
  voter_count: number;
}

/** A native poll (only regular polls: the fake has no quizzes). */
export interface TgPoll {
  id: string;
  question: string;
  options: TgPollOption[];
  total_voter_count: number;
  is_closed: boolean;
  is_anonymous: boolean;
  type: "regular";
  allows_multiple_answers: boolean;
}

/** A message (sent by a user, or by the bot as the fake recorded it). */
export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  document?: TgDocument;
  photo?: TgPhotoSize[];
  poll?: TgPoll;
  reply_markup?: TgInlineKeyboard;
  reply_to_message?: TgMessage;
  link_preview_options?: Record<string, unknown>;
  edit_date?: number;
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
  new_chat_members?: TgUser[];
}

/** Membership status of a user in a chat. */
export type TgMemberStatus =
  "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

/** A ChatMember object (status-specific fields included). */
export interface TgChatMember {
  user: TgUser;
  status: TgMemberStatus;
  [field: string]: unknown;
}

/** A my_chat_member or chat_member change. */
export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
}

/** A press on an inline button. */
export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

/** An update as getUpdates returns it. */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
  chat_member?: TgChatMemberUpdated;
  [field: string]: unknown;
}

/** The error part of a failed Bot API answer (`ok: false`); `error_code` is also the HTTP status. */
export interface TelegramError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Thrown by method handlers: becomes the answer `{ ok: false, ...error }`. */
export class ApiError extends Error {
  constructor(readonly error: TelegramError) {
    super(error.description);
  }
}

/** 400 "Bad Request: …". */
export function bad(what: string, parameters?: TelegramError["parameters"]): ApiError {
  const description = `Bad Request: ${what}`;
  return new ApiError(
    parameters ? { error_code: 400, description, parameters } : { error_code: 400, description },
  );
}

/** 403 "Forbidden: …". */
export function forbidden(what: string): ApiError {
  return new ApiError({ error_code: 403, description: `Forbidden: ${what}` });
}

/** A human user (`is_bot: false`). */
export function user(
  id: number,
  first_name: string,
  language_code?: string,
  username?: string,
): TgUser {
  const u: TgUser = { id, is_bot: false, first_name };
  if (language_code !== undefined) u.language_code = language_code;
  if (username !== undefined) u.username = username;
  return u;
}

/** The private chat between the bot and `u` (its id is the user's id). */
export function privateChat(u: TgUser): TgChat {
  const chat: TgChat = { id: u.id, type: "private", first_name: u.first_name };
  if (u.last_name !== undefined) chat.last_name = u.last_name;
  if (u.username !== undefined) chat.username = u.username;
  return chat;
}

/** A basic group; Telegram's group ids are negative. */
export function group(id: number, title: string): TgChat {
  if (id >= 0) throw new Error(`group ids are negative (got ${id})`);
  return { id, type: "group", title };
}

/** A supergroup; Telegram's supergroup ids look like -100xxxxxxxxxx. */
export function supergroup(id: number, title: string): TgChat {
  if (id > -1_000_000_000_000) throw new Error(`supergroup ids are -100xxxxxxxxxx (got ${id})`);
  return { id, type: "supergroup", title };
}

/** A ChatMember object with the fields Telegram sends for that status. */
export function chatMember(u: TgUser, status: TgMemberStatus): TgChatMember {
  switch (status) {
    case "creator":
      return { user: u, status, is_anonymous: false };
    case "administrator":
      return {
        user: u,
        status,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: true,
      };
    case "restricted":
      return { user: u, status, is_member: true, until_date: 0, can_send_messages: false };
    case "kicked":
      return { user: u, status, until_date: 0 };
    default:
      return { user: u, status };
  }
}

/** A file the bot sent. */
export interface SentFile {
  /** Parameter that carried it: "document" or "photo". */
  field: string;
  file_name?: string;
  size?: number;
  mime_type?: string;
  data?: Buffer;
  /** The file_id or URL, when the bot sent a reference instead of bytes. */
  reference?: string;
}

/** An earlier version of an edited message. */
export interface SentVersion {
  text: string;
  source: string;
  parse_mode?: string;
  reply_markup?: unknown;
  at: number;
}

/** A message the bot sent, as the fake recorded it; edits update it and fill `history`. */
export interface SentMessage {
  method: string;
  chat_id: number;
  message_id: number;
  /** Text (or caption) as the user sees it: HTML parsed, entities decoded; "" without caption. */
  text: string;
  /** The text or caption parameter exactly as the bot sent it. */
  source: string;
  parse_mode?: string;
  entities: TgMessageEntity[];
  /** The reply_markup parameter as sent (any kind of keyboard). */
  reply_markup?: unknown;
  /** Id of the message it replies to. */
  reply_to?: number;
  link_preview_options?: Record<string, unknown>;
  file?: SentFile;
  /** The message as Telegram would return it now. */
  message: TgMessage;
  /** Earlier versions, oldest first. */
  history: SentVersion[];
  deleted: boolean;
  /** Date.now() when it was sent. */
  at: number;
}

/** One API call the fake received. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** HTTP status answered, or what happened instead. */
  status: number | "pending" | "dropped" | "aborted";
}

/** An answerCallbackQuery the bot made. */
export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert: boolean;
  url?: string;
}

/** Commands set with setMyCommands for one scope and language. */
export interface CommandSet {
  scope: Record<string, unknown>;
  language_code: string;
  commands: Array<{ command: string; description: string }>;
}

/** Everything the fake knows about one chat. */
export interface ChatState {
  chat: TgChat;
  nextMessageId: number;
  messages: Map<number, TgMessage>;
  /** Groups: statuses by user id, the bot included. */
  members: Map<number, TgChatMember>;
  creator?: TgUser;
  migratedTo?: number;
  pinned?: number;
  /** Private chats: the user blocked the bot. */
  blocked: boolean;
}
