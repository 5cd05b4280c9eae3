/**
 * What the bot does in rooms through the API: join, leave, invite, create rooms, read and send
 * state, send and redact events, read events and members. Permissions follow Synapse (membership
 * and power levels), with its error codes; transaction ids make sends idempotent.
 */
import { checkPollEvent } from "./matrix-polls.js";
import { clientEvent } from "./matrix-sync.js";
import {
  badJson,
  forbidden,
  invalidParam,
  isObject,
  isUserId,
  jsonEqual,
  localpart,
  MatrixApiError,
  notFound,
  type Content,
  type MatrixEvent,
} from "./matrix-types.js";
import type { MatrixUsers } from "./matrix-users.js";
import { defaultPowerLevels } from "./matrix-world.js";

/** A request routed to a handler. */
export interface RouteContext {
  hs: MatrixUsers;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there was none). */
  body: unknown;
  raw: Buffer;
  contentType: string;
}

const MAX_EVENT_BYTES = 65_536;

/** The JSON object body, or 400 M_NOT_JSON. */
export function objectBody(ctx: RouteContext): Content {
  if (!isObject(ctx.body)) throw new MatrixApiError(400, "M_NOT_JSON", "Content not JSON.");
  return ctx.body;
}

/** The room, or 403 as Synapse answers for unknown rooms. */
function knownRoom(ctx: RouteContext, roomId = ctx.params.roomId ?? ""): string {
  if (!ctx.hs.rooms.has(roomId)) throw forbidden(`Unknown room ${roomId}`);
  return roomId;
}

/** A room the bot is joined to, or 403. */
function joinedRoom(ctx: RouteContext): string {
  const roomId = knownRoom(ctx);
  if (ctx.hs.membership(roomId, ctx.hs.botUserId) !== "join")
    throw forbidden(`User ${ctx.hs.botUserId} not in room ${roomId}`);
  return roomId;
}

/** Appends an event for the bot, refusing one too large as Synapse does. */
function appendAsBot(
  ctx: RouteContext,
  roomId: string,
  ev: { type: string; content: Content; state_key?: string; redacts?: string },
  unsigned: Content = {},
): MatrixEvent {
  const size = Buffer.byteLength(JSON.stringify({ ...ev, room_id: roomId, unsigned }));
  if (size > MAX_EVENT_BYTES)
    throw new MatrixApiError(413, "M_TOO_LARGE", `event too large (${size} bytes)`);
  return ctx.hs.append(roomId, { ...ev, sender: ctx.hs.botUserId }, unsigned);
}

/** POST join/{roomIdOrAlias}, POST rooms/{roomId}/join. */
export function joinRoom(ctx: RouteContext): Content {
  const { hs } = ctx;
  const target = ctx.params.roomIdOrAlias ?? ctx.params.roomId ?? "";
  let roomId = target;
  if (target.startsWith("#")) {
    const found = [...hs.rooms.keys()].find(
      (id) => hs.stateEvent(id, "m.room.canonical_alias")?.content.alias === target,
    );
    if (!found) throw notFound(`Room alias ${target} not found`);
    roomId = found;
  }
  if (!hs.rooms.has(roomId)) throw notFound(`No known servers for room ${roomId}`);
  const now = hs.membership(roomId, hs.botUserId);
  if (now === "join") return { room_id: roomId };
  if (now === "ban") throw forbidden("You are banned from this room");
  const isPublic = hs.stateEvent(roomId, "m.room.join_rules")?.content.join_rule === "public";
  if (now !== "invite" && !isPublic) throw forbidden("You are not invited to this room.");
  appendAsBot(ctx, roomId, {
    type: "m.room.member",
    state_key: hs.botUserId,
    content: { membership: "join", displayname: localpart(hs.botUserId) },
  });
  return { room_id: roomId };
}

/** POST rooms/{roomId}/leave (also declines an invitation). */
export function leaveRoom(ctx: RouteContext): Content {
  const roomId = knownRoom(ctx);
  const now = ctx.hs.membership(roomId, ctx.hs.botUserId);
  if (now !== "join" && now !== "invite")
    throw forbidden(`User ${ctx.hs.botUserId} not in room ${roomId}`);
  const reason = isObject(ctx.body) && typeof ctx.body.reason === "string" ? ctx.body.reason : "";
  const content: Content = { membership: "leave", ...(reason ? { reason } : {}) };
  appendAsBot(ctx, roomId, { type: "m.room.member", state_key: ctx.hs.botUserId, content });
  return {};
}

/** POST rooms/{roomId}/invite. */
export function inviteUser(ctx: RouteContext): Content {
  const roomId = joinedRoom(ctx);
  const userId = objectBody(ctx).user_id;
  if (!isUserId(userId)) throw invalidParam("user_id must be a user id");
  ctx.hs.assertCanSend(roomId, ctx.hs.botUserId, "invite", false);
  const now = ctx.hs.membership(roomId, userId);
  if (now === "join" || now === "ban") throw forbidden(`${userId} is already in the room.`);
  const content = { membership: "invite", displayname: localpart(userId) };
  appendAsBot(ctx, roomId, { type: "m.room.member", state_key: userId, content });
  return {};
}

/** GET rooms/{roomId}/state. */
export function getState(ctx: RouteContext): unknown {
  return ctx.hs.roomState(joinedRoom(ctx)).map((e) => clientEvent(e));
}

/** GET rooms/{roomId}/state/{type}/{stateKey?} (content, or the event with format=event). */
export function getStateEvent(ctx: RouteContext): unknown {
  const roomId = joinedRoom(ctx);
  const event = ctx.hs.stateEvent(roomId, ctx.params.type ?? "", ctx.params.stateKey ?? "");
  if (!event) throw notFound("Event not found.");
  return ctx.query.get("format") === "event" ? clientEvent(event) : event.content;
}

/** PUT rooms/{roomId}/state/{type}/{stateKey?}. */
export function putStateEvent(ctx: RouteContext): Content {
  const roomId = joinedRoom(ctx);
  const type = ctx.params.type ?? "";
  const stateKey = ctx.params.stateKey ?? "";
  const content = objectBody(ctx);
  if (type === "m.room.member")
    throw new MatrixApiError(
      400,
      "M_UNRECOGNIZED",
      "membership changes through PUT state are not supported by the fake: use join, leave or invite",
    );
  ctx.hs.assertCanSend(roomId, ctx.hs.botUserId, type, true);
  const current = ctx.hs.stateEvent(roomId, type, stateKey);
  // Synapse answers an unchanged state event with the existing one.
  const event =
    current && current.sender === ctx.hs.botUserId && jsonEqual(current.content, content)
      ? current
      : appendAsBot(ctx, roomId, { type, content, state_key: stateKey });
  ctx.hs.recordSent({
    roomId,
    type,
    content,
    stateKey,
    event_id: event.event_id,
    at: Date.now(),
  });
  return { event_id: event.event_id };
}

/** GET rooms/{roomId}/joined_members. */
export function joinedMembers(ctx: RouteContext): Content {
  const roomId = joinedRoom(ctx);
  const joined: Content = {};
  for (const userId of ctx.hs.members(roomId, "join")) {
    const name = ctx.hs.stateEvent(roomId, "m.room.member", userId)?.content.displayname;
    joined[userId] = typeof name === "string" ? { display_name: name } : {};
  }
  return { joined };
}

/** GET rooms/{roomId}/members (membership, not_membership and at are honoured). */
export function members(ctx: RouteContext): Content {
  const roomId = joinedRoom(ctx);
  const at = ctx.query.get("at");
  let events = ctx.hs.roomState(roomId);
  if (at) {
    const pos = /^s(\d+)$/.exec(at)?.[1];
    if (pos === undefined) throw invalidParam(`Invalid token: ${at}`);
    events = ctx.hs.stateBefore(ctx.hs.room(roomId), Number(pos) + 1).map((s) => s.event);
  }
  const only = ctx.query.get("membership");
  const not = ctx.query.get("not_membership");
  const chunk = events
    .filter((e) => e.type === "m.room.member")
    .filter((e) => !only || e.content.membership === only)
    .filter((e) => !not || e.content.membership !== not)
    .map((e) => clientEvent(e));
  return { chunk };
}

/** PUT rooms/{roomId}/send/{eventType}/{txnId}: idempotent per transaction id. */
export function sendEvent(ctx: RouteContext): Content {
  const type = ctx.params.eventType ?? "";
  const txnId = ctx.params.txnId ?? "";
  const roomId = ctx.params.roomId ?? "";
  const key = `${roomId}\u0000send\u0000${type}\u0000${txnId}`;
  const done = ctx.hs.txns.get(key);
  if (done) return { event_id: done };
  joinedRoom(ctx);
  const content = objectBody(ctx);
  ctx.hs.assertCanSend(roomId, ctx.hs.botUserId, type, false);
  checkPollEvent(ctx.hs, roomId, type, content);
  const event = appendAsBot(ctx, roomId, { type, content }, { transaction_id: txnId });
  ctx.hs.txns.set(key, event.event_id);
  ctx.hs.recordSent({ roomId, type, content, txnId, event_id: event.event_id, at: Date.now() });
  return { event_id: event.event_id };
}

/** PUT rooms/{roomId}/redact/{eventId}/{txnId}: idempotent per transaction id. */
export function redactEvent(ctx: RouteContext): Content {
  const { hs } = ctx;
  const roomId = ctx.params.roomId ?? "";
  const targetId = ctx.params.eventId ?? "";
  const txnId = ctx.params.txnId ?? "";
  const key = `${roomId}\u0000redact\u0000${txnId}`;
  const done = hs.txns.get(key);
  if (done) return { event_id: done };
  joinedRoom(ctx);
  const body = isObject(ctx.body) ? ctx.body : {};
  const target = hs.findEvent(roomId, targetId);
  if (!target) throw notFound(`Event ${targetId} not found`);
  if (target.state_key !== undefined)
    throw new MatrixApiError(
      400,
      "M_UNRECOGNIZED",
      "redacting state events is not supported by the fake",
    );
  hs.assertCanSend(roomId, hs.botUserId, "m.room.redaction", false);
  if (target.sender !== hs.botUserId) hs.assertCanSend(roomId, hs.botUserId, "redact", false);
  const content: Content = { redacts: targetId };
  if (typeof body.reason === "string") content.reason = body.reason;
  const event = appendAsBot(
    ctx,
    roomId,
    { type: "m.room.redaction", content, redacts: targetId },
    { transaction_id: txnId },
  );
  target.content = {};
  const { unsigned: _u, ...because } = event;
  target.unsigned.redacted_because = because;
  hs.txns.set(key, event.event_id);
  hs.recordSent({
    roomId,
    type: "m.room.redaction",
    content,
    txnId,
    redacts: targetId,
    event_id: event.event_id,
    at: Date.now(),
  });
  return { event_id: event.event_id };
}

/** GET rooms/{roomId}/event/{eventId}. */
export function getEvent(ctx: RouteContext): Content {
  const roomId = joinedRoom(ctx);
  const event = ctx.hs.findEvent(roomId, ctx.params.eventId ?? "");
  if (!event) throw notFound("Event not found.");
  return clientEvent(event);
}

const PRESETS = new Set(["private_chat", "trusted_private_chat", "public_chat"]);

/** POST createRoom: the bot creates a room, joins it, and invites `invite`. */
export function createRoom(ctx: RouteContext): Content {
  const { hs } = ctx;
  const body = objectBody(ctx);
  const bot = hs.botUserId;
  const invite = body.invite ?? [];
  if (!Array.isArray(invite) || !invite.every(isUserId))
    throw invalidParam("invite must be a list of user ids");
  const initialState = body.initial_state ?? [];
  if (
    !Array.isArray(initialState) ||
    !initialState.every((e) => isObject(e) && typeof e.type === "string" && isObject(e.content))
  )
    throw badJson("initial_state must be a list of {type, state_key, content}");
  const preset = body.preset ?? (body.visibility === "public" ? "public_chat" : "private_chat");
  if (typeof preset !== "string" || !PRESETS.has(preset))
    throw invalidParam(`Unknown preset ${JSON.stringify(preset)}`);
  for (const field of ["name", "topic", "room_alias_name"])
    if (body[field] !== undefined && typeof body[field] !== "string")
      throw badJson(`${field} must be a string`);
  const aliasName = typeof body.room_alias_name === "string" ? body.room_alias_name : "";
  const alias = aliasName ? `#${aliasName}:${hs.serverName}` : undefined;
  if (
    alias &&
    [...hs.rooms.keys()].some(
      (id) => hs.stateEvent(id, "m.room.canonical_alias")?.content.alias === alias,
    )
  )
    throw new MatrixApiError(400, "M_ROOM_IN_USE", "Room alias already taken");
  const isDirect = body.is_direct === true;
  const room = hs.newRoom(isDirect);
  const state = (type: string, content: Content, stateKey = ""): void => {
    hs.append(room.id, { type, sender: bot, content, state_key: stateKey });
  };
  const creation = isObject(body.creation_content) ? body.creation_content : {};
  const version = typeof body.room_version === "string" ? body.room_version : "10";
  state("m.room.create", { ...creation, creator: bot, room_version: version });
  state("m.room.member", { membership: "join", displayname: localpart(bot) }, bot);
  const users: Record<string, number> = { [bot]: 100 };
  if (preset === "trusted_private_chat") for (const u of invite) users[u] = 100;
  const override = isObject(body.power_level_content_override)
    ? body.power_level_content_override
    : {};
  state("m.room.power_levels", { ...defaultPowerLevels(users), ...override });
  if (alias) state("m.room.canonical_alias", { alias });
  state("m.room.join_rules", { join_rule: preset === "public_chat" ? "public" : "invite" });
  state("m.room.history_visibility", { history_visibility: "shared" });
  const initial = (initialState as Content[]).map((e) => ({
    type: String(e.type),
    state_key: typeof e.state_key === "string" ? e.state_key : "",
    content: e.content as Content,
  }));
  for (const e of initial) state(e.type, e.content, e.state_key);
  if (typeof body.name === "string") state("m.room.name", { name: body.name });
  if (typeof body.topic === "string") state("m.room.topic", { topic: body.topic });
  for (const userId of invite) {
    const content: Content = { membership: "invite", displayname: localpart(userId) };
    if (isDirect) content.is_direct = true;
    state("m.room.member", content, userId);
  }
  hs.createdRooms.push({
    roomId: room.id,
    isDirect,
    preset,
    invite: [...invite],
    name: typeof body.name === "string" ? body.name : undefined,
    initialState: initial,
    request: body,
    at: Date.now(),
  });
  return { room_id: room.id };
}
