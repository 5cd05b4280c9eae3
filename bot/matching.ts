/**
 * Need–offer matching, just after a listing is posted: the open listings of the opposite kind
 * that match it (same category, overlapping places, a significant word of its title in
 * common) are recorded — their authors hear of it in their next digest — and its author is
 * told at once, in a message of its own. It runs outside the posting transaction, so that a
 * post is saved and confirmed quickly whatever the size of the territory; a listing waits in
 * `pending_matches` until done, so a crash or restart leaves nothing unmatched.
 */
import { list, message, paragraph, strong, type Button } from "./reply.js";
import { listingLine } from "../commands/listing-view.js";
import { inTransaction } from "../storage/db.js";
import { matchingDone, pendingMatchListings, recordListingMatches } from "../storage/digests.js";
import { listingById } from "../storage/listings.js";
import { findCounterparts } from "../storage/search.js";
import type { SummaryServices } from "./summaries.js";

/** Counterparts recorded per listing. */
const COUNTERPARTS_RECORDED = 10;
/** Counterparts named in the author's notice. */
const COUNTERPARTS_SHOWN = 3;
/** Listings matched per run. */
const BATCH = 100;

/** Finds the counterparts of every listing waiting for them; returns how many notices were queued. */
export function runMatching(services: SummaryServices, now: number): number {
  const { db, places, catalog, notifier } = services;
  let queued = 0;
  for (;;) {
    const ids = pendingMatchListings(db, BATCH);
    for (const id of ids) {
      inTransaction(db, () => {
        matchingDone(db, id);
        const listing = listingById(db, id);
        if (!listing || listing.status !== "open") return;
        const counterparts = findCounterparts(db, places, listing, COUNTERPARTS_RECORDED);
        recordListingMatches(
          db,
          listing.id,
          counterparts.map((c) => c.id),
          now,
        );
        if (counterparts.length === 0) return;
        const shown = counterparts.slice(0, COUNTERPARTS_SHOWN);
        const opposite = listing.kind === "offer" ? "need" : "offer";
        const sent = notifier.toMember(
          listing.authorId,
          (t, command) => {
            const buttons: Button[][] = [
              shown.map((c) => ({
                label: t("button-show", { id: c.id }),
                command: command("show", c.id),
              })),
            ];
            return message(
              [
                paragraph(
                  strong(
                    t(`listing-counterparts-${opposite}`, {
                      count: counterparts.length,
                      id: listing.id,
                    }),
                  ),
                ),
                list(shown.map((c) => listingLine({ t, places, catalog }, c))),
              ],
              buttons,
            );
          },
          now,
          `counterparts:${listing.id}`,
        );
        if (sent) queued++;
      });
    }
    if (ids.length < BATCH) return queued;
  }
}
