/**
 * Runs one admin command line: reads the configuration, parses and validates the arguments,
 * runs the command, and turns every failure into a plain message and an exit status.
 */
import { pino } from "pino";
import { DatabaseFileError, DatabaseInUseError } from "../../storage/backup.js";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { createLogger, type Logger } from "../logger.js";
import { AdminError, firstProblem, parseLine, usageText, UsageError, type AdminIo } from "./cli.js";
import { ADMIN_COMMANDS, type AdminEntry } from "./commands.js";

const USAGE = usageText(ADMIN_COMMANDS.map((e) => e.command));

/** Finds the command named by the first words of `argv` (`network create` takes two). */
function commandOf(argv: string[]): { entry: AdminEntry; rest: string[] } {
  const [first, second] = argv;
  for (const entry of ADMIN_COMMANDS) {
    const words = entry.command.name.split(" ");
    if (words.length === 1 && words[0] === first) return { entry, rest: argv.slice(1) };
    if (words.length === 2 && words[0] === first && words[1] === second)
      return { entry, rest: argv.slice(2) };
  }
  if (first === undefined) throw new UsageError("no command given");
  const group = ADMIN_COMMANDS.filter((e) => e.command.name.startsWith(`${first} `));
  if (group.length > 0)
    throw new UsageError(
      `"${first}" needs a subcommand: ${group.map((e) => e.command.name.split(" ")[1]).join(", ")}`,
    );
  throw new UsageError(`unknown command "${first}"`);
}

/** Takes the global `--database <file>` (anywhere before the command). */
function globalOptions(argv: string[]): { database?: string; rest: string[] } {
  const rest: string[] = [];
  let database: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--database" || arg.startsWith("--database=")) {
      database = arg.includes("=") ? arg.slice("--database=".length) : argv[++i];
      if (!database) throw new UsageError("--database needs a file path");
      continue;
    }
    rest.push(arg);
  }
  return { ...(database ? { database } : {}), rest };
}

/** Runs the admin tool; resolves to the exit status. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  if (argv.length === 0 || ["help", "--help", "-h"].includes(argv[0] ?? "")) {
    (argv.length === 0 ? io.stderr : io.stdout).write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
    return 1;
  }
  // In a terminal the operator reads plain messages; the log (what was done, by which
  // command) goes to LOG_FILE when there is one, and only errors reach the terminal otherwise.
  const terminalLevel = ["debug", "trace", "silent"].includes(config.logLevel)
    ? config.logLevel
    : "error";
  const logger: Logger = config.logFile
    ? createLogger(
        config.logLevel,
        pino.destination({ dest: config.logFile, mkdir: true, sync: true }),
      )
    : createLogger(terminalLevel, pino.destination({ dest: 2, sync: true }));
  const log = logger.child({ module: "admin" });
  let commandName = "";
  try {
    const { database, rest } = globalOptions(argv);
    const { entry, rest: args } = commandOf(rest);
    commandName = entry.command.name;
    if (args.includes("--help") || args.includes("-h")) {
      const { name, usage, summary } = entry.command;
      io.stdout.write(`usage: npm run admin -- ${name} ${usage}\n${summary}\n`);
      return 0;
    }
    const parsed = entry.command.args.safeParse(parseLine(args, entry.command.flags));
    if (!parsed.success) throw new UsageError(firstProblem(parsed.error));
    await entry.run(
      { config, databasePath: database ?? config.databasePath, io, logger: log },
      parsed.data,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = ADMIN_COMMANDS.find((e) => e.command.name === commandName)?.command;
      io.stderr.write(
        `error: ${error.message}\n${usage ? `usage: npm run admin -- ${usage.name} ${usage.usage}\n` : `\n${USAGE}`}`,
      );
      return 2;
    }
    if (
      error instanceof AdminError ||
      error instanceof DatabaseFileError ||
      error instanceof DatabaseInUseError
    ) {
      log.warn({ command: commandName, problem: error.message }, "admin command failed");
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    log.error({ err: error, command: commandName }, "admin command failed unexpectedly");
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    logger.flush();
  }
}
