/**
 * Renders the platform-neutral reply as Telegram messages: HTML with every piece of text
 * escaped, split under Telegram's 4,096-character limit on block and line boundaries, and
 * buttons as inline keyboards (or deep links for buttons that open the private chat).
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Block, Button, Inline, RichText } from "../../bot/reply.js";

/** Telegram's limit for a message text, in characters. */
export const MESSAGE_LIMIT = 4096;
/** Telegram's limit for a caption, in characters. */
export const CAPTION_LIMIT = 1024;
/** Telegram's limit for callback data, in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** Escapes text for Telegram HTML (the three characters it requires). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

function inline(piece: Inline): string {
  if (typeof piece === "string") return escapeHtml(piece);
  const text = escapeHtml(piece.text);
  switch (piece.kind) {
    case "strong":
      return `<b>${text}</b>`;
    case "em":
      return `<i>${text}</i>`;
    case "code":
      return `<code>${text}</code>`;
    case "link":
      return /^https?:\/\//i.test(piece.url)
        ? `<a href="${escapeAttribute(piece.url)}">${text}</a>`
        : text;
  }
}

/** One unit that is never cut inside (its tags stay balanced): a paragraph or a list item. */
interface Fragment {
  html: string;
  /** The same text without markup, escaped: used if the fragment alone is over the limit. */
  plain: string;
  /** What separates it from the previous fragment. */
  before: string;
}

function fragments(blocks: readonly Block[]): Fragment[] {
  const out: Fragment[] = [];
  for (const block of blocks) {
    if (block.kind === "paragraph") {
      out.push({
        html: block.content.map(inline).join(""),
        plain: escapeHtml(block.content.map((p) => (typeof p === "string" ? p : p.text)).join("")),
        before: "\n\n",
      });
      continue;
    }
    block.items.forEach((item, i) => {
      const bullet = block.ordered ? `${i + 1}. ` : "• ";
      out.push({
        html: bullet + item.map(inline).join(""),
        plain: bullet + escapeHtml(item.map((p) => (typeof p === "string" ? p : p.text)).join("")),
        before: i === 0 ? "\n\n" : "\n",
      });
    });
  }
  return out;
}

/** Cuts escaped plain text into pieces under `limit`, at line breaks, else spaces, never inside an entity. */
function cutPlain(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let at = rest.lastIndexOf("\n", limit);
    if (at < limit / 2) at = rest.lastIndexOf(" ", limit);
    if (at < limit / 2) at = limit;
    // Do not cut "&amp;" in half.
    const amp = rest.lastIndexOf("&", at);
    if (amp !== -1 && amp > at - 6 && !rest.slice(amp, at).includes(";")) at = amp;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, "");
  }
  pieces.push(rest);
  return pieces;
}

/** The message's text as HTML chunks of at most `limit` characters. */
export function renderHtml(rich: RichText, limit = MESSAGE_LIMIT): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const fragment of fragments(rich.blocks)) {
    const candidate = current ? current + fragment.before + fragment.html : fragment.html;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    if (current) chunks.push(current);
    current = "";
    if (fragment.html.length <= limit) {
      current = fragment.html;
      continue;
    }
    // A fragment alone over the limit (a very long description): sent as plain text pieces.
    const pieces = cutPlain(fragment.plain, limit);
    current = pieces.pop() ?? "";
    chunks.push(...pieces);
  }
  if (current || chunks.length === 0) chunks.push(current || "…");
  return chunks;
}

/** Byte length of a string in UTF-8. */
function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** What the keyboard builder needs: where long commands are kept, and the bot's username. */
export interface KeyboardContext {
  botUsername: string;
  /** Returns the callback data for a command too long for Telegram's 64 bytes. */
  shortenCommand(command: string): string;
}

/** The `start` payload of a deep link for a `/start …` command (Telegram allows `[A-Za-z0-9_-]{0,64}`). */
function deepLinkPayload(command: string): string {
  const payload = command.replace(/^\/start\s*/, "").trim();
  return /^[A-Za-z0-9_-]{1,64}$/.test(payload) ? payload : "";
}

function keyboardButton(button: Button, context: KeyboardContext): InlineKeyboardButton {
  const text = button.label.slice(0, 64) || "…";
  if (button.openPrivate) {
    const payload = deepLinkPayload(button.command);
    return {
      text,
      url: `https://t.me/${context.botUsername}${payload ? `?start=${payload}` : ""}`,
    };
  }
  const data =
    bytes(button.command) <= CALLBACK_DATA_LIMIT
      ? button.command
      : context.shortenCommand(button.command);
  return { text, callback_data: data };
}

/** The inline keyboard of a message, or undefined when it has no buttons. */
export function inlineKeyboard(
  rich: RichText,
  context: KeyboardContext,
): InlineKeyboardMarkup | undefined {
  const rows = rich.buttons
    .filter((row) => row.length > 0)
    .map((row) => row.map((b) => keyboardButton(b, context)));
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}
