/**
 * Network membership: networks that validate their members (`/reseau adhesion validation`),
 * pending requests (`/demandes`), decisions (`/accepter`, `/refuser`), the answers of the
 * person who asks (`/presenter`), and the territory charter (`/charte`).
 */
import { z } from "zod";
import { UserError } from "../bot/errors.js";
import { list, message, paragraph, strong, type Button, type RichText } from "../bot/reply.js";
import type { Translator } from "../bot/i18n.js";
import { memberById, type Member } from "../storage/members.js";
import {
  decideMembership,
  membershipById,
  membershipOf,
  pendingRequests,
  setAnswers,
  type NetworkMembership,
} from "../storage/membership.js";
import { networkById, type Network } from "../storage/networks.js";
import { listingNumber, noArgs, parsedArgs } from "./args.js";
import { deciders, requireModerator } from "./moderators.js";
import { defineCommand, here, type CommandContext, type CommandResult } from "./types.js";

/** Longest answer to a network's questions. */
const MAX_ANSWERS = 1_000;

/** The network a person acts in: the room's, or in a private chat the last one they wrote in. */
export function currentNetworkId(ctx: Pick<CommandContext, "room" | "member">): number | null {
  return ctx.room.kind === "group" ? ctx.room.networkId : ctx.member.lastNetworkId;
}

/** The private message that tells an animator of a request, with approve and refuse buttons. */
export function requestNotice(
  t: Translator,
  command: (id: string, ...args: (string | number)[]) => string,
  request: NetworkMembership,
  person: Member,
  network: Network,
): RichText {
  const blocks = [
    paragraph(
      strong(t("membership-request-notice", { name: person.displayName, network: network.name })),
    ),
  ];
  if (network.joinQuestions)
    blocks.push(paragraph(t("membership-questions", { questions: network.joinQuestions })));
  blocks.push(
    paragraph(
      request.answers
        ? t("membership-answers", { answers: request.answers })
        : t(network.joinQuestions ? "membership-no-answers-yet" : "membership-no-questions"),
    ),
  );
  blocks.push(
    paragraph(
      t("membership-decide-how", {
        approve: command("approve", request.id),
        refuse: command("refuse", request.id),
      }),
    ),
  );
  const buttons: Button[][] = [
    [
      { label: t("button-approve"), command: command("approve", request.id) },
      { label: t("button-refuse"), command: command("refuse", request.id) },
    ],
  ];
  return message(blocks, buttons);
}

/** `/demandes` — the pending requests of the room's network (or of the networks one animates). */
export const requestsCommand = defineCommand({
  id: "requests",
  names: { fr: ["demandes", "adhesions"], en: ["requests", "pending"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: noArgs,
  run(ctx) {
    const networkId = currentNetworkId(ctx);
    if (networkId === null) throw new UserError("membership-no-network");
    requireModerator(ctx, networkId, "requests");
    const network = networkById(ctx.db, networkId);
    if (!network) throw new UserError("membership-no-network");
    const pending = pendingRequests(ctx.db, networkId);
    if (pending.length === 0)
      return here(
        message([paragraph(ctx.t("membership-none-pending", { network: network.name }))]),
      );
    return here(
      message(
        [
          paragraph(
            strong(
              ctx.t("membership-pending-heading", { network: network.name, count: pending.length }),
            ),
          ),
          list(
            pending.map(({ request, member }) => [
              strong(`n°${request.id}`),
              " ",
              member.displayName,
              " — ",
              ctx.t("membership-asked-on", { date: new Date(request.createdAt) }),
              ...(request.answers
                ? [" — ", ctx.t("membership-answers", { answers: request.answers })]
                : []),
            ]),
          ),
        ],
        pending.slice(0, 5).map(({ request, member }) => [
          {
            label: ctx.t("button-approve-name", { name: member.displayName }),
            command: ctx.command("approve", request.id),
          },
          {
            label: ctx.t("button-refuse-name", { name: member.displayName }),
            command: ctx.command("refuse", request.id),
          },
        ]),
      ),
    );
  },
});

const decisionArgs = parsedArgs
  .transform((a) => ({
    number: a.words[0]?.replace(/^n°/i, ""),
    reason: a.words.slice(1).join(" ").trim(),
  }))
  .pipe(
    z.object({
      number: listingNumber,
      reason: z.string().max(500, { error: "membership-reason-too-long" }),
    }),
  );

function decide(
  ctx: CommandContext,
  id: number,
  status: "approved" | "refused",
  reason: string,
): CommandResult {
  const request = membershipById(ctx.db, id);
  if (!request) throw new UserError("membership-request-not-found", { id });
  requireModerator(ctx, request.networkId, status === "approved" ? "approve" : "refuse");
  const network = networkById(ctx.db, request.networkId);
  const person = memberById(ctx.db, request.memberId);
  if (!network || !person) throw new UserError("membership-request-not-found", { id });
  if (request.status !== "pending") {
    const by = request.decidedBy === null ? undefined : memberById(ctx.db, request.decidedBy);
    return here(
      message([
        paragraph(
          ctx.t(`membership-already-${request.status}`, {
            name: person.displayName,
            by: by?.displayName ?? "none",
          }),
        ),
      ]),
      ctx.fromButton,
    );
  }
  decideMembership(ctx.db, request.id, status, ctx.member.id, ctx.now);
  ctx.audit({
    action: status === "approved" ? "member-approved" : "member-refused",
    networkId: network.id,
    subjectMemberId: person.id,
    details: { request: request.id, ...(reason ? { reason } : {}) },
  });
  ctx.notifyMember(person.id, (t, command) =>
    message([
      paragraph(
        status === "approved"
          ? t("membership-approved-notice", {
              network: network.name,
              offer: command("offer"),
              search: command("search"),
            })
          : t("membership-refused-notice", { network: network.name }),
      ),
      ...(reason ? [paragraph(t("membership-reason", { reason }))] : []),
    ]),
  );
  return here(
    message([
      paragraph(
        ctx.t(`membership-${status}-done`, { name: person.displayName, network: network.name }),
      ),
    ]),
    ctx.fromButton,
  );
}

/** `/accepter 3` — approves a request to join the network. */
export const approveCommand = defineCommand({
  id: "approve",
  names: { fr: ["accepter", "valider"], en: ["approve"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: decisionArgs,
  run: (ctx, { number, reason }) => decide(ctx, number, "approved", reason),
});

/** `/refuser 3 [motif]` — refuses a request to join the network. */
export const refuseCommand = defineCommand({
  id: "refuse",
  names: { fr: ["refuser"], en: ["refuse", "deny"] },
  section: "moderate",
  access: "everyone",
  listedFor: "animators",
  args: decisionArgs,
  run: (ctx, { number, reason }) => decide(ctx, number, "refused", reason),
});

/** `/presenter <réponses>` — answers the network's questions while the request waits. */
export const introduceCommand = defineCommand({
  id: "introduce",
  names: { fr: ["presenter", "presentation"], en: ["introduce"] },
  section: "account",
  access: "everyone",
  args: parsedArgs
    .transform((a) => a.text.trim())
    .pipe(
      z
        .string()
        .min(2, { error: "membership-answers-missing" })
        .max(MAX_ANSWERS, { error: "membership-answers-too-long" }),
    ),
  run(ctx, answers) {
    const networkId = currentNetworkId(ctx);
    const request = networkId === null ? undefined : membershipOf(ctx.db, networkId, ctx.member.id);
    const network = networkId === null ? undefined : networkById(ctx.db, networkId);
    if (!request || !network || request.status !== "pending")
      throw new UserError("membership-nothing-pending");
    setAnswers(ctx.db, request.id, answers);
    const updated = { ...request, answers };
    const person = ctx.member;
    for (const decider of deciders(ctx.db, ctx.settings.admins ?? [], network.id)) {
      ctx.notifyMember(decider.id, (t, command) =>
        requestNotice(t, command, updated, person, network),
      );
    }
    return here(message([paragraph(ctx.t("membership-answers-saved", { network: network.name }))]));
  },
});
