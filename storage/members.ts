/** Members: people, as each platform identifies them. */
import { and, eq, isNull, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { members } from "./schema.js";

/** A member row. */
export type Member = typeof members.$inferSelect;

/** The `platform:id` identity used in configuration (ADMINS) and logs. */
export function memberIdentity(member: Pick<Member, "platform" | "platformUserId">): string {
  return `${member.platform}:${member.platformUserId}`;
}

/** The platform of an erased member's anonymous record (no platform ever has this name). */
export const ERASED_PLATFORM = "erased";

/** Whether the member was erased (`/oublier`): an anonymous record kept for the statistics. */
export function isErased(member: Pick<Member, "platform">): boolean {
  return member.platform === ERASED_PLATFORM;
}

/** How stale `lastSeenAt` may get before an event refreshes it (saves a write per message). */
const SEEN_PRECISION_MS = 10 * 60_000;

/** Finds the member by platform identity, creating them on first sight; keeps the name fresh. */
export function findOrCreateMember(
  db: Db,
  input: {
    platform: string;
    platformUserId: string;
    displayName: string;
    /** The platform's username: null when it has none, undefined when not known (kept). */
    username?: string | null;
  },
  now: number,
): Member {
  const displayName = input.displayName.slice(0, 200) || input.platformUserId;
  const existing = prepared(db, "memberByIdentity", () =>
    db
      .select()
      .from(members)
      .where(
        and(
          eq(members.platform, sql.placeholder("platform")),
          eq(members.platformUserId, sql.placeholder("platformUserId")),
        ),
      )
      .prepare(),
  ).get({ platform: input.platform, platformUserId: input.platformUserId });
  if (existing) {
    const username = input.username === undefined ? existing.username : input.username;
    if (
      existing.displayName === displayName &&
      existing.username === username &&
      now - existing.lastSeenAt < SEEN_PRECISION_MS
    ) {
      return existing;
    }
    prepared(db, "memberSeen", () =>
      db
        .update(members)
        .set({
          displayName: sql`${sql.placeholder("displayName")}`,
          username: sql`${sql.placeholder("username")}`,
          lastSeenAt: sql`${sql.placeholder("now")}`,
        })
        .where(eq(members.id, sql.placeholder("id")))
        .prepare(),
    ).run({ displayName, username, now, id: existing.id });
    return { ...existing, displayName, username, lastSeenAt: now };
  }
  return prepared(db, "createMember", () =>
    db
      .insert(members)
      .values({
        platform: sql.placeholder("platform"),
        platformUserId: sql.placeholder("platformUserId"),
        displayName: sql.placeholder("displayName"),
        username: sql.placeholder("username"),
        createdAt: sql.placeholder("now"),
        lastSeenAt: sql.placeholder("now"),
      })
      .returning()
      .prepare(),
  ).get({
    platform: input.platform,
    platformUserId: input.platformUserId,
    displayName,
    username: input.username ?? null,
    now,
  });
}

/** The member with this id, or undefined. */
export function memberById(db: Db, id: number): Member | undefined {
  return prepared(db, "memberById", () =>
    db
      .select()
      .from(members)
      .where(eq(members.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

/** Stores the member's language choice (null: follow the platform or territory). */
export function setMemberLocale(db: Db, memberId: number, locale: string | null): void {
  db.update(members).set({ locale }).where(eq(members.id, memberId)).run();
}

/** Remembers the network of the group room the member last wrote in. */
export function setMemberLastNetwork(db: Db, memberId: number, networkId: number): void {
  db.update(members).set({ lastNetworkId: networkId }).where(eq(members.id, memberId)).run();
}

/** Records that the bot cannot write to this person privately (first time only). */
export function setMemberUnreachable(
  db: Db,
  platform: string,
  platformUserId: string,
  now: number,
): void {
  db.update(members)
    .set({ unreachableSince: now })
    .where(
      and(
        eq(members.platform, platform),
        eq(members.platformUserId, platformUserId),
        isNull(members.unreachableSince),
      ),
    )
    .run();
}

/** Records that the person can be written to again (they wrote to the bot privately). */
export function setMemberReachable(db: Db, memberId: number): void {
  db.update(members).set({ unreachableSince: null }).where(eq(members.id, memberId)).run();
}

/**
 * The members a handle typed after `@` may mean: a Telegram username (any case), a Matrix id
 * (`@ana:example.org`), or a platform id as typed (the console's names).
 */
export function membersByHandle(db: Db, handle: string): Member[] {
  const bare = handle.replace(/^@/, "");
  return db
    .select()
    .from(members)
    .where(
      sql`lower(${members.username}) = lower(${bare}) OR ${members.platformUserId} IN (${bare}, ${`@${bare}`})`,
    )
    .limit(10)
    .all();
}
