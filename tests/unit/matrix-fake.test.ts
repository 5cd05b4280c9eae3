import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  startFakeHomeserver,
  type Content,
  type FakeHomeserver,
} from "../fakes/matrix-homeserver.js";
import { waitFor } from "../helpers/wait.js";

interface Answer {
  status: number;
  body: Content;
}

interface Sync {
  next_batch: string;
  rooms: {
    join: Record<
      string,
      { timeline: { events: Content[]; limited: boolean }; state: { events: Content[] } }
    >;
    invite: Record<string, { invite_state: { events: Content[] } }>;
    leave: Record<string, { timeline: { events: Content[] } }>;
  };
  account_data: { events: Content[] };
}

let fake: FakeHomeserver;
const alice = "@alice:example.org";
const bob = "@bob:example.org";
const V3 = "/_matrix/client/v3";

async function api(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; raw?: Buffer; contentType?: string } = {},
): Promise<Answer> {
  const token = options.token === undefined ? fake.accessToken : options.token;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let body: string | Buffer | undefined;
  if (options.raw) {
    body = options.raw;
    headers["content-type"] = options.contentType ?? "application/octet-stream";
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${fake.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Content) : {} };
}

async function sync(query = ""): Promise<Sync> {
  const answer = await api("GET", `${V3}/sync${query ? `?${query}` : ""}`);
  expect(answer.status).toBe(200);
  return answer.body as unknown as Sync;
}

const enc = encodeURIComponent;
const sendPath = (roomId: string, txnId: string): string =>
  `${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId}`;

beforeEach(async () => {
  fake = await startFakeHomeserver();
});
afterEach(async () => {
  await fake.stop();
});

describe("account", () => {
  it("answers whoami under the v3 and r0 prefixes", async () => {
    const v3 = await api("GET", `${V3}/account/whoami`);
    const r0 = await api("GET", "/_matrix/client/r0/account/whoami");
    expect(v3).toEqual({
      status: 200,
      body: expect.objectContaining({ user_id: fake.botUserId }) as unknown,
    });
    expect(r0.body.user_id).toBe("@soliterr:example.org");
    expect(typeof v3.body.device_id).toBe("string");
  });

  it("refuses a wrong or missing token with 401, and accepts access_token in the query", async () => {
    expect(await api("GET", `${V3}/account/whoami`, { token: "nope" })).toMatchObject({
      status: 401,
      body: { errcode: "M_UNKNOWN_TOKEN" },
    });
    expect((await api("GET", `${V3}/joined_rooms`, { token: null })).body.errcode).toBe(
      "M_MISSING_TOKEN",
    );
    const viaQuery = await api("GET", `${V3}/account/whoami?access_token=${fake.accessToken}`, {
      token: null,
    });
    expect(viaQuery.status).toBe(200);
  });

  it("answers an unsupported endpoint with 404 M_UNRECOGNIZED, never a 5xx", async () => {
    const unknown = await api("GET", `${V3}/rooms/!x:example.org/messages`);
    expect(unknown).toMatchObject({ status: 404, body: { errcode: "M_UNRECOGNIZED" } });
    expect(unknown.body.error).toContain("not supported by the fake");
    expect((await api("DELETE", `${V3}/joined_rooms`)).status).toBe(405);
    expect((await api("GET", "/elsewhere")).status).toBe(404);
    expect((await api("GET", "/_matrix/client/versions", { token: null })).body.versions).toContain(
      "v1.1",
    );
  });

  it("answers 404 M_NOT_FOUND for unset account data, then stores and syncs what is PUT", async () => {
    const path = `${V3}/user/${enc(fake.botUserId)}/account_data/m.direct`;
    expect(await api("GET", path)).toMatchObject({ status: 404, body: { errcode: "M_NOT_FOUND" } });
    const initial = await sync();
    expect((await api("PUT", path, { body: { [alice]: ["!dm:example.org"] } })).status).toBe(200);
    expect((await api("GET", path)).body).toEqual({ [alice]: ["!dm:example.org"] });
    expect(fake.accountData[fake.botUserId]?.["m.direct"]).toEqual({
      [alice]: ["!dm:example.org"],
    });
    const next = await sync(`since=${initial.next_batch}&timeout=1000`);
    expect(next.account_data.events).toEqual([
      { type: "m.direct", content: { [alice]: ["!dm:example.org"] } },
    ]);
    const other = await api("GET", `${V3}/user/${enc(alice)}/account_data/m.direct`);
    expect(other.status).toBe(403);
  });

  it("stores filters and reads them back", async () => {
    const filter = { room: { timeline: { limit: 3 } } };
    const created = await api("POST", `${V3}/user/${enc(fake.botUserId)}/filter`, { body: filter });
    const id = created.body.filter_id as string;
    expect((await api("GET", `${V3}/user/${enc(fake.botUserId)}/filter/${id}`)).body).toEqual(
      filter,
    );
  });
});

describe("sync", () => {
  it("gives state and a limited recent timeline first, then only what is new after since", async () => {
    const room = fake.createRoom({ creator: alice, name: "Vallée", members: [fake.botUserId] });
    for (let i = 0; i < 25; i++) fake.sendMessage(room, alice, `message ${i}`);
    const first = await sync();
    const joined = first.rooms.join[room]!;
    expect(joined.timeline.events).toHaveLength(20);
    expect(joined.timeline.limited).toBe(true);
    expect(joined.timeline.events.at(-1)).toMatchObject({
      sender: alice,
      content: { body: "message 24" },
    });
    expect(joined.state.events.map((e) => e.type)).toContain("m.room.power_levels");
    expect(joined.state.events.find((e) => e.type === "m.room.name")?.content).toEqual({
      name: "Vallée",
    });

    const id = fake.sendMessage(room, alice, "nouveau");
    const next = await sync(`since=${first.next_batch}&timeout=0`);
    expect(next.rooms.join[room]!.timeline.events.map((e) => e.event_id)).toEqual([id]);
    expect(next.rooms.join[room]!.timeline.limited).toBe(false);
    expect(next.next_batch).not.toBe(first.next_batch);
    expect(fake.syncSinces).toEqual([undefined, first.next_batch]);
  });

  it("holds a long poll until a message arrives, then answers with it", async () => {
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const { next_batch } = await sync();
    const started = Date.now();
    const polled = sync(`since=${next_batch}&timeout=5000`);
    await waitFor(() => fake.pendingSyncs === 1, "a held sync", 2000);
    setTimeout(() => fake.sendMessage(room, alice, "!aide"), 100);
    const answer = await polled;
    // Answered when the message came, long before the 5 s timeout.
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(answer.rooms.join[room]!.timeline.events.map((e) => e.content)).toEqual([
      { msgtype: "m.text", body: "!aide" },
    ]);
    expect(fake.pendingSyncs).toBe(0);
  });

  it("answers an empty, valid sync with a next_batch when the timeout ends", async () => {
    fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const { next_batch } = await sync();
    const started = Date.now();
    const answer = await sync(`since=${next_batch}&timeout=150`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.next_batch).toBe(next_batch);
    expect(answer.rooms).toEqual({ join: {}, invite: {}, leave: {}, knock: {} });
  });

  it("refuses a malformed since token with 400 M_INVALID_PARAM", async () => {
    const answer = await api("GET", `${V3}/sync?since=garbage`);
    expect(answer).toMatchObject({ status: 400, body: { errcode: "M_INVALID_PARAM" } });
  });

  it("shows an invitation in rooms.invite, then the room in rooms.join once the bot joins", async () => {
    const room = fake.createRoom({ creator: alice, name: "Entraide" });
    fake.sendMessage(room, alice, "!reseau avant");
    const { next_batch } = await sync();
    fake.invite(room, alice, fake.botUserId, { isDirect: true });
    const invited = await sync(`since=${next_batch}&timeout=1000`);
    const stripped = invited.rooms.invite[room]!.invite_state.events;
    expect(stripped.find((e) => e.type === "m.room.name")?.content).toEqual({ name: "Entraide" });
    expect(stripped.find((e) => e.state_key === fake.botUserId)).toMatchObject({
      sender: alice,
      content: { membership: "invite", is_direct: true },
    });
    expect((await api("GET", `${V3}/joined_rooms`)).body.joined_rooms).toEqual([]);

    expect((await api("POST", `${V3}/join/${enc(room)}`, { body: {} })).body).toEqual({
      room_id: room,
    });
    const joined = await sync(`since=${invited.next_batch}&timeout=1000`);
    const events = joined.rooms.join[room]!.timeline.events;
    expect(events.at(-1)).toMatchObject({
      state_key: fake.botUserId,
      content: { membership: "join" },
    });
    // Earlier history comes with a newly joined room, as on a real homeserver.
    expect(events.some((e) => (e.content as Content).body === "!reseau avant")).toBe(true);
    expect(joined.rooms.invite).toEqual({});
    expect((await api("GET", `${V3}/joined_rooms`)).body.joined_rooms).toEqual([room]);
    expect(fake.membership(room, fake.botUserId)).toBe("join");
  });

  it("refuses a join without an invitation, and reports a kick in rooms.leave", async () => {
    const closed = fake.createRoom({ creator: alice });
    expect(await api("POST", `${V3}/rooms/${enc(closed)}/join`, { body: {} })).toMatchObject({
      status: 403,
      body: { errcode: "M_FORBIDDEN" },
    });
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const { next_batch } = await sync();
    fake.kick(room, alice, fake.botUserId, "bye");
    const answer = await sync(`since=${next_batch}&timeout=1000`);
    expect(answer.rooms.leave[room]!.timeline.events.at(-1)).toMatchObject({
      sender: alice,
      content: { membership: "leave", reason: "bye" },
    });
    expect(answer.rooms.join).toEqual({});
  });
});

describe("sending", () => {
  it("sends once per transaction id, and echoes the event with its transaction_id", async () => {
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const { next_batch } = await sync();
    const content = { msgtype: "m.notice", body: "Bienvenue" };
    const first = await api("PUT", sendPath(room, "t1"), { body: content });
    const again = await api("PUT", sendPath(room, "t1"), { body: content });
    expect(first.status).toBe(200);
    expect(again.body.event_id).toBe(first.body.event_id);
    expect(fake.sentTo(room)).toMatchObject([{ type: "m.room.message", content, txnId: "t1" }]);
    const other = await api("PUT", sendPath(room, "t2"), { body: content });
    expect(other.body.event_id).not.toBe(first.body.event_id);
    const echo = await sync(`since=${next_batch}&timeout=0`);
    expect(echo.rooms.join[room]!.timeline.events[0]).toMatchObject({
      event_id: first.body.event_id as string,
      sender: fake.botUserId,
      unsigned: { transaction_id: "t1" },
    });
    const fetched = await api(
      "GET",
      `${V3}/rooms/${enc(room)}/event/${enc(first.body.event_id as string)}`,
    );
    expect(fetched.body).toMatchObject({ room_id: room, content });
  });

  it("refuses a send to a room the bot is not in, and resolves waitForSent on a send", async () => {
    const outside = fake.createRoom({ creator: alice });
    const refused = await api("PUT", sendPath(outside, "x"), {
      body: { msgtype: "m.text", body: "hi" },
    });
    expect(refused).toMatchObject({ status: 403, body: { errcode: "M_FORBIDDEN" } });
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const waited = fake.waitForSent((e) => e.roomId === room, 2000);
    await api("PUT", sendPath(room, "y"), { body: { msgtype: "m.text", body: "ok" } });
    expect((await waited).content.body).toBe("ok");
  });

  it("creates a direct room: the bot joins, the invitee gets an is_direct invitation", async () => {
    const answer = await api("POST", `${V3}/createRoom`, {
      body: { invite: [alice], is_direct: true, preset: "trusted_private_chat" },
    });
    const roomId = answer.body.room_id as string;
    expect(roomId).toMatch(/^!.+:example\.org$/);
    expect(fake.membership(roomId, fake.botUserId)).toBe("join");
    expect(fake.stateEvent(roomId, "m.room.member", alice)?.content).toMatchObject({
      membership: "invite",
      is_direct: true,
    });
    expect(fake.createdRooms).toMatchObject([{ roomId, isDirect: true, invite: [alice] }]);
    fake.join(roomId, alice);
    const members = await api("GET", `${V3}/rooms/${enc(roomId)}/joined_members`);
    expect(Object.keys(members.body.joined as object).sort()).toEqual(
      [alice, fake.botUserId].sort(),
    );
  });

  it("serves power levels, follows their changes, and checks them on state the bot sends", async () => {
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId, bob] });
    const plPath = `${V3}/rooms/${enc(room)}/state/m.room.power_levels/`;
    expect((await api("GET", plPath)).body).toMatchObject({ users: { [alice]: 100 }, kick: 50 });
    const pinPath = `${V3}/rooms/${enc(room)}/state/m.room.pinned_events/`;
    expect((await api("GET", pinPath)).body.errcode).toBe("M_NOT_FOUND");
    const { next_batch } = await sync();
    const refused = await api("PUT", pinPath, { body: { pinned: ["$x"] } });
    expect(refused).toMatchObject({ status: 403, body: { errcode: "M_FORBIDDEN" } });

    fake.setPowerLevel(room, fake.botUserId, 50);
    fake.setModeratorLevel(room, 40);
    expect(fake.powerLevel(room, fake.botUserId)).toBe(50);
    expect((await api("GET", plPath.slice(0, -1))).body).toMatchObject({
      kick: 40,
      ban: 40,
      redact: 40,
    });
    const changes = await sync(`since=${next_batch}&timeout=1000`);
    const levels = changes.rooms.join[room]!.timeline.events.filter(
      (e) => e.type === "m.room.power_levels",
    );
    expect(levels).toHaveLength(2);
    expect(levels[0]).toMatchObject({
      state_key: "",
      content: { users: { [fake.botUserId]: 50 } },
    });

    expect((await api("PUT", pinPath, { body: { pinned: ["$x"] } })).status).toBe(200);
    expect(fake.stateEvent(room, "m.room.pinned_events")?.content).toEqual({ pinned: ["$x"] });
    expect(fake.sentTo(room)).toMatchObject([{ type: "m.room.pinned_events", stateKey: "" }]);
  });

  it("redacts an event once per transaction id, and refuses a body that is not JSON", async () => {
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const sent = await api("PUT", sendPath(room, "r"), { body: { msgtype: "m.text", body: "x" } });
    const eventId = sent.body.event_id as string;
    const path = `${V3}/rooms/${enc(room)}/redact/${enc(eventId)}/z`;
    const first = await api("PUT", path, { body: { reason: "typo" } });
    expect((await api("PUT", path, { body: { reason: "typo" } })).body).toEqual(first.body);
    expect(fake.timeline(room).find((e) => e.event_id === eventId)?.content).toEqual({});
    expect(fake.sent.filter((e) => e.type === "m.room.redaction")).toMatchObject([
      { redacts: eventId, content: { reason: "typo" } },
    ]);
    const res = await fetch(`${fake.url}${sendPath(room, "j")}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${fake.accessToken}` },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Content).errcode).toBe("M_NOT_JSON");
  });

  it("shows an encrypted room's m.room.encryption state and its encrypted events", async () => {
    const room = fake.createRoom({ creator: alice, encrypted: true, members: [fake.botUserId] });
    fake.sendEncrypted(room, alice);
    const joined = (await sync()).rooms.join[room]!;
    // A short history fits in the timeline: state events are there, not in `state`.
    const all = [...joined.state.events, ...joined.timeline.events];
    expect(all.find((e) => e.type === "m.room.encryption")?.content).toEqual({
      algorithm: "m.megolm.v1.aes-sha2",
    });
    expect(joined.timeline.events.at(-1)?.type).toBe("m.room.encrypted");
  });

  it("writes a mention as Element does", () => {
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const id = fake.sendMention(room, alice, "aide");
    const event = fake.timeline(room).find((e) => e.event_id === id)!;
    expect(event.content).toMatchObject({
      body: "soliterr: aide",
      formatted_body: '<a href="https://matrix.to/#/@soliterr:example.org">soliterr</a>: aide',
      "m.mentions": { user_ids: [fake.botUserId] },
    });
  });

  it("stores an upload and returns its mxc URI", async () => {
    const bytes = Buffer.from("name,place\nAlice,Die\n");
    const answer = await api("POST", "/_matrix/media/v3/upload?filename=export.csv", {
      raw: bytes,
      contentType: "text/csv",
    });
    const mxc = answer.body.content_uri as string;
    expect(mxc).toMatch(/^mxc:\/\/example\.org\/.+/);
    expect(fake.uploads).toMatchObject([
      { contentType: "text/csv", fileName: "export.csv", size: bytes.length, mxc },
    ]);
    const download = await fetch(`${fake.url}/_matrix/client/v1/media/download/${mxc.slice(6)}`, {
      headers: { authorization: `Bearer ${fake.accessToken}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe("failures", () => {
  it("answers an injected 429 M_LIMIT_EXCEEDED once, without sending, then works again", async () => {
    const room = fake.createRoom({ creator: alice, members: [fake.botUserId] });
    fake.failNext("PUT", "/send/", {
      status: 429,
      body: { errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: 500 },
    });
    const limited = await api("PUT", sendPath(room, "a"), {
      body: { msgtype: "m.text", body: "x" },
    });
    expect(limited).toMatchObject({
      status: 429,
      body: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 500 },
    });
    expect(fake.sent).toHaveLength(0);
    expect(
      (await api("PUT", sendPath(room, "a"), { body: { msgtype: "m.text", body: "x" } })).status,
    ).toBe(200);
    expect(fake.sent).toHaveLength(1);
    expect(fake.calls.filter((c) => c.path.includes("/send/")).map((c) => c.status)).toEqual([
      429, 200,
    ]);
  });

  it("drops a connection on dropNext and lets an interceptor answer", async () => {
    fake.dropNext("/account/whoami");
    await expect(fetch(`${fake.url}${V3}/account/whoami`)).rejects.toThrow();
    fake.interceptor = (req) =>
      req.path.endsWith("/joined_rooms")
        ? { status: 500, body: { errcode: "M_UNKNOWN" } }
        : undefined;
    expect((await api("GET", `${V3}/joined_rooms`)).status).toBe(500);
    expect((await api("GET", `${V3}/account/whoami`)).status).toBe(200);
  });

  it("releases a pending sync at once on stop", async () => {
    fake.createRoom({ creator: alice, members: [fake.botUserId] });
    const { next_batch } = await sync();
    const polled = sync(`since=${next_batch}&timeout=30000`);
    await waitFor(() => fake.pendingSyncs === 1, "a held sync", 2000);
    const started = Date.now();
    await fake.stop();
    const answer = await polled;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.next_batch).toBe(next_batch);
  });
});
