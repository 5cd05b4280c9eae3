/**
 * Admission to a network, checked in the core for every command: animators seen acting in a
 * network's room are remembered (the bot tells them of requests); under a validation policy,
 * a person's first command creates a pending request, and commands that need membership
 * (posting, contacting, saving alerts) are refused until an animator approves.
 */
import { currentNetworkId, requestNotice } from "../commands/membership.js";
import { deciders } from "../commands/moderators.js";
import type { CommandContext } from "../commands/types.js";
import { ensureMembership, markAnimator } from "../storage/membership.js";
import { networkById } from "../storage/networks.js";
import { UserError } from "./errors.js";
import { message, paragraph } from "./reply.js";

/** Lets the command run, or throws the refusal the person should read. */
export function admit(ctx: CommandContext, membersOnly: boolean): void {
  if (ctx.role === "animator" && ctx.room.kind === "group" && ctx.room.networkId !== null) {
    markAnimator(ctx.db, ctx.room.networkId, ctx.member.id, ctx.now);
    return;
  }
  if (ctx.role !== "member") return;
  const networkId = currentNetworkId(ctx);
  if (networkId === null) return;
  const network = networkById(ctx.db, networkId);
  if (!network || network.joinPolicy === "open") return;
  const { membership, created } = ensureMembership(
    ctx.db,
    networkId,
    ctx.member.id,
    "pending",
    ctx.now,
  );
  if (created) {
    ctx.audit({
      action: "join-requested",
      networkId,
      subjectMemberId: ctx.member.id,
      details: { request: membership.id },
    });
    const person = ctx.member;
    for (const decider of deciders(ctx.db, ctx.settings.admins ?? [], networkId)) {
      ctx.notifyMember(decider.id, (t, command) =>
        requestNotice(t, command, membership, person, network),
      );
    }
    ctx.notifyMember(person.id, (t, command) =>
      message([
        paragraph(t("membership-request-sent", { network: network.name })),
        ...(network.joinQuestions
          ? [
              paragraph(t("membership-questions", { questions: network.joinQuestions })),
              paragraph(t("membership-answer-how", { introduce: command("introduce") })),
            ]
          : []),
      ]),
    );
  }
  if (!membersOnly || membership.status === "approved") return;
  throw new UserError(
    membership.status === "refused" ? "membership-refused" : "membership-pending",
    {
      network: network.name,
      help: ctx.command("help"),
    },
  );
}
