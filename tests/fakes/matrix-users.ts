/**
 * The test's side of the fake homeserver: people create rooms, invite the bot, join, leave, kick,
 * write messages and change power levels. Each action appends the events a homeserver would and
 * wakes pending /syncs. A helper used the wrong way (a stranger writing in a room, a join without
 * an invitation) throws: a mistake in a test fails loudly.
 */
import { pollResponseContent } from "./matrix-polls.js";
import {
  escapeHtml,
  isObject,
  localpart,
  mention,
  type Content,
  type Membership,
} from "./matrix-types.js";
import { defaultPowerLevels, MatrixWorld } from "./matrix-world.js";

/** Options of createRoom (a room made by a user, which the bot is not in unless listed). */
export interface CreateRoomOptions {
  creator: string;
  name?: string;
  topic?: string;
  /** Adds m.room.encryption (megolm). */
  encrypted?: boolean;
  /** Users joined right after the creator (the bot may be one). */
  members?: string[];
  /** Power levels besides the creator's 100. */
  powerLevels?: Record<string, number>;
  /** Invitations to the bot default to is_direct. */
  isDirect?: boolean;
  /** join_rules public: anyone may join without an invitation. */
  public?: boolean;
  /** A canonical alias, e.g. `#vallee:example.org`. */
  alias?: string;
}

/** Options of sendMessage. */
export interface SendMessageOptions {
  /** HTML formatted_body (format org.matrix.custom.html). */
  formatted?: string;
  msgtype?: string;
  /** m.relates_to content, e.g. `{ "m.in_reply_to": { event_id } }`. */
  relatesTo?: Content;
  /** User ids for m.mentions. */
  mentions?: string[];
  /** More content fields. */
  extra?: Content;
}

/** MatrixWorld plus what people do. */
export class MatrixUsers extends MatrixWorld {
  /** Creates a room as `creator` (with its state events); returns the room id. */
  createRoom(options: CreateRoomOptions): string {
    const { creator } = options;
    const room = this.newRoom(options.isDirect ?? false);
    const state = (type: string, content: Content, stateKey = ""): void => {
      this.append(room.id, { type, sender: creator, content, state_key: stateKey });
    };
    state("m.room.create", { creator, room_version: "10" });
    state("m.room.member", { membership: "join", displayname: localpart(creator) }, creator);
    state("m.room.power_levels", defaultPowerLevels({ [creator]: 100, ...options.powerLevels }));
    state("m.room.join_rules", { join_rule: options.public ? "public" : "invite" });
    state("m.room.history_visibility", { history_visibility: "shared" });
    if (options.alias) state("m.room.canonical_alias", { alias: options.alias });
    if (options.name !== undefined) state("m.room.name", { name: options.name });
    if (options.topic !== undefined) state("m.room.topic", { topic: options.topic });
    if (options.encrypted) state("m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2" });
    for (const member of options.members ?? [])
      if (member !== creator) this.memberEvent(room.id, member, member, "join");
    return room.id;
  }

  /** `inviter` invites `invitee` (the bot by default); returns the invite event id. */
  invite(
    roomId: string,
    inviter: string,
    invitee = this.botUserId,
    options: { isDirect?: boolean } = {},
  ): string {
    this.mustBeJoined(roomId, inviter);
    const now = this.membership(roomId, invitee);
    if (now === "join" || now === "ban")
      throw new Error(`fake homeserver: cannot invite ${invitee} to ${roomId}: membership ${now}`);
    const isDirect = options.isDirect ?? this.room(roomId).isDirect;
    return this.memberEvent(
      roomId,
      inviter,
      invitee,
      "invite",
      isDirect ? { is_direct: true } : {},
    );
  }

  /** `userId` joins (needs an invitation unless the room is public); returns the event id. */
  join(roomId: string, userId: string): string {
    const now = this.membership(roomId, userId);
    const isPublic = this.stateEvent(roomId, "m.room.join_rules")?.content.join_rule === "public";
    if (now === "join" || now === "ban" || (now !== "invite" && !isPublic))
      throw new Error(
        `fake homeserver: ${userId} cannot join ${roomId} (membership ${now ?? "none"}, not public)`,
      );
    return this.memberEvent(roomId, userId, userId, "join");
  }

  /** `userId` leaves (or declines an invitation); returns the event id. */
  leave(roomId: string, userId: string): string {
    const now = this.membership(roomId, userId);
    if (now !== "join" && now !== "invite")
      throw new Error(`fake homeserver: ${userId} cannot leave ${roomId} (membership ${now})`);
    return this.memberEvent(roomId, userId, userId, "leave");
  }

  /** `by` kicks `userId` out of the room; returns the event id. */
  kick(roomId: string, by: string, userId: string, reason?: string): string {
    return this.moderate(roomId, by, userId, "kick", reason);
  }

  /** `by` bans `userId`; returns the event id. */
  ban(roomId: string, by: string, userId: string, reason?: string): string {
    return this.moderate(roomId, by, userId, "ban", reason);
  }

  /** `sender` writes a m.room.message; returns its event id. */
  sendMessage(
    roomId: string,
    sender: string,
    body: string,
    options: SendMessageOptions = {},
  ): string {
    const content: Content = { msgtype: options.msgtype ?? "m.text", body };
    if (options.formatted !== undefined) {
      content.format = "org.matrix.custom.html";
      content.formatted_body = options.formatted;
    }
    if (options.relatesTo) content["m.relates_to"] = options.relatesTo;
    if (options.mentions) content["m.mentions"] = { user_ids: options.mentions };
    return this.sendEvent(roomId, sender, "m.room.message", { ...content, ...options.extra });
  }

  /**
   * `sender` addresses `userId` (the bot by default) as Element does with a pill:
   * body `soliterr: text`, a matrix.to link in formatted_body, and m.mentions.
   */
  sendMention(roomId: string, sender: string, text: string, userId = this.botUserId): string {
    const name = this.stateEvent(roomId, "m.room.member", userId)?.content.displayname;
    const pill = mention(userId, typeof name === "string" ? name : localpart(userId));
    return this.sendMessage(roomId, sender, `${pill.body}: ${text}`, {
      formatted: `${pill.html}: ${escapeHtml(text)}`,
      mentions: [userId],
    });
  }

  /** `sender` writes in an encrypted room: a m.room.encrypted event nobody here can decrypt. */
  sendEncrypted(roomId: string, sender: string): string {
    return this.sendEvent(roomId, sender, "m.room.encrypted", {
      algorithm: "m.megolm.v1.aes-sha2",
      ciphertext: "AwgAEnB0ZXN0LWNpcGhlcnRleHQtdGhhdC1ub2JvZHktY2FuLXJlYWQ",
      device_id: `${localpart(sender).toUpperCase()}DEVICE`,
      sender_key: "FakeCurve25519SenderKeyForTestsOnly0000000",
      session_id: "FakeMegolmSessionIdForTestsOnly000000000000",
    });
  }

  /** Sends a new m.room.power_levels giving `userId` `level`; returns the event id. */
  setPowerLevel(roomId: string, userId: string, level: number, by = this.creator(roomId)): string {
    const content = structuredClone(this.powerLevels(roomId));
    content.users = { ...(isObject(content.users) ? content.users : {}), [userId]: level };
    return this.append(roomId, {
      type: "m.room.power_levels",
      sender: by,
      content,
      state_key: "",
    }).event_id;
  }

  /** Sends a new m.room.power_levels with `ban`, `kick` and `redact` at `level`. */
  setModeratorLevel(roomId: string, level: number, by = this.creator(roomId)): string {
    const content = { ...this.powerLevels(roomId), ban: level, kick: level, redact: level };
    return this.append(roomId, {
      type: "m.room.power_levels",
      sender: by,
      content,
      state_key: "",
    }).event_id;
  }

  /** `sender` (who must be joined) sends any event, a state event when `stateKey` is given. */
  sendEvent(
    roomId: string,
    sender: string,
    type: string,
    content: Content,
    stateKey?: string,
  ): string {
    this.mustBeJoined(roomId, sender);
    const ev = {
      type,
      sender,
      content,
      ...(stateKey === undefined ? {} : { state_key: stateKey }),
    };
    return this.append(roomId, ev).event_id;
  }

  /**
   * `sender` votes in the poll started by `startEventId` (answer ids; none withdraws the
   * vote), as a client with polls sends it; returns the response's event id.
   */
  sendPollResponse(
    roomId: string,
    sender: string,
    startEventId: string,
    selections: string[],
  ): string {
    if (this.findEvent(roomId, startEventId)?.type !== "m.poll.start")
      throw new Error(`fake homeserver: no poll ${startEventId} in ${roomId}`);
    return this.sendEvent(
      roomId,
      sender,
      "m.poll.response",
      pollResponseContent(startEventId, selections),
    );
  }

  /** Sets a user's account data (global, or for a room), e.g. the bot's m.direct. */
  setAccountData(userId: string, type: string, content: Content, roomId?: string): void {
    this.putAccountData(userId, type, content, roomId);
  }

  /** The sender of the room's m.room.create. */
  creator(roomId: string): string {
    return this.stateEvent(roomId, "m.room.create")?.sender ?? this.botUserId;
  }

  /** Appends a m.room.member event; returns its id. */
  protected memberEvent(
    roomId: string,
    sender: string,
    target: string,
    membership: Membership,
    extra: Content = {},
  ): string {
    const content: Content = { membership, ...extra };
    if (membership === "join" || membership === "invite") content.displayname = localpart(target);
    return this.append(roomId, { type: "m.room.member", sender, content, state_key: target })
      .event_id;
  }

  private moderate(
    roomId: string,
    by: string,
    userId: string,
    action: "kick" | "ban",
    reason?: string,
  ): string {
    this.mustBeJoined(roomId, by);
    const mine = this.powerLevel(roomId, by);
    if (mine < this.requiredLevel(roomId, action, false) || mine <= this.powerLevel(roomId, userId))
      throw new Error(`fake homeserver: ${by} may not ${action} ${userId} in ${roomId}`);
    const now = this.membership(roomId, userId);
    if (action === "kick" && now !== "join" && now !== "invite")
      throw new Error(`fake homeserver: cannot kick ${userId}: membership ${now}`);
    const membership = action === "kick" ? "leave" : "ban";
    return this.memberEvent(roomId, by, userId, membership, reason ? { reason } : {});
  }

  private mustBeJoined(roomId: string, userId: string): void {
    const now = this.membership(roomId, userId);
    if (now !== "join")
      throw new Error(`fake homeserver: ${userId} is not joined to ${roomId} (${now ?? "none"})`);
  }
}
