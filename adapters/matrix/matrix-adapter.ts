/**
 * The Matrix adapter (matrix-bot-sdk): a network's Matrix room is its community space, and a
 * direct room with each member carries personal matters.
 *
 * Events are handled one at a time, in order, and the sync token is stored only once every
 * event of a sync is committed; the pipeline de-duplicates by event id, so a restart neither
 * loses an event nor answers one twice. The history of a room the bot joins is not treated
 * as commands.
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { ICryptoStorageProvider, MatrixClient } from "matrix-bot-sdk";
import type { Logger } from "../../bot/logger.js";
import { plainText } from "../../bot/reply.js";
import {
  HealthTracker,
  type Adapter,
  type AdapterState,
  type ConnectionHealth,
  type Destination,
  type Inbound,
  type InboundHandler,
  type InboundVote,
  type OutgoingMessage,
  type PlatformRole,
  type RoomEventHandler,
  type RoomRef,
} from "../types.js";
import { deliveryError, isBadToken } from "./errors.js";
import {
  inviterAllowed,
  messageText,
  moderatorLevel,
  powerLevelOf,
  serverOf,
  type BotIdentity,
} from "./events.js";
import { pollEndContent, pollResponseOf, pollStartContent, POLL_END, POLL_START } from "./polls.js";
import { renderMatrix } from "./render.js";
import { cryptoProblem, sdk } from "./sdk.js";
import { StateStorageProvider } from "./storage.js";

/** The platform name of Matrix members and rooms. */
export const MATRIX = "matrix";

/** Key of the room creation content naming the person a private room was created for. */
const DIRECT_MARK = "org.soliterr.direct_for";

/** Options of the Matrix adapter. */
export interface MatrixOptions {
  homeserverUrl: string;
  accessToken: string;
  /** Where the sync token, the filter and the SDK's values are kept. */
  state: AdapterState;
  logger: Logger;
  /** Who may invite the bot (`*` any run of characters). Default: users of the bot's own homeserver. */
  allowedInviters?: string[];
  /** Use end-to-end encryption where the crypto module is installed. Default false. */
  encryption?: boolean;
  /** Folder of the crypto store (with encryption). */
  cryptoStorePath?: string;
  /** Long-poll timeout of /sync, in ms. Default 30,000. */
  syncTimeoutMs?: number;
  /** First delay before handling an event again after a database failure. Default 1 s. */
  retryMs?: number;
  /**
   * Messages a second the bot allows itself (homeservers limit each account; Synapse's
   * default is far lower unless the bot account is exempted). Default: no pacing.
   */
  sendRate?: number;
}

/** Why the adapter could not start (a bad token, an unreachable homeserver): said plainly. */
export class MatrixStartError extends Error {
  override readonly name = "MatrixStartError";
}

type Emit = (event: string, ...params: unknown[]) => Promise<void>;

/**
 * A MatrixClient whose sync awaits the adapter's handlers and then stores its token, and
 * whose every /sync answer (or failure) is told to `tracker`.
 */
function syncingClient(
  homeserverUrl: string,
  accessToken: string,
  storage: StateStorageProvider,
  cryptoStore: ICryptoStorageProvider | undefined,
  emit: Emit,
  tracker: HealthTracker,
): MatrixClient {
  class Client extends sdk.MatrixClient {
    constructor() {
      super(homeserverUrl, accessToken, storage, cryptoStore);
      this.persistTokenAfterSync = true;
    }
    protected override startSyncInternal(): Promise<void> {
      return this.startSync((event: string, ...params: unknown[]) => emit(event, ...params));
    }
    protected override async doSync(token: string): Promise<unknown> {
      try {
        const answer: unknown = await super.doSync(token);
        tracker.set("connected");
        return answer;
      } catch (error) {
        tracker.set("reconnecting", error);
        throw error;
      }
    }
  }
  return new Client();
}

interface MatrixEvent {
  event_id: string;
  sender: string;
  type: string;
  state_key?: string;
  origin_server_ts: number;
  content: Record<string, unknown>;
}

/** The bot on Matrix. */
export class MatrixAdapter implements Adapter {
  readonly platform = MATRIX;
  /** Element keeps unknown `/commands` to itself: on Matrix, commands are typed `!cmd`. */
  readonly commandPrefix = "!";
  private client: MatrixClient | undefined;
  private bot: BotIdentity | undefined;
  private handler: InboundHandler | undefined;
  private rooms: RoomEventHandler | undefined;
  private readonly log: Logger;
  /** m.direct: for each person, their direct rooms with the bot. */
  private direct: Record<string, string[]> = {};
  private readonly directRooms = new Set<string>();
  private readonly joined = new Set<string>();
  private readonly powerLevels = new Map<string, Record<string, unknown>>();
  private readonly encrypted = new Map<string, boolean>();
  private readonly names = new Map<string, string>();
  /** The invitation being accepted in each room (its event id names the join). */
  private readonly invitations = new Map<string, string>();
  /** When the bot asked to join a room: its earlier history is not for the bot. */
  private readonly joinedAt = new Map<string, number>();
  /** The first sync of a new installation brings old history: it is not answered. */
  private skipBacklog = false;
  private stopping = false;
  /** The m.direct write in flight, and whether the map changed since it started. */
  private directWrite: Promise<void> | undefined;
  private directDirty = false;
  /** Earliest time of the next send, with `sendRate`. */
  private nextSlot = 0;
  private readonly tracker = new HealthTracker();
  /** The sync event being handled, if any (a stop waits for it). */
  private handling: Promise<void> | undefined;

  constructor(private readonly options: MatrixOptions) {
    this.log = options.logger.child({ module: "matrix" });
  }

  /** Whether this installation reads encrypted rooms. */
  get encryptionActive(): boolean {
    return this.options.encryption === true && cryptoProblem === undefined;
  }

  async start(handler: InboundHandler, rooms: RoomEventHandler): Promise<void> {
    this.handler = handler;
    this.rooms = rooms;
    this.bridgeSdkLogs();
    // Once the first sync of a new installation is behind, new messages are for the bot.
    const storage = new StateStorageProvider(this.options.state, () => (this.skipBacklog = false));
    this.skipBacklog = storage.getSyncToken() === null;
    let cryptoStore: ICryptoStorageProvider | undefined;
    if (this.options.encryption) {
      if (cryptoProblem) {
        this.log.warn(
          { problem: cryptoProblem },
          "MATRIX_ENCRYPTION is on but the crypto module is missing",
        );
      } else {
        cryptoStore = new sdk.RustSdkCryptoStorageProvider(
          this.options.cryptoStorePath ?? "./data/matrix-crypto",
          0, // RustSdkCryptoStoreType.Sqlite
        );
      }
    }
    const client = syncingClient(
      this.options.homeserverUrl,
      this.options.accessToken,
      storage,
      cryptoStore,
      (event, ...params) => this.track(this.dispatch(event, params)),
      this.tracker,
    );
    client.syncingTimeout = this.options.syncTimeoutMs ?? 30_000;
    this.client = client;
    let userId: string;
    try {
      userId = (await client.getWhoAmI()).user_id;
    } catch (error) {
      this.tracker.set("reconnecting", error);
      throw new MatrixStartError(
        isBadToken(error)
          ? "The homeserver refused the access token (401): check MATRIX_ACCESS_TOKEN."
          : `The homeserver could not be reached at ${this.options.homeserverUrl}: ${describe(error)}. Check MATRIX_HOMESERVER_URL and the network.`,
      );
    }
    this.bot = { userId, localpart: userId.slice(1, userId.indexOf(":")) };
    this.direct = await this.readDirect(client);
    for (const roomIds of Object.values(this.direct))
      for (const id of roomIds) this.directRooms.add(id);
    for (const roomId of await client.getJoinedRooms()) this.joined.add(roomId);
    this.tracker.set("connected");
    this.log.info({ user: userId, encryption: this.encryptionActive }, "connected to Matrix");
    await client.start();
  }

  health(): ConnectionHealth {
    return this.tracker.get();
  }

  /**
   * Ends the sync loop and waits for the event being handled. A /sync answer still in flight
   * is refused when it lands (its token is not stored): the next start asks for it again.
   */
  async stopReceiving(): Promise<void> {
    this.stopping = true;
    this.client?.stop();
    await this.handling?.catch(() => undefined);
    this.tracker.set("stopped");
  }

  stop(): Promise<void> {
    return this.stopReceiving();
  }

  /** Remembers the event being handled, so that a stop can wait for it. */
  private track(handling: Promise<void>): Promise<void> {
    this.handling = handling;
    return handling;
  }

  async roleOf(room: RoomRef, userId: string): Promise<PlatformRole> {
    if (room.kind !== "group") return "member";
    const levels = await this.roomPowerLevels(room.id);
    return powerLevelOf(levels, userId) >= moderatorLevel(levels) ? "animator" : "member";
  }

  async send(
    destination: Destination,
    message: OutgoingMessage,
    idempotencyKey: string,
  ): Promise<string> {
    const client = this.connected();
    let roomId: string;
    try {
      roomId =
        destination.kind === "room"
          ? destination.roomId
          : await this.directRoomFor(destination.userId);
    } catch (error) {
      throw deliveryError(
        error,
        `private room with ${destination.kind === "member" ? destination.userId : "?"}`,
      );
    }
    try {
      if (message.poll) {
        const content = pollStartContent(message.poll, plainText(message.text));
        return await this.sendEvent(client, roomId, content, idempotencyKey, POLL_START);
      }
      if (message.endsPoll) {
        // Poll-aware clients close the poll; the results follow as a notice for everyone.
        const content = pollEndContent(message.endsPoll, plainText(message.text));
        await this.sendEvent(client, roomId, content, `${idempotencyKey}-end`, POLL_END);
      }
      let last = "";
      const chunks = renderMatrix(message.text);
      for (const [i, chunk] of chunks.entries()) {
        const content: Record<string, unknown> = {
          msgtype: "m.notice",
          body: chunk.body,
          format: "org.matrix.custom.html",
          formatted_body: chunk.html,
          ...(i === 0 && message.inReplyTo
            ? { "m.relates_to": { "m.in_reply_to": { event_id: message.inReplyTo } } }
            : {}),
        };
        last = await this.sendEvent(client, roomId, content, `${idempotencyKey}-${i}`);
      }
      if (message.attachment) {
        const { path, filename, kind } = message.attachment;
        const data = await readFile(path);
        const mimetype = mimeType(filename, kind);
        const url = await client.uploadContent(data, mimetype, filename);
        last = await this.sendEvent(
          client,
          roomId,
          {
            msgtype: kind === "image" ? "m.image" : "m.file",
            body: filename,
            filename,
            url,
            info: { size: data.length, mimetype },
          },
          `${idempotencyKey}-file`,
        );
      }
      return last;
    } catch (error) {
      throw deliveryError(error, `send to ${roomId}`);
    }
  }

  /** Adds an event of the bot to the room's pinned events (m.room.pinned_events). */
  async pin(roomId: string, eventId: string): Promise<void> {
    const client = this.connected();
    try {
      let pinned: string[] = [];
      try {
        const content = (await client.getRoomStateEvent(roomId, "m.room.pinned_events", "")) as {
          pinned?: unknown;
        };
        if (Array.isArray(content.pinned)) {
          pinned = content.pinned.filter((id): id is string => typeof id === "string");
        }
      } catch (error) {
        // No pinned event yet: the room has no such state.
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      }
      if (pinned.includes(eventId)) return;
      await this.pace();
      await client.sendStateEvent(roomId, "m.room.pinned_events", "", {
        pinned: [...pinned, eventId],
      });
    } catch (error) {
      throw deliveryError(error, `pin in ${roomId}`);
    }
  }

  /**
   * Sends a message event. The transaction id is the outbox's key: the homeserver ignores a
   * resend of the same transaction, so a retry after a lost answer does not duplicate it.
   */
  private async sendEvent(
    client: MatrixClient,
    roomId: string,
    content: Record<string, unknown>,
    txnId: string,
    type = "m.room.message",
  ): Promise<string> {
    await this.pace();
    return this.putEvent(client, roomId, content, txnId, type);
  }

  /**
   * With `sendRate`, waits for the next sending slot: the bot keeps under its homeserver's
   * limit instead of learning it from refusals (a refused message waits what the homeserver
   * says, through the outbox, without holding up the others).
   */
  private async pace(): Promise<void> {
    const rate = this.options.sendRate;
    if (!rate || rate <= 0) return;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / rate;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  private async putEvent(
    client: MatrixClient,
    roomId: string,
    content: Record<string, unknown>,
    txnId: string,
    type: string,
  ): Promise<string> {
    if (this.encryptionActive && (await this.isEncrypted(roomId)))
      return client.sendEvent(roomId, type, content);
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/${encodeURIComponent(txnId)}`;
    const answer = (await client.doRequest("PUT", path, null, content)) as { event_id: string };
    return answer.event_id;
  }

  /** Every event of a sync, in order: each handled (and committed) before the next. */
  private async dispatch(event: string, params: unknown[]): Promise<void> {
    // Stopping: the rest of this sync is left for the next start (its token is not stored).
    if (this.stopping) throw new Error("the Matrix adapter is stopping");
    // The SDK's own listeners (crypto) first, as its default emitter would.
    this.client?.emit(event, ...params);
    const [roomId, raw] = params as [string, MatrixEvent];
    switch (event) {
      case "account_data":
        if ((params[0] as MatrixEvent).type === "m.direct")
          this.rememberDirect((params[0] as MatrixEvent).content);
        return;
      case "room.invite":
        return this.onInvite(roomId, raw);
      case "room.join":
        return this.onJoin(roomId, raw);
      case "room.leave":
        this.joined.delete(roomId);
        return this.deliver(() =>
          this.rooms?.({
            kind: "left",
            platform: MATRIX,
            eventId: raw.event_id,
            room: this.roomRef(roomId),
          }),
        );
      case "room.message":
        return this.onMessage(roomId, raw);
      case "room.event":
        return this.onRoomEvent(roomId, raw);
      default:
        return;
    }
  }

  private async onInvite(roomId: string, event: MatrixEvent): Promise<void> {
    const client = this.connected();
    const allowed = this.options.allowedInviters ?? [`*:${serverOf(this.bot?.userId ?? "")}`];
    if (!inviterAllowed(event.sender, allowed)) {
      this.log.info(
        { room: roomId, inviter: event.sender },
        "invitation refused (MATRIX_ALLOWED_INVITERS)",
      );
      await client
        .leaveRoom(roomId)
        .catch((error: unknown) => this.log.warn({ err: error }, "could not decline"));
      return;
    }
    if (event.content.is_direct === true) await this.addDirect(event.sender, roomId);
    this.joinedAt.set(roomId, Date.now());
    // The join that follows is this invitation's: a bot invited back after a kick joins anew.
    this.invitations.set(roomId, event.event_id);
    try {
      await client.joinRoom(roomId);
      // Usable at once (a direct room the person just opened), before the sync brings the join.
      this.joined.add(roomId);
    } catch (error) {
      this.log.warn({ err: error, room: roomId }, "could not accept an invitation");
    }
  }

  private async onJoin(roomId: string, event: MatrixEvent): Promise<void> {
    this.joined.add(roomId);
    await this.recogniseDirect(roomId);
    if (!this.joinedAt.has(roomId)) this.joinedAt.set(roomId, event.origin_server_ts);
    const room = this.roomRef(roomId);
    const invitation = this.invitations.get(roomId);
    this.invitations.delete(roomId);
    // In a room it cannot read, the bot records the room but does not invite commands.
    const unreadable = (await this.isEncrypted(roomId)) && !this.encryptionActive;
    await this.deliver(() =>
      this.rooms?.({
        kind: "joined",
        platform: MATRIX,
        eventId: `joined:${invitation ?? event.event_id}`,
        room,
        ...(unreadable ? { silent: true } : {}),
      }),
    );
    if (unreadable) await this.unreadable(roomId);
  }

  private async onRoomEvent(roomId: string, event: MatrixEvent): Promise<void> {
    const vote = pollResponseOf(event);
    if (vote) return this.onVote(roomId, event, vote);
    switch (event.type) {
      case "m.room.power_levels":
        this.powerLevels.set(roomId, event.content);
        return;
      case "m.room.member":
        this.onMembership(roomId, event);
        return;
      case "m.room.name":
        if (typeof event.content.name === "string") this.names.set(roomId, event.content.name);
        return;
      case "m.room.encryption":
        this.encrypted.set(roomId, true);
        if (!this.encryptionActive) await this.unreadable(roomId);
        return;
      case "m.room.encrypted":
        if (!this.encryptionActive && event.sender !== this.bot?.userId)
          await this.unreadable(roomId);
        return;
      default:
        return;
    }
  }

  /** A room the bot created as someone's private room (its answer lost) is known as such. */
  private async recogniseDirect(roomId: string): Promise<void> {
    if (this.directRooms.has(roomId)) return;
    try {
      const create = (await this.connected().getRoomStateEvent(
        roomId,
        "m.room.create",
        "",
      )) as Record<string, unknown>;
      const person = create[DIRECT_MARK];
      if (typeof person === "string") await this.addDirect(person, roomId);
    } catch {
      // No creation event readable: an ordinary room.
    }
  }

  /** A person who leaves their direct room is no longer written to there. */
  private onMembership(roomId: string, event: MatrixEvent): void {
    const who = event.state_key;
    const membership = event.content.membership;
    if (typeof who === "string" && typeof event.content.displayname === "string") {
      this.names.set(`${roomId}|${who}`, event.content.displayname);
    }
    if (!who || who === this.bot?.userId || (membership !== "leave" && membership !== "ban"))
      return;
    const rooms = this.direct[who];
    if (!rooms?.includes(roomId)) return;
    this.direct[who] = rooms.filter((r) => r !== roomId);
    void this.writeDirect();
  }

  /** Says once, in clear, that this installation cannot read the room's encrypted messages. */
  private unreadable(roomId: string): Promise<void> {
    return this.deliver(() =>
      this.rooms?.({
        kind: "unreadable",
        platform: MATRIX,
        eventId: `unreadable:${roomId}`,
        room: this.roomRef(roomId),
      }),
    );
  }

  private async onMessage(roomId: string, event: MatrixEvent): Promise<void> {
    const bot = this.bot;
    // History from before the bot was there is not addressed to it.
    if (!bot || !this.isNew(roomId, event)) return;
    const msgtype = event.content.msgtype;
    const body = event.content.body;
    if ((msgtype !== "m.text" && msgtype !== "m.notice") || typeof body !== "string") return;
    if (msgtype === "m.notice") return; // other bots' notices are never commands
    const inbound: Inbound = {
      platform: MATRIX,
      eventId: event.event_id,
      room: this.roomRef(roomId),
      sender: { id: event.sender, displayName: await this.displayName(roomId, event.sender) },
      text: messageText(body, bot),
      timestamp: new Date(event.origin_server_ts),
      messageId: event.event_id,
    };
    await this.deliver(() => this.handler?.(inbound));
  }

  /** A vote in a poll: the core decides whether the poll is one of the bot's. */
  private async onVote(
    roomId: string,
    event: MatrixEvent,
    vote: { pollRef: string; choices: number[] },
  ): Promise<void> {
    if (!this.isNew(roomId, event)) return;
    const inbound: InboundVote = {
      kind: "vote",
      platform: MATRIX,
      eventId: event.event_id,
      room: this.roomRef(roomId),
      sender: { id: event.sender, displayName: await this.displayName(roomId, event.sender) },
      pollRef: vote.pollRef,
      choices: vote.choices,
      timestamp: new Date(event.origin_server_ts),
    };
    await this.deliver(() => this.handler?.(inbound));
  }

  /** Whether an event is for the bot: not its own, not history from before it was there. */
  private isNew(roomId: string, event: MatrixEvent): boolean {
    if (!this.bot || event.sender === this.bot.userId || this.skipBacklog) return false;
    const joinedAt = this.joinedAt.get(roomId);
    return joinedAt === undefined || event.origin_server_ts >= joinedAt;
  }

  /**
   * Hands an event to the core, again and again while the database fails: the sync waits,
   * so that no event is skipped and the order is kept.
   */
  private async deliver(handle: () => Promise<void> | undefined): Promise<void> {
    let delay = this.options.retryMs ?? 1000;
    for (;;) {
      try {
        await handle();
        return;
      } catch (error) {
        if (this.stopping) throw error;
        this.log.error({ err: error, retryInMs: delay }, "event not handled; will try again");
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  private roomRef(roomId: string): RoomRef {
    const title = this.names.get(roomId);
    return {
      id: roomId,
      kind: this.directRooms.has(roomId) ? "direct" : "group",
      ...(title ? { title } : {}),
    };
  }

  private async displayName(roomId: string, userId: string): Promise<string> {
    const key = `${roomId}|${userId}`;
    const cached = this.names.get(key);
    if (cached) return cached;
    let name = userId.slice(1, userId.indexOf(":"));
    try {
      const member = (await this.connected().getRoomStateEvent(
        roomId,
        "m.room.member",
        userId,
      )) as { displayname?: unknown };
      if (typeof member.displayname === "string" && member.displayname.trim())
        name = member.displayname;
    } catch {
      // No member state readable: the localpart will do.
    }
    this.names.set(key, name);
    return name;
  }

  private async roomPowerLevels(roomId: string): Promise<Record<string, unknown> | undefined> {
    const cached = this.powerLevels.get(roomId);
    if (cached) return cached;
    try {
      const levels = (await this.connected().getRoomStateEvent(
        roomId,
        "m.room.power_levels",
        "",
      )) as Record<string, unknown>;
      this.powerLevels.set(roomId, levels);
      return levels;
    } catch (error) {
      this.log.warn({ err: error, room: roomId }, "could not read the room's power levels");
      return undefined;
    }
  }

  private async isEncrypted(roomId: string): Promise<boolean> {
    const known = this.encrypted.get(roomId);
    if (known !== undefined) return known;
    let encrypted = false;
    try {
      await this.connected().getRoomStateEvent(roomId, "m.room.encryption", "");
      encrypted = true;
    } catch {
      encrypted = false;
    }
    this.encrypted.set(roomId, encrypted);
    return encrypted;
  }

  /** The person's direct room with the bot, created (and recorded in m.direct) when there is none. */
  private async directRoomFor(userId: string): Promise<string> {
    const existing = (this.direct[userId] ?? []).find((roomId) => this.joined.has(roomId));
    if (existing) return existing;
    // History starts when the bot asks for the room (a reply can arrive before the answer).
    const asked = Date.now();
    const roomId = await this.connected().createRoom({
      invite: [userId],
      is_direct: true,
      preset: "trusted_private_chat",
      // Marks the room as this person's private room, should the answer be lost and the room
      // arrive by sync unannounced.
      creation_content: { [DIRECT_MARK]: userId },
    });
    this.joined.add(roomId);
    this.joinedAt.set(roomId, asked);
    await this.addDirect(userId, roomId);
    return roomId;
  }

  private async addDirect(userId: string, roomId: string): Promise<void> {
    const rooms = this.direct[userId] ?? [];
    if (!rooms.includes(roomId)) this.direct[userId] = [roomId, ...rooms];
    this.directRooms.add(roomId);
    await this.writeDirect();
  }

  /**
   * Takes in m.direct as the homeserver has it, keeping the rooms known here that it does not
   * list yet (a sync may bring a copy older than a room just created), and writes the union
   * back if the homeserver's copy was missing some.
   */
  private rememberDirect(content: Record<string, unknown>): void {
    let missing = false;
    for (const [userId, rooms] of Object.entries(content)) {
      if (!Array.isArray(rooms)) continue;
      const known = new Set(this.direct[userId] ?? []);
      const server = rooms.filter((r): r is string => typeof r === "string");
      for (const room of known) if (!server.includes(room)) missing = true;
      this.direct[userId] = [...new Set([...(this.direct[userId] ?? []), ...server])];
    }
    for (const userId of Object.keys(this.direct)) if (!(userId in content)) missing = true;
    for (const roomIds of Object.values(this.direct))
      for (const id of roomIds) this.directRooms.add(id);
    if (missing && this.client) void this.writeDirect();
  }

  /**
   * Writes m.direct to the homeserver. Writes that come while one is in flight are merged
   * into one more (the map is rewritten whole each time: hundreds of new direct rooms must
   * not mean hundreds of growing writes).
   */
  private async writeDirect(): Promise<void> {
    if (this.directWrite) {
      this.directDirty = true;
      return this.directWrite;
    }
    this.directWrite = (async () => {
      do {
        this.directDirty = false;
        try {
          await this.connected().setAccountData("m.direct", this.direct);
        } catch (error) {
          this.log.warn({ err: error }, "could not update m.direct");
        }
      } while (this.directDirty);
      this.directWrite = undefined;
    })();
    return this.directWrite;
  }

  private async readDirect(client: MatrixClient): Promise<Record<string, string[]>> {
    try {
      this.rememberDirect(await client.getAccountData<Record<string, unknown>>("m.direct"));
    } catch {
      // M_NOT_FOUND: no direct room yet.
    }
    return this.direct;
  }

  private connected(): MatrixClient {
    if (!this.client) throw new Error("the Matrix adapter is not started");
    return this.client;
  }

  /** Sends the SDK's log lines to the bot's logger, at their level. */
  private bridgeSdkLogs(): void {
    const log = this.log.child({ module: "matrix-bot-sdk" });
    sdk.LogService.setLogger({
      trace: (module: string, ...parts: unknown[]) =>
        log.trace({ sdk: module }, parts.map(describe).join(" ")),
      debug: (module: string, ...parts: unknown[]) =>
        log.debug({ sdk: module }, parts.map(describe).join(" ")),
      info: (module: string, ...parts: unknown[]) =>
        log.debug({ sdk: module }, parts.map(describe).join(" ")),
      // The SDK reports every refusal as an error, expected ones (404 for unset account data)
      // included: the adapter logs the failures that matter itself.
      warn: (module: string, ...parts: unknown[]) =>
        log.debug({ sdk: module }, parts.map(describe).join(" ")),
      error: (module: string, ...parts: unknown[]) =>
        log.debug({ sdk: module }, parts.map(describe).join(" ")),
    });
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** A MIME type for a file sent to Matrix, from its name. */
function mimeType(filename: string, kind: "document" | "image"): string {
  const types: Record<string, string> = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".csv": "text/csv",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
  };
  return (
    types[extname(filename).toLowerCase()] ??
    (kind === "image" ? "image/png" : "application/octet-stream")
  );
}
