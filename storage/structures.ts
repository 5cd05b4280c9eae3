/** Structures (organisations members act for), their members and invitation codes. */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { structureInvites, structureMembers, structures } from "./schema.js";

/** A structure row. */
export type Structure = typeof structures.$inferSelect;

/** The structure a member acts for, with their role in it. */
export function structureOfMember(
  db: Db,
  memberId: number,
): { structure: Structure; role: "admin" | "member" } | undefined {
  return prepared(db, "structureOfMember", () =>
    db
      .select({ structure: structures, role: structureMembers.role })
      .from(structureMembers)
      .innerJoin(structures, eq(structures.id, structureMembers.structureId))
      .where(eq(structureMembers.memberId, sql.placeholder("memberId")))
      .prepare(),
  ).get({ memberId });
}

/** The structure with this number, or undefined. */
export function structureById(db: Db, id: number): Structure | undefined {
  return db.select().from(structures).where(eq(structures.id, id)).get();
}

/** What a new structure needs. */
export type NewStructure = Omit<Structure, "id" | "createdAt" | "updatedAt">;

/** Creates a structure with its first administrator (who leaves any structure they were in). */
export function createStructure(
  db: Db,
  input: NewStructure,
  adminId: number,
  now: number,
): Structure {
  const structure = db
    .insert(structures)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning()
    .get();
  joinStructure(db, structure.id, adminId, "admin", now);
  return structure;
}

/** Changes some fields of a structure. */
export function updateStructure(
  db: Db,
  id: number,
  patch: Partial<NewStructure>,
  now: number,
): void {
  db.update(structures)
    .set({ ...patch, updatedAt: now })
    .where(eq(structures.id, id))
    .run();
}

/** Makes a member act for a structure (replacing any other they acted for). */
export function joinStructure(
  db: Db,
  structureId: number,
  memberId: number,
  role: "admin" | "member",
  now: number,
): void {
  db.insert(structureMembers)
    .values({ structureId, memberId, role, createdAt: now })
    .onConflictDoUpdate({ target: structureMembers.memberId, set: { structureId, role } })
    .run();
}

/** Sets a member's role in their structure. */
export function setStructureRole(db: Db, memberId: number, role: "admin" | "member"): void {
  db.update(structureMembers).set({ role }).where(eq(structureMembers.memberId, memberId)).run();
}

/** A member leaves their structure. */
export function leaveStructure(db: Db, memberId: number): boolean {
  return (
    db.delete(structureMembers).where(eq(structureMembers.memberId, memberId)).run().changes > 0
  );
}

/** The members of a structure: id, display name and role. */
export function structureTeam(
  db: Db,
  structureId: number,
): Array<{ memberId: number; role: "admin" | "member" }> {
  return db
    .select({ memberId: structureMembers.memberId, role: structureMembers.role })
    .from(structureMembers)
    .where(eq(structureMembers.structureId, structureId))
    .all();
}

/** Stores a one-time invitation code. */
export function createInvite(
  db: Db,
  input: { code: string; structureId: number; createdBy: number; expiresAt: number },
  now: number,
): void {
  db.insert(structureInvites)
    .values({ ...input, createdAt: now })
    .run();
}

/** Uses an invitation code: the structure it opens, if it is valid (unused, not expired). */
export function useInvite(db: Db, code: string, memberId: number, now: number): number | undefined {
  const invite = db
    .update(structureInvites)
    .set({ usedBy: memberId, usedAt: now })
    .where(
      and(
        eq(structureInvites.code, code),
        isNull(structureInvites.usedAt),
        gt(structureInvites.expiresAt, now),
      ),
    )
    .returning()
    .get();
  return invite?.structureId;
}
