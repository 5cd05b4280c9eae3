/**
 * The bot under measurement: a real app on a database file in a temporary folder (not
 * `:memory:`: the real thing, WAL and all), with what scenarios need to talk to it as a
 * member would, through the pipeline or straight to a command.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Inbound } from "../adapters/types.js";
import { createApp, type App } from "../bot/app.js";
import { createCommandContext } from "../bot/context.js";
import { AdjustableClock } from "../bot/clock.js";
import { loadConfig } from "../bot/config.js";
import type { Locale } from "../bot/i18n.js";
import type { Catalog } from "../storage/catalog.js";
import { closeDatabase } from "../storage/db.js";
import { findOrCreateMember, type Member } from "../storage/members.js";
import { findOrCreateRoom, type Room } from "../storage/networks.js";
import type { Places } from "../storage/places.js";
import type { CommandContext } from "../commands/types.js";

/** The benchmark's "now" at the start of each size: the clock then runs with the machine's. */
export const BENCH_START = Date.parse("2026-11-29T10:00:00+01:00");

/** A bot on a temporary database file. */
export interface World {
  app: App;
  clock: AdjustableClock;
  /** The temporary folder holding the database (deleted by `close`). */
  dir: string;
  /** A new platform event id. */
  eventId(): string;
  /** Closes the database and deletes its folder (unless `keep`). */
  close(keep?: boolean): void;
}

/** Opens a bot on a new database file in `parent` (default: the system's temporary folder). */
export function openWorld(places: Places, catalog: Catalog, parent = tmpdir()): World {
  const dir = mkdtempSync(join(parent, "soliterr-bench-"));
  const clock = new AdjustableClock();
  clock.set(BENCH_START);
  const config = loadConfig({
    DATABASE_PATH: join(dir, "bench.db"),
    LOG_LEVEL: "silent",
    // The posting scenario sends thousands of commands a minute from a few hundred members.
    RATE_LIMIT_PER_MINUTE: "10000",
  });
  // Not started: no adapter, no outbox delivery, no scheduler; scenarios empty the outbox.
  const app = createApp(config, { clock, places, catalog });
  let events = 0;
  return {
    app,
    clock,
    dir,
    eventId: () => `bench-${++events}`,
    close(keep = false) {
      closeDatabase(app.db);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Who writes, and where. */
export interface Speaker {
  userId: string;
  displayName: string;
  roomId: string;
  localeHint?: Locale;
}

/** The inbound event of a message typed by `speaker` in a group room. */
export function inbound(world: World, speaker: Speaker, text: string): Inbound {
  const eventId = world.eventId();
  return {
    platform: "bench",
    eventId,
    room: { id: speaker.roomId, kind: "group", title: speaker.roomId },
    sender: {
      id: speaker.userId,
      displayName: speaker.displayName,
      ...(speaker.localeHint ? { localeHint: speaker.localeHint } : {}),
    },
    text,
    timestamp: new Date(world.clock.now()),
    messageId: `in-${eventId}`,
  };
}

/** The member and room rows of a speaker, created as the pipeline would on first sight. */
export function speakerRows(world: World, speaker: Speaker): { member: Member; room: Room } {
  const { db } = world.app;
  const now = world.clock.now();
  const member = findOrCreateMember(
    db,
    { platform: "bench", platformUserId: speaker.userId, displayName: speaker.displayName },
    now,
  );
  const room = findOrCreateRoom(
    db,
    { platform: "bench", platformRoomId: speaker.roomId, kind: "group", title: speaker.roomId },
    now,
  );
  return { member, room };
}

/** The context the pipeline would give a command of `member` in `room` (bot/context.ts). */
export function commandContext(
  world: World,
  member: Member,
  room: Room,
  locale: Locale,
): CommandContext {
  const { config } = world.app;
  return createCommandContext(
    {
      ...world.app,
      settings: {
        territoryName: config.territoryName,
        timeZone: config.timeZone,
        listingExpiryDays: config.listingExpiryDays,
        defaultLocale: config.defaultLocale,
        broadcastsPerDay: config.broadcastsPerDay,
      },
    },
    {
      member,
      room,
      role: "member",
      locale,
      now: world.clock.now(),
      fromButton: false,
      prefix: "/",
    },
  );
}

/** Empties the outbox (no delivery runs in the benchmark); returns how many rows it held. */
export function emptyOutbox(world: World): number {
  return world.app.db.$client.prepare("DELETE FROM outbox").run().changes;
}
