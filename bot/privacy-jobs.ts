/**
 * The daily jobs of personal data: carrying out the erasures whose grace period is over, and
 * applying the retention periods. Both run at night, before the search index is merged.
 */
import { recordAudit } from "../storage/audit.js";
import { inTransaction, type Db } from "../storage/db.js";
import { dueErasures, eraseMember } from "../storage/erasure.js";
import { compactSearchIndex } from "../storage/redaction.js";
import { purgeExpiredData, type RetentionPeriods } from "../storage/retention.js";
import { removeFilesOf } from "./files.js";
import type { Job } from "./scheduler.js";

/**
 * Carries out the erasures due by `now`, with the files made for the erased members (a data
 * export still beside the database); returns how many members were erased.
 */
export function runDueErasures(db: Db, now: number, filesDir?: string): number {
  let erased = 0;
  for (const request of dueErasures(db, now)) {
    const done = inTransaction(db, () => {
      const result = eraseMember(
        db,
        request.memberId,
        { keepEndedListings: request.keepEndedListings },
        now,
      );
      // Accountability without identity: that an erasure happened, on the anonymous record.
      if (result)
        recordAudit(
          db,
          { actorId: null, action: "member-erased", subjectMemberId: request.memberId },
          now,
        );
      return result;
    });
    if (!done) continue;
    erased++;
    if (filesDir)
      removeFilesOf(
        filesDir,
        done.outboxIds.map((id) => `m${id}`),
      );
  }
  if (erased > 0) {
    // Deleted pages are zeroed (secure_delete, storage/db.ts); these leave no copy behind in
    // the search index's old segments or in the write-ahead log.
    compactSearchIndex(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  }
  return erased;
}

/** The personal-data jobs. */
export function privacyJobs(db: Db, retention: RetentionPeriods, filesDir?: string): Job[] {
  return [
    {
      name: "erasures",
      cron: "20 4 * * *",
      run(now) {
        runDueErasures(db, now, filesDir);
      },
    },
    {
      name: "retention",
      cron: "25 4 * * *",
      run(now) {
        inTransaction(db, () => purgeExpiredData(db, retention, now));
      },
    },
  ];
}
