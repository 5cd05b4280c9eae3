/**
 * The endpoints the fake homeserver supports, under both `/_matrix/client/r0/` and `/v3/` (and
 * the media repository under `/_matrix/media/{r0,v3}/` and `/_matrix/client/v1/media/`), with
 * the account, filter, profile and media handlers. /sync is handled by the server itself.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  createRoom,
  getEvent,
  getState,
  getStateEvent,
  inviteUser,
  joinedMembers,
  joinRoom,
  leaveRoom,
  members,
  objectBody,
  putStateEvent,
  redactEvent,
  sendEvent,
  type RouteContext,
} from "./matrix-room-ops.js";
import { forbidden, invalidParam, MatrixApiError, notFound, type Content } from "./matrix-types.js";

export type { RouteContext } from "./matrix-room-ops.js";

/** Which prefix a path is under. */
export type Space = "root" | "client" | "v1" | "media";

/** Bytes to answer as they are (media downloads). */
export class RawAnswer {
  constructor(
    readonly data: Buffer,
    readonly contentType: string,
    readonly fileName?: string,
  ) {}
}

/** One supported endpoint. */
export interface Route {
  method: string;
  space: Space;
  pattern: string[];
  handler: (ctx: RouteContext) => unknown;
  /** Answered without an access token. */
  noAuth?: boolean;
  /** The body is raw bytes (uploads), not JSON. */
  rawBody?: boolean;
  /** Answered by the server (/sync). */
  sync?: boolean;
  /** Only when startFakeHomeserver({ crypto: true }). */
  crypto?: boolean;
}

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The spec versions answered by GET /_matrix/client/versions. */
export const SPEC_VERSIONS = [
  "r0.6.1",
  "v1.1",
  "v1.2",
  "v1.3",
  "v1.4",
  "v1.5",
  "v1.6",
  "v1.7",
  "v1.8",
  "v1.9",
  "v1.10",
  "v1.11",
];

function ownUser(ctx: RouteContext): void {
  if (ctx.params.userId !== ctx.hs.botUserId)
    throw forbidden("Cannot access account data or filters of other users.");
}

function accountData(ctx: RouteContext): unknown {
  ownUser(ctx);
  const type = ctx.params.type ?? "";
  const roomId = ctx.params.roomId;
  if (roomId !== undefined && !roomId.startsWith("!"))
    throw invalidParam(`${roomId} is not a room id`);
  const content = ctx.hs.getAccountData(type, ctx.hs.botUserId, roomId);
  if (!content) throw notFound("Account data not found");
  return content;
}

function putAccountData(ctx: RouteContext): unknown {
  ownUser(ctx);
  const roomId = ctx.params.roomId;
  if (roomId !== undefined && !roomId.startsWith("!"))
    throw invalidParam(`${roomId} is not a room id`);
  ctx.hs.putAccountData(ctx.hs.botUserId, ctx.params.type ?? "", objectBody(ctx), roomId);
  return {};
}

function upload(ctx: RouteContext): Content {
  if (ctx.raw.length > MAX_UPLOAD_BYTES)
    throw new MatrixApiError(413, "M_TOO_LARGE", "Uploaded file is too large");
  const mediaId = randomBytes(18).toString("base64url");
  const mxc = `mxc://${ctx.hs.serverName}/${mediaId}`;
  ctx.hs.uploads.push({
    contentType: ctx.contentType || "application/octet-stream",
    fileName: ctx.query.get("filename") || undefined,
    size: ctx.raw.length,
    mxc,
    data: Buffer.from(ctx.raw),
    at: Date.now(),
  });
  return { content_uri: mxc };
}

function download(ctx: RouteContext): RawAnswer {
  const mxc = `mxc://${ctx.params.serverName}/${ctx.params.mediaId}`;
  const found = ctx.hs.uploads.find((u) => u.mxc === mxc);
  if (!found) throw notFound("Not found");
  return new RawAnswer(found.data, found.contentType, ctx.params.fileName ?? found.fileName);
}

function profile(ctx: RouteContext): Content {
  const userId = ctx.params.userId ?? "";
  let name: unknown;
  for (const roomId of ctx.hs.rooms.keys()) {
    const member = ctx.hs.stateEvent(roomId, "m.room.member", userId);
    if (member) name = member.content.displayname ?? name;
  }
  if (name === undefined && userId !== ctx.hs.botUserId) throw notFound("Profile was not found");
  return { displayname: typeof name === "string" ? name : userId.slice(1).split(":")[0] };
}

const R = (
  method: string,
  space: Space,
  path: string,
  handler: Route["handler"],
  flags: Partial<Route> = {},
): Route => ({ method, space, pattern: path.split("/"), handler, ...flags });

/** Every supported endpoint. */
export const ROUTES: Route[] = [
  R("GET", "root", "versions", () => ({ versions: SPEC_VERSIONS, unstable_features: {} }), {
    noAuth: true,
  }),
  R("GET", "client", "capabilities", () => ({
    capabilities: {
      "m.change_password": { enabled: false },
      "m.room_versions": { default: "10", available: { "10": "stable", "11": "stable" } },
    },
  })),
  R("GET", "client", "account/whoami", (ctx) => ({
    user_id: ctx.hs.botUserId,
    device_id: ctx.hs.deviceId,
    is_guest: false,
  })),
  R("GET", "client", "sync", () => undefined, { sync: true }),
  R("GET", "client", "user/:userId/account_data/:type", accountData),
  R("PUT", "client", "user/:userId/account_data/:type", putAccountData),
  R("GET", "client", "user/:userId/rooms/:roomId/account_data/:type", accountData),
  R("PUT", "client", "user/:userId/rooms/:roomId/account_data/:type", putAccountData),
  R("POST", "client", "user/:userId/filter", (ctx) => {
    ownUser(ctx);
    const id = String(ctx.hs.filters.size + 1);
    ctx.hs.filters.set(id, objectBody(ctx));
    return { filter_id: id };
  }),
  R("GET", "client", "user/:userId/filter/:filterId", (ctx) => {
    ownUser(ctx);
    const filter = ctx.hs.filters.get(ctx.params.filterId ?? "");
    if (!filter) throw notFound("No such filter");
    return filter;
  }),
  R("GET", "client", "joined_rooms", (ctx) => ({ joined_rooms: ctx.hs.joinedRooms() })),
  R("GET", "client", "profile/:userId", profile),
  R("GET", "client", "profile/:userId/displayname", profile),
  R("POST", "client", "join/:roomIdOrAlias", joinRoom),
  R("POST", "client", "rooms/:roomId/join", joinRoom),
  R("POST", "client", "rooms/:roomId/leave", leaveRoom),
  R("POST", "client", "rooms/:roomId/invite", inviteUser),
  R("GET", "client", "rooms/:roomId/state", getState),
  R("GET", "client", "rooms/:roomId/state/:type", getStateEvent),
  R("GET", "client", "rooms/:roomId/state/:type/:stateKey", getStateEvent),
  R("PUT", "client", "rooms/:roomId/state/:type", putStateEvent),
  R("PUT", "client", "rooms/:roomId/state/:type/:stateKey", putStateEvent),
  R("GET", "client", "rooms/:roomId/joined_members", joinedMembers),
  R("GET", "client", "rooms/:roomId/members", members),
  R("PUT", "client", "rooms/:roomId/send/:eventType/:txnId", sendEvent),
  R("PUT", "client", "rooms/:roomId/redact/:eventId/:txnId", redactEvent),
  R("GET", "client", "rooms/:roomId/event/:eventId", getEvent),
  R("POST", "client", "rooms/:roomId/receipt/:receiptType/:eventId", () => ({})),
  R("PUT", "client", "rooms/:roomId/typing/:userId", () => ({})),
  R("POST", "client", "createRoom", createRoom),
  R("POST", "media", "upload", upload, { rawBody: true }),
  R("POST", "v1", "media/upload", upload, { rawBody: true }),
  R("GET", "media", "download/:serverName/:mediaId", download, { noAuth: true }),
  R("GET", "media", "download/:serverName/:mediaId/:fileName", download, { noAuth: true }),
  R("GET", "v1", "media/download/:serverName/:mediaId", download),
  R("GET", "v1", "media/download/:serverName/:mediaId/:fileName", download),
  R("POST", "client", "keys/upload", () => ({ one_time_key_counts: {} }), { crypto: true }),
  R("POST", "client", "keys/query", () => ({ device_keys: {}, failures: {} }), { crypto: true }),
];

/** Splits a request path into its prefix and decoded segments (undefined: not an API path). */
export function splitPath(pathname: string): { space: Space; segments: string[] } | undefined {
  const prefixes: Array<[RegExp, Space]> = [
    [/^\/_matrix\/client\/(versions)$/, "root"],
    [/^\/_matrix\/client\/(?:r0|v3)\/(.+)$/, "client"],
    [/^\/_matrix\/client\/v1\/(.+)$/, "v1"],
    [/^\/_matrix\/media\/(?:r0|v3)\/(.+)$/, "media"],
  ];
  for (const [re, space] of prefixes) {
    const m = re.exec(pathname);
    if (m?.[1]) return { space, segments: m[1].split("/").map((s) => decodeURIComponent(s)) };
  }
  return undefined;
}

/** The route for a request, "method" when the path exists with another method, or undefined. */
export function findRoute(
  method: string,
  space: Space,
  segments: string[],
  crypto: boolean,
): { route: Route; params: Record<string, string> } | "method" | undefined {
  let otherMethod = false;
  for (const route of ROUTES) {
    if (route.space !== space || route.pattern.length !== segments.length) continue;
    if (route.crypto && !crypto) continue;
    const params: Record<string, string> = {};
    const ok = route.pattern.every((p, i) => {
      const s = segments[i] ?? "";
      if (p.startsWith(":")) params[p.slice(1)] = s;
      return p.startsWith(":") || p === s;
    });
    if (!ok) continue;
    if (route.method === method) return { route, params };
    otherMethod = true;
  }
  return otherMethod ? "method" : undefined;
}

/** 404 (or 405 for a known path) M_UNRECOGNIZED: the fake does not support this request. */
export function unsupported(status: number, method: string, path: string): MatrixApiError {
  return new MatrixApiError(
    status,
    "M_UNRECOGNIZED",
    `${method} ${path} is not supported by the fake`,
  );
}

/** Reads a whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The bytes and headers of an answer: JSON, or a RawAnswer's bytes. */
export function encodeAnswer(body: unknown): { data: Buffer; headers: Record<string, string> } {
  if (!(body instanceof RawAnswer))
    return {
      data: Buffer.from(JSON.stringify(body ?? {})),
      headers: { "content-type": "application/json" },
    };
  const headers: Record<string, string> = { "content-type": body.contentType };
  if (body.fileName)
    headers["content-disposition"] =
      `inline; filename*=UTF-8''${encodeURIComponent(body.fileName)}`;
  return { data: body.data, headers };
}
