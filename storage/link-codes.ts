/**
 * One-time codes binding another room to a network (`/reseau lier`): whoever holds one may
 * bring one room into the network, once, before it expires.
 */
import { and, eq, isNull } from "drizzle-orm";
import { oneTimeCode, readCode } from "./codes.js";
import type { Db } from "./db.js";
import { networkLinkCodes } from "./schema.js";

/** A code as stored. */
export type LinkCode = typeof networkLinkCodes.$inferSelect;

/** A new code, in two halves for reading: `K7QF-M2XD`. */
function newCode(): string {
  const code = oneTimeCode();
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The form codes are kept in: upper case, in two halves. */
export function normaliseCode(typed: string): string {
  const bare = readCode(typed);
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

/** Creates a code for a network, valid for `validMs`. */
export function createLinkCode(
  db: Db,
  networkId: number,
  createdBy: number,
  now: number,
  validMs: number,
): LinkCode {
  for (;;) {
    const code = newCode();
    const row = db
      .insert(networkLinkCodes)
      .values({ code, networkId, createdBy, createdAt: now, expiresAt: now + validMs })
      .onConflictDoNothing()
      .returning()
      .get();
    if (row) return row;
  }
}

/** The code as typed, if it exists. */
export function linkCodeOf(db: Db, typed: string): LinkCode | undefined {
  return db
    .select()
    .from(networkLinkCodes)
    .where(eq(networkLinkCodes.code, normaliseCode(typed)))
    .get();
}

/** Marks a code used by a room; false when someone used it first. */
export function useLinkCode(db: Db, code: string, roomId: number, now: number): boolean {
  return (
    db
      .update(networkLinkCodes)
      .set({ usedAt: now, usedByRoomId: roomId })
      .where(and(eq(networkLinkCodes.code, code), isNull(networkLinkCodes.usedAt)))
      .run().changes > 0
  );
}
