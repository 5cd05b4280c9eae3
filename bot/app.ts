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
import { getSetting, setSetting } from "../storage/settings.js";
import { AdjustableClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { I18n, type Locale } from "./i18n.js";
import { commandMenus } from "./menus.js";
import { coreJobs } from "./jobs.js";
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
  adapters: Map<string, Adapter>;
  /** Adds a platform connection (before `start`). */
  addAdapter(adapter: Adapter): void;
  /** Durable key/value state for one platform's adapter (update offset, sync token). */
  adapterState(platform: string): AdapterState;
  /** The command menus of a language, generated from the command declarations. */
  commandMenus(locale: Locale): CommandMenus;
  /** Starts delivery, the scheduler, then every adapter. */
  start(): Promise<void>;
  /** Stops receiving, lets the outbox finish what is in flight, closes the database. */
  stop(): Promise<void>;
}

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
  const outbox = new OutboxDelivery({ db, adapters, clock, logger, ...parts.outbox });
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
    },
    clock,
    logger,
    roleOf: async (platform, room, userId) =>
      (await adapters.get(platform)?.roleOf(room, userId)) ?? "member",
    onQueued: () => outbox.kick(),
    commandPrefix,
  });
  const scheduler = new Scheduler({
    jobs: coreJobs(
      {
        db,
        i18n,
        places,
        catalog,
        registry,
        notifier,
        defaultLocale: config.defaultLocale,
        timeZone: config.timeZone,
        commandPrefix,
      },
      () => outbox.kick(),
    ),
    clock,
    logger,
    timeZone: config.timeZone,
  });
  let started = false;
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
    async start() {
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
    },
    async stop() {
      if (started) for (const adapter of adapters.values()) await adapter.stop();
      await scheduler.stop();
      await outbox.stop();
      closeDatabase(db);
    },
  };
}
