/**
 * Moderation on Matrix, through the real matrix-bot-sdk client and the HTTP fake: an
 * animator mutes a member by their Matrix id, the member is told in their direct room and
 * refused a post with the end date; a report is then reviewed and dismissed with `!`
 * commands.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  bodyOf,
  boundRoom,
  directRoomOf,
  query,
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
const dan = "@dan:example.org";
const eve = "@eve:example.org";

describe("moderation on Matrix", () => {
  it("mutes a member named by Matrix id, then reviews and dismisses a report", async () => {
    const b = await startMatrixBot();
    running.push(b);
    const { fake, app } = b;
    const room = await boundRoom(fake, { creator: anais, members: [dan, eve] });
    const danDm = await directRoomOf(b, dan);
    const anaisDm = await directRoomOf(b, anais);

    // Dan has used the bot before (members are known from their first message).
    await replyTo(fake, room, fake.sendMessage(room, dan, "!chercher perceuse"));
    const muted = await replyTo(
      fake,
      room,
      fake.sendMessage(room, anais, `!sourdine ${dan} 7j Messages agressifs`),
    );
    expect(bodyOf(muted)).toContain(
      "est en sourdine dans le réseau « Réseau du Val » jusqu'au 6 décembre",
    );
    const notice = await sentTo(fake, danDm, "vous a mis en sourdine");
    expect(bodyOf(notice)).toContain("Motif : Messages agressifs");
    const refused = await replyTo(
      fake,
      room,
      fake.sendMessage(room, dan, "!offre Perceuse #outillage lieu:Tarbes"),
    );
    expect(bodyOf(refused)).toContain("Vous êtes en sourdine dans le réseau « Réseau du Val »");

    await replyTo(
      fake,
      room,
      fake.sendMessage(room, anais, "!offre Salle de réunion #locaux lieu:Tarbes"),
    );
    await replyTo(
      fake,
      room,
      fake.sendMessage(room, eve, "!signaler 1 Doublon d'une autre annonce"),
    );
    await sentTo(fake, anaisDm, "eve signale l'annonce #1");
    const list = await replyTo(fake, room, fake.sendMessage(room, anais, "!signalements"));
    expect(bodyOf(list)).toContain("Signalements ouverts — Réseau du Val : 1");
    expect(bodyOf(list)).toContain("!signalements classer 1");
    const dismissed = await replyTo(
      fake,
      room,
      fake.sendMessage(room, anais, "!signalements classer 1"),
    );
    expect(bodyOf(dismissed)).toContain("Signalement n°1 classé");
    expect(query(app, "SELECT status, outcome FROM reports")).toEqual([
      { status: "handled", outcome: "dismissed" },
    ]);
    expect(query(app, "SELECT count(*) AS n FROM mutes")).toEqual([{ n: 1 }]);
  });
});
