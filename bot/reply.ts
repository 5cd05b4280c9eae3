/**
 * The platform-neutral reply: a small rich-text value that every adapter renders safely.
 *
 * All strings in it are final text (already translated) and are treated as untrusted by
 * the renderers: an adapter escapes every one of them. Formatting comes only from the
 * structure (strong, emphasis, code, links, lists), never from markup inside a string.
 */

/** A piece of text inside a paragraph or a list item. */
export type Inline =
  | string
  | { kind: "strong"; text: string }
  | { kind: "em"; text: string }
  | { kind: "code"; text: string }
  | { kind: "link"; text: string; url: string };

/** A block of a message. */
export type Block =
  { kind: "paragraph"; content: Inline[] } | { kind: "list"; items: Inline[][]; ordered?: boolean };

/** A button that sends `command` (a command line such as `/plus 3`, or a guided answer). */
export interface Button {
  label: string;
  command: string;
  /**
   * The button opens the person's private chat with the bot and sends `command` there (a
   * Telegram deep link `t.me/<bot>?start=…`); its command is then `/start <payload>`.
   */
  openPrivate?: boolean;
}

/** A whole message. */
export interface RichText {
  blocks: Block[];
  /** Rows of buttons: inline keyboards on Telegram, command hints on Matrix, numbers in the console. */
  buttons: Button[][];
}

/** Where a queued message goes. */
export type Destination =
  | { kind: "room"; platform: string; roomId: string }
  | { kind: "member"; platform: string; userId: string };

/** A file sent with a message (its text becomes the caption). */
export interface Attachment {
  /** `document` (any file) or `image` (shown inline: a chart). */
  kind: "document" | "image";
  /** Path of the file on the bot's machine. */
  path: string;
  /** File name shown to the person. */
  filename: string;
}

/** A file to make when the message is sent (bot/files.ts): a chart, or a text such as a CSV. */
export interface FileRecipe {
  kind: "document" | "image";
  filename: string;
  /** Grouped bars, drawn as a PNG (bot/charts.ts). */
  chart?: {
    bars: { x: string; group: string; value: number }[];
    labels: { title: string; x: string; y: string };
  };
  /** The file's text (UTF-8). */
  text?: string;
}

/**
 * A poll that platforms with native polls show as one (a Telegram poll, a Matrix m.poll.start);
 * the message's text is its rendering as text (numbered answers and how to vote), which the
 * console prints and clients without polls show instead.
 */
export interface PollElement {
  question: string;
  /** The answers, in order: answer n is voted for as `n` (`/voter 3 2`). */
  options: string[];
}

/** A message as queued in the outbox and handed to an adapter. */
export interface OutgoingMessage {
  text: RichText;
  /** A file to send with the text. */
  attachment?: Attachment;
  /** A file to make just before sending, then sent as `attachment` (the outbox does it). */
  makeFile?: FileRecipe;
  /**
   * What to send instead when the destination is a person the bot cannot write to (they
   * never opened the private chat, or blocked the bot): typically a pointer in the group.
   */
  fallback?: { destination: Destination; message: OutgoingMessage };
  /** Platform id of the message this one answers (threaded reply), when known. */
  inReplyTo?: string;
  /** Platform id of a message of the bot to replace (paging edits the results in place). */
  replaces?: string;
  /** Pin the message in its room once sent (a broadcast): `Adapter.pin`. */
  pin?: boolean;
  /** Send it as a native poll where the platform has them (`text` is its textual form). */
  poll?: PollElement;
  /**
   * Ends the native poll of the bot's message with this platform id (Telegram stopPoll,
   * Matrix m.poll.end) before sending the text (the results).
   */
  endsPoll?: string;
}

/** Builds a paragraph. */
export function paragraph(...content: Inline[]): Block {
  return { kind: "paragraph", content };
}

/** Builds a bulleted (or numbered) list. */
export function list(items: Inline[][], ordered = false): Block {
  return { kind: "list", items, ordered };
}

/** Bold text. */
export function strong(text: string): Inline {
  return { kind: "strong", text };
}

/** Emphasised text. */
export function em(text: string): Inline {
  return { kind: "em", text };
}

/** Monospace text, for commands to type. */
export function code(text: string): Inline {
  return { kind: "code", text };
}

/** A message of blocks, optionally with rows of buttons. */
export function message(blocks: Block[], buttons: Button[][] = []): RichText {
  return { blocks, buttons };
}

/** A message of one paragraph of plain text. */
export function textMessage(text: string): RichText {
  return message([paragraph(text)]);
}

/** The plain text of an inline piece (links keep their text only). */
export function inlineText(inline: Inline): string {
  return typeof inline === "string" ? inline : inline.text;
}

/** The whole message as plain text, paragraphs separated by blank lines. */
export function plainText(rich: RichText): string {
  return rich.blocks
    .map((block) =>
      block.kind === "paragraph"
        ? block.content.map(inlineText).join("")
        : block.items
            .map(
              (item, i) => `${block.ordered ? `${i + 1}.` : "•"} ${item.map(inlineText).join("")}`,
            )
            .join("\n"),
    )
    .join("\n\n");
}
