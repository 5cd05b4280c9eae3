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
  /** The language the platform says the person uses (`fr`, `en-GB`...), if any. */
  localeHint?: string;
}

/** One normalised inbound message: a text, or a button press. */
export interface Inbound {
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
  (inbound: Inbound): Promise<void>;
}

/** A platform connection. */
export interface Adapter {
  /** Platform name used in member and room identities (`telegram`, `matrix`, `console`). */
  readonly platform: string;
  /** Connects and starts delivering inbound events to `handler`. */
  start(handler: InboundHandler): Promise<void>;
  /** Stops receiving; resolves when no more events will be delivered. */
  stop(): Promise<void>;
  /**
   * Sends one message. `idempotencyKey` is stable across retries of the same queued message
   * (platforms that support it use it to avoid duplicates). Returns the platform message id.
   * Throws `DeliveryError` on failure.
   */
  send(destination: Destination, message: OutgoingMessage, idempotencyKey: string): Promise<string>;
  /** The role the platform gives `userId` in `room` (Matrix moderator, Telegram admin => animator). */
  roleOf(room: RoomRef, userId: string): Promise<PlatformRole>;
}
