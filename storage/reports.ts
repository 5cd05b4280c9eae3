/**
 * Reports (`/signaler`) of listings and conversations, kept for the animators of the listing's
 * network to review (`/signalements`): open until one of them removes the listing, mutes the
 * person reported, or dismisses the report.
 */
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "./db.js";
import { reports } from "./schema.js";

/** A report row. */
export type Report = typeof reports.$inferSelect;
/** How a report was handled. */
export type ReportOutcome = NonNullable<Report["outcome"]>;

/** What a new report needs. */
export type NewReport = Pick<
  Report,
  "kind" | "networkId" | "listingId" | "threadId" | "reporterId" | "subjectMemberId" | "reason"
>;

/** Records a report; returns it. */
export function createReport(db: Db, input: NewReport, now: number): Report {
  return db
    .insert(reports)
    .values({ ...input, createdAt: now })
    .returning()
    .get();
}

/** The report with this number, if any. */
export function reportById(db: Db, id: number): Report | undefined {
  return db.select().from(reports).where(eq(reports.id, id)).get();
}

/** Whose open reports: some networks' (an animator's), or every one (an administrator). */
export type ReportScope = { networkIds: number[] } | { all: true };

function scopeWhere(scope: ReportScope): SQL | undefined {
  return "all" in scope ? undefined : inArray(reports.networkId, scope.networkIds);
}

/** A page of open reports, newest first (`limit + 1` rows are read to know if more follow). */
export function openReports(db: Db, scope: ReportScope, offset: number, limit: number): Report[] {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.status, "open"), scopeWhere(scope)))
    .orderBy(desc(reports.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** How many open reports a scope has. */
export function countOpenReports(db: Db, scope: ReportScope): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(reports)
      .where(and(eq(reports.status, "open"), scopeWhere(scope)))
      .get()?.n ?? 0
  );
}

/** Records how an open report was handled; false when it was no longer open. */
export function handleReport(
  db: Db,
  id: number,
  decision: { outcome: ReportOutcome; by: number; note: string | null },
  now: number,
): boolean {
  return (
    db
      .update(reports)
      .set({
        status: "handled",
        outcome: decision.outcome,
        handledBy: decision.by,
        handledAt: now,
        note: decision.note,
      })
      .where(and(eq(reports.id, id), eq(reports.status, "open")))
      .run().changes > 0
  );
}

/** Closes every open report about a listing taken down; returns their numbers. */
export function handleReportsOfListing(
  db: Db,
  listingId: number,
  by: number,
  note: string,
  now: number,
): number[] {
  return db
    .update(reports)
    .set({ status: "handled", outcome: "removed", handledBy: by, handledAt: now, note })
    .where(
      and(
        eq(reports.listingId, listingId),
        eq(reports.kind, "listing"),
        eq(reports.status, "open"),
      ),
    )
    .returning({ id: reports.id })
    .all()
    .map((r) => r.id);
}
