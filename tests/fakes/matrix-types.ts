/**
 * Shapes used by the fake homeserver: events as the client-server API serves them, what the fake
 * records, injected failures, and the error type every handler throws (always a 4xx: a 5xx only
 * ever comes from an injected failure).
 */

/** Content of an event: a JSON object. */
export type Content = Record<string, unknown>;

/** A room event as the homeserver stores it (served without room_id inside /sync). */
export interface MatrixEvent {
  event_id: string;
  room_id: string;
  type: string;
  sender: string;
  origin_server_ts: number;
  content: Content;
  /** Present (possibly "") on state events only. */
  state_key?: string;
  /** The event a m.room.redaction redacts. */
  redacts?: string;
  unsigned: Content;
}

/** Membership of a user in a room. */
export type Membership = "join" | "invite" | "leave" | "ban" | "knock";

/** An event the bot sent (PUT send, PUT state or PUT redact), as the fake recorded it. */
export interface SentEvent {
  roomId: string;
  type: string;
  content: Content;
  event_id: string;
  /** Transaction id of a PUT send or redact (undefined for state events). */
  txnId?: string;
  /** State key of a state event. */
  stateKey?: string;
  /** Event redacted by a m.room.redaction. */
  redacts?: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** One HTTP request the fake received. */
export interface RecordedCall {
  method: string;
  /** Decoded path, e.g. `/_matrix/client/v3/rooms/!a:example.org/send/m.room.message/1`. */
  path: string;
  /** Query parameters (the last value of a repeated one); access_token is left out. */
  query: Record<string, string>;
  /** Parsed JSON body, or `{ bytes, contentType }` for a raw upload, or undefined. */
  body: unknown;
  /** HTTP status answered, or what happened instead. */
  status: number | "pending" | "dropped" | "aborted";
  /** errcode of an error answer. */
  errcode?: string;
  at: number;
}

/** A file stored in the media repository. */
export interface Upload {
  contentType: string;
  fileName: string | undefined;
  size: number;
  /** `mxc://<serverName>/<mediaId>`. */
  mxc: string;
  data: Buffer;
  at: number;
}

/** A room the bot created with POST createRoom, with what it asked for. */
export interface CreatedRoom {
  roomId: string;
  isDirect: boolean;
  preset: string;
  invite: string[];
  name: string | undefined;
  initialState: Array<{ type: string; state_key: string; content: Content }>;
  /** The whole request body. */
  request: Content;
  at: number;
}

/** One /sync request that reached the handler. */
export interface SyncRecord {
  since: string | undefined;
  timeout: number;
  filter: string | undefined;
  fullState: boolean;
  at: number;
}

/** An answer to force instead of the normal one (status may be a 5xx: only ever on purpose). */
export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the interceptor sees of a request. */
export interface InterceptedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** Decides per request: an answer to force, "drop" to destroy the socket, undefined to go on. */
export type Interceptor = (req: InterceptedRequest) => InjectedResponse | "drop" | undefined;

/** A client-server API error answer. */
export class MatrixApiError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: Content = {},
  ) {
    super(message);
  }
  /** The JSON body of the answer. */
  get body(): Content {
    return { errcode: this.errcode, error: this.message, ...this.extra };
  }
}

export const forbidden = (message: string): MatrixApiError =>
  new MatrixApiError(403, "M_FORBIDDEN", message);
export const notFound = (message: string): MatrixApiError =>
  new MatrixApiError(404, "M_NOT_FOUND", message);
export const badJson = (message: string): MatrixApiError =>
  new MatrixApiError(400, "M_BAD_JSON", message);
export const invalidParam = (message: string): MatrixApiError =>
  new MatrixApiError(400, "M_INVALID_PARAM", message);

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Content {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `@alice:example.org` → `alice`. */
export function localpart(userId: string): string {
  return /^@([^:]+)/.exec(userId)?.[1] ?? userId;
}

/** Whether `id` looks like a Matrix user id. */
export function isUserId(id: unknown): id is string {
  return typeof id === "string" && /^@[^:\s]+:[^\s]+$/.test(id);
}

/** Escapes text for HTML (formatted_body). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * A mention "pill" as Element writes it: plain text (the display name) in `body`, a matrix.to
 * link in `formatted_body`.
 */
export function mention(
  userId: string,
  displayName = localpart(userId),
): { body: string; html: string } {
  return {
    body: displayName,
    html: `<a href="https://matrix.to/#/${escapeHtml(userId)}">${escapeHtml(displayName)}</a>`,
  };
}

/** Deep equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** What parseJson answers for a body that is not JSON. */
export const NOT_JSON = Symbol("not JSON");

/** Parses JSON bytes, or answers NOT_JSON. */
export function parseJson(raw: Buffer | string): unknown {
  try {
    return JSON.parse(raw.toString()) as unknown;
  } catch {
    return NOT_JSON;
  }
}
