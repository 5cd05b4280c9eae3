/**
 * Who moderates a network, checked in the core for every moderation command: territory
 * administrators, and the network's animators — with the platform's rights in one of its
 * rooms, or — in their private chat, where the buttons of the notices they receive lead —
 * named by the administrator or seen acting as animators in its rooms before.
 */
import { refusal } from "../bot/errors.js";
import { isNamedAnimator, namedAnimators } from "../storage/animators.js";
import { memberById, type Member } from "../storage/members.js";
import { animatorsOf, membersByIdentity, membershipOf } from "../storage/membership.js";
import type { CommandContext } from "./types.js";

/** Whether the person may moderate the network (null: a listing without network, admins only). */
export function isModeratorOf(ctx: CommandContext, networkId: number | null): boolean {
  if (ctx.role === "admin") return true;
  if (networkId === null) return false;
  // In a group room the room decides: its network, and the platform's rights there.
  if (ctx.room.kind === "group") return ctx.role === "animator" && ctx.room.networkId === networkId;
  return isKnownAnimator(ctx.db, networkId, ctx.member.id);
}

/** Whether the bot knows the member as an animator of the network (named, or seen acting as one). */
export function isKnownAnimator(
  db: CommandContext["db"],
  networkId: number,
  memberId: number,
): boolean {
  if (isNamedAnimator(db, networkId, memberId)) return true;
  return membershipOf(db, networkId, memberId)?.animator === true;
}

/** Refuses, with a record in the audit log, someone who does not moderate the network. */
export function requireModerator(
  ctx: CommandContext,
  networkId: number | null,
  commandId: string,
): void {
  if (isModeratorOf(ctx, networkId)) return;
  throw refusal(
    "not-allowed-animator",
    { command: ctx.command(commandId) },
    { networkId, details: { command: commandId, role: ctx.role } },
  );
}

/** The network's animators the bot knows (seen acting, or named), without the administrators. */
export function knownAnimators(db: CommandContext["db"], networkId: number): Member[] {
  const byId = new Map<number, Member>();
  for (const m of animatorsOf(db, networkId)) byId.set(m.id, m);
  for (const id of namedAnimators(db, networkId)) {
    const m = byId.has(id) ? undefined : memberById(db, id);
    if (m) byId.set(m.id, m);
  }
  return [...byId.values()];
}

/** The people told privately of what needs a decision in a network: its animators, and the administrators. */
export function deciders(
  db: CommandContext["db"],
  admins: readonly string[],
  networkId: number | null,
): Member[] {
  const byId = new Map<number, Member>();
  if (networkId !== null) for (const m of knownAnimators(db, networkId)) byId.set(m.id, m);
  for (const m of membersByIdentity(db, admins)) byId.set(m.id, m);
  return [...byId.values()];
}
