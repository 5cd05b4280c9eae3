/**
 * Who belongs to a network: join requests and decisions (networks that validate their
 * members), and the animators the bot has seen acting in the network's rooms.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { memberIdentity, type Member } from "./members.js";
import { members, networkMembers, networks } from "./schema.js";

/** A person's standing in a network. */
export type NetworkMembership = typeof networkMembers.$inferSelect;
/** `pending`, `approved` or `refused`. */
export type MembershipStatus = NetworkMembership["status"];

/** The person's standing in a network, if the bot knows one. */
export function membershipOf(
  db: Db,
  networkId: number,
  memberId: number,
): NetworkMembership | undefined {
  return prepared(db, "membershipOf", () =>
    db
      .select()
      .from(networkMembers)
      .where(
        and(
          eq(networkMembers.networkId, sql.placeholder("networkId")),
          eq(networkMembers.memberId, sql.placeholder("memberId")),
        ),
      )
      .prepare(),
  ).get({ networkId, memberId });
}

/** The request with this number, if any. */
export function membershipById(db: Db, id: number): NetworkMembership | undefined {
  return db.select().from(networkMembers).where(eq(networkMembers.id, id)).get();
}

/** Creates the person's standing with a status (no change when one exists); returns it. */
export function ensureMembership(
  db: Db,
  networkId: number,
  memberId: number,
  status: MembershipStatus,
  now: number,
): { membership: NetworkMembership; created: boolean } {
  const existing = membershipOf(db, networkId, memberId);
  if (existing) return { membership: existing, created: false };
  const membership = db
    .insert(networkMembers)
    .values({ networkId, memberId, status, createdAt: now })
    .returning()
    .get();
  return { membership, created: true };
}

/** Remembers that a person acts as animator of a network (seen with the platform's rights). */
export function markAnimator(db: Db, networkId: number, memberId: number, now: number): void {
  prepared(db, "markAnimator", () =>
    db
      .insert(networkMembers)
      .values({
        networkId: sql.placeholder("networkId"),
        memberId: sql.placeholder("memberId"),
        status: "approved",
        animator: true,
        createdAt: sql.placeholder("now"),
      })
      .onConflictDoUpdate({
        target: [networkMembers.networkId, networkMembers.memberId],
        set: { animator: true, status: "approved" },
      })
      .prepare(),
  ).run({ networkId, memberId, now });
}

/** The animators of a network the bot knows of. */
export function animatorsOf(db: Db, networkId: number): Member[] {
  return db
    .select({ member: members })
    .from(networkMembers)
    .innerJoin(members, eq(members.id, networkMembers.memberId))
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.animator, true)))
    .all()
    .map((r) => r.member);
}

/** The members whose identities (`platform:id`) are listed, among those the bot knows. */
export function membersByIdentity(db: Db, identities: readonly string[]): Member[] {
  if (identities.length === 0) return [];
  const wanted = new Set(identities);
  return db
    .select()
    .from(members)
    .where(
      sql`${members.platform} || ':' || ${members.platformUserId} IN (SELECT value FROM json_each(${JSON.stringify(identities)}))`,
    )
    .all()
    .filter((m) => wanted.has(memberIdentity(m)));
}

/** Stores the answers of a pending request. */
export function setAnswers(db: Db, id: number, answers: string): void {
  db.update(networkMembers).set({ answers }).where(eq(networkMembers.id, id)).run();
}

/** Records an animator's decision on a request. */
export function decideMembership(
  db: Db,
  id: number,
  status: "approved" | "refused",
  deciderId: number,
  now: number,
): void {
  db.update(networkMembers)
    .set({ status, decidedBy: deciderId, decidedAt: now })
    .where(eq(networkMembers.id, id))
    .run();
}

/** The pending requests of a network, oldest first, with who asked. */
export function pendingRequests(
  db: Db,
  networkId: number,
): Array<{ request: NetworkMembership; member: Member }> {
  return db
    .select({ request: networkMembers, member: members })
    .from(networkMembers)
    .innerJoin(members, eq(members.id, networkMembers.memberId))
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.status, "pending")))
    .orderBy(asc(networkMembers.id))
    .all();
}

/** Sets a network's join policy. */
export function setJoinPolicy(db: Db, networkId: number, policy: "open" | "validation"): void {
  db.update(networks).set({ joinPolicy: policy }).where(eq(networks.id, networkId)).run();
}

/** Sets (or, with null, removes) the questions asked to people who ask to join. */
export function setJoinQuestions(db: Db, networkId: number, questions: string | null): void {
  db.update(networks).set({ joinQuestions: questions }).where(eq(networks.id, networkId)).run();
}

/** Records that a member accepted the territory charter. */
export function acceptCharter(db: Db, memberId: number, now: number): void {
  db.update(members).set({ charterAcceptedAt: now }).where(eq(members.id, memberId)).run();
}

/**
 * Approves everyone already active in a network (they wrote in its rooms or posted in it),
 * so that turning validation on does not lock out the existing community. Returns how many.
 */
export function approveCurrentMembers(db: Db, networkId: number, now: number): number {
  return db.$client
    .prepare(
      `INSERT INTO network_members (network_id, member_id, status, created_at)
       SELECT ?, id, 'approved', ? FROM members
       WHERE last_network_id = ?
          OR id IN (SELECT author_id FROM listings WHERE network_id = ?)
       ON CONFLICT (network_id, member_id) DO NOTHING`,
    )
    .run(networkId, now, networkId, networkId).changes;
}
