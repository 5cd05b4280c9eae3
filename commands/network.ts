/**
 * Rooms and networks: `/reseau <nom>` binds a group room to a network (created on first use),
 * `/reseau lier` brings more rooms into it (commands/network-link.ts), `/reseau` tells which
 * network the room belongs to. `/start` is where a private chat begins,
 * including deep links that continue an action begun in a group (`/start offre`).
 */
import { UserError } from "../bot/errors.js";
import { parseClockTime } from "../bot/time.js";
import { list, message, paragraph, strong } from "../bot/reply.js";
import {
  bindRoomToNetwork,
  findOrCreateNetwork,
  NETWORK_NAME_LENGTH,
  networkById,
  networkByName,
  roomsOfNetwork,
  setNetworkSummary,
} from "../storage/networks.js";
import { nextDigestTime } from "../bot/digest-time.js";
import { lastListingId } from "../storage/listings.js";
import { setMemberLastNetwork } from "../storage/members.js";
import {
  approveCurrentMembers,
  markAnimator,
  setJoinPolicy,
  setJoinQuestions,
} from "../storage/membership.js";
import { nameKey } from "../storage/text.js";
import { parsedArgs } from "./args.js";
import { LINK_WORDS, linkRoom } from "./network-link.js";
import { charterGate } from "./charter.js";
import { setModeration } from "./listing-review.js";
import { knownAnimators } from "./moderators.js";
import { startPostFlow } from "./post-flow.js";
import { defineCommand, here, type CommandContext, type CommandResult } from "./types.js";

function showNetwork(ctx: CommandContext): CommandResult {
  if (ctx.room.networkId === null) {
    const bind = `${ctx.command("network")} ${ctx.t("network-name-placeholder")}`;
    return here(message([paragraph(ctx.t("network-none", { bind }))]));
  }
  const network = networkById(ctx.db, ctx.room.networkId);
  if (!network) throw new Error(`room ${ctx.room.id} bound to a missing network`);
  const rooms = roomsOfNetwork(ctx.db, network.id);
  const animators = knownAnimators(ctx.db, network.id);
  return here(
    message([
      paragraph(strong(ctx.t("network-heading", { name: network.name }))),
      paragraph(ctx.t("network-rooms", { count: rooms.length })),
      list(rooms.map((r) => [`${r.title ?? r.platformRoomId} (${r.platform})`])),
      paragraph(
        animators.length > 0
          ? ctx.t("network-animators", {
              count: animators.length,
              names: animators.map((m) => m.displayName).join(", "),
            })
          : ctx.t("network-animators-none"),
      ),
      paragraph(ctx.t(`network-policy-${network.joinPolicy}`)),
      ...(network.joinQuestions
        ? [paragraph(ctx.t("membership-questions", { questions: network.joinQuestions }))]
        : []),
      paragraph(
        ctx.t(
          network.moderatedPosting ? "network-moderation-shown-on" : "network-moderation-shown-off",
        ),
      ),
    ]),
  );
}

/** `/reseau [nom]` — shows the room's network, or binds the room to one (animators). */
export const networkCommand = defineCommand({
  id: "network",
  names: { fr: ["reseau"], en: ["network"] },
  section: "moderate",
  access: "everyone",
  args: parsedArgs.transform((a) => a.text.replace(/\s+/g, " ").trim()),
  // Binding changes the room for everyone: only its animators (or administrators) may.
  accessFor: (name) => (name ? "animator" : undefined),
  run(ctx, name) {
    if (ctx.room.kind === "direct") throw new UserError("network-not-in-private");
    if (!name) return showNetwork(ctx);
    const [first, ...rest] = name.split(" ");
    if (first && LINK_WORDS.has(nameKey(first))) return linkRoom(ctx, rest.join(" "));
    const policy = first ? POLICY_WORDS.get(nameKey(first)) : undefined;
    if (policy) {
      if (ctx.room.networkId === null) return showNetwork(ctx);
      return policy(ctx, ctx.room.networkId, rest.join(" "));
    }
    if (first && SUMMARY_WORDS.has(nameKey(first))) {
      // A summary needs a network: an unbound room is told how to bind it first.
      if (ctx.room.networkId === null) return showNetwork(ctx);
      return setSummary(ctx, ctx.room.networkId, rest.join(" "));
    }
    if (name.length < NETWORK_NAME_LENGTH.min || name.length > NETWORK_NAME_LENGTH.max) {
      throw new UserError("network-name-length", NETWORK_NAME_LENGTH);
    }
    const existing = networkByName(ctx.db, name);
    if (existing && ctx.room.networkId === existing.id) {
      return here(message([paragraph(ctx.t("network-already", { name: existing.name }))]));
    }
    // Joining a network that has rooms takes a code from one of its animators.
    if (existing && ctx.role !== "admin" && roomsOfNetwork(ctx.db, existing.id).length > 0) {
      throw new UserError("network-exists-link", {
        name: existing.name,
        link: `${ctx.command("network")} ${ctx.t("network-link-word")}`,
      });
    }
    const existed = existing !== undefined;
    const network = existing ?? findOrCreateNetwork(ctx.db, name, ctx.now);
    bindRoomToNetwork(ctx.db, ctx.room.id, network.id);
    // The pipeline saw an unbound room: make this network theirs for commands typed in private.
    setMemberLastNetwork(ctx.db, ctx.member.id, network.id);
    // Whoever binds the room animates it (admins are known without it): tell them of requests and reports.
    if (ctx.role === "animator") markAnimator(ctx.db, network.id, ctx.member.id, ctx.now);
    ctx.audit({
      action: "room-bound",
      networkId: network.id,
      details: {
        room: ctx.room.platformRoomId,
        platform: ctx.room.platform,
        previous: ctx.room.networkId,
      },
    });
    return here(
      message([
        paragraph(ctx.t(existed ? "network-joined" : "network-created", { name: network.name })),
        paragraph(
          ctx.t("network-next", { offer: ctx.command("offer"), search: ctx.command("search") }),
        ),
      ]),
    );
  },
});

/** `/reseau adhesion validation|ouverte`: who may join the network. */
function setPolicy(ctx: CommandContext, networkId: number, typed: string): CommandResult {
  const word = nameKey(typed);
  const policy = VALIDATION_WORDS.has(word)
    ? "validation"
    : OPEN_WORDS.has(word)
      ? "open"
      : undefined;
  if (!policy) {
    throw new UserError("network-policy-word", {
      example: `${ctx.command("network")} ${POLICY_EXAMPLE[ctx.locale]}`,
    });
  }
  setJoinPolicy(ctx.db, networkId, policy);
  const kept = policy === "validation" ? approveCurrentMembers(ctx.db, networkId, ctx.now) : 0;
  ctx.audit({ action: "network-policy", networkId, details: { policy, approved: kept } });
  return here(
    message([
      paragraph(
        ctx.t(`network-policy-set-${policy}`, { count: kept, requests: ctx.command("requests") }),
      ),
    ]),
  );
}

/** `/reseau questions <texte>` (or `non`): what people who ask to join are asked. */
function setQuestions(ctx: CommandContext, networkId: number, typed: string): CommandResult {
  const off = ctx.catalog.lookup("answers", typed || "-", ctx.locale);
  const questions = off.found && off.id === "no" ? null : typed.trim();
  if (questions !== null && (questions.length < 3 || questions.length > MAX_QUESTIONS))
    throw new UserError("network-questions-length", { min: 3, max: MAX_QUESTIONS });
  setJoinQuestions(ctx.db, networkId, questions);
  ctx.audit({ action: "network-questions", networkId, details: { questions } });
  return here(
    message([
      paragraph(
        questions ? ctx.t("network-questions-set", { questions }) : ctx.t("network-questions-off"),
      ),
    ]),
  );
}

/** Longest text of a network's questions. */
const MAX_QUESTIONS = 500;
const VALIDATION_WORDS = new Set(["validation", "valider", "fermee", "closed", "approval"]);
const OPEN_WORDS = new Set(["ouverte", "ouvert", "libre", "open"]);
const POLICY_EXAMPLE = { fr: "adhesion validation", en: "joining validation" } as const;
/** Sub-commands of `/reseau` about joining the network. */
const POLICY_WORDS = new Map<
  string,
  (ctx: CommandContext, networkId: number, rest: string) => CommandResult
>([
  ["adhesion", setPolicy],
  ["joining", setPolicy],
  ["policy", setPolicy],
  ["questions", setQuestions],
  ["moderation", moderation],
  ["moderated", moderation],
]);

/** `/reseau moderation oui|non` (commands/listing-review.ts). */
function moderation(ctx: CommandContext, networkId: number, typed: string): CommandResult {
  const network = networkById(ctx.db, networkId);
  if (!network) throw new Error(`network ${networkId} is missing`);
  return setModeration(ctx, network, typed);
}

/** The first word of `/reseau resume 18:00` (the network's daily summary of new listings). */
const SUMMARY_WORDS = new Set(["resume", "summary"]);

/** `/reseau resume 18:00` (or `non`): the daily summary of new listings, posted in the network's rooms. */
function setSummary(ctx: CommandContext, networkId: number, typed: string): CommandResult {
  const off = ctx.catalog.lookup("answers", typed || "-", ctx.locale);
  if (off.found && off.id === "no") {
    setNetworkSummary(ctx.db, networkId, null, null, lastListingId(ctx.db));
    ctx.audit({ action: "network-summary", networkId, details: { time: null } });
    return here(message([paragraph(ctx.t("network-summary-off"))]));
  }
  const time = parseClockTime(typed);
  if (!time) {
    throw new UserError("network-summary-time", {
      example: `${ctx.command("network")} ${SUMMARY_EXAMPLE[ctx.locale]}`,
    });
  }
  const next = nextDigestTime(
    { rhythm: "daily", time, weekday: 1 },
    ctx.now,
    ctx.settings.timeZone,
  );
  setNetworkSummary(ctx.db, networkId, time, next, lastListingId(ctx.db));
  ctx.audit({ action: "network-summary", networkId, details: { time } });
  return here(message([paragraph(ctx.t("network-summary-set", { time }))]));
}

const SUMMARY_EXAMPLE = { fr: "resume 18:00", en: "summary 18:00" } as const;

/** Deep-link payloads of `/start`, and what each begins. */
const START_ACTIONS = new Map<string, (ctx: CommandContext) => CommandResult>([
  ["offer", (ctx) => charterGate(ctx) ?? startPostFlow(ctx, { kind: "offer", quick: false })],
  ["need", (ctx) => charterGate(ctx) ?? startPostFlow(ctx, { kind: "need", quick: false })],
]);

/** `/start [action]` — the first message of a private chat, or a deep link from a group. */
export const startCommand = defineCommand({
  id: "start",
  names: { fr: ["start", "demarrer"], en: ["start"] },
  section: "account",
  access: "everyone",
  hidden: true,
  args: parsedArgs.transform((a) => a.words[0]?.toLowerCase()),
  run(ctx, action) {
    const begin = action ? START_ACTIONS.get(action) : undefined;
    if (begin) return begin(ctx);
    return here(
      message([
        paragraph(
          strong(
            ctx.t("start-welcome", {
              name: ctx.member.displayName,
              territory: ctx.settings.territoryName,
            }),
          ),
        ),
        paragraph(
          ctx.t("start-next", {
            offer: ctx.command("offer"),
            need: ctx.command("need"),
            search: ctx.command("search"),
            help: ctx.command("help"),
          }),
        ),
      ]),
    );
  },
});
