/**
 * A whole bot on an in-memory database, with a recording adapter, for unit tests that drive
 * the real pipeline as a person would: `say("/offre …")` and read what the bot answered.
 */
import { randomUUID } from "node:crypto";
import {
  DeliveryError,
  type Adapter,
  type InboundHandler,
  type PlatformRole,
  type RoomRef,
} from "../../adapters/types.js";
import { createApp, type App } from "../../bot/app.js";
import { AdjustableClock } from "../../bot/clock.js";
import { loadConfig, type Config } from "../../bot/config.js";
import { plainText, type Destination, type OutgoingMessage } from "../../bot/reply.js";
import { Catalog } from "../../storage/catalog.js";
import { loadPlaces, type Places } from "../../storage/places.js";
import { watchedLogger } from "./wire.js";

let sharedPlaces: Places | undefined;
/** The official geography, loaded once per test file (it takes half a second). */
export function places(): Places {
  sharedPlaces ??= loadPlaces();
  return sharedPlaces;
}

/** A message the bot sent, as the recording adapter saw it. */
export interface Sent {
  destination: Destination;
  message: OutgoingMessage;
  /** Plain text of the message (paragraphs separated by blank lines). */
  text: string;
  /** Commands of its buttons, in order. */
  buttons: string[];
}

/** An adapter that records what it is asked to send, and can be told to fail. */
export class RecordingAdapter implements Adapter {
  readonly sent: Sent[] = [];
  readonly animators = new Set<string>();
  /** Called before each send; throw from it to simulate a platform error. */
  beforeSend: ((destination: Destination, message: OutgoingMessage) => void) | undefined;
  /** Messages pinned, as `room|message id`. */
  readonly pinned: string[] = [];
  /** Rooms where pinning is refused (the bot lacks the right). */
  readonly noPinRooms = new Set<string>();
  handler: InboundHandler | undefined;

  constructor(readonly platform = "test") {}

  start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  send(destination: Destination, message: OutgoingMessage): Promise<string> {
    this.beforeSend?.(destination, message);
    this.sent.push({
      destination,
      message,
      text: plainText(message.text),
      buttons: message.text.buttons.flat().map((b) => b.command),
    });
    return Promise.resolve(`m${this.sent.length}`);
  }
  pin(roomId: string, messageId: string): Promise<void> {
    if (this.noPinRooms.has(roomId)) {
      return Promise.reject(new DeliveryError("not enough rights to pin", "rejected"));
    }
    this.pinned.push(`${roomId}|${messageId}`);
    return Promise.resolve();
  }
  roleOf(room: RoomRef, userId: string): Promise<PlatformRole> {
    return Promise.resolve(this.animators.has(`${room.id}|${userId}`) ? "animator" : "member");
  }
}

/** Options of one message sent by a test. */
export interface SayOptions {
  /** Sender id (default "ana"); the display name is the id capitalised. */
  as?: string;
  /** Group room id (default "room1"); ignored with `dm`. */
  room?: string;
  /** Send in the sender's private chat with the bot. */
  dm?: boolean;
  /** Platform language hint of the sender. */
  localeHint?: string;
  /** Event id (default: a new one); repeat one to simulate a redelivery. */
  eventId?: string;
  /** Marks the message as a button press on that bot message. */
  button?: string;
  /** The platform the person writes from (default "test"; see `platforms` of `startHarness`). */
  platform?: string;
}

/** A bot under test. */
export interface Harness {
  app: App;
  adapter: RecordingAdapter;
  /** The recording adapter of each platform (`test`, and any in `platforms`). */
  adapters: Map<string, RecordingAdapter>;
  clock: AdjustableClock;
  /** Sends a message and returns the texts of everything the bot sent because of it. */
  say(text: string, options?: SayOptions): Promise<Sent[]>;
  /** Like `say`, returning the replies' texts joined. */
  ask(text: string, options?: SayOptions): Promise<string>;
  stop(): Promise<void>;
}

/** Configuration for tests: in-memory database, French, Paris time, one administrator. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_PATH: ":memory:",
    ADMINS: "test:admin",
    RATE_LIMIT_PER_MINUTE: "10000",
    LOG_LEVEL: "silent",
    // Tests of other features post without the charter step; tests/unit/membership.test.ts turns it on.
    CHARTER_REQUIRED: "false",
    ...overrides,
  });
}

/** Starts a bot with a recording adapter. The clock starts at `start` (default 2026-11-29 10:00 Paris). */
export async function startHarness(
  options: {
    config?: Record<string, string>;
    start?: string;
    databasePath?: string;
    /** Further platforms, each with its own recording adapter (cross-platform tests). */
    platforms?: string[];
  } = {},
): Promise<Harness> {
  const clock = new AdjustableClock();
  clock.set(Date.parse(options.start ?? "2026-11-29T10:00:00+01:00"));
  const config = testConfig({
    ...options.config,
    ...(options.databasePath ? { DATABASE_PATH: options.databasePath } : {}),
  });
  // A raw message id shown to a person fails the test when the bot stops.
  const { logger, assertNoTranslationProblem } = watchedLogger();
  const app = createApp(config, {
    clock,
    logger,
    places: places(),
    catalog: Catalog.load(),
    outbox: { baseDelayMs: 5 },
  });
  const adapter = new RecordingAdapter();
  const adapters = new Map([[adapter.platform, adapter]]);
  for (const platform of options.platforms ?? [])
    adapters.set(platform, new RecordingAdapter(platform));
  for (const a of adapters.values()) app.addAdapter(a);
  await app.start();
  const say = async (text: string, o: SayOptions = {}): Promise<Sent[]> => {
    const before = new Map([...adapters].map(([p, a]) => [p, a.sent.length]));
    const user = o.as ?? "ana";
    const from = adapters.get(o.platform ?? adapter.platform);
    if (!from) throw new Error(`no adapter for platform ${o.platform}`);
    await from.handler!({
      platform: from.platform,
      eventId: o.eventId ?? randomUUID(),
      room: o.dm
        ? { id: `dm-${user}`, kind: "direct" }
        : { id: o.room ?? "room1", kind: "group", title: o.room ?? "room1" },
      sender: {
        id: user,
        displayName: user.charAt(0).toUpperCase() + user.slice(1),
        ...(o.localeHint ? { localeHint: o.localeHint } : {}),
      },
      text,
      timestamp: new Date(clock.now()),
      messageId: `in-${randomUUID()}`,
      ...(o.button ? { button: { messageId: o.button } } : {}),
    });
    // What runs just after a post (need-offer matching), then delivery.
    app.matching.runNow();
    await app.outbox.drain();
    return [...adapters].flatMap(([p, a]) => a.sent.slice(before.get(p) ?? 0));
  };
  return {
    app,
    adapter,
    adapters,
    clock,
    say,
    ask: async (text, o) => (await say(text, o)).map((s) => s.text).join("\n\n"),
    stop: async () => {
      await app.stop();
      assertNoTranslationProblem();
    },
  };
}

/**
 * Binds `to` to the network of `from` as their animator `as` would: `/reseau lier` in `from`
 * gives a code in private, `/reseau lier <code>` in `to` uses it. Returns the answer in `to`.
 */
export async function linkRoom(
  bot: Harness,
  options: { from: string; to: string; as: string; platform?: string; fromPlatform?: string },
): Promise<string> {
  const given = await bot.ask("/reseau lier", {
    as: options.as,
    room: options.from,
    ...(options.fromPlatform ? { platform: options.fromPlatform } : {}),
  });
  const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(given)?.[0];
  if (!code) throw new Error(`no link code in: ${given}`);
  return bot.ask(`/reseau lier ${code}`, {
    as: options.as,
    room: options.to,
    ...(options.platform ? { platform: options.platform } : {}),
  });
}
