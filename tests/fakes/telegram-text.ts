/**
 * Text rules of the Telegram fake: Telegram's HTML subset (parse_mode "HTML"), the bot_command
 * entities Telegram adds to user messages, and inline keyboard validation.
 */
import {
  bad,
  type TgInlineButton,
  type TgInlineKeyboard,
  type TgMessageEntity,
} from "./telegram-types.js";

const TAG_ENTITY: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Text as Telegram shows it, with the entities the markup produced. */
export interface FormattedText {
  text: string;
  entities: TgMessageEntity[];
}

interface OpenTag {
  tag: string;
  offset: number;
  entity: Omit<TgMessageEntity, "offset" | "length"> | undefined;
  language: string | undefined;
}

function decodeAttribute(value: string): string {
  return value.replace(
    /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(lt|gt|amp|quot));/g,
    (_m, dec, hex, named) =>
      typeof named === "string"
        ? (NAMED_ENTITIES[named] ?? "")
        : String.fromCodePoint(typeof dec === "string" ? Number(dec) : parseInt(String(hex), 16)),
  );
}

/**
 * Parses Telegram's HTML subset. Returns `{ error }` with Telegram's wording on bad markup. Stricter
 * than Telegram on one point: a bare `&` is refused (Telegram shows it as is), so that unescaped
 * user text is caught.
 */
export function parseTelegramHtml(html: string): FormattedText | { error: string } {
  const special = /[<&]/g;
  const entityRe = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{0,31}));/y;
  const endRe = /<\/([A-Za-z0-9-]*)\s*>/y;
  const nameRe = /<([A-Za-z0-9-]*)/y;
  const attrRe = /\s+([A-Za-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/y;
  const closeRe = /\s*>/y;
  const at = (i: number): string => `at byte offset ${Buffer.byteLength(html.slice(0, i))}`;
  const entities: TgMessageEntity[] = [];
  const open: OpenTag[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    special.lastIndex = i;
    const found = special.exec(html);
    const j = found ? found.index : html.length;
    text += html.slice(i, j);
    i = j;
    if (!found) break;
    if (html[i] === "&") {
      entityRe.lastIndex = i;
      const m = entityRe.exec(html);
      if (!m) return { error: `Unescaped "&" ${at(i)} (the fake requires &amp;)` };
      if (m[3] !== undefined) {
        const char = NAMED_ENTITIES[m[3]];
        if (char === undefined) return { error: `Unsupported HTML entity "&${m[3]};" ${at(i)}` };
        text += char;
      } else {
        const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2] ?? "", 16);
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
          return { error: `Invalid numeric HTML entity ${at(i)}` };
        text += String.fromCodePoint(code);
      }
      i = entityRe.lastIndex;
      continue;
    }
    if (html[i + 1] === "/") {
      endRe.lastIndex = i;
      const m = endRe.exec(html);
      if (!m) return { error: `Unclosed end tag ${at(i)}` };
      const tag = (m[1] ?? "").toLowerCase();
      const top = open.pop();
      if (!top) return { error: `Unexpected end tag "</${tag}>" ${at(i)}` };
      if (top.tag !== tag)
        return { error: `Unmatched end tag ${at(i)}, expected "</${top.tag}>", found "</${tag}>"` };
      const parent = open.at(-1);
      if (top.tag === "code" && parent?.tag === "pre") {
        // Telegram folds <pre><code class="language-x"> into one pre entity with a language.
        if (top.language !== undefined && parent.entity) parent.entity.language = top.language;
      } else if (top.entity && text.length > top.offset) {
        entities.push({ ...top.entity, offset: top.offset, length: text.length - top.offset });
      }
      i = endRe.lastIndex;
      continue;
    }
    nameRe.lastIndex = i;
    const tag = (nameRe.exec(html)?.[1] ?? "").toLowerCase();
    const type = TAG_ENTITY[tag];
    if (type === undefined) return { error: `Unsupported start tag "${tag}" ${at(i)}` };
    const attrs = new Map<string, string>();
    let p = nameRe.lastIndex;
    for (;;) {
      closeRe.lastIndex = p;
      if (closeRe.exec(html)) {
        p = closeRe.lastIndex;
        break;
      }
      attrRe.lastIndex = p;
      const a = attrRe.exec(html);
      if (!a) return { error: `Unclosed start tag ${at(i)}` };
      attrs.set((a[1] ?? "").toLowerCase(), decodeAttribute(a[2] ?? a[3] ?? a[4] ?? ""));
      p = attrRe.lastIndex;
    }
    let entity: OpenTag["entity"] = { type };
    let language: string | undefined;
    if (tag === "span" && attrs.get("class") !== "tg-spoiler")
      return { error: `Tag "span" must have class "tg-spoiler" ${at(i)}` };
    if (tag === "a") {
      const href = attrs.get("href");
      entity = href ? { type, url: href } : undefined;
    } else if (tag === "tg-emoji") {
      const id = attrs.get("emoji-id");
      if (!id) return { error: `Tag "tg-emoji" must have attribute "emoji-id" ${at(i)}` };
      entity = { type, custom_emoji_id: id };
    } else if (tag === "blockquote" && attrs.has("expandable")) {
      entity = { type: "expandable_blockquote" };
    } else if (tag === "code") {
      language = /^language-(.+)$/.exec(attrs.get("class") ?? "")?.[1];
    }
    open.push({ tag, offset: text.length, entity, language });
    i = p;
  }
  const unclosed = open.at(-1);
  if (unclosed) return { error: `Can't find end tag corresponding to start tag "${unclosed.tag}"` };
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

/**
 * The bot_command entities Telegram adds to a user's text: `/cmd` or `/cmd@botname` at any
 * position, not glued to a word. Offsets are UTF-16 code units, as JavaScript string indices are.
 */
export function botCommandEntities(text: string): TgMessageEntity[] {
  const command =
    /(?<![\p{L}\p{N}_/#@])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\p{L}\p{N}_/#@])/gu;
  return [...text.matchAll(command)].map((m) => ({
    type: "bot_command",
    offset: m.index,
    length: m[0].length,
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const BUTTON_ACTIONS = [
  "callback_data",
  "url",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
];

function checkButton(button: unknown): TgInlineButton {
  if (!isObject(button))
    throw bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof button.text !== "string")
    throw bad('can\'t parse inline keyboard button: Field "text" must be of type String');
  if (!BUTTON_ACTIONS.some((action) => button[action] !== undefined))
    throw bad(
      "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  const data = button.callback_data;
  if (data !== undefined) {
    const bytes = typeof data === "string" ? Buffer.byteLength(data) : 0;
    if (bytes < 1 || bytes > 64) throw bad("BUTTON_DATA_INVALID");
  }
  const url = button.url;
  if (url !== undefined && (typeof url !== "string" || !/^(https?|tg):\/\/\S+$/i.test(url)))
    throw bad(`inline keyboard button URL '${JSON.stringify(url)}' is invalid: Wrong HTTP URL`);
  return button as TgInlineButton;
}

/**
 * Validates a `reply_markup` (already JSON-decoded). Returns the inline keyboard that Telegram
 * attaches to the message, if any; other markups (reply keyboards, force_reply) are accepted.
 */
export function checkReplyMarkup(markup: unknown): TgInlineKeyboard | undefined {
  if (markup === undefined) return undefined;
  if (!isObject(markup)) throw bad("can't parse reply keyboard markup JSON object");
  const rows = markup.inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row)))
    throw bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  return { inline_keyboard: (rows as unknown[][]).map((row) => row.map(checkButton)) };
}
