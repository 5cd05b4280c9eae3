/**
 * Mutes: an animator silences a member in the network for a while (`/sourdine @bea 7j motif`),
 * lifts it (`/sourdine lever @bea`, `/finsourdine 12`), or lists who is muted (`/sourdine`).
 * A muted member may still read and search, but not post, contact or broadcast in that network
 * (checked where those happen: `assertNotMuted`). Expiry is read from the date.
 */
import { z } from "zod";
import { UserError } from "../bot/errors.js";
import { list, message, paragraph, strong, type Button } from "../bot/reply.js";
import { parseDuration } from "../bot/time.js";
import { memberIdentity, type Member } from "../storage/members.js";
import { activeMute, activeMutes, liftMute, muteMember } from "../storage/mutes.js";
import { networkById, type Network } from "../storage/networks.js";
import { nameKey } from "../storage/text.js";
import { parsedArgs } from "./args.js";
import { currentNetworkId } from "./membership.js";
import { memberLabel, resolveMember } from "./member-ref.js";
import { isKnownAnimator, requireModerator } from "./moderators.js";
import { defineCommand, here, type CommandContext, type CommandResult } from "./types.js";

/** The longest mute: a year. */
const MAX_MUTE_MS = 365 * 86_400_000;
/** Longest reason, in characters. */
const MAX_REASON = 500;
/** Words of `/sourdine lever @bea`. */
const LIFT_WORDS = new Set(["lever", "fin", "finir", "lift", "end", "off", "unmute"]);

/** Refuses, saying until when, what a muted person would say to others in a network. */
export function assertNotMuted(ctx: CommandContext, networkId: number | null): void {
  if (networkId === null) return;
  const mute = activeMute(ctx.db, networkId, ctx.member.id, ctx.now);
  if (!mute) return;
  throw new UserError("mute-active", {
    network: networkById(ctx.db, networkId)?.name ?? "—",
    date: new Date(mute.endsAt),
    reason: mute.reason || "—",
  });
}

/** The network a moderation command acts in (the room's, or in private the last one), with its right checked. */
export function moderatedNetwork(ctx: CommandContext, commandId: string): Network {
  const networkId = currentNetworkId(ctx);
  const network = networkId === null ? undefined : networkById(ctx.db, networkId);
  if (!network) throw new UserError("moderation-no-network");
  requireModerator(ctx, network.id, commandId);
  return network;
}

/** Reads a mute's length, or says how to type one. */
export function muteLength(ctx: CommandContext, typed: string | undefined): number {
  const ms = typed ? parseDuration(typed) : undefined;
  if (!ms || ms > MAX_MUTE_MS)
    throw new UserError("mute-duration", { example: ctx.t("mute-example") });
  return ms;
}

/** Silences a person in a network: stored, told privately, in the audit log. */
export function silence(
  ctx: CommandContext,
  network: Network,
  person: Member,
  ms: number,
  reason: string,
  report?: number,
): CommandResult {
  if (person.id === ctx.member.id) throw new UserError("mute-self");
  if (isModeratorOfFor(ctx, person, network.id))
    throw new UserError("mute-moderator", { name: person.displayName });
  const mute = muteMember(
    ctx.db,
    {
      networkId: network.id,
      memberId: person.id,
      mutedBy: ctx.member.id,
      reason,
      endsAt: ctx.now + ms,
    },
    ctx.now,
  );
  const until = new Date(mute.endsAt);
  ctx.audit({
    action: "member-muted",
    networkId: network.id,
    subjectMemberId: person.id,
    details: { until: mute.endsAt, ...(reason ? { reason } : {}), ...(report ? { report } : {}) },
  });
  ctx.notifyMember(person.id, (t, command) =>
    message([
      paragraph(strong(t("mute-notice", { network: network.name, date: until }))),
      ...(reason ? [paragraph(t("mute-notice-reason", { reason }))] : []),
      paragraph(t("mute-notice-next", { journal: command("journal") })),
    ]),
  );
  return here(
    message([
      paragraph(
        ctx.t("mute-done", { name: memberLabel(person), network: network.name, date: until }),
      ),
    ]),
    ctx.fromButton,
  );
}

/** Whether the person to mute moderates the network themselves (they cannot be muted). */
function isModeratorOfFor(ctx: CommandContext, person: Member, networkId: number): boolean {
  const admins = ctx.settings.admins ?? [];
  if (admins.includes(memberIdentity(person))) return true;
  return isKnownAnimator(ctx.db, networkId, person.id);
}

function lift(ctx: CommandContext, network: Network, typed: string | undefined): CommandResult {
  const person = resolveMember(ctx, typed);
  const lifted = liftMute(ctx.db, network.id, person.id, ctx.member.id, ctx.now);
  if (!lifted)
    throw new UserError("mute-none", { name: person.displayName, network: network.name });
  ctx.audit({ action: "member-unmuted", networkId: network.id, subjectMemberId: person.id });
  ctx.notifyMember(person.id, (t) =>
    message([paragraph(t("unmute-notice", { network: network.name }))]),
  );
  return here(
    message([
      paragraph(ctx.t("unmute-done", { name: memberLabel(person), network: network.name })),
    ]),
    ctx.fromButton,
  );
}

function listMutes(ctx: CommandContext, network: Network): CommandResult {
  const current = activeMutes(ctx.db, network.id, ctx.now);
  if (current.length === 0)
    return here(
      message([
        paragraph(ctx.t("mute-none-active", { network: network.name })),
        paragraph(ctx.t("mute-how", { example: ctx.t("mute-example") })),
      ]),
    );
  const buttons: Button[][] = current.slice(0, 5).map(({ member }) => [
    {
      label: ctx.t("button-unmute", { name: member.displayName }),
      command: ctx.command("unmute", member.id),
    },
  ]);
  return here(
    message(
      [
        paragraph(
          strong(ctx.t("mute-list-heading", { network: network.name, count: current.length })),
        ),
        list(
          current.map(({ mute, member }) => [
            strong(memberLabel(member)),
            " — ",
            ctx.t("mute-until", { date: new Date(mute.endsAt) }),
            ...(mute.reason ? [" — ", ctx.t("mute-reason", { reason: mute.reason })] : []),
          ]),
        ),
      ],
      buttons,
    ),
  );
}

const muteArgs = parsedArgs
  .transform((a) => {
    const [first, ...rest] = a.words;
    const lifting = first !== undefined && LIFT_WORDS.has(nameKey(first));
    return {
      lifting,
      who: lifting ? rest[0] : first,
      duration: lifting ? undefined : rest[0],
      reason: (lifting ? [] : rest.slice(1)).join(" ").trim(),
    };
  })
  .pipe(
    z.object({
      lifting: z.boolean(),
      who: z.union([z.string(), z.undefined()]),
      duration: z.union([z.string(), z.undefined()]),
      reason: z.string().max(MAX_REASON, { error: "mute-reason-too-long" }),
    }),
  );

/** `/sourdine [@membre durée [motif]]`, `/sourdine lever @membre`. */
export const muteCommand = defineCommand({
  id: "mute",
  names: { fr: ["sourdine", "muet"], en: ["mute", "silence"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: muteArgs,
  run(ctx, { lifting, who, duration, reason }) {
    const network = moderatedNetwork(ctx, "mute");
    if (lifting) return lift(ctx, network, who);
    if (!who) return listMutes(ctx, network);
    const person = resolveMember(ctx, who);
    return silence(ctx, network, person, muteLength(ctx, duration), reason);
  },
});

/** `/finsourdine @membre` — lifts a mute before its end. */
export const unmuteCommand = defineCommand({
  id: "unmute",
  names: { fr: ["finsourdine", "demuet"], en: ["unmute"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: parsedArgs.transform((a) => a.words[0]),
  run(ctx, who) {
    return lift(ctx, moderatedNetwork(ctx, "unmute"), who);
  },
});
