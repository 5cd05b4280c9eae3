/** Structures (organisations members act for), their members and invitation codes. */
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import type { Listing } from "./listings.js";
import type { PlaceKind, Places } from "./places.js";
import { listings, structureInvites, structureMembers, structures } from "./schema.js";
import { searchTerms, term } from "./search.js";

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

/** What a directory search asks for. */
export interface DirectoryCriteria {
  words: string[];
  /** NAF section letter. */
  sector?: string;
  place?: { kind: PlaceKind; code: string };
}

/**
 * Searches the directory: structures whose name or description hold every word (as word
 * starts), in the sector and around the place asked for; newest first, `limit` at most.
 */
export function searchStructures(
  db: Db,
  places: Places,
  criteria: DirectoryCriteria,
  limit: number,
): Structure[] {
  const filters = ["all"];
  if (criteria.sector) filters.push(`sec_${criteria.sector.toLowerCase()}`);
  if (criteria.place) {
    const place = places.byCode(criteria.place.kind, criteria.place.code);
    if (place) filters.push(`(${places.searchTags(place).join(" OR ")})`);
  }
  const terms = searchTerms(criteria.words);
  const query =
    (terms.length > 0 ? `{name description} : (${terms.map(term).join(" AND ")}) AND ` : "") +
    `tags : (${filters.join(" AND ")})`;
  const ids = db.$client
    .prepare(
      "SELECT rowid FROM structures_fts WHERE structures_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
    )
    .pluck()
    .all(query, limit) as number[];
  if (ids.length === 0) return [];
  const rows = db
    .select()
    .from(structures)
    .where(sql`${structures.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`)
    .all();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The open listings posted on behalf of a structure, newest first. */
export function openListingsOfStructure(db: Db, structureId: number, limit: number): Listing[] {
  return db
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.structureId, structureId),
        eq(listings.status, "open"),
        isNull(listings.redactedAt),
      ),
    )
    .orderBy(desc(listings.id))
    .limit(limit)
    .all();
}
