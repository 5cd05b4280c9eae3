/**
 * Builds the bot's parts from a configuration: database, translations, places, commands,
 * pipeline, outbox delivery and scheduler. main.ts uses it with the real process; tests and
 * benchmarks build their own with `:memory:` databases, fake clocks and platform fakes.
 */
import type { Adapter, AdapterState, CommandMenus } from "../adapters/types.js";
import { allFlows, createRegistry } from "../commands/index.js";
import type { CommandRegistry } from "../commands/registry.js";
import { Catalog } from "../storage/catalog.js";
import { closeDatabase, openDatabase, type Db } from "../storage/db.js";
import { loadPlaces, type Places } from "../storage/places.js";
import { outboxCounts } from "../storage/outbox.js";
import { getSetting, setSetting } from "../storage/settings.js";
import { AdjustableClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { I18n, type Locale } from "./i18n.js";
import { commandMenus } from "./menus.js";
import { filesDirFor } from "./files.js";
import { coreJobs } from "./jobs.js";
import { privacyJobs } from "./privacy-jobs.js";
import { runMatching } from "./matching.js";
import { silentLogger, type Logger } from "./logger.js";
import { Notifier } from "./notify.js";
import { OutboxDelivery, type OutboxOptions } from "./outbox.js";
import { Pipeline } from "./pipeline.js";
import { Scheduler } from "./scheduler.js";

/** Parts that can be shared or replaced (tests reuse one `Places`, which takes half a second to load). */
export interface AppParts {
  logger?: Logger;
  clock?: Clock;
  places?: Places;
  catalog?: Catalog;
  /** Tuning of the outbox delivery (tests shorten the delays). */
  outbox?: Partial<
    Pick<OutboxOptions, "concurrency" | "baseDelayMs" | "maxDelayMs" | "maxAttempts">
  >;
}

/** The running bot, without its platform connections. */
export interface App {
  config: Config;
  db: Db;
  i18n: I18n;
  places: Places;
  catalog: Catalog;
  registry: CommandRegistry;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  pipeline: Pipeline;
  outbox: OutboxDelivery;
  scheduler: Scheduler;
  /** Need-offer matching of new listings: `kick` after a post, `runNow` at once (tests). */
  matching: { kick(): void; runNow(): number };
  adapters: Map<string, Adapter>;
  /** Adds a platform connection (before `start`). */
  addAdapter(adapter: Adapter): void;
  /** Durable key/value state for one platform's adapter (update offset, sync token). */
  adapterState(platform: string): AdapterState;
  /** The command menus of a language, generated from the command declarations. */
  commandMenus(locale: Locale): CommandMenus;
  /** Where the bot is in its life: the health endpoint reports it. */
  readonly phase: AppPhase;
  /** Starts delivery, the scheduler, then every adapter. */
  start(): Promise<void>;
  /**
   * Stops gracefully: stops receiving, stops the scheduler, delivers what is queued for up to
   * SHUTDOWN_DRAIN_SECONDS, stops the adapters, waits for deliveries in flight, closes the
   * database. What could not be delivered stays queued for the next start. Safe to call twice.
   */
  stop(): Promise<void>;
}

/** The phases of the bot's life. */
export type AppPhase = "created" | "starting" | "running" | "stopping" | "stopped";

/** How long deliveries in flight may take to end once the adapters are stopped. */
const IN_FLIGHT_GRACE_MS = 5_000;

/** Builds the bot from its configuration. */
export function createApp(config: Config, parts: AppParts = {}): App {
  const logger = parts.logger ?? silentLogger();
  const clock = parts.clock ?? new AdjustableClock();
  const db = openDatabase(config.databasePath);
  const i18n = new I18n({
    timeZone: config.timeZone,
    onError: (error, locale, key) =>
      logger.error({ err: error, locale, key }, "translation problem"),
  });
  const places = parts.places ?? loadPlaces();
  const catalog = parts.catalog ?? Catalog.load();
  const registry = createRegistry();
  const adapters = new Map<string, Adapter>();
  const commandPrefix = (platform: string) => adapters.get(platform)?.commandPrefix ?? "/";
  const notifier = new Notifier(db, i18n, registry, config.defaultLocale, commandPrefix);
  const filesDir = filesDirFor(config.databasePath);
  const outbox = new OutboxDelivery({ db, adapters, clock, logger, filesDir, ...parts.outbox });
  const pipeline = new Pipeline({
    db,
    i18n,
    places,
    catalog,
    registry,
    flows: allFlows,
    notifier,
    settings: {
      territoryName: config.territoryName,
      timeZone: config.timeZone,
      listingExpiryDays: config.listingExpiryDays,
      contactsPerDay: config.contactsPerDay,
      contactMessagesPerDay: config.contactMessagesPerDay,
      charterRequired: config.charterRequired,
      ...(config.charterText ? { charterText: config.charterText } : {}),
      defaultLocale: config.defaultLocale,
      admins: config.admins,
      rateLimitPerMinute: config.rateLimitPerMinute,
      broadcastsPerDay: config.broadcastsPerDay,
    },
    clock,
    logger,
    roleOf: async (platform, room, userId) =>
      (await adapters.get(platform)?.roleOf(room, userId)) ?? "member",
    onQueued: () => {
      outbox.kick();
      matching.kick();
    },
    commandPrefix,
  });
  const jobServices = {
    db,
    i18n,
    places,
    catalog,
    registry,
    notifier,
    defaultLocale: config.defaultLocale,
    timeZone: config.timeZone,
    territoryName: config.territoryName,
    filesDir,
    commandPrefix,
  };
  // Need-offer matching runs just after a post, outside its transaction (bot/matching.ts);
  // the scheduler's minute job catches up after a crash.
  let matchingQueued = false;
  const matching = {
    kick(): void {
      if (matchingQueued || !started) return;
      matchingQueued = true;
      setImmediate(() => {
        matchingQueued = false;
        matching.runNow();
      });
    },
    runNow(): number {
      try {
        const queued = runMatching(jobServices, clock.now());
        if (queued > 0) outbox.kick();
        return queued;
      } catch (error) {
        log.error({ err: error }, "need-offer matching failed; it will be tried again");
        return 0;
      }
    },
  };
  const scheduler = new Scheduler({
    jobs: [
      ...coreJobs(jobServices, () => outbox.kick()),
      ...privacyJobs(
        db,
        {
          messagesDays: config.retentionMessagesDays,
          closedListingsDays: config.retentionClosedListingsDays,
        },
        filesDir,
      ),
    ],
    clock,
    logger,
    timeZone: config.timeZone,
  });
  let started = false;
  let phase: AppPhase = "created";
  let stopping: Promise<void> | undefined;
  const log = logger.child({ module: "app" });

  /** Runs one step of the stop; a failing step is logged and the stop goes on. */
  async function step(name: string, run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (error) {
      log.error({ err: error, step: name }, "a step of the stop failed; stopping anyway");
    }
  }

  /** The graceful stop (see `App.stop`). */
  async function shutdown(): Promise<void> {
    phase = "stopping";
    if (started) {
      for (const adapter of adapters.values())
        await step(`${adapter.platform}: stop receiving`, () => adapter.stopReceiving?.());
    }
    await step("scheduler", () => scheduler.stop());
    if (started) {
      await step("drain", async () => {
        if (await outbox.drainFor(config.shutdownDrainMs)) return;
        log.warn(
          { drainMs: config.shutdownDrainMs, pending: outboxCounts(db).pending },
          "stopping with messages still queued: they will be sent at the next start",
        );
      });
    }
    outbox.pause();
    if (started) {
      for (const adapter of adapters.values())
        await step(`${adapter.platform}: stop`, () => adapter.stop());
    }
    if (!(await outbox.settled(IN_FLIGHT_GRACE_MS))) {
      log.warn(
        { inFlight: outbox.inFlightCount },
        "deliveries still in flight at close: they will be sent again at the next start",
      );
    }
    closeDatabase(db);
    phase = "stopped";
  }

  return {
    config,
    db,
    i18n,
    places,
    catalog,
    registry,
    clock,
    logger,
    notifier,
    pipeline,
    matching,
    outbox,
    scheduler,
    adapters,
    addAdapter(adapter) {
      adapters.set(adapter.platform, adapter);
    },
    adapterState(platform) {
      return {
        get: (key) => getSetting(db, `${platform}.${key}`),
        set: (key, value) => setSetting(db, `${platform}.${key}`, value, clock.now()),
      };
    },
    commandMenus: (locale) => commandMenus(registry, i18n.translator(locale)),
    get phase() {
      return phase;
    },
    async start() {
      phase = "starting";
      await scheduler.start();
      for (const adapter of adapters.values()) {
        await adapter.start(
          (inbound) => pipeline.handle(inbound),
          (event) => pipeline.handleRoomEvent(event),
        );
      }
      // Delivery starts once every platform is connected: a message sent earlier would fail
      // for nothing and wait for its retry.
      outbox.start();
      started = true;
      phase = "running";
    },
    stop() {
      return (stopping ??= shutdown());
    },
  };
}
