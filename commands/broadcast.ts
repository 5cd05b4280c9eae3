/**
 * Broadcasts: `/diffuser [le 2026-12-01 09:00] <message>` — an animator speaks to every room
 * of their network at once (a territory administrator, with `partout`, to every network).
 * The message is first shown in private with its options (pin it, send it also to the
 * members who subscribed) and confirm or cancel buttons; `/diffusions` lists the scheduled
 * and recent ones; `/abonner` and `/desabonner` let a member receive them in private.
 * Sending and the delivery report: bot/broadcasts.ts.
 */
import { assertNotMuted } from "./mute.js";
import { refusal, UserError } from "../bot/errors.js";
import {
  broadcastMessage,
  broadcastTargets,
  senderName,
  startBroadcast,
  type BroadcastTargets,
} from "../bot/broadcasts.js";
import { list, message, paragraph, strong, type Block, type Button } from "../bot/reply.js";
import { calendarDate, parseClockTime, wallClockTime } from "../bot/time.js";
import {
  broadcastById,
  countConfirmedBroadcasts,
  createBroadcast,
  listBroadcasts,
  setBroadcastOptions,
  setBroadcastState,
  subscribeToBroadcasts,
  unsubscribeFromBroadcasts,
  type Broadcast,
} from "../storage/broadcasts.js";
import { networkById } from "../storage/networks.js";
import { parsedArgs } from "./args.js";
import { defineCommand, here, inPrivate, type CommandContext, type Reply } from "./types.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Longest broadcast: it must fit in one Telegram message with its heading. */
export const MAX_BROADCAST_LENGTH = 3_500;
/** How far ahead a broadcast may be scheduled. */
const MAX_SCHEDULE_DAYS = 365;
/** Broadcasts shown by `/diffusions`. */
const LISTED = 15;

/** A date as typed: `2026-12-01`, `01/12/2026`, `1/12` (the next such day). */
function readDate(ctx: CommandContext, typed: string): [number, number, number] | undefined {
  let m: RegExpExecArray | null;
  let date: [number, number, number] | undefined;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed))) {
    date = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?$/.exec(typed))) {
    const [year] = calendarDate(ctx.now, ctx.settings.timeZone);
    date = [m[3] ? Number(m[3]) : year, Number(m[2]), Number(m[1])];
    if (!m[3] && wallClockTime(...date, 23, 59, 0, ctx.settings.timeZone) < ctx.now) {
      date = [date[0] + 1, date[1], date[2]];
    }
  }
  if (!date) return undefined;
  const check = new Date(Date.UTC(date[0], date[1] - 1, date[2]));
  return check.getUTCMonth() === date[1] - 1 && check.getUTCDate() === date[2] ? date : undefined;
}

/** What `/diffuser` was given. */
interface BroadcastRequest {
  everywhere: boolean;
  scheduledAt: number | null;
  text: string;
}

/** Reads `[partout] [le <date> <heure>] <message>` from the text as typed (line breaks kept). */
function readRequest(ctx: CommandContext, raw: string): BroadcastRequest {
  let rest = raw.trim();
  const skip = (words: number) => {
    for (let i = 0; i < words; i++) rest = rest.replace(/^\S+\s*/, "");
  };
  const startsWith = (id: "everywhere" | "on") => {
    const found = ctx.catalog.lookup("broadcastWords", /^\S+/.exec(rest)?.[0] ?? "", ctx.locale);
    return found.found && found.id === id;
  };
  const everywhere = startsWith("everywhere");
  if (everywhere) skip(1);
  let scheduledAt: number | null = null;
  // "le 01/12/2026 09:00 …" schedules it; "le marché de Noël …" is just the message.
  const [, dateWord = "", timeWord = ""] = rest.split(/\s+/);
  const date = startsWith("on") ? readDate(ctx, dateWord) : undefined;
  if (date) {
    const time = parseClockTime(timeWord);
    if (!time) {
      throw new UserError("broadcast-time-missing", {
        example: ctx.command("broadcast", ctx.t("broadcast-example-scheduled")),
      });
    }
    const [hour = 0, minute = 0] = time.split(":").map(Number);
    scheduledAt = wallClockTime(...date, hour, minute, 0, ctx.settings.timeZone);
    if (scheduledAt <= ctx.now + MINUTE) {
      throw new UserError("broadcast-time-past", { date: new Date(scheduledAt) });
    }
    if (scheduledAt > ctx.now + MAX_SCHEDULE_DAYS * DAY) {
      throw new UserError("broadcast-time-too-far", { days: MAX_SCHEDULE_DAYS });
    }
    skip(3);
  }
  const text = rest.trim();
  if (text.length < 3) {
    throw new UserError("broadcast-text-missing", {
      example: ctx.command("broadcast", ctx.t("broadcast-example")),
    });
  }
  if (text.length > MAX_BROADCAST_LENGTH) {
    throw new UserError("broadcast-text-too-long", {
      max: MAX_BROADCAST_LENGTH,
      length: text.length,
    });
  }
  return { everywhere, scheduledAt, text };
}

/** "3 salons (telegram 2, matrix 1)". */
function roomsSummary(ctx: CommandContext, targets: BroadcastTargets): string {
  const byPlatform = new Map<string, number>();
  for (const room of targets.rooms) {
    byPlatform.set(room.platform, (byPlatform.get(room.platform) ?? 0) + 1);
  }
  return ctx.t("broadcast-rooms", {
    count: targets.rooms.length,
    platforms: [...byPlatform]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([platform, n]) => `${platform} ${n}`)
      .join(", "),
  });
}

/** The word of an action in `/diffusions <action> <n>`, in the person's language. */
function actionWord(ctx: CommandContext, id: string): string {
  return ctx.catalog.word("broadcastWords", id, ctx.locale);
}

/** The preview of a draft, with its options and the confirm and cancel buttons. */
function preview(ctx: CommandContext, broadcast: Broadcast): Reply {
  const targets = broadcastTargets(ctx.db, broadcast);
  const from = {
    network: senderName(targets, ctx.settings.territoryName),
    author: ctx.member.displayName,
  };
  const where =
    broadcast.networkId === null
      ? ctx.t("broadcast-everywhere", { count: targets.networks.length })
      : ctx.t("broadcast-network", { network: from.network });
  const blocks: Block[] = [
    paragraph(strong(ctx.t("broadcast-preview-heading", { id: broadcast.id }))),
    paragraph(
      ctx.t("broadcast-preview-targets", {
        where,
        rooms: roomsSummary(ctx, targets),
        subscribers: targets.subscribers.length,
      }),
    ),
  ];
  if (broadcast.scheduledAt !== null) {
    blocks.push(
      paragraph(ctx.t("broadcast-preview-scheduled", { date: new Date(broadcast.scheduledAt) })),
    );
  }
  blocks.push(
    paragraph(ctx.t("broadcast-preview-below")),
    ...broadcastMessage(ctx.t, broadcast, from).blocks,
    paragraph(
      ctx.t("broadcast-preview-options", {
        pin: broadcast.pin ? "yes" : "no",
        members: broadcast.toMembers ? "yes" : "no",
      }),
    ),
  );
  const act = (id: string) => ctx.command("broadcasts", actionWord(ctx, id), broadcast.id);
  const buttons: Button[][] = [
    [
      {
        label: ctx.t(
          broadcast.scheduledAt === null ? "button-broadcast-send" : "button-broadcast-schedule",
        ),
        command: act("send"),
      },
      { label: ctx.t("button-broadcast-cancel"), command: act("cancel") },
    ],
    [
      {
        label: ctx.t("button-broadcast-pin", { pin: broadcast.pin ? "yes" : "no" }),
        command: act("pin"),
      },
      {
        label: ctx.t("button-broadcast-members", { members: broadcast.toMembers ? "yes" : "no" }),
        command: act("members"),
      },
    ],
  ];
  const reply = inPrivate(message(blocks, buttons));
  // A toggle pressed on the preview shows the new options in its place.
  return ctx.fromButton && ctx.room.kind === "direct" ? { ...reply, replaceSource: true } : reply;
}

/** Refuses when the animator reached the day's number of broadcasts. */
function checkDailyLimit(ctx: CommandContext): void {
  const limit = ctx.settings.broadcastsPerDay;
  if (countConfirmedBroadcasts(ctx.db, ctx.member.id, ctx.now - DAY) >= limit) {
    throw new UserError("broadcast-limit", { limit });
  }
}

/** `/diffuser [partout] [le <date> <heure>] <message>` — prepares a broadcast and shows its preview. */
export const broadcastCommand = defineCommand({
  id: "broadcast",
  names: { fr: ["diffuser"], en: ["broadcast"] },
  section: "moderate",
  access: "animator",
  args: parsedArgs,
  run(ctx, args) {
    const request = readRequest(ctx, args.raw);
    if (request.everywhere && ctx.role !== "admin") {
      throw new UserError("broadcast-everywhere-admin");
    }
    const networkId = request.everywhere ? null : ctx.room.networkId;
    if (!request.everywhere && (networkId === null || ctx.room.kind !== "group")) {
      throw new UserError("broadcast-no-network", {
        network: ctx.command("network", ctx.t("network-name-placeholder")),
      });
    }
    checkDailyLimit(ctx);
    assertNotMuted(ctx, networkId);
    const targets = broadcastTargets(ctx.db, { networkId });
    if (targets.rooms.length === 0) throw new UserError("broadcast-no-rooms");
    const draft = createBroadcast(
      ctx.db,
      { networkId, authorId: ctx.member.id, text: request.text, scheduledAt: request.scheduledAt },
      ctx.now,
    );
    return preview(ctx, draft);
  },
});

/** The broadcast numbered `typed`, if the person may act on it (its author, or an administrator). */
function ownBroadcast(ctx: CommandContext, typed: string | undefined): Broadcast {
  const id = Number((typed ?? "").replace(/^#|^n°/i, ""));
  const broadcast = Number.isInteger(id) && id > 0 ? broadcastById(ctx.db, id) : undefined;
  if (!broadcast) {
    throw new UserError("broadcast-unknown", {
      typed: (typed ?? "").slice(0, 20),
      list: ctx.command("broadcasts"),
    });
  }
  if (broadcast.authorId !== ctx.member.id && ctx.role !== "admin") {
    throw refusal(
      "broadcast-not-yours",
      { id: broadcast.id },
      {
        networkId: broadcast.networkId,
        details: { command: "broadcasts", broadcast: broadcast.id, role: ctx.role },
      },
    );
  }
  return broadcast;
}

/** Confirms a draft: schedules it, or queues it at once. */
function confirm(ctx: CommandContext, broadcast: Broadcast): Reply {
  if (broadcast.state !== "draft")
    throw new UserError(`broadcast-already-${broadcast.state}`, { id: broadcast.id });
  checkDailyLimit(ctx);
  const targets = broadcastTargets(ctx.db, broadcast);
  if (targets.rooms.length === 0) throw new UserError("broadcast-no-rooms");
  const details = {
    broadcast: broadcast.id,
    rooms: targets.rooms.length,
    pin: broadcast.pin,
    toMembers: broadcast.toMembers,
  };
  if (broadcast.scheduledAt !== null && broadcast.scheduledAt > ctx.now) {
    setBroadcastState(ctx.db, broadcast.id, "scheduled");
    ctx.audit({
      action: "broadcast-scheduled",
      networkId: broadcast.networkId,
      details: { ...details, at: broadcast.scheduledAt },
    });
    return here(
      message([
        paragraph(
          ctx.t("broadcast-scheduled", {
            id: broadcast.id,
            date: new Date(broadcast.scheduledAt),
            cancel: ctx.command("broadcasts", actionWord(ctx, "cancel"), broadcast.id),
          }),
        ),
      ]),
    );
  }
  const queued = startBroadcast(
    {
      db: ctx.db,
      territoryName: ctx.settings.territoryName,
      roomTranslator: ctx.translator(ctx.settings.defaultLocale),
      queueToMember: (memberId, build, key) => ctx.notifyMember(memberId, build, key),
    },
    broadcast,
    ctx.now,
  );
  ctx.audit({ action: "broadcast-sent", networkId: broadcast.networkId, details });
  return here(
    message([
      paragraph(
        ctx.t("broadcast-sent", {
          id: broadcast.id,
          rooms: targets.rooms.length,
          members: queued - targets.rooms.length,
        }),
      ),
    ]),
  );
}

/** Cancels a draft or a scheduled broadcast. */
function cancel(ctx: CommandContext, broadcast: Broadcast): Reply {
  if (broadcast.state !== "draft" && broadcast.state !== "scheduled") {
    throw new UserError(`broadcast-already-${broadcast.state}`, { id: broadcast.id });
  }
  setBroadcastState(ctx.db, broadcast.id, "cancelled");
  if (broadcast.state === "scheduled") {
    ctx.audit({
      action: "broadcast-cancelled",
      networkId: broadcast.networkId,
      details: { broadcast: broadcast.id, at: broadcast.scheduledAt },
    });
  }
  return here(message([paragraph(ctx.t("broadcast-cancelled", { id: broadcast.id }))]));
}

/** One line of `/diffusions`. */
function listLine(ctx: CommandContext, broadcast: Broadcast): string {
  const network =
    broadcast.networkId === null
      ? ctx.t("broadcast-all-networks")
      : (networkById(ctx.db, broadcast.networkId)?.name ?? "?");
  const excerpt = broadcast.text.replace(/\s+/g, " ").slice(0, 60);
  return ctx.t("broadcast-line", {
    id: broadcast.id,
    state: broadcast.state,
    date: new Date(broadcast.scheduledAt ?? broadcast.startedAt ?? broadcast.createdAt),
    network,
    excerpt: broadcast.text.length > 60 ? `${excerpt}…` : excerpt,
  });
}

/** `/diffusions` — lists broadcasts; `/diffusions envoyer|annuler|epingler|membres <n°>` acts on one. */
export const broadcastsCommand = defineCommand({
  id: "broadcasts",
  names: { fr: ["diffusions"], en: ["broadcasts"] },
  section: "moderate",
  // The preview's buttons are pressed in private, where nobody is an animator: who may act
  // on a broadcast is checked on the broadcast itself (its author, or an administrator).
  access: "everyone",
  args: parsedArgs,
  run(ctx, args) {
    const [first, second] = args.words;
    if (first !== undefined) {
      const action = ctx.catalog.lookup("broadcastWords", first, ctx.locale);
      const known = action.found ? action.id : undefined;
      if (known === "send" || known === "cancel" || known === "pin" || known === "members") {
        const broadcast = ownBroadcast(ctx, second);
        if (known === "send") return confirm(ctx, broadcast);
        if (known === "cancel") return cancel(ctx, broadcast);
        if (broadcast.state !== "draft") {
          throw new UserError(`broadcast-already-${broadcast.state}`, { id: broadcast.id });
        }
        const changed = setBroadcastOptions(
          ctx.db,
          broadcast.id,
          known === "pin" ? { pin: !broadcast.pin } : { toMembers: !broadcast.toMembers },
        );
        return preview(ctx, changed);
      }
      throw new UserError("broadcast-action-unknown", {
        typed: first.slice(0, 20),
        example: ctx.command("broadcasts", actionWord(ctx, "cancel"), 3),
      });
    }
    const shown = listBroadcasts(ctx.db, ctx.role === "admin" ? null : ctx.member.id, LISTED);
    if (shown.length === 0) {
      return inPrivate(
        message([paragraph(ctx.t("broadcasts-none", { broadcast: ctx.command("broadcast") }))]),
      );
    }
    const scheduled = shown.find((b) => b.state === "scheduled");
    return inPrivate(
      message([
        paragraph(strong(ctx.t("broadcasts-heading"))),
        list(shown.map((b) => [listLine(ctx, b)])),
        ...(scheduled
          ? [
              paragraph(
                ctx.t("broadcasts-cancel-hint", {
                  cancel: ctx.command("broadcasts", actionWord(ctx, "cancel"), scheduled.id),
                }),
              ),
            ]
          : []),
      ]),
    );
  },
});

/** The network a subscription is about: the room's, or the last one the member wrote in. */
function subscriptionNetwork(ctx: CommandContext): number {
  const networkId = ctx.room.networkId ?? ctx.member.lastNetworkId;
  if (networkId === null) throw new UserError("subscribe-no-network");
  return networkId;
}

/** `/abonner` or `/desabonner`: receive the network's broadcasts in private, or stop. */
function subscription(subscribe: boolean) {
  return defineCommand({
    id: subscribe ? "subscribe" : "unsubscribe",
    names: subscribe
      ? { fr: ["abonner", "sabonner"], en: ["subscribe"] }
      : { fr: ["desabonner", "sedesabonner"], en: ["unsubscribe"] },
    section: "account",
    access: "everyone",
    args: parsedArgs,
    run(ctx) {
      const networkId = subscriptionNetwork(ctx);
      const network = networkById(ctx.db, networkId)?.name ?? "?";
      const changed = subscribe
        ? subscribeToBroadcasts(ctx.db, ctx.member.id, networkId, ctx.now)
        : unsubscribeFromBroadcasts(ctx.db, ctx.member.id, networkId);
      const key = `${subscribe ? "subscribed" : "unsubscribed"}${changed ? "" : "-already"}`;
      const args = { network, stop: ctx.command("unsubscribe"), start: ctx.command("subscribe") };
      return inPrivate(message([paragraph(ctx.t(key, args))]));
    },
  });
}

/** `/abonner` — also receive the network's broadcasts in private. */
export const subscribeCommand = subscription(true);

/** `/desabonner` — stop receiving the network's broadcasts in private. */
export const unsubscribeCommand = subscription(false);
