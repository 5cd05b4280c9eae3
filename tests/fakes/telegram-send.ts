/**
 * The Bot API methods of the Telegram fake that post or change messages, with Telegram's checks:
 * HTML, lengths, keyboards, replies, files.
 */
import { checkReplyMarkup, parseTelegramHtml, type FormattedText } from "./telegram-text.js";
import {
  bad,
  type ChatState,
  type SentFile,
  type TgMessage,
  type TgMessageEntity,
} from "./telegram-types.js";
import {
  imageSize,
  isObject,
  mimeTypeOf,
  readBool,
  readInt,
  readJson,
  readString,
  UploadedFile,
  type Params,
} from "./telegram-wire.js";
import { compact, shallow, type TelegramWorld } from "./telegram-world.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

interface Formatted extends FormattedText {
  source: string;
  parse_mode?: string;
}

export function formatText(p: Params, field: "text" | "caption"): Formatted {
  const source = readString(p, field) ?? "";
  const parse_mode = readString(p, "parse_mode");
  if (!parse_mode) {
    const given = readJson(p, field === "text" ? "entities" : "caption_entities");
    return {
      text: source,
      entities: Array.isArray(given) ? (given as TgMessageEntity[]) : [],
      source,
    };
  }
  if (/^markdown(v2)?$/i.test(parse_mode))
    throw bad(`parse_mode ${parse_mode} is not supported by the fake (only HTML is)`);
  if (parse_mode.toLowerCase() !== "html") throw bad("unsupported parse_mode");
  const parsed = parseTelegramHtml(source);
  if ("error" in parsed) throw bad(`can't parse entities: ${parsed.error}`);
  return { ...parsed, source, parse_mode };
}

function messageText(p: Params): Formatted {
  const f = formatText(p, "text");
  if (f.text.trim() === "") throw bad("message text is empty");
  if (f.text.length > 4096) throw bad("message is too long");
  return f;
}

function replyTarget(world: TelegramWorld, state: ChatState, p: Params): TgMessage | undefined {
  const parameters = readJson(p, "reply_parameters");
  let allow = readBool(p, "allow_sending_without_reply");
  let target = state;
  let id: number | undefined;
  if (isObject(parameters)) {
    id = readInt(parameters, "message_id");
    allow ||= readBool(parameters, "allow_sending_without_reply");
    if (parameters.chat_id !== undefined) target = world.knownChat(parameters.chat_id);
  } else {
    id = readInt(p, "reply_to_message_id");
  }
  if (id === undefined) return undefined;
  const replied = target.messages.get(id);
  if (replied) return shallow(replied);
  if (allow) return undefined;
  throw bad("message to be replied not found");
}

function messageToChange(world: TelegramWorld, p: Params): [ChatState, TgMessage] {
  if (p.inline_message_id !== undefined)
    throw bad("inline_message_id is not supported by the fake");
  const state = world.sendableChat(p.chat_id);
  const id = readInt(p, "message_id");
  if (id === undefined) throw bad("message identifier is not specified");
  const message = state.messages.get(id);
  if (!message) throw bad("message to edit not found");
  if (message.from?.id !== world.bot.id) throw bad("message can't be edited");
  return [state, message];
}

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function sendMessage(world: TelegramWorld, p: Params): TgMessage {
  const f = messageText(p);
  const state = world.sendableChat(p.chat_id);
  const reply_markup = readJson(p, "reply_markup");
  const inline = checkReplyMarkup(reply_markup);
  const replied = replyTarget(world, state, p);
  const link_preview_options = readJson(p, "link_preview_options") as
    Record<string, unknown> | undefined;
  const message = world.postBotMessage(
    state,
    compact({
      reply_to_message: replied,
      text: f.text,
      entities: f.entities.length > 0 ? f.entities : undefined,
      link_preview_options,
      reply_markup: inline,
    }),
  );
  world.recordSent({
    method: "sendMessage",
    chat_id: state.chat.id,
    message_id: message.message_id,
    text: f.text,
    source: f.source,
    parse_mode: f.parse_mode,
    entities: f.entities,
    reply_markup,
    reply_to: replied?.message_id,
    link_preview_options,
    message,
  });
  return message;
}

function readFile(p: Params, field: "document" | "photo"): SentFile {
  let value = p[field];
  if (typeof value === "string" && value.startsWith("attach://"))
    value = p[value.slice("attach://".length)];
  if (value instanceof UploadedFile) {
    if (value.size === 0) throw bad("file must be non-empty");
    if (value.size > (field === "photo" ? 10 : 50) * 1024 * 1024) throw bad("file is too big");
    if (field === "photo" && !imageSize(value.data)) throw bad("IMAGE_PROCESS_FAILED");
    return {
      field,
      file_name: value.file_name,
      size: value.size,
      mime_type: mimeTypeOf(value),
      data: value.data,
    };
  }
  if (typeof value === "string" && value !== "") return { field, reference: value };
  throw bad(`there is no ${field} in the request`);
}

export function sendFile(world: TelegramWorld, p: Params, field: "document" | "photo"): TgMessage {
  const f = formatText(p, "caption");
  if (f.text.length > 1024) throw bad("message caption is too long");
  const state = world.sendableChat(p.chat_id);
  const file = readFile(p, field);
  const reply_markup = readJson(p, "reply_markup");
  const inline = checkReplyMarkup(reply_markup);
  const replied = replyTarget(world, state, p);
  const n = world.freshId();
  const ids = { file_id: `fake-${field}-${n}`, file_unique_id: `fake-unique-${n}` };
  const size = file.data ? imageSize(file.data) : undefined;
  const content: Partial<TgMessage> =
    field === "document"
      ? {
          document: compact({
            ...ids,
            file_name: file.file_name,
            mime_type: file.mime_type,
            file_size: file.size,
          }),
        }
      : {
          photo: [
            compact({
              ...ids,
              width: size?.width ?? 800,
              height: size?.height ?? 600,
              file_size: file.size,
            }),
          ],
        };
  const message = world.postBotMessage(
    state,
    compact({
      reply_to_message: replied,
      ...content,
      caption: f.text || undefined,
      caption_entities: f.entities.length > 0 ? f.entities : undefined,
      reply_markup: inline,
    }),
  );
  world.recordSent({
    method: field === "document" ? "sendDocument" : "sendPhoto",
    chat_id: state.chat.id,
    message_id: message.message_id,
    text: f.text,
    source: f.source,
    parse_mode: f.parse_mode,
    entities: f.entities,
    reply_markup,
    reply_to: replied?.message_id,
    file,
    message,
  });
  return message;
}

export function editMessageText(world: TelegramWorld, p: Params): TgMessage {
  const f = messageText(p);
  const [state, old] = messageToChange(world, p);
  if (old.text === undefined) throw bad("there is no text in the message to edit");
  const reply_markup = readJson(p, "reply_markup");
  const inline = checkReplyMarkup(reply_markup);
  if (
    old.text === f.text &&
    same(old.entities, f.entities.length > 0 ? f.entities : undefined) &&
    same(old.reply_markup, inline)
  )
    throw bad(NOT_MODIFIED);
  // Without reply_markup, Telegram removes the inline keyboard.
  const message = compact({
    ...old,
    text: f.text,
    entities: f.entities.length > 0 ? f.entities : undefined,
    reply_markup: inline,
    edit_date: Math.floor(Date.now() / 1000),
  });
  world.replaceMessage(state, message, {
    text: f.text,
    source: f.source,
    parse_mode: f.parse_mode,
    entities: f.entities,
    reply_markup,
  });
  return message;
}

export function editMessageReplyMarkup(world: TelegramWorld, p: Params): TgMessage {
  const [state, old] = messageToChange(world, p);
  const reply_markup = readJson(p, "reply_markup");
  const inline = checkReplyMarkup(reply_markup);
  if (same(old.reply_markup, inline)) throw bad(NOT_MODIFIED);
  const message = compact({
    ...old,
    reply_markup: inline,
    edit_date: Math.floor(Date.now() / 1000),
  });
  world.replaceMessage(state, message, { reply_markup });
  return message;
}

export function deleteMessage(world: TelegramWorld, p: Params): true {
  const state = world.sendableChat(p.chat_id);
  const id = readInt(p, "message_id") ?? NaN;
  const message = state.messages.get(id);
  if (!message) throw bad("message to delete not found");
  const isAdmin = ["administrator", "creator"].includes(world.botStatus(state));
  if (message.from?.id !== world.bot.id && state.chat.type !== "private" && !isAdmin)
    throw bad("message can't be deleted");
  world.forgetMessage(state, id);
  return true;
}
