/**
 * Members silenced in a network by its animators, for a while. A mute is active while its end
 * is ahead and nobody lifted it: expiry needs no job, it is read from the date.
 */
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import type { Member } from "./members.js";
import { members, mutes } from "./schema.js";

/** A mute row. */
export type Mute = typeof mutes.$inferSelect;

/** What a new mute needs. */
export interface NewMute {
  networkId: number;
  memberId: number;
  mutedBy: number;
  reason: string;
  endsAt: number;
}

/** The member's active mute in a network, if any (the one ending last). */
export function activeMute(
  db: Db,
  networkId: number,
  memberId: number,
  now: number,
): Mute | undefined {
  return prepared(db, "activeMute", () =>
    db
      .select()
      .from(mutes)
      .where(
        and(
          eq(mutes.networkId, sql.placeholder("networkId")),
          eq(mutes.memberId, sql.placeholder("memberId")),
          gt(mutes.endsAt, sql.placeholder("now")),
          isNull(mutes.liftedAt),
        ),
      )
      .orderBy(desc(mutes.endsAt))
      .limit(1)
      .prepare(),
  ).get({ networkId, memberId, now });
}

/**
 * Silences a member in a network: an active mute is replaced (lifted by the same animator),
 * so that there is one at a time and the latest decision holds. Returns the new mute.
 */
export function muteMember(db: Db, input: NewMute, now: number): Mute {
  liftMute(db, input.networkId, input.memberId, input.mutedBy, now);
  return db
    .insert(mutes)
    .values({ ...input, createdAt: now })
    .returning()
    .get();
}

/** Lifts the member's active mute in a network; returns it, undefined when there was none. */
export function liftMute(
  db: Db,
  networkId: number,
  memberId: number,
  liftedBy: number,
  now: number,
): Mute | undefined {
  return db
    .update(mutes)
    .set({ liftedAt: now, liftedBy })
    .where(
      and(
        eq(mutes.networkId, networkId),
        eq(mutes.memberId, memberId),
        gt(mutes.endsAt, now),
        isNull(mutes.liftedAt),
      ),
    )
    .returning()
    .get();
}

/** The active mutes of a network, ending soonest first, with who is muted. */
export function activeMutes(
  db: Db,
  networkId: number,
  now: number,
): Array<{ mute: Mute; member: Member }> {
  return db
    .select({ mute: mutes, member: members })
    .from(mutes)
    .innerJoin(members, eq(members.id, mutes.memberId))
    .where(and(eq(mutes.networkId, networkId), gt(mutes.endsAt, now), isNull(mutes.liftedAt)))
    .orderBy(asc(mutes.endsAt))
    .all();
}
