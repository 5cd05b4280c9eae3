/**
 * A whole bot on Matrix for wire tests: the HTTP fake of the client-server API, and a real app
 * with a real `MatrixAdapter` (the real matrix-bot-sdk client) pointed at the fake's `url`.
 *
 * Defaults keep tests fast and independent of the machine's speed: a 1 s /sync long poll,
 * short retries, an in-memory database. Tests wait for what the user would see
 * (`fake.waitForSent`, `replyTo`, `settled`), never for a fixed time.
 */
import { MatrixAdapter, type MatrixOptions } from "../../adapters/matrix/matrix-adapter.js";
import { createApp, type App, type AppParts } from "../../bot/app.js";
import { Catalog } from "../../storage/catalog.js";
import {
  startFakeHomeserver,
  type FakeHomeserver,
  type FakeHomeserverOptions,
  type SentEvent,
} from "../fakes/matrix-homeserver.js";
import { places, testConfig } from "./harness.js";
import { waitFor } from "./wait.js";

import { watchedLogger, WAIT_MS } from "./wire.js";

export { freePort, query, queueMessage, tempDatabase, tempFolder, WAIT_MS } from "./wire.js";

/** Options of `startMatrixBot`. */
export interface MatrixBotOptions {
  /** A fake already running (restart tests): the caller stops it. Default: a new one, stopped by `stop()`. */
  fake?: FakeHomeserver;
  /** Options of the fake this helper starts (ignored with `fake`). */
  homeserver?: FakeHomeserverOptions;
  /** SQLite file (see `tempDatabase`). Default `:memory:`. */
  databasePath?: string;
  /** Environment overrides for the configuration (`testConfig`). */
  config?: Record<string, string>;
  /** Adapter options over the test defaults (homeserverUrl, accessToken, allowedInviters...). */
  adapter?: Partial<MatrixOptions>;
  /** Outbox tuning. Default: retries after 5 ms (at most 200 ms), concurrency 16. */
  outbox?: AppParts["outbox"];
  /** Start the app (default true); false gives a built app for tests of `start()` itself. */
  start?: boolean;
}

/** A bot under test on the fake homeserver. */
export interface MatrixBot {
  fake: FakeHomeserver;
  app: App;
  adapter: MatrixAdapter;
  /** Stops the app only (the fake and the database file stay, for a restart). */
  stopApp(): Promise<void>;
  /** Stops the app, then the fake if this helper started it. Safe to call twice. */
  stop(): Promise<void>;
}

/** Builds (and by default starts) the fake and a bot whose Matrix adapter talks to it. */
export async function startMatrixBot(options: MatrixBotOptions = {}): Promise<MatrixBot> {
  const ownsFake = options.fake === undefined;
  const fake = options.fake ?? (await startFakeHomeserver(options.homeserver));
  const { logger, assertNoTranslationProblem } = watchedLogger();
  const app = createApp(
    testConfig({
      ...options.config,
      ...(options.databasePath ? { DATABASE_PATH: options.databasePath } : {}),
    }),
    {
      logger,
      places: places(),
      catalog: Catalog.load(),
      outbox: { baseDelayMs: 5, maxDelayMs: 200, concurrency: 16, ...options.outbox },
    },
  );
  const adapter = new MatrixAdapter({
    homeserverUrl: fake.url,
    accessToken: fake.accessToken,
    state: app.adapterState("matrix"),
    logger,
    syncTimeoutMs: 1_000,
    retryMs: 20,
    ...options.adapter,
  });
  app.addAdapter(adapter);
  let appStopped: Promise<void> | undefined;
  let fakeStopped: Promise<void> | undefined;
  const stopApp = () => (appStopped ??= app.stop());
  const bot: MatrixBot = {
    fake,
    app,
    adapter,
    stopApp,
    async stop() {
      try {
        await stopApp();
      } finally {
        if (ownsFake) await (fakeStopped ??= fake.stop());
      }
      assertNoTranslationProblem();
    },
  };
  if (options.start !== false) {
    try {
      await app.start();
    } catch (error) {
      await bot.stop().catch(() => undefined);
      throw error;
    }
  }
  return bot;
}

/** The stream position of the sync token the adapter stored (-1 when there is none). */
export function storedPosition(app: App): number {
  const token = app.adapterState("matrix").get("syncToken") ?? "";
  const position = /^s(\d+)$/.exec(token)?.[1];
  return position === undefined ? -1 : Number(position);
}

/**
 * Waits until the bot has handled everything that happened on the fake so far (its stored
 * sync token reached the fake's stream position: every event of the syncs before it is
 * committed), then until the outbox has sent all that is due. What has not been sent by then
 * never will be: a test can assert on silence.
 */
export async function settled(bot: MatrixBot, timeoutMs = WAIT_MS): Promise<void> {
  const target = bot.fake.pos;
  await waitFor(
    () => storedPosition(bot.app) >= target,
    `the bot to handle the stream up to s${target}`,
    timeoutMs,
  );
  await bot.app.outbox.drain();
}

/** The plain `body` of an event the bot sent ("" when it has none). */
export function bodyOf(event: SentEvent): string {
  return typeof event.content.body === "string" ? event.content.body : "";
}

/** The HTML `formatted_body` of an event the bot sent ("" when it has none). */
export function htmlOf(event: SentEvent): string {
  return typeof event.content.formatted_body === "string" ? event.content.formatted_body : "";
}

/** The event an event of the bot answers (`m.relates_to.m.in_reply_to.event_id`), if any. */
export function inReplyTo(event: SentEvent): string | undefined {
  const relation = event.content["m.relates_to"] as
    { "m.in_reply_to"?: { event_id?: unknown } } | undefined;
  const id = relation?.["m.in_reply_to"]?.event_id;
  return typeof id === "string" ? id : undefined;
}

/**
 * The command a hint of the bot offers for `label` (buttons become list items
 * "label — !command" on Matrix), read from the plain body as a person would.
 */
export function hintFor(event: SentEvent, label: string): string {
  const line = bodyOf(event)
    .split("\n")
    .find((l) => l.startsWith("• ") && l.includes(label) && l.includes(" — "));
  const command = line?.slice(line.lastIndexOf(" — ") + 3).trim();
  if (!command) throw new Error(`no hint "${label}" in: ${bodyOf(event)}`);
  return command;
}

/** The messages (m.room.message) the bot sent to a room, in order. */
export function messagesIn(fake: FakeHomeserver, roomId: string): SentEvent[] {
  return fake.sentTo(roomId).filter((e) => e.type === "m.room.message");
}

/** The bot's messages that answer the event `eventId`. */
export function repliesTo(fake: FakeHomeserver, eventId: string): SentEvent[] {
  return fake.sent.filter((e) => e.type === "m.room.message" && inReplyTo(e) === eventId);
}

/** Waits for the bot's reply (threaded to `eventId`) in `roomId`. */
export function replyTo(
  fake: FakeHomeserver,
  roomId: string,
  eventId: string,
  timeoutMs = WAIT_MS,
): Promise<SentEvent> {
  return fake.waitForSent(
    (e) => e.roomId === roomId && e.type === "m.room.message" && inReplyTo(e) === eventId,
    timeoutMs,
  );
}

/** Waits for a message of the bot to `roomId` whose plain body contains `text` (or matches it). */
export function sentTo(
  fake: FakeHomeserver,
  roomId: string,
  text: string | RegExp,
  timeoutMs = WAIT_MS,
): Promise<SentEvent> {
  return fake.waitForSent(
    (e) =>
      e.roomId === roomId &&
      e.type === "m.room.message" &&
      (typeof text === "string" ? bodyOf(e).includes(text) : text.test(bodyOf(e))),
    timeoutMs,
  );
}

/** Options of `roomWithBot`. */
export interface RoomWithBotOptions {
  /** Who creates the room and invites the bot (a user of the bot's homeserver). */
  creator: string;
  name?: string;
  /** Other people joined to the room. */
  members?: string[];
  /** Power levels besides the creator's 100. */
  powerLevels?: Record<string, number>;
}

/**
 * A room created by `creator`, the bot invited to it: resolves once the bot has joined and
 * introduced itself, with the room id and the introduction.
 */
export async function roomWithBot(
  fake: FakeHomeserver,
  options: RoomWithBotOptions,
): Promise<{ roomId: string; welcome: SentEvent }> {
  const roomId = fake.createRoom({
    creator: options.creator,
    name: options.name ?? "Entraide du Val",
    members: options.members ?? [],
    powerLevels: options.powerLevels ?? {},
  });
  fake.invite(roomId, options.creator);
  const welcome = await sentTo(fake, roomId, "Bonjour");
  return { roomId, welcome };
}

/** A room bound to "Réseau du Val" by its creator: `roomWithBot`, then `!reseau Réseau du Val`. */
export async function boundRoom(
  fake: FakeHomeserver,
  options: RoomWithBotOptions,
): Promise<string> {
  const { roomId } = await roomWithBot(fake, options);
  const bind = fake.sendMessage(roomId, options.creator, "!reseau Réseau du Val");
  await replyTo(fake, roomId, bind);
  return roomId;
}

/**
 * A direct room that `user` creates with the bot (an invitation with is_direct): resolves once
 * the bot has joined it, recorded it in its m.direct account data, and handled its join (until
 * then, the adapter does not know the room is usable and would create another one).
 */
export async function directRoomOf(bot: MatrixBot, user: string): Promise<string> {
  const { fake } = bot;
  const roomId = fake.createRoom({ creator: user, isDirect: true });
  fake.invite(roomId, user, fake.botUserId, { isDirect: true });
  await waitFor(
    () =>
      fake.membership(roomId, fake.botUserId) === "join" &&
      directRoomsOf(fake, user).includes(roomId),
    `the bot to join ${user}'s direct room and record it`,
    WAIT_MS,
  );
  await settled(bot);
  return roomId;
}

/** The rooms the bot's m.direct account data lists for `user`. */
export function directRoomsOf(fake: FakeHomeserver, user: string): string[] {
  const rooms = fake.getAccountData("m.direct")?.[user];
  return Array.isArray(rooms) ? rooms.filter((r): r is string => typeof r === "string") : [];
}
