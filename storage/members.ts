/** Members: people, as each platform identifies them. */
import { and, eq } from "drizzle-orm";
import type { Db } from "./db.js";
import { members } from "./schema.js";

/** A member row. */
export type Member = typeof members.$inferSelect;

/** The `platform:id` identity used in configuration (ADMINS) and logs. */
export function memberIdentity(member: Pick<Member, "platform" | "platformUserId">): string {
  return `${member.platform}:${member.platformUserId}`;
}

/** Finds the member by platform identity, creating them on first sight; keeps the name fresh. */
export function findOrCreateMember(
  db: Db,
  input: { platform: string; platformUserId: string; displayName: string },
  now: number,
): Member {
  const displayName = input.displayName.slice(0, 200) || input.platformUserId;
  const existing = db
    .select()
    .from(members)
    .where(
      and(eq(members.platform, input.platform), eq(members.platformUserId, input.platformUserId)),
    )
    .get();
  if (existing) {
    db.update(members)
      .set({ displayName, lastSeenAt: now })
      .where(eq(members.id, existing.id))
      .run();
    return { ...existing, displayName, lastSeenAt: now };
  }
  return db
    .insert(members)
    .values({ ...input, displayName, createdAt: now, lastSeenAt: now })
    .returning()
    .get();
}

/** The member with this id, or undefined. */
export function memberById(db: Db, id: number): Member | undefined {
  return db.select().from(members).where(eq(members.id, id)).get();
}

/** Stores the member's language choice (null: follow the platform or territory). */
export function setMemberLocale(db: Db, memberId: number, locale: string | null): void {
  db.update(members).set({ locale }).where(eq(members.id, memberId)).run();
}

/** Remembers the network of the group room the member last wrote in. */
export function setMemberLastNetwork(db: Db, memberId: number, networkId: number): void {
  db.update(members).set({ lastNetworkId: networkId }).where(eq(members.id, memberId)).run();
}
