/**
 * The admin tool's command line: declarations, parsing (zod), usage text and exit codes.
 * What each command does is in bot/admin/commands.ts.
 *
 *   exit 0  done
 *   exit 1  the operation failed (a file that is not a database, the bot is running…)
 *   exit 2  the command line is wrong (the usage is printed)
 */
import { z } from "zod";

/** Where the tool writes, and what it reads; tests pass their own. */
export interface AdminIo {
  /** Results (a stats table, an export without --out). */
  stdout: { write(chunk: string): boolean | void };
  /** Messages to the operator: what was done, what went wrong. */
  stderr: { write(chunk: string): boolean | void };
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

/** A wrong command line; its message says what to type instead. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** An operation that could not be done; its message says why and what to do. */
export class AdminError extends Error {
  override readonly name = "AdminError";
}

/** The argument words and `--flags` of a command line. */
export interface ParsedLine {
  words: string[];
  flags: Record<string, string | true>;
}

/** A command of the admin tool. */
export interface AdminCommand<A> {
  /** Words that name it (`backup`, `network create`). */
  name: string;
  /** One line of usage after the name. */
  usage: string;
  /** What it does, in one sentence. */
  summary: string;
  /** Flags it accepts: `value` takes the next word, `switch` stands alone. */
  flags: Record<string, "value" | "switch">;
  /** Validates the words and flags into the arguments of `run`. */
  args: z.ZodType<A, ParsedLine>;
}

/** Declares a command (keeps the arguments' type attached to its schema). */
export function declare<A>(command: AdminCommand<A>): AdminCommand<A> {
  return command;
}

/** Splits `argv` into words and flags; `--name=value` and `--name value` both work. */
export function parseLine(
  argv: readonly string[],
  flags: AdminCommand<unknown>["flags"],
): ParsedLine {
  const words: string[] = [];
  const found: ParsedLine["flags"] = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      words.push(arg);
      continue;
    }
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = flags[name];
    if (!kind) {
      const known = Object.keys(flags).map((f) => `--${f}`);
      throw new UsageError(
        `unknown option --${name}${known.length > 0 ? ` (this command takes ${known.join(", ")})` : " (this command takes no option)"}`,
      );
    }
    if (kind === "switch") {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      found[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
    found[name] = value;
  }
  return { words, flags: found };
}

/** The first problem zod found, as one line for the operator. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid arguments";
  // Paths start with "words" or "flags" (the parsed line): name the argument as typed.
  const [part, name] = issue.path.map(String);
  const where = name === undefined ? "" : part === "flags" ? `--${name}: ` : `<${name}>: `;
  return `${where}${issue.message}`;
}

/** Words as a fixed list of named arguments, with a clear message when one is missing or extra. */
export function wordsAs<const N extends readonly string[]>(
  names: N,
  options: { rest?: boolean } = {},
): z.ZodType<Record<N[number], string>, string[]> {
  return z.array(z.string()).transform((words, ctx) => {
    const out: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      const word = words[i];
      if (word === undefined || word.trim() === "") {
        ctx.addIssue({ code: "custom", message: `missing <${name}>` });
        return z.NEVER;
      }
      out[name] = word;
    }
    const extra = words.slice(names.length);
    if (options.rest && names.length > 0) {
      const last = names[names.length - 1] as string;
      out[last] = [out[last], ...extra].join(" ");
    } else if (extra.length > 0) {
      ctx.addIssue({ code: "custom", message: `unexpected "${extra.join(" ")}"` });
      return z.NEVER;
    }
    return out;
  });
}

/** The whole usage text, generated from the declarations. */
export function usageText(commands: readonly AdminCommand<unknown>[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage}`.trim().length));
  const lines = commands.map(
    (c) => `  ${`${c.name} ${c.usage}`.trim().padEnd(width)}  ${c.summary}`,
  );
  return [
    "Usage: npm run admin -- [--database <file>] <command> [arguments]",
    "",
    "Commands:",
    ...lines,
    "",
    "The database is DATABASE_PATH (from the environment or .env) unless --database is given.",
    "Exit status: 0 done, 1 the operation failed, 2 the command line is wrong.",
    "",
  ].join("\n");
}
