/**
 * Delivery to Matrix through the real matrix-bot-sdk client and the HTTP fake: a storm of 429
 * answers loses and duplicates nothing, 500s and lost answers are retried under the same
 * transaction id, user text is escaped, long messages are split, and files are uploaded and
 * sent as m.file and m.image.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { message, paragraph } from "../../bot/reply.js";
import type { InterceptedRequest, SentEvent } from "../fakes/matrix-homeserver.js";
import { sendEvent } from "../fakes/matrix-room-ops.js";
import {
  bodyOf,
  boundRoom,
  directRoomOf,
  htmlOf,
  messagesIn,
  query,
  queueMessage,
  replyTo,
  roomWithBot,
  sentTo,
  startMatrixBot,
  tempFolder,
  WAIT_MS,
  type MatrixBot,
  type MatrixBotOptions,
} from "../helpers/matrix-bot.js";
import { waitFor } from "../helpers/wait.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(options: MatrixBotOptions = {}): Promise<MatrixBot> {
  const started = await startMatrixBot(options);
  cleanups.push(() => started.stop());
  return started;
}

const anais = "@anais:example.org";
const members = Array.from({ length: 10 }, (_, i) => `@membre${i}:example.org`);

/** Whether a request is the bot sending a message (PUT …/send/m.room.message/{txnId}). */
function isSend(req: { method: string; path: string }): boolean {
  return req.method === "PUT" && req.path.includes("/send/m.room.message/");
}

/** The plain body of a request's JSON content ("" when there is none). */
function requestBody(req: InterceptedRequest): string {
  const body = req.body as { body?: unknown } | undefined;
  return typeof body?.body === "string" ? body.body : "";
}

/** The tags used in an HTML formatted_body. */
function tagsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()));
}

/** Tags every Matrix client renders safely (a subset of the spec's recommended list). */
const SAFE_TAGS = new Set(["p", "br", "strong", "em", "code", "a", "ul", "ol", "li"]);

describe("a storm of 429 answers", () => {
  it("delivers every reply exactly once when 30% of sends are refused with retry_after_ms", async () => {
    const b = await bot();
    const { fake, app } = b;
    const group = await boundRoom(fake, { creator: anais, members });
    const direct = new Map<string, string>();
    for (const m of members) direct.set(m, await directRoomOf(b, m));

    // A fixed pattern, so that every run is the same: the replies to commands 0, 4 and 7 of
    // every ten are refused once, and those to commands 7 a second time (12 of 42 sends: 29%).
    const refusals = new Map<string, number>();
    const expected: Array<{ roomId: string; from: string; title: string }> = [];
    for (const [i, m] of members.entries()) {
      for (let round = 0; round < 3; round++) {
        const k = i * 3 + round;
        const title = `Annonce tempête ${k} fin`;
        if ([0, 4, 7].includes(k % 10)) refusals.set(title, k % 10 === 7 ? 2 : 1);
        // Four commands in the group (whose replies go out one after the other), the others
        // in the members' direct rooms.
        const roomId = round === 0 && i < 4 ? group : direct.get(m)!;
        expected.push({ roomId, from: m, title });
      }
    }
    fake.interceptor = (req) => {
      const title = /Annonce tempête \d+ fin/.exec(requestBody(req))?.[0] ?? "";
      const left = refusals.get(title) ?? 0;
      if (!isSend(req) || left === 0) return undefined;
      refusals.set(title, left - 1);
      return {
        status: 429,
        body: { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 200 },
      };
    };
    const commands = expected.map(({ roomId, from, title }) =>
      fake.sendMessage(roomId, from, `!offre ${title} #vehicules lieu:Tarbes`),
    );
    await Promise.all(commands.map((id, i) => replyTo(fake, expected[i]!.roomId, id, WAIT_MS)));
    await app.outbox.drain();

    const withTitle = (title: string) => fake.sent.filter((e) => bodyOf(e).includes(title));
    for (const { roomId, title } of expected) {
      expect(withTitle(title), title).toHaveLength(1);
      expect(withTitle(title)[0]?.roomId, title).toBe(roomId);
      // The homeserver holds one event, whatever the retries.
      const events = fake
        .timeline(roomId)
        .filter((e) => e.sender === fake.botUserId && String(e.content.body).includes(title));
      expect(events, title).toHaveLength(1);
    }
    expect(fake.sent.filter((e) => bodyOf(e).includes("est publiée"))).toHaveLength(30);
    const sends = fake.calls.filter(isSend);
    const refused = sends.filter((c) => c.status === 429);
    expect(refused).toHaveLength(12);
    expect([...refusals.values()].every((left) => left === 0)).toBe(true);
    // Each refused send is tried again under the same transaction id, after retry_after_ms.
    for (const failure of refused) {
      const next = sends.slice(sends.indexOf(failure) + 1).find((c) => c.path === failure.path);
      expect(next, failure.path).toBeDefined();
      expect(next!.at - failure.at, failure.path).toBeGreaterThanOrEqual(200);
    }
    expect(
      query(app, "SELECT COUNT(DISTINCT title) AS n, COUNT(*) AS total FROM listings"),
    ).toEqual([{ n: 30, total: 30 }]);
    expect(query(app, "SELECT DISTINCT state FROM outbox")).toEqual([{ state: "sent" }]);
  }, 40_000);
});

describe("failed sends", () => {
  it("retries a 500 and a send whose answer was lost, without duplicating the message", async () => {
    const b = await bot();
    const { fake, app } = b;
    const { roomId } = await roomWithBot(fake, { creator: anais, members: [members[0]!] });
    const bob = members[0]!;

    fake.failNext("PUT", "/send/m.room.message/", {
      status: 500,
      body: { errcode: "M_UNKNOWN", error: "Internal server error" },
    });
    const first = fake.sendMessage(roomId, bob, "!chercher essai");
    const retried = await replyTo(fake, roomId, first);
    expect(bodyOf(retried)).toContain("« essai »");
    expect(
      fake.calls.filter((c) => isSend(c) && c.path.endsWith(retried.txnId!)).map((c) => c.status),
    ).toEqual([500, 200]);

    // The homeserver stores the message, but its answer never reaches the bot.
    let lost: string | undefined;
    fake.interceptor = (req) => {
      if (lost !== undefined || !isSend(req) || !requestBody(req).includes("« perdue »"))
        return undefined;
      const [, room, type, txnId] = /\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(req.path)!;
      const stored = sendEvent({
        hs: fake,
        params: { roomId: room!, eventType: type!, txnId: txnId! },
        query: new URLSearchParams(),
        body: req.body,
        raw: Buffer.from(JSON.stringify(req.body)),
        contentType: "application/json",
      });
      lost = String(stored.event_id);
      return "drop";
    };
    const second = fake.sendMessage(roomId, bob, "!chercher perdue");
    const reply = await replyTo(fake, roomId, second);
    await waitFor(
      () =>
        query<{ state: string }>(app, "SELECT state FROM outbox ORDER BY id DESC LIMIT 1")[0]
          ?.state === "sent",
      "the lost send to be confirmed",
      WAIT_MS,
    );
    expect(reply.event_id).toBe(lost);
    expect(
      fake.calls.filter((c) => isSend(c) && c.path.endsWith(reply.txnId!)).map((c) => c.status),
    ).toEqual(["dropped", 200]);
    expect(
      fake.timeline(roomId).filter((e) => String(e.content.body).includes("« perdue »")),
    ).toHaveLength(1);
    expect(
      query(app, "SELECT platform_message_id AS id FROM outbox ORDER BY id DESC LIMIT 1"),
    ).toEqual([{ id: lost }]);
  });
});

describe("rendering", () => {
  it("escapes user text in formatted_body and keeps it verbatim in body", async () => {
    const b = await bot();
    const { fake } = b;
    const roomId = await boundRoom(fake, { creator: anais, members: [members[0]!] });
    const title = "<script>alert(1)</script> & <b>co</b>";

    const post = fake.sendMessage(roomId, members[0]!, `!offre ${title} #vehicules lieu:Tarbes`);
    const published = await replyTo(fake, roomId, post);
    expect(bodyOf(published)).toContain(title);
    expect(htmlOf(published)).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;",
    );
    expect(htmlOf(published)).not.toContain("<script");
    expect(htmlOf(published)).not.toContain("<b>");
    for (const tag of tagsOf(htmlOf(published))) expect(SAFE_TAGS, tag).toContain(tag);

    const search = fake.sendMessage(roomId, members[0]!, "!chercher script");
    const results = await replyTo(fake, roomId, search);
    expect(bodyOf(results)).toContain(`#1 ${title}`);
    expect(htmlOf(results)).not.toContain("<script");
  });

  it("splits a 40,000-character message into several events, in order", async () => {
    const b = await bot();
    const { fake, app } = b;
    const { roomId } = await roomWithBot(fake, { creator: anais });
    const lines = Array.from(
      { length: 400 },
      (_, i) => `Ligne ${String(i + 1).padStart(3, "0")} <&> ${"x".repeat(86)}`,
    );
    expect(lines.join("\n\n").length).toBeGreaterThanOrEqual(40_000);
    queueMessage(
      app,
      { kind: "room", platform: "matrix", roomId },
      { text: message(lines.map((l) => paragraph(l))) },
    );
    await sentTo(fake, roomId, "Ligne 400");
    await app.outbox.drain();

    const parts = messagesIn(fake, roomId).filter((e) => bodyOf(e).startsWith("Ligne "));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) {
      expect(part.content).toMatchObject({ msgtype: "m.notice", format: "org.matrix.custom.html" });
      expect(Buffer.byteLength(JSON.stringify(part.content))).toBeLessThan(65_536);
      expect(htmlOf(part)).toContain("&lt;&amp;&gt;");
    }
    expect(parts.map(bodyOf).join("\n\n")).toBe(lines.join("\n\n"));
    expect(query(app, "SELECT state FROM outbox WHERE state <> 'sent'")).toEqual([]);
  });

  it("fits in the event size limit a long text made of characters that HTML escapes", async () => {
    const b = await bot();
    const { fake, app } = b;
    const { roomId } = await roomWithBot(fake, { creator: anais });
    // One paragraph of 40,000 characters, each of which takes 4 to 5 in HTML ("&lt;", "&amp;").
    const text = "<&>".repeat(13_334);
    const id = queueMessage(
      app,
      { kind: "room", platform: "matrix", roomId },
      { text: message([paragraph(text)]) },
    );
    const row = () =>
      query<{ state: string; error: string | null }>(
        app,
        "SELECT state, last_error AS error FROM outbox WHERE id = ?",
        id,
      )[0];
    await waitFor(
      () => row()?.state === "sent" || row()?.state === "failed",
      "the message to be sent or given up",
      WAIT_MS,
    );
    expect(row()).toEqual({ state: "sent", error: null });
    const parts = messagesIn(fake, roomId).filter((e) => /^[<&>]+$/.test(bodyOf(e)));
    // (Compared by length and equality, not printed: 40,000 characters.)
    const received = parts.map(bodyOf).join("");
    expect(received.length).toBe(text.length);
    expect(received === text).toBe(true);
  });
});

describe("files", () => {
  // The smallest valid PNG: one transparent pixel.
  const PNG = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  );

  it("uploads a document and an image and sends them as m.file and m.image", async () => {
    const b = await bot();
    const { fake, app } = b;
    const folder = tempFolder();
    cleanups.push(() => folder.remove());
    const json = join(folder.path, "export.json");
    const png = join(folder.path, "chart.png");
    writeFileSync(json, JSON.stringify({ listings: [1, 2, 3] }));
    writeFileSync(png, PNG);
    const bob = members[0]!;
    const dm = await directRoomOf(b, bob);
    const to = { kind: "member", platform: "matrix", userId: bob } as const;

    queueMessage(app, to, {
      text: message([paragraph("Vos données <personnelles> & plus")]),
      attachment: { kind: "document", path: json, filename: "mes-donnees.json" },
    });
    queueMessage(app, to, {
      text: message([paragraph("Activité du réseau")]),
      attachment: { kind: "image", path: png, filename: "activite.png" },
    });
    const isFile = (msgtype: string) => (e: SentEvent) =>
      e.roomId === dm && e.content.msgtype === msgtype;
    const file = await fake.waitForSent(isFile("m.file"), WAIT_MS);
    const image = await fake.waitForSent(isFile("m.image"), WAIT_MS);

    expect(fake.uploads).toHaveLength(2);
    const [document, picture] = fake.uploads;
    expect(document).toMatchObject({
      fileName: "mes-donnees.json",
      contentType: "application/json",
    });
    expect(document!.data.toString()).toBe(readFileSync(json, "utf8"));
    expect(picture).toMatchObject({ fileName: "activite.png", contentType: "image/png" });
    expect(picture!.data.equals(PNG)).toBe(true);
    expect(file.content).toMatchObject({
      body: "mes-donnees.json",
      filename: "mes-donnees.json",
      url: document!.mxc,
      info: { mimetype: "application/json", size: document!.size },
    });
    expect(image.content).toMatchObject({
      body: "activite.png",
      url: picture!.mxc,
      info: { mimetype: "image/png", size: PNG.length },
    });
    // Each file comes after its text, in the order queued.
    expect(messagesIn(fake, dm).map((e) => e.content.msgtype)).toEqual([
      "m.notice",
      "m.file",
      "m.notice",
      "m.image",
    ]);
    expect(bodyOf(messagesIn(fake, dm)[0]!)).toBe("Vos données <personnelles> & plus");
  });
});
