/**
 * Reading what people type: a command line (`/offre …`, `/offre@soliterr_bot …`, `!offre …`)
 * and its arguments (words, "quoted words", `key:value` options, `#tags`).
 *
 * Nothing here throws on any input: hostile text comes out as plain words.
 */
import { fold, nameKey } from "../storage/text.js";

/** Longest input considered; longer messages are refused with a localised message. */
export const MAX_INPUT_LENGTH = 4_000;

/** A command line split into its name and the text of its arguments. */
export interface CommandLine {
  /** Folded command name (`Clôturer` -> `cloturer`). */
  name: string;
  /** The bot the command was addressed to (`/cmd@name`), if any. */
  botName?: string;
  /** Everything after the name. */
  argsText: string;
}

/** The options every command may understand, by canonical name. */
export type OptionName = "place" | "kind" | "terms" | "until" | "status" | "sector" | "structure";

/** What people may type before the colon, in French and in English, for each option. */
const OPTION_ALIASES = new Map<string, OptionName>(
  Object.entries({
    lieu: "place",
    a: "place",
    in: "place",
    at: "place",
    place: "place",
    type: "kind",
    kind: "kind",
    modalite: "terms",
    modalites: "terms",
    terms: "terms",
    jusqu: "until",
    jusqua: "until",
    jusquau: "until",
    until: "until",
    expire: "until",
    statut: "status",
    status: "status",
    etat: "status",
    secteur: "sector",
    sector: "sector",
    naf: "sector",
    structure: "structure",
    organisation: "structure",
    organization: "structure",
  }) as [string, OptionName][],
);

/** The arguments of a command, ready for its zod schema. */
export interface ParsedArgs {
  /** The argument text without the options and tags (spaces tidied, line breaks kept). */
  text: string;
  /** The plain words of `text` (a quoted phrase is one word, without its quotes). */
  words: string[];
  /** Recognised `key:value` options, by canonical name (the last one typed wins). */
  options: Partial<Record<OptionName, string>>;
  /** `#tags`, without the `#`, in the order typed. */
  tags: string[];
  /** The argument text as typed, tags and options included (spaces tidied): a message to relay. */
  raw: string;
}

/** Invisible and direction-changing characters that only serve to disguise text. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Control characters other than tab and line feed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Removes control and invisible characters, keeps line breaks, and normalises to NFC. */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(INVISIBLE, "").normalize("NFC");
}

/** Splits `/name@bot args` or `!name args`; undefined when the text is not a command. */
export function parseCommandLine(text: string): CommandLine | undefined {
  const match = /^\s*[/!]([\p{L}\p{N}_-]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/u.exec(text);
  if (!match?.[1]) return undefined;
  return {
    name: fold(match[1]).replace(/-/g, "_"),
    ...(match[2] ? { botName: match[2] } : {}),
    argsText: text.slice(match[0].length).trim(),
  };
}

/** Opening quote characters and the one that closes each. */
const QUOTES: Record<string, string> = { '"': '"', "«": "»", "“": "”", "„": "“" };

interface Token {
  /** The token's value (without quotes). */
  value: string;
  /** Start and end offsets in the argument text. */
  start: number;
  end: number;
  quoted: boolean;
}

/** Splits on white space, keeping quoted phrases together (an unclosed quote runs to the end). */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i] ?? "")) i++;
    if (i >= input.length) break;
    const start = i;
    const open = input[i] ?? "";
    const close = QUOTES[open];
    if (close) {
      const end = input.indexOf(close, i + 1);
      const stop = end === -1 ? input.length : end;
      tokens.push({
        value: input.slice(i + 1, stop).trim(),
        start,
        end: Math.min(stop + 1, input.length),
        quoted: true,
      });
      i = stop + 1;
      continue;
    }
    while (i < input.length && !/\s/.test(input[i] ?? "")) {
      // A quote right after "key:" belongs to the option's value: `lieu:"Saint Martin"`.
      const q = QUOTES[input[i] ?? ""];
      if (q && input[i - 1] === ":") {
        const end = input.indexOf(q, i + 1);
        i = end === -1 ? input.length : end + 1;
        continue;
      }
      i++;
    }
    tokens.push({ value: input.slice(start, i), start, end: i, quoted: false });
  }
  return tokens;
}

/** A piece of argument text: a word, or a phrase typed between quotes (without them). */
export interface Phrase {
  value: string;
  quoted: boolean;
}

/**
 * Splits argument text into words and quoted phrases ("…", « … », “…”, „…“), saying which
 * were quoted: `"Quelle date ?" "jeudi" vendredi` -> 2 quoted phrases and a word.
 */
export function phrases(input: string): Phrase[] {
  return tokenize(input).map(({ value, quoted }) => ({ value, quoted }));
}

/** Removes surrounding quotes from an option value. */
function unquote(value: string): string {
  const close = QUOTES[value[0] ?? ""];
  if (!close) return value;
  return value.slice(1, value.endsWith(close) ? -1 : undefined).trim();
}

/** Options of `parseArgs`. */
export interface ParseArgsOptions {
  /** The options this command understands; other `key:value` stay plain words. */
  options?: readonly OptionName[];
  /**
   * For an unquoted option value followed by plain words, how many words (1 or more) the
   * value really spans: `lieu:Bagnères de Bigorre` -> 3.
   */
  extendOption?: (option: OptionName, words: string[]) => number;
}

/** Reads the arguments of a command. */
export function parseArgs(argsText: string, settings: ParseArgsOptions = {}): ParsedArgs {
  const allowed = new Set(settings.options ?? []);
  const tokens = tokenize(argsText);
  const options: ParsedArgs["options"] = {};
  const tags: string[] = [];
  const consumed: [number, number][] = [];
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (!token.quoted) {
      const option = /^([\p{L}'’]{1,12}):(.*)$/su.exec(token.value);
      const name = option?.[1]
        ? OPTION_ALIASES.get(nameKey(option[1]).replace(/ /g, ""))
        : undefined;
      if (option && name && allowed.has(name)) {
        let value = unquote(option[2] ?? "");
        let end = token.end;
        const next = tokens[i + 1];
        if (value === "" && next) {
          // `lieu: Tarbes` — the value is the next token.
          value = next.value;
          end = next.end;
          i++;
        }
        if (settings.extendOption && !/^["«“„]/.test(option[2] ?? "")) {
          const following: string[] = [];
          for (let j = i + 1; j < tokens.length && following.length < 6; j++) {
            const t = tokens[j];
            if (!t || t.quoted || t.value.startsWith("#") || /^[\p{L}'’]{1,12}:/u.test(t.value))
              break;
            following.push(t.value);
          }
          const span =
            following.length > 0 ? settings.extendOption(name, [value, ...following]) : 1;
          for (let k = 1; k < span && k <= following.length; k++) {
            value = `${value} ${following[k - 1]}`;
            end = tokens[i + 1]?.end ?? end;
            i++;
          }
        }
        options[name] = value;
        consumed.push([token.start, end]);
        continue;
      }
      const tag = /^#([\p{L}_][\p{L}\p{N}_'’-]{0,40})$/u.exec(token.value);
      if (tag?.[1]) {
        tags.push(tag[1]);
        consumed.push([token.start, token.end]);
        continue;
      }
    }
    if (token.value) words.push(token.value);
  }
  return { text: tidy(cut(argsText, consumed)), words, options, tags, raw: tidy(argsText) };
}

/** The text without the given spans. */
function cut(text: string, spans: [number, number][]): string {
  let out = "";
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start);
    from = end;
  }
  return out + text.slice(from);
}

/** Collapses runs of spaces, trims each line, drops empty lines at the ends. */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
