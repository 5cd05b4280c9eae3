/** Renders the platform-neutral reply as terminal text (ANSI styles only on a terminal). */
import type { Inline, RichText } from "../../bot/reply.js";

const ANSI = {
  bold: ["\x1b[1m", "\x1b[22m"],
  italic: ["\x1b[3m", "\x1b[23m"],
  cyan: ["\x1b[36m", "\x1b[39m"],
} as const;

/* eslint-disable no-control-regex -- matching control characters is the point here */
const ESCAPES = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/* eslint-enable no-control-regex */

/** Removes terminal control sequences from untrusted text so that it cannot repaint the screen. */
export function stripControl(text: string): string {
  return text.replace(ESCAPES, "").replace(CONTROLS, "");
}

function style(text: string, kind: keyof typeof ANSI, color: boolean): string {
  return color ? `${ANSI[kind][0]}${text}${ANSI[kind][1]}` : text;
}

function inline(piece: Inline, color: boolean): string {
  if (typeof piece === "string") return stripControl(piece);
  const text = stripControl(piece.text);
  switch (piece.kind) {
    case "strong":
      return style(text, "bold", color);
    case "em":
      return style(text, "italic", color);
    case "code":
      return style(text, "cyan", color);
    case "link":
      return `${text} <${stripControl(piece.url)}>`;
  }
}

/** The message as lines of text; buttons become numbered choices `[1] Voir plus`. */
export function renderText(rich: RichText, color: boolean): string {
  const blocks = rich.blocks.map((block) => {
    if (block.kind === "paragraph") return block.content.map((p) => inline(p, color)).join("");
    return block.items
      .map((item, i) => {
        const bullet = block.ordered ? `${i + 1}.` : "•";
        // Continuation lines of a multi-line item stay indented under it.
        return `  ${bullet} ${item
          .map((p) => inline(p, color))
          .join("")
          .replace(/\n/g, "\n    ")}`;
      })
      .join("\n");
  });
  let n = 0;
  const buttons = rich.buttons
    .map((row) => row.map((b) => `[${++n}] ${stripControl(b.label)}`).join("   "))
    .filter(Boolean);
  return [...blocks, ...(buttons.length > 0 ? [buttons.join("\n")] : [])].join("\n\n");
}
