/**
 * The adapter contract: what every platform connection (console, Telegram, Matrix) gives the
 * core and what it takes from it. Adding a platform means one folder under adapters/ that
 * implements `Adapter`; nothing in bot/ or commands/ changes.
 */
import type { Destination, OutgoingMessage } from "../bot/reply.js";

export type { Destination, OutgoingMessage };

/** `group` for a shared room (Matrix room, Telegram group), `direct` for a private chat with one person. */
export type RoomKind = "group" | "direct";

/** A room as its platform names it. */
export interface RoomRef {
  /** The platform's id of the room (Telegram chat id, Matrix room id, console room name). */
  id: string;
  kind: RoomKind;
  /** Room title, when the platform has one. */
  title?: string;
}

/** Who sent an inbound message. */
export interface Sender {
  /** The platform's user id (Telegram numeric id, Matrix user id, console name). */
  id: string;
  displayName: string;
  /** The person's public username where the platform has one apart from the id (Telegram). */
  username?: string;
  /** The language the platform says the person uses (`fr`, `en-GB`...), if any. */
  localeHint?: string;
}

/** One normalised inbound message: a text, or a button press. */
export interface Inbound {
  kind?: "message";
  platform: string;
  /** Unique per platform: used to handle each event exactly once. */
  eventId: string;
  room: RoomRef;
  sender: Sender;
  /** What the person typed (or the command carried by the button they pressed). */
  text: string;
  /** When the platform says it was sent. */
  timestamp: Date;
  /** Set when the message comes from a button. */
  button?: {
    /** Platform id of the bot message holding the button, which a reply may replace. */
    messageId?: string;
  };
  /** Platform id of this message, for threaded replies. */
  messageId?: string;
}

/**
 * A vote in one of the bot's native polls (a Telegram poll_answer, a Matrix m.poll.response).
 * The adapter only says who chose what in which poll; the core finds the poll and counts it.
 */
export interface InboundVote {
  kind: "vote";
  platform: string;
  /** Unique per platform: used to handle each event exactly once. */
  eventId: string;
  sender: Sender;
  /** The room the vote was cast in, when the platform says (Telegram's votes carry none). */
  room?: RoomRef;
  /** What the platform names the poll by: the id `Adapter.send` gave as `pollId`, else the message id. */
  pollRef: string;
  /** The answers chosen, 0-based in the order sent; empty: the vote is withdrawn (or spoiled). */
  choices: number[];
  /** When the platform says the vote was cast. */
  timestamp: Date;
}

/** What an adapter hands the core: a message (or button press), or a vote. */
export type InboundEvent = Inbound | InboundVote;

/** What a platform answered for a message sent, when it names a poll apart from the message. */
export interface SentMessage {
  /** The platform's id of the (last) message sent. */
  messageId: string;
  /** The platform's id of the poll the message carries (Telegram poll id), if not the message id. */
  pollId?: string;
}

/** The role the platform gives a person in a room. */
export type PlatformRole = "animator" | "member";

/** Why a delivery failed, as far as the core needs to know. */
export type DeliveryFailure =
  | "rate-limited" // the platform asked to slow down (retry after a delay)
  | "unreachable" // the person cannot be written to (never opened the private chat, blocked the bot)
  | "network" // the platform could not be reached, or failed on its side (5xx)
  | "rejected"; // the platform refused the message for good (4xx)

/** The one error type adapters throw from `send`: the core decides from it whether to retry. */
export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
    /** Delay the platform asked for before trying again (429 retry-after), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Whether trying again later may succeed. */
  get retryable(): boolean {
    return this.failure === "rate-limited" || this.failure === "network";
  }
}

/** What the core hands an adapter when it starts. */
export interface InboundHandler {
  /** Handles one inbound event; resolves once its effects are committed. */
  (inbound: InboundEvent): Promise<void>;
}

/** Something that happened to a room rather than a message in it. */
export type RoomEvent = { platform: string; eventId: string; room: RoomRef } &
  /** The bot was added to a group room (or accepted an invitation). */
  (
    | { kind: "joined"; by?: Sender; silent?: boolean }
    /** The bot was removed from a room, or left it. */
    | { kind: "left" }
    /** The platform gave the room a new id (Telegram group -> supergroup). */
    | { kind: "migrated"; newRoomId: string }
    /** The bot sits in a room whose messages it cannot read (encrypted, without the crypto module). */
    | { kind: "unreadable" }
  );

/** Handles room events; resolves once their effects are committed. */
export interface RoomEventHandler {
  (event: RoomEvent): Promise<void>;
}

/** Small durable values an adapter keeps across restarts (update offset, sync token). */
export interface AdapterState {
  get(key: string): string | undefined;
  /** Stores a value at once (call it only after the effects it stands for are committed). */
  set(key: string, value: string): void;
}

/** One entry of a platform's command menu. */
export interface MenuEntry {
  command: string;
  description: string;
}

/** The command menus for a language: in private chats, in groups, for group administrators. */
export interface CommandMenus {
  private: MenuEntry[];
  group: MenuEntry[];
  admin: MenuEntry[];
}

/** How a platform connection is doing, as the health endpoint reports it. */
export interface ConnectionHealth {
  /**
   * `starting` until the platform first answered, `connected` while it answers, `reconnecting`
   * after a failure (the adapter keeps trying), `stopped` once the bot stops receiving.
   */
  state: "starting" | "connected" | "reconnecting" | "stopped";
  /** Since when (ms since the epoch) the connection is in this state. */
  since: number;
  /** The last failure, while not connected. */
  lastError?: string;
}

/** Keeps a connection's health up to date (adapters hold one each). */
export class HealthTracker {
  private current: ConnectionHealth = { state: "starting", since: Date.now() };

  /** The connection's state now. */
  get(): ConnectionHealth {
    return { ...this.current };
  }

  /** Records a state (the time it began is kept while the state stays the same). */
  set(state: ConnectionHealth["state"], error?: unknown): void {
    const lastError =
      error === undefined
        ? undefined
        : error instanceof Error
          ? error.message
          : typeof error === "string"
            ? error
            : JSON.stringify(error);
    if (state !== this.current.state) this.current = { state, since: Date.now() };
    if (lastError !== undefined) this.current.lastError = lastError;
    else delete this.current.lastError;
  }
}

/** A platform connection. */
export interface Adapter {
  /** Platform name used in member and room identities (`telegram`, `matrix`, `console`). */
  readonly platform: string;
  /** How people type commands there, in the texts the bot writes: `/` (default) or `!` (Matrix). */
  readonly commandPrefix?: string;
  /** Connects and starts delivering inbound messages to `handler` and room events to `rooms`. */
  start(handler: InboundHandler, rooms: RoomEventHandler): Promise<void>;
  /**
   * Stops taking in events (resolves when no more will be delivered) while sending still
   * works, so that a graceful shutdown can deliver what is queued. Adapters without it stop
   * receiving in `stop`, which the shutdown calls after delivering.
   */
  stopReceiving?(): Promise<void>;
  /** Stops receiving and sending; resolves when no more events will be delivered. */
  stop(): Promise<void>;
  /** The connection's state; an adapter without one (the console) counts as connected. */
  health?(): ConnectionHealth;
  /**
   * Sends one message. `idempotencyKey` is stable across retries of the same queued message
   * (platforms that support it use it to avoid duplicates). Returns the platform message id
   * (with the poll's id, for a poll on a platform that names polls apart). Throws
   * `DeliveryError` on failure.
   */
  send(
    destination: Destination,
    message: OutgoingMessage,
    idempotencyKey: string,
  ): Promise<string | SentMessage>;
  /**
   * Pins a message the bot sent in a room (Telegram pinChatMessage, Matrix
   * m.room.pinned_events). Throws `DeliveryError` when the platform refuses (no right to pin).
   */
  pin?(roomId: string, platformMessageId: string): Promise<void>;
  /** The role the platform gives `userId` in `room` (Matrix moderator, Telegram admin => animator). */
  roleOf(room: RoomRef, userId: string): Promise<PlatformRole>;
}
