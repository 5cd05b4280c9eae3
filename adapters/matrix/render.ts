/**
 * Renders the platform-neutral reply as Matrix message content: an HTML `formatted_body`
 * (only tags every client accepts, every piece of text escaped) and a plain `body`. Matrix
 * has no buttons: each becomes a hint with the command to type (`!plus 3 2`).
 */
import type { Block, Button, Inline, RichText } from "../../bot/reply.js";

/** Longest body of one event, in characters (events are capped at 64 KiB, HTML and all). */
export const MATRIX_CHUNK = 16_000;

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

/** The message as one or more Matrix texts, each under `limit` characters of plain text. */
export function renderMatrix(rich: RichText, limit = MATRIX_CHUNK): MatrixText[] {
  const buttonHints = hints(rich.buttons);
  const blocks = [...rich.blocks, ...(buttonHints ? [buttonHints] : [])].map(renderBlock);
  const out: MatrixText[] = [];
  let current: MatrixText = { body: "", html: "" };
  for (const block of blocks) {
    if (current.body && current.body.length + block.text.length + 2 > limit) {
      out.push(current);
      current = { body: "", html: "" };
    }
    if (block.text.length > limit) {
      // One block longer than an event allows: cut it as plain text.
      for (let i = 0; i < block.text.length; i += limit) {
        const piece = block.text.slice(i, i + limit);
        out.push({ body: piece, html: `<p>${escapeHtml(piece).replace(/\n/g, "<br>")}</p>` });
      }
      continue;
    }
    current = {
      body: current.body ? `${current.body}\n\n${block.text}` : block.text,
      html: current.html + block.html,
    };
  }
  if (current.body || out.length === 0)
    out.push(current.body ? current : { body: "…", html: "<p>…</p>" });
  return out;
}
