/**
 * What the bot says on its own, outside digests: a network's daily summary of its new
 * listings, posted in its rooms (an animator's setting), and the "still relevant?" question
 * to authors a few days before their listing expires.
 */
import { listingLine } from "../commands/listing-view.js";
import type { CommandRegistry } from "../commands/registry.js";
import type { Catalog } from "../storage/catalog.js";
import { inTransaction, type Db } from "../storage/db.js";
import {
  lastListingId,
  listingsToRemind,
  markReminded,
  networkListingsAfter,
} from "../storage/listings.js";
import { advanceSummary, dueSummaries, roomsOfNetwork } from "../storage/networks.js";
import { enqueueMessage } from "../storage/outbox.js";
import type { Places } from "../storage/places.js";
import { commandLine } from "./context.js";
import { nextDigestTime } from "./digest-time.js";
import type { I18n, Locale } from "./i18n.js";
import type { Notifier } from "./notify.js";
import { list, message, paragraph, strong } from "./reply.js";

/** What these jobs work with. */
export interface SummaryServices {
  db: Db;
  i18n: I18n;
  places: Places;
  catalog: Catalog;
  registry: CommandRegistry;
  notifier: Notifier;
  defaultLocale: Locale;
  timeZone: string;
  territoryName: string;
  /** Folder of the files the bot sends (bot/files.ts), purged of old ones. */
  filesDir?: string;
  /** How commands are typed on a platform. */
  commandPrefix: (platform: string) => string;
}

/** Listings named in a summary; the others are counted. */
const SUMMARY_SHOWN = 10;
/** How long before its end an author is asked whether a listing is still relevant. */
export const REMINDER_BEFORE_MS = 5 * 86_400_000;

/** Posts the networks' due summaries; returns how many messages were queued. */
export function runDueSummaries(services: SummaryServices, now: number): number {
  const { db, i18n, places, catalog, registry, defaultLocale, timeZone } = services;
  let queued = 0;
  for (const network of dueSummaries(db, now)) {
    inTransaction(db, () => {
      const fresh = networkListingsAfter(db, network.id, network.summaryCursor, 200).filter(
        (l) => l.expiresAt > now,
      );
      const t = i18n.translator(defaultLocale);
      if (fresh.length > 0) {
        const shown = [...fresh].reverse().slice(0, SUMMARY_SHOWN);
        for (const room of roomsOfNetwork(db, network.id)) {
          if (room.kind !== "group") continue;
          const prefix = services.commandPrefix(room.platform);
          const search = commandLine(registry, defaultLocale, "search", [], prefix);
          const blocks = [
            paragraph(strong(t("summary-heading", { network: network.name, count: fresh.length }))),
            list(shown.map((l) => listingLine({ t, places, catalog }, l))),
            paragraph(
              fresh.length > shown.length
                ? t("summary-more", { count: fresh.length - shown.length, search })
                : t("summary-hint", {
                    show: commandLine(registry, defaultLocale, "show", [shown[0]?.id ?? 1], prefix),
                  }),
            ),
          ];
          const id = enqueueMessage(
            db,
            { kind: "room", platform: room.platform, roomId: room.platformRoomId },
            { text: message(blocks) },
            now,
            `summary:${network.id}:${room.id}:${network.summaryCursor}`,
          );
          if (id !== undefined) queued++;
        }
      }
      const next = nextDigestTime(
        { rhythm: "daily", time: network.summaryTime ?? "18:00", weekday: 1 },
        now,
        timeZone,
      );
      advanceSummary(db, network.id, Math.max(network.summaryCursor, lastListingId(db)), next);
    });
  }
  return queued;
}

/** Asks authors whether their listings ending soon are still relevant; returns how many were asked. */
export function runReminders(services: SummaryServices, now: number): number {
  const { db, notifier } = services;
  let asked = 0;
  for (;;) {
    const batch = listingsToRemind(db, now, now + REMINDER_BEFORE_MS, 500);
    if (batch.length === 0) return asked;
    inTransaction(db, () => {
      for (const listing of batch) {
        notifier.toMember(
          listing.authorId,
          (t, command) =>
            message(
              [
                paragraph(
                  t("listing-reminder", {
                    id: listing.id,
                    title: listing.title,
                    date: new Date(listing.expiresAt),
                  }),
                ),
              ],
              [
                [
                  { label: t("button-renew"), command: command("renew", listing.id) },
                  { label: t("button-close"), command: command("close", listing.id) },
                ],
              ],
            ),
          now,
          `reminder:${listing.id}:${listing.expiresAt}`,
        );
        markReminded(db, listing.id, now);
        asked++;
      }
    });
    if (batch.length < 500) return asked;
  }
}
