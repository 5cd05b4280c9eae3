/**
 * Renders the platform-neutral reply as Matrix message content: an HTML `formatted_body`
 * (only tags every client accepts, every piece of text escaped) and a plain `body`. Matrix
 * has no buttons: each becomes a hint with the command to type (`!plus 3 2`).
 */
import type { Block, Button, Inline, RichText } from "../../bot/reply.js";

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function inlineHtml(piece: Inline): string {
  if (typeof piece === "string") return escapeHtml(piece).replace(/\n/g, "<br>");
  const text = escapeHtml(piece.text);
  switch (piece.kind) {
    case "strong":
      return `<strong>${text}</strong>`;
    case "em":
      return `<em>${text}</em>`;
    case "code":
      return `<code>${text}</code>`;
    case "link":
      return /^https?:\/\//i.test(piece.url)
        ? `<a href="${escapeHtml(piece.url)}">${text}</a>`
        : text;
  }
}

function inlineText(piece: Inline): string {
  if (typeof piece === "string") return piece;
  return piece.kind === "link" ? `${piece.text} (${piece.url})` : piece.text;
}

/** A command as typed on Matrix: `!cmd` (Element keeps unknown `/commands` to itself). */
export function matrixCommand(command: string): string {
  return command.replace(/^\//, "!");
}

/** A block as HTML and as text. */
function renderBlock(block: Block): { html: string; text: string } {
  if (block.kind === "paragraph") {
    return {
      html: `<p>${block.content.map(inlineHtml).join("")}</p>`,
      text: block.content.map(inlineText).join(""),
    };
  }
  const tag = block.ordered ? "ol" : "ul";
  return {
    html: `<${tag}>${block.items.map((item) => `<li>${item.map(inlineHtml).join("")}</li>`).join("")}</${tag}>`,
    text: block.items
      .map((item, i) => `${block.ordered ? `${i + 1}.` : "•"} ${item.map(inlineText).join("")}`)
      .join("\n"),
  };
}

/** The buttons as hints: "Suivantes ▶ — !plus 3 2". Buttons that open a private chat have no Matrix equivalent. */
function hints(buttons: readonly Button[][]): Block | undefined {
  const items = buttons
    .flat()
    .filter((b) => !b.openPrivate)
    .map((b): Inline[] => [b.label, " — ", { kind: "code", text: matrixCommand(b.command) }]);
  return items.length > 0 ? { kind: "list", items } : undefined;
}

/** One Matrix message: plain body and HTML. */
export interface MatrixText {
  body: string;
  html: string;
}

/** Bytes of an event's text (plain and HTML): events are capped at 64 KiB, JSON and all. */
const EVENT_TEXT_BUDGET = 56_000;

function size(text: MatrixText): number {
  return Buffer.byteLength(text.body) + Buffer.byteLength(text.html);
}

/** Cuts a block too big for one event into plain-text events under the budget. */
function cutBlock(text: string, budget: number): MatrixText[] {
  const out: MatrixText[] = [];
  let rest = text;
  while (rest.length > 0) {
    let length = rest.length;
    let piece: MatrixText;
    // Escaping may multiply the size by up to six: shrink the piece until it fits.
    for (;;) {
      const body = rest.slice(0, length);
      piece = { body, html: `<p>${escapeHtml(body).replace(/\n/g, "<br>")}</p>` };
      if (size(piece) <= budget || length <= 1) break;
      length = Math.floor(length * Math.min(0.9, budget / size(piece)));
    }
    // Prefer to end a piece at a line break or a space near its end.
    if (length < rest.length) {
      const boundary = Math.max(rest.lastIndexOf("\n", length), rest.lastIndexOf(" ", length));
      if (boundary > length * 0.8) {
        length = boundary + 1;
        const body = rest.slice(0, length);
        piece = { body, html: `<p>${escapeHtml(body).replace(/\n/g, "<br>")}</p>` };
      }
    }
    out.push(piece);
    rest = rest.slice(length);
  }
  return out;
}

/** The message as one or more Matrix texts, each within an event's size. */
export function renderMatrix(rich: RichText, budget = EVENT_TEXT_BUDGET): MatrixText[] {
  const buttonHints = hints(rich.buttons);
  const blocks = [...rich.blocks, ...(buttonHints ? [buttonHints] : [])].map(renderBlock);
  const out: MatrixText[] = [];
  let current: MatrixText = { body: "", html: "" };
  for (const block of blocks) {
    const joined = {
      body: current.body ? `${current.body}\n\n${block.text}` : block.text,
      html: current.html + block.html,
    };
    if (size(joined) <= budget) {
      current = joined;
      continue;
    }
    if (current.body) out.push(current);
    current = { body: "", html: "" };
    if (size({ body: block.text, html: block.html }) <= budget) {
      current = { body: block.text, html: block.html };
      continue;
    }
    // One block bigger than an event allows: cut it as plain text.
    out.push(...cutBlock(block.text, budget));
  }
  if (current.body || out.length === 0)
    out.push(current.body ? current : { body: "…", html: "<p>…</p>" });
  return out;
}
