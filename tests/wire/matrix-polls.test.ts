/**
 * Polls on Matrix, through the real matrix-bot-sdk client and the HTTP fake of the
 * client-server API: an m.poll.start with its numbered text fallback, m.poll.response votes
 * (changed, withdrawn, in the unstable form too) counted with typed ones, and m.poll.end.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  bodyOf,
  boundRoom,
  replyTo,
  sentTo,
  startMatrixBot,
  type MatrixBot,
} from "../helpers/matrix-bot.js";

const running: MatrixBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anais = "@anais:example.org";
const bea = "@bea:example.org";
const carl = "@carl:example.org";
const dan = "@dan:example.org";
const erin = "@erin:example.org";

describe("polls on Matrix", () => {
  it("sends m.poll.start with a text fallback, counts m.poll.response votes, and ends with m.poll.end", async () => {
    const bot = await startMatrixBot();
    running.push(bot);
    const { fake } = bot;
    const room = await boundRoom(fake, { creator: anais, members: [bea, carl, dan, erin] });

    const asked = fake.sendMessage(
      room,
      anais,
      '!sondage "Quelle date pour l\'assemblée ?" "Jeudi 3" "Vendredi <4>"',
    );
    expect(bodyOf(await replyTo(fake, room, asked))).toContain(
      "Sondage n°1 posé dans 1 salon(s) du réseau",
    );
    const start = await fake.waitForSent((e) => e.roomId === room && e.type === "m.poll.start");
    expect(start.content["m.poll"]).toEqual({
      kind: "m.disclosed",
      max_selections: 1,
      question: { "m.text": [{ body: "Quelle date pour l'assemblée ?" }] },
      answers: [
        { "m.id": "1", "m.text": [{ body: "Jeudi 3" }] },
        { "m.id": "2", "m.text": [{ body: "Vendredi <4>" }] },
      ],
    });
    const fallback = (start.content["m.text"] as { body: string }[])[0]?.body ?? "";
    expect(fallback).toContain("📊 Sondage n°1 — Réseau du Val, posé par anais");
    expect(fallback).toContain("1. Jeudi 3\n2. Vendredi <4>");
    expect(fallback).toContain("!voter 1 1");

    fake.sendPollResponse(room, bea, start.event_id, ["1"]);
    fake.sendPollResponse(room, carl, start.event_id, ["2"]);
    fake.sendPollResponse(room, carl, start.event_id, ["1"]); // Carl changes his mind.
    fake.sendPollResponse(room, dan, start.event_id, ["2"]);
    fake.sendPollResponse(room, dan, start.event_id, []); // Dan withdraws.
    // Clients from before the spec send the unstable form.
    fake.sendEvent(room, erin, "org.matrix.msc3381.poll.response", {
      "m.relates_to": { rel_type: "m.reference", event_id: start.event_id },
      "org.matrix.msc3381.poll.response": { answers: ["2"] },
    });
    fake.sendMessage(room, dan, "!voter 1 2");
    const asking = fake.sendMessage(room, bea, "!sondage resultats");
    const results = bodyOf(await replyTo(fake, room, asking));
    expect(results).toContain("📊 Résultats du sondage n°1 (en cours)");
    expect(results).toContain("1. Jeudi 3 — 2 vote(s), 50 %");
    expect(results).toContain("2. Vendredi <4> — 2 vote(s), 50 %");
    expect(results).toContain("4 votants. Par plateforme : matrix 4.");

    fake.sendMessage(room, anais, "!sondage clore 1");
    const end = await fake.waitForSent((e) => e.roomId === room && e.type === "m.poll.end");
    expect(end.content["m.relates_to"]).toEqual({
      rel_type: "m.reference",
      event_id: start.event_id,
    });
    const closed = await sentTo(fake, room, "Résultats du sondage n°1 (clos)");
    expect(closed.content.msgtype).toBe("m.notice");
    expect((end.content["m.text"] as { body: string }[])[0]?.body).toBe(bodyOf(closed));
    // A vote after the end is not counted.
    fake.sendPollResponse(room, erin, start.event_id, ["1"]);
    const again = fake.sendMessage(room, bea, "!sondage resultats 1");
    expect(bodyOf(await replyTo(fake, room, again))).toContain("2. Vendredi <4> — 2 vote(s), 50 %");
  });
});
