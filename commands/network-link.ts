/**
 * Several rooms, one network, across platforms: `/reseau lier` in a room of the network gives
 * its animator, in private, a one-time code; `/reseau lier <code>` typed by an animator of
 * another room (Telegram or Matrix) brings that room into the network. Without a code, an
 * existing network cannot be joined by name (only a territory administrator may): a stranger's
 * group would otherwise receive the network's broadcasts, and its admins could send them.
 */
import { UserError } from "../bot/errors.js";
import { list, message, paragraph, strong } from "../bot/reply.js";
import { createLinkCode, linkCodeOf, useLinkCode } from "../storage/link-codes.js";
import { setMemberLastNetwork } from "../storage/members.js";
import { markAnimator } from "../storage/membership.js";
import { bindRoomToNetwork, networkById, roomsOfNetwork } from "../storage/networks.js";
import { here, inPrivate, type CommandContext, type CommandResult } from "./types.js";

/** How long a code may be used. */
const CODE_VALID_MS = 24 * 3_600_000;

/** The words of `/reseau lier` (folded). */
export const LINK_WORDS = new Set(["lier", "link"]);

/** `/reseau lier [code]`: gives a code, or uses one. */
export function linkRoom(ctx: CommandContext, typed: string): CommandResult {
  return typed ? useCode(ctx, typed) : giveCode(ctx);
}

/** Gives an animator of a bound room a code for another room, in private. */
function giveCode(ctx: CommandContext): CommandResult {
  const networkId = ctx.room.networkId;
  if (networkId === null) {
    throw new UserError("network-link-unbound", {
      bind: `${ctx.command("network")} ${ctx.t("network-name-placeholder")}`,
    });
  }
  const network = networkById(ctx.db, networkId);
  if (!network) throw new Error(`room ${ctx.room.id} bound to a missing network`);
  const { code, expiresAt } = createLinkCode(
    ctx.db,
    networkId,
    ctx.member.id,
    ctx.now,
    CODE_VALID_MS,
  );
  ctx.audit({ action: "network-link-code", networkId, details: { room: ctx.room.id } });
  return [
    inPrivate(
      message([
        paragraph(strong(ctx.t("network-link-code", { name: network.name, code }))),
        paragraph(
          ctx.t("network-link-how", {
            telegram: `/${ctx.commands.nameOf("network", ctx.locale)} ${ctx.t("network-link-word")} ${code}`,
            matrix: `!${ctx.commands.nameOf("network", ctx.locale)} ${ctx.t("network-link-word")} ${code}`,
            expires: new Date(expiresAt),
          }),
        ),
      ]),
    ),
  ];
}

/** Brings this room into the network of a code. */
function useCode(ctx: CommandContext, typed: string): CommandResult {
  const found = linkCodeOf(ctx.db, typed);
  if (!found || found.expiresAt <= ctx.now || found.usedAt !== null) {
    throw new UserError(found?.usedAt ? "network-link-used" : "network-link-invalid", {
      typed: typed.slice(0, 20),
    });
  }
  const network = networkById(ctx.db, found.networkId);
  if (!network) throw new UserError("network-link-invalid", { typed: typed.slice(0, 20) });
  if (ctx.room.networkId === network.id) {
    return here(message([paragraph(ctx.t("network-already", { name: network.name }))]));
  }
  if (!useLinkCode(ctx.db, found.code, ctx.room.id, ctx.now)) {
    throw new UserError("network-link-used", { typed: typed.slice(0, 20) });
  }
  bindRoomToNetwork(ctx.db, ctx.room.id, network.id);
  // The pipeline saw this room in its former network (or none): commands in private act here
  // now, and, as for binding, whoever links the room animates it.
  setMemberLastNetwork(ctx.db, ctx.member.id, network.id);
  if (ctx.role === "animator") markAnimator(ctx.db, network.id, ctx.member.id, ctx.now);
  ctx.audit({
    action: "room-linked",
    networkId: network.id,
    details: {
      room: ctx.room.platformRoomId,
      platform: ctx.room.platform,
      previous: ctx.room.networkId,
      codeBy: found.createdBy,
    },
  });
  const rooms = roomsOfNetwork(ctx.db, network.id);
  const roomName = `${ctx.room.title ?? ctx.room.platformRoomId} (${ctx.room.platform})`;
  if (found.createdBy !== null && found.createdBy !== ctx.member.id) {
    ctx.notifyMember(found.createdBy, (t) =>
      message([paragraph(t("network-link-done-notice", { room: roomName, name: network.name }))]),
    );
  }
  return here(
    message([
      paragraph(ctx.t("network-link-done", { name: network.name, count: rooms.length })),
      list(rooms.map((r) => [`${r.title ?? r.platformRoomId} (${r.platform})`])),
    ]),
  );
}
