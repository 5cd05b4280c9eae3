/**
 * What happens to rooms themselves: the bot added to a group (it records the room and
 * introduces itself), removed from one (the room becomes inactive), or a group given a new id
 * by its platform (a Telegram group upgraded to a supergroup keeps its network).
 */
import type { RoomEvent } from "../adapters/types.js";
import type { Db } from "../storage/db.js";
import { markEventProcessed } from "../storage/events.js";
import {
  bindRoomToNetwork,
  changeRoomId,
  findOrCreateRoom,
  roomByPlatformId,
  setRoomActive,
} from "../storage/networks.js";
import { enqueueMessage } from "../storage/outbox.js";
import { localeFromHint, type Locale, type Translator } from "./i18n.js";
import { message, paragraph } from "./reply.js";

/** What applying a room event needs. */
export interface RoomEventServices {
  db: Db;
  now: number;
  defaultLocale: Locale;
  translator(locale: Locale): Translator;
  /** A command line in a language (`/reseau`). */
  command(locale: Locale, id: string, ...args: string[]): string;
  territoryName: string;
}

/** Applies a room event (inside the caller's transaction); returns how many messages it queued. */
export function applyRoomEvent(services: RoomEventServices, event: RoomEvent): number {
  const { db, now } = services;
  if (!markEventProcessed(db, event.platform, event.eventId, now)) return 0;
  const existing = roomByPlatformId(db, event.platform, event.room.id);
  switch (event.kind) {
    case "joined": {
      const wasActive = existing?.active === true;
      const room = findOrCreateRoom(
        db,
        {
          platform: event.platform,
          platformRoomId: event.room.id,
          kind: event.room.kind,
          ...(event.room.title ? { title: event.room.title } : {}),
        },
        now,
      );
      if (wasActive || room.kind !== "group" || event.silent) return 0;
      const locale = localeFromHint(event.by?.localeHint) ?? services.defaultLocale;
      const t = services.translator(locale);
      const key = room.networkId === null ? "room-welcome-unbound" : "room-welcome-back";
      enqueueMessage(
        db,
        { kind: "room", platform: event.platform, roomId: event.room.id },
        {
          text: message([
            paragraph(
              t(key, {
                territory: services.territoryName,
                bind: `${services.command(locale, "network")} ${t("network-name-placeholder")}`,
                help: services.command(locale, "help"),
              }),
            ),
          ]),
        },
        now,
      );
      return 1;
    }
    case "unreadable": {
      // Said once per room (the event id is per room), in clear, in the territory's language.
      const locale = services.defaultLocale;
      enqueueMessage(
        db,
        { kind: "room", platform: event.platform, roomId: event.room.id },
        { text: message([paragraph(services.translator(locale)("room-encrypted-unsupported"))]) },
        now,
      );
      return 1;
    }
    case "left":
      if (existing) setRoomActive(db, existing.id, false);
      return 0;
    case "migrated": {
      if (!existing) return 0;
      const successor = roomByPlatformId(db, event.platform, event.newRoomId);
      if (!successor) {
        changeRoomId(db, existing.id, event.newRoomId);
        return 0;
      }
      // Messages from the new id arrived first: it keeps its row, with the old one's network.
      if (successor.networkId === null && existing.networkId !== null) {
        bindRoomToNetwork(db, successor.id, existing.networkId);
      }
      setRoomActive(db, existing.id, false);
      return 0;
    }
  }
}
