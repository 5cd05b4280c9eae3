/**
 * Broadcasts, once confirmed: the message queued for every room of the network (every
 * network, from a territory administrator) on every platform, pinned when asked, and sent
 * privately to the members who subscribed; then, once every delivery has settled, a report to
 * its author (rooms reached, failures and why, pins, members reached).
 *
 * Exactly once: queuing, the record of each delivery and the state change happen in one
 * transaction; the report is queued with a key and the broadcast marked sent in another.
 */
import { code, list, message, paragraph, strong, type Block, type RichText } from "./reply.js";
import type { Translator } from "./i18n.js";
import type { SummaryServices } from "./summaries.js";
import {
  broadcastSubscribers,
  deliveriesOf,
  dueBroadcasts,
  recordDelivery,
  sendingBroadcasts,
  setBroadcastState,
  type Broadcast,
  type DeliveryOutcome,
} from "../storage/broadcasts.js";
import { inTransaction, type Db } from "../storage/db.js";
import { memberById, type Member } from "../storage/members.js";
import {
  allNetworks,
  networkById,
  roomsOfNetwork,
  type Network,
  type Room,
} from "../storage/networks.js";
import { enqueueMessage } from "../storage/outbox.js";

/** Where a broadcast goes. */
export interface BroadcastTargets {
  networks: Network[];
  rooms: Room[];
  /** The members who subscribed to it (private copies, when asked). */
  subscribers: Member[];
}

/** The networks, group rooms and subscribers a broadcast reaches. */
export function broadcastTargets(
  db: Db,
  broadcast: Pick<Broadcast, "networkId">,
): BroadcastTargets {
  const networks =
    broadcast.networkId === null
      ? allNetworks(db)
      : [networkById(db, broadcast.networkId)].filter((n): n is Network => n !== undefined);
  const rooms = networks.flatMap((n) => roomsOfNetwork(db, n.id).filter((r) => r.kind === "group"));
  const subscribers = broadcastSubscribers(
    db,
    networks.map((n) => n.id),
  );
  return { networks, rooms, subscribers };
}

/** The name a broadcast is signed with: the network's, or the territory's. */
export function senderName(targets: BroadcastTargets, territoryName: string): string {
  return targets.networks.length === 1 && targets.networks[0]
    ? targets.networks[0].name
    : territoryName;
}

/** The message as members read it: who speaks, then the animator's text as typed. */
export function broadcastMessage(
  t: Translator,
  broadcast: Pick<Broadcast, "text">,
  from: { network: string; author: string },
): RichText {
  const paragraphs = broadcast.text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  return message([
    paragraph(strong(t("broadcast-heading", from))),
    ...paragraphs.map((p) => paragraph(p)),
  ]);
}

/** What queuing a broadcast needs (from a command's context, or from the jobs' services). */
export interface BroadcastSender {
  db: Db;
  territoryName: string;
  /** Rooms are written to in the territory's language. */
  roomTranslator: Translator;
  /** Queues a private message in the member's language; returns its outbox id. */
  queueToMember(
    memberId: number,
    build: (t: Translator) => RichText,
    dedupeKey: string,
  ): number | undefined;
}

/** Queues a confirmed broadcast for every room and subscriber; returns how many messages were queued. */
export function startBroadcast(sender: BroadcastSender, broadcast: Broadcast, now: number): number {
  const { db } = sender;
  return inTransaction(db, () => {
    const targets = broadcastTargets(db, broadcast);
    const author = memberById(db, broadcast.authorId)?.displayName ?? "?";
    const from = { network: senderName(targets, sender.territoryName), author };
    let queued = 0;
    for (const room of targets.rooms) {
      const outboxId = enqueueMessage(
        db,
        { kind: "room", platform: room.platform, roomId: room.platformRoomId },
        {
          text: broadcastMessage(sender.roomTranslator, broadcast, from),
          ...(broadcast.pin ? { pin: true } : {}),
        },
        now,
        `broadcast:${broadcast.id}:room:${room.id}`,
      );
      if (outboxId === undefined) continue;
      recordDelivery(db, { broadcastId: broadcast.id, outboxId, roomId: room.id });
      queued++;
    }
    if (broadcast.toMembers) {
      for (const member of targets.subscribers) {
        if (member.id === broadcast.authorId) continue;
        const outboxId = sender.queueToMember(
          member.id,
          (t) => broadcastMessage(t, broadcast, from),
          `broadcast:${broadcast.id}:member:${member.id}`,
        );
        if (outboxId === undefined) continue;
        recordDelivery(db, { broadcastId: broadcast.id, outboxId, memberId: member.id });
        queued++;
      }
    }
    setBroadcastState(db, broadcast.id, "sending", { startedAt: now });
    return queued;
  });
}

/** What the broadcast jobs work with. */
export type BroadcastServices = SummaryServices;

/** A sender for the jobs. */
function jobSender(services: BroadcastServices, now: number): BroadcastSender {
  return {
    db: services.db,
    territoryName: services.territoryName,
    roomTranslator: services.i18n.translator(services.defaultLocale),
    queueToMember: (memberId, build, key) =>
      services.notifier.queueToMember(memberId, (t) => build(t), now, key),
  };
}

/** Starts the scheduled broadcasts whose time has come; returns how many messages were queued. */
export function runDueBroadcasts(services: BroadcastServices, now: number): number {
  let queued = 0;
  for (const broadcast of dueBroadcasts(services.db, now)) {
    queued += startBroadcast(jobSender(services, now), broadcast, now);
  }
  return queued;
}

/** A delivery is settled when it was sent, failed for good, or waits for an unreachable person. */
const settled = (d: DeliveryOutcome) =>
  d.state === "sent" || d.state === "failed" || d.state === "held";

/** Sends their report to the authors of broadcasts whose deliveries have all settled. */
export function reportBroadcasts(services: BroadcastServices, now: number): number {
  const { db, notifier } = services;
  let reported = 0;
  for (const broadcast of sendingBroadcasts(db)) {
    const deliveries = deliveriesOf(db, broadcast.id);
    if (!deliveries.every(settled)) continue;
    inTransaction(db, () => {
      notifier.toMember(
        broadcast.authorId,
        (t) => message(reportBlocks(t, broadcast, deliveries)),
        now,
        `broadcast-report:${broadcast.id}`,
      );
      setBroadcastState(db, broadcast.id, "sent", { reportedAt: now });
    });
    reported++;
  }
  return reported;
}

/** A room as the report names it: "Réseau Tarbes (telegram)". */
function roomName(d: DeliveryOutcome): string {
  return `${d.roomTitle ?? "?"} (${d.platform})`;
}

/** Why a delivery failed, for the report: the platform's own words, shortened. */
function failure(t: Translator, d: DeliveryOutcome): string {
  if (d.state === "held") return t("broadcast-report-unreachable");
  return (d.lastError ?? "?").slice(0, 160);
}

/** The report: rooms reached, failures and why, pins, members reached. */
function reportBlocks(t: Translator, broadcast: Broadcast, deliveries: DeliveryOutcome[]): Block[] {
  const rooms = deliveries.filter((d) => d.roomId !== null || d.memberId === null);
  const members = deliveries.filter((d) => d.memberId !== null);
  const roomsReached = rooms.filter((d) => d.state === "sent");
  const blocks: Block[] = [
    paragraph(strong(t("broadcast-report-heading", { id: broadcast.id }))),
    paragraph(t("broadcast-report-rooms", { reached: roomsReached.length, total: rooms.length })),
  ];
  const failed = rooms.filter((d) => d.state !== "sent");
  if (failed.length > 0) {
    blocks.push(
      paragraph(t("broadcast-report-failures")),
      list(failed.map((d) => [roomName(d), " — ", code(failure(t, d))])),
    );
  }
  if (broadcast.pin) {
    const pinned = roomsReached.filter((d) => d.note === "pinned");
    blocks.push(
      paragraph(
        t("broadcast-report-pinned", { pinned: pinned.length, total: roomsReached.length }),
      ),
    );
    const notPinned = roomsReached.filter((d) => d.note !== "pinned");
    if (notPinned.length > 0) {
      blocks.push(
        list(
          notPinned.map((d) => [
            roomName(d),
            " — ",
            code((d.note ?? "").replace(/^pin-failed: /, "").slice(0, 160)),
          ]),
        ),
      );
    }
  }
  if (broadcast.toMembers) {
    const reached = members.filter((d) => d.state === "sent").length;
    const unreachable = members.filter((d) => d.state === "held").length;
    blocks.push(
      paragraph(t("broadcast-report-members", { reached, total: members.length, unreachable })),
    );
  }
  return blocks;
}
