/** The audit log: who did what, when and why. No hidden action. */
import { desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { prepared, type Db } from "./db.js";
import { auditLog, members } from "./schema.js";

/** An audit entry as stored. */
export type AuditEntry = typeof auditLog.$inferSelect;

/** What to record. */
export interface AuditInput {
  actorId: number | null;
  action: string;
  networkId?: number | null;
  subjectMemberId?: number | null;
  listingId?: number | null;
  details?: Record<string, unknown>;
}

/** Records one action. */
export function recordAudit(db: Db, entry: AuditInput, now: number): void {
  prepared(db, "recordAudit", () =>
    db
      .insert(auditLog)
      .values({
        at: sql.placeholder("at"),
        actorId: sql.placeholder("actorId"),
        action: sql.placeholder("action"),
        networkId: sql.placeholder("networkId"),
        subjectMemberId: sql.placeholder("subjectMemberId"),
        listingId: sql.placeholder("listingId"),
        details: sql.placeholder("details"),
      })
      .prepare(),
  ).run({
    at: now,
    actorId: entry.actorId,
    action: entry.action,
    networkId: entry.networkId ?? null,
    subjectMemberId: entry.subjectMemberId ?? null,
    listingId: entry.listingId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  });
}

/** The latest entries about a listing, newest first. */
export function auditOfListing(db: Db, listingId: number, limit = 20): AuditEntry[] {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.listingId, listingId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}

/** The latest entries of a network's log, newest first. */
export function auditOfNetwork(db: Db, networkId: number, limit = 20): AuditEntry[] {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.networkId, networkId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}

/** An entry with the names of who acted (null for the bot itself or a deleted member) and of whom it concerns. */
export type AuditLine = AuditEntry & { actorName: string | null; subjectName: string | null };

/** Whose log: a network's, a member's (what concerns them), or the whole territory's. */
export type AuditScope = { networkId: number } | { subjectMemberId: number } | { all: true };

/** One page of a log, newest first (`limit + 1` rows are read to know whether more follow). */
export function auditPage(db: Db, scope: AuditScope, offset: number, limit: number): AuditLine[] {
  const where =
    "networkId" in scope
      ? eq(auditLog.networkId, scope.networkId)
      : "subjectMemberId" in scope
        ? eq(auditLog.subjectMemberId, scope.subjectMemberId)
        : undefined;
  const subject = alias(members, "subject");
  return db
    .select({ entry: auditLog, actorName: members.displayName, subjectName: subject.displayName })
    .from(auditLog)
    .leftJoin(members, eq(members.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectMemberId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => ({ ...r.entry, actorName: r.actorName, subjectName: r.subjectName }));
}

/** The approval of a listing that waited under number `submittedId`, if it was approved. */
export function approvalOf(
  db: Db,
  submittedId: number,
): { listingId: number | null; actorName: string | null } | undefined {
  return db
    .select({ listingId: auditLog.listingId, actorName: members.displayName })
    .from(auditLog)
    .leftJoin(members, eq(members.id, auditLog.actorId))
    .where(
      sql`${auditLog.action} = 'listing-approved' AND json_extract(${auditLog.details}, '$.submitted') = ${submittedId}`,
    )
    .get();
}
