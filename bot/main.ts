/**
 * Entry point: reads the configuration, builds the bot, connects the platforms and runs until
 * stopped. With no platform credentials, it opens the console mode on the local database.
 *
 *   npm start                 the configured platforms, or console mode when there are none
 *   npm start -- --demo       console mode: load the demo territory into an empty database first
 *   npm start -- --console    console mode even when platforms are configured
 */
import { dirname, join } from "node:path";
import { createInterface } from "node:readline/promises";
import { pino } from "pino";
import { ConsoleAdapter } from "../adapters/console/console-adapter.js";
import { isEmptyTerritory } from "../storage/settings.js";
import { createApp, type App } from "./app.js";
import { AdjustableClock } from "./clock.js";
import { ConfigError, loadConfig, loadDotEnv, type Config } from "./config.js";
import { loadDemo } from "./demo.js";
import { startHealthServer } from "./health.js";
import { createLogger, type Logger } from "./logger.js";

/** Writes an operator message on standard error (logs are not for this: they may go to a file). */
function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

function readConfig(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      say(error.message);
      say("See .env.example for every variable and its default.");
      process.exit(1);
    }
    throw error;
  }
}

/** Asks a yes/no question on the terminal (French and English answers). */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = (await rl.question(`${question} `)).trim().toLowerCase();
  rl.close();
  return answer === "" || /^(o|oui|y|yes)$/.test(answer);
}

/**
 * Stops the bot once, on a signal or at the end of the console's input: gracefully (see
 * `App.stop`), then runs `after` (closing the health endpoint) and exits with `code`.
 */
function stopper(
  app: App,
  logger: Logger,
  after: () => Promise<void> = () => Promise.resolve(),
): (code: number) => Promise<void> {
  let stopping = false;
  return async (code) => {
    if (stopping) return;
    stopping = true;
    try {
      await app.stop();
      await after();
      logger.info("stopped");
    } catch (error) {
      logger.error({ err: error }, "the stop failed");
      code = 1;
    }
    logger.flush();
    process.exit(code);
  };
}

/**
 * SIGTERM and SIGINT stop the bot gracefully; a second signal during that stop exits at once
 * (what was being sent stays queued, and the next start sends it again).
 */
function onSignals(stop: (code: number) => Promise<void>, logger: Logger): void {
  let received = 0;
  const handle = (signal: NodeJS.Signals) => {
    received += 1;
    if (received === 1) {
      logger.info({ signal }, "stopping: no new events, delivering what is queued");
      say(`${signal}: stopping (send it again to stop at once)`);
      void stop(0);
      return;
    }
    logger.warn({ signal }, "second signal: exiting now");
    logger.flush();
    process.exit(1);
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
}

/** Console mode: a local chat in the terminal on the local database. */
async function runConsole(config: Config, argv: string[]): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  // The terminal is the chat: logs go to a file beside the database.
  const logFile = config.logFile ?? join(dirname(config.databasePath), "soliterr.log");
  const logger = createLogger(
    config.logLevel,
    pino.destination({ dest: logFile, mkdir: true, sync: true }),
  );
  const clock = new AdjustableClock();
  const app = createApp(config, { logger, clock });
  logger.info({ database: config.databasePath, mode: "console" }, "starting");

  const t = app.i18n.translator(config.defaultLocale);
  const wantsDemo = argv.includes("--demo");
  if (
    isEmptyTerritory(app.db) &&
    (wantsDemo || (interactive && (await confirm(t("console-offer-demo")))))
  ) {
    const count = loadDemo(app.db, app.places, clock.now(), config.listingExpiryDays);
    say(t("console-demo-loaded", { count }));
  } else if (wantsDemo) {
    say(t("console-demo-not-empty"));
  }

  const console = new ConsoleAdapter({
    input: process.stdin,
    output: process.stdout,
    interactive,
    t,
    clock,
    timeZone: config.timeZone,
    drain: () => app.outbox.drain(),
    runJobs: () => app.scheduler.runAll(),
  });
  app.addAdapter(console);
  const stop = stopper(app, logger);
  onSignals(stop, logger);
  await app.start();
  await console.done;
  await app.outbox.drain();
  await stop(0);
}

/** Platform mode: the configured chat platforms, side by side, until a signal stops the bot. */
async function runPlatforms(config: Config): Promise<void> {
  const logger = config.logFile
    ? createLogger(config.logLevel, pino.destination({ dest: config.logFile, mkdir: true }))
    : createLogger(config.logLevel);
  // Several chats are served at once; each platform's limits are kept by its adapter.
  const app = createApp(config, { logger, outbox: { concurrency: 16 } });
  const { telegram, matrix } = config;
  // Each platform's SDK is loaded only when that platform is configured.
  if (telegram) {
    const { TelegramAdapter } = await import("../adapters/telegram/telegram-adapter.js");
    app.addAdapter(
      new TelegramAdapter({
        token: telegram.token,
        apiRoot: telegram.apiRoot,
        ...(telegram.webhook ? { webhook: telegram.webhook } : {}),
        state: app.adapterState("telegram"),
        menus: (locale) => app.commandMenus(locale),
        defaultLocale: config.defaultLocale,
        logger,
      }),
    );
  }
  if (matrix) {
    const { MatrixAdapter } = await import("../adapters/matrix/matrix-adapter.js");
    app.addAdapter(
      new MatrixAdapter({
        homeserverUrl: matrix.homeserverUrl,
        accessToken: matrix.accessToken,
        ...(matrix.allowedInviters ? { allowedInviters: matrix.allowedInviters } : {}),
        encryption: matrix.encryption,
        cryptoStorePath: matrix.cryptoStorePath,
        ...(matrix.sendRate > 0 ? { sendRate: matrix.sendRate } : {}),
        state: app.adapterState("matrix"),
        logger,
      }),
    );
  }
  logger.info({ database: config.databasePath, platforms: [...app.adapters.keys()] }, "starting");
  // Up before the platforms connect: it answers 503 "starting" until they have.
  const health = config.health
    ? await startHealthServer({ ...config.health, source: app, logger })
    : undefined;
  const stop = stopper(app, logger, async () => health?.close());
  onSignals(stop, logger);
  try {
    await app.start();
  } catch (error) {
    logger.fatal({ err: error }, "could not start");
    say(error instanceof Error ? error.message : String(error));
    await app.stop().catch(() => undefined);
    await health?.close();
    logger.flush();
    process.exit(1);
  }
}

async function main(argv: string[]): Promise<void> {
  const config = readConfig();
  const platforms = config.telegram !== undefined || config.matrix !== undefined;
  if (platforms && !argv.includes("--console")) await runPlatforms(config);
  else await runConsole(config, argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  say(
    `SoliTERR bot could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
