/**
 * The bot's own scheduled jobs: digests, network summaries, "still relevant?" reminders,
 * expiring listings, and forgetting what is no longer needed.
 */
import { message, paragraph } from "./reply.js";
import type { Job } from "./scheduler.js";
import { reportBroadcasts, runDueBroadcasts } from "./broadcasts.js";
import { purgeFiles } from "./files.js";
import { runMatching } from "./matching.js";
import { runDueDigests, type DigestServices } from "./digests.js";
import { runDueSummaries, runReminders, type SummaryServices } from "./summaries.js";
import { inTransaction } from "../storage/db.js";
import { purgeProcessedEvents } from "../storage/events.js";
import { expireDueListings } from "../storage/listings.js";
import { mergeSearchIndex, prepareSearchIndexMerge } from "../storage/maintenance.js";
import { purgeOutbox } from "../storage/outbox.js";
import { purgeSearches } from "../storage/search.js";

const DAY = 86_400_000;

/** Pages of index merged in one slice (a few tens of milliseconds of work). */
const MERGE_SLICE_PAGES = 200;
/** Longest time the nightly merge may take. */
const MERGE_BUDGET_MS = 10 * 60_000;

/** How long the files the bot sent (charts, exports) are kept beside the database. */
const FILES_KEPT_DAYS = 7;

/** How long handled event ids, searches and delivered messages are kept. */
export const HOUSEKEEPING_DAYS = 30;

/** The core jobs. `onQueued` wakes the outbox after messages were queued. */
export function coreJobs(services: SummaryServices, onQueued: () => void): Job[] {
  const { db, notifier } = services;
  const digests: DigestServices = services;
  return [
    {
      // Every minute: daily and weekly digests fall due at their time, immediate ones group
      // what arrived within the minute. Each run catches up with whatever became due.
      name: "digests",
      cron: "* * * * *",
      run(now) {
        if (runDueDigests(digests, now) > 0) onQueued();
      },
    },
    {
      // Every minute: scheduled broadcasts whose time has come go out, and the authors of
      // broadcasts whose deliveries have all settled get their report.
      name: "broadcasts",
      cron: "* * * * *",
      run(now) {
        if (runDueBroadcasts(services, now) > 0) onQueued();
        if (reportBroadcasts(services, now) > 0) onQueued();
      },
    },
    {
      // Normally done just after each post; this catches up after a crash or a failure.
      name: "need-offer-matching",
      cron: "* * * * *",
      run(now) {
        if (runMatching(services, now) > 0) onQueued();
      },
    },
    {
      name: "network-summaries",
      cron: "* * * * *",
      run(now) {
        if (runDueSummaries(services, now) > 0) onQueued();
      },
    },
    {
      name: "listing-reminders",
      cron: "5 * * * *",
      run(now) {
        if (runReminders(services, now) > 0) onQueued();
      },
    },
    {
      name: "expire-listings",
      cron: "*/10 * * * *",
      run(now) {
        const expired = inTransaction(db, () => {
          const listings = expireDueListings(db, now);
          for (const listing of listings) {
            notifier.toMember(
              listing.authorId,
              (t, command) =>
                message(
                  [
                    paragraph(
                      t("listing-expired-notice", {
                        id: listing.id,
                        title: listing.title,
                        renew: command("renew", listing.id),
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
              `expired:${listing.id}:${listing.expiresAt}`,
            );
          }
          return listings.length;
        });
        if (expired > 0) onQueued();
      },
    },
    {
      name: "search-index-merge",
      cron: "45 4 * * *",
      async run() {
        // Slices of work, each its own short transaction, with a pause between them so that
        // inbound events are handled meanwhile. Bounded, so that it never runs into the day.
        prepareSearchIndexMerge(db);
        const deadline = Date.now() + MERGE_BUDGET_MS;
        while (
          Date.now() < deadline &&
          inTransaction(db, () => mergeSearchIndex(db, MERGE_SLICE_PAGES))
        ) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      },
    },
    {
      name: "housekeeping",
      cron: "30 4 * * *",
      run(now) {
        inTransaction(db, () => {
          const before = now - HOUSEKEEPING_DAYS * DAY;
          purgeProcessedEvents(db, before);
          purgeSearches(db, before);
          purgeOutbox(db, before);
        });
        // Charts and exports were sent long ago: their copies beside the database can go.
        if (services.filesDir) purgeFiles(services.filesDir, now, FILES_KEPT_DAYS * DAY);
      },
    },
  ];
}
