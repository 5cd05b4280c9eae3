/**
 * Broadcasts on Matrix, through the real matrix-bot-sdk client and the HTTP fake of the
 * client-server API: the preview in the animator's direct room, confirmation by command,
 * the m.notice in every room of the network, pinned through m.room.pinned_events where the
 * bot's power level allows it, and the report.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  bodyOf,
  boundRoom,
  htmlOf,
  replyTo,
  roomWithBot,
  sentTo,
  startMatrixBot,
  type MatrixBot,
} from "../helpers/matrix-bot.js";

const running: MatrixBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anais = "@anais:example.org";

describe("broadcasts on Matrix", () => {
  it("previews in private, then posts in every room, pins where it may, and reports", async () => {
    const bot = await startMatrixBot();
    running.push(bot);
    const { fake, app } = bot;
    // The bot may change state in the first room only (state_default is 50).
    const first = await boundRoom(fake, {
      creator: anais,
      name: "Entraide du Val",
      powerLevels: { [fake.botUserId]: 50 },
    });
    // The second room joins with a one-time code, given in private.
    const { roomId: second } = await roomWithBot(fake, {
      creator: anais,
      name: "Coteaux solidaires",
    });
    fake.sendMessage(first, anais, "!reseau lier");
    const given = await fake.waitForSent(
      (e) => e.type === "m.room.message" && bodyOf(e).includes("Code pour relier"),
    );
    const direct = given.roomId;
    expect(direct).not.toBe(first);
    // The bot created the direct room and invited her: she joins it to answer.
    fake.join(direct, anais);
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(bodyOf(given))?.[0] ?? "";
    const link = fake.sendMessage(second, anais, `!reseau lier ${code}`);
    expect(bodyOf(await replyTo(fake, second, link))).toContain(
      "Ce salon rejoint le réseau « Réseau du Val »",
    );

    fake.sendMessage(first, anais, "!diffuser Assemblée <b>générale</b> & apéro jeudi");
    const preview = await sentTo(fake, direct, "Aperçu de la diffusion n°1");
    expect(bodyOf(preview)).toContain("!diffusions envoyer 1");
    expect(htmlOf(preview)).toContain("Assemblée &lt;b&gt;générale&lt;/b&gt; &amp; apéro jeudi");

    fake.sendMessage(direct, anais, "!diffusions epingler 1");
    await sentTo(fake, direct, "Épinglée : oui");
    fake.sendMessage(direct, anais, "!diffusions envoyer 1");
    const inFirst = await sentTo(fake, first, "📣 Réseau du Val — message de anais");
    await sentTo(fake, second, "📣 Réseau du Val — message de anais");
    expect(inFirst.content).toMatchObject({ msgtype: "m.notice" });
    await fake.waitForSent((e) => e.roomId === first && e.type === "m.room.pinned_events");
    expect(fake.stateEvent(first, "m.room.pinned_events")?.content).toEqual({
      pinned: [inFirst.event_id],
    });
    expect(fake.stateEvent(second, "m.room.pinned_events")).toBeUndefined();

    await app.outbox.drain();
    await app.scheduler.runAll();
    const report = await sentTo(fake, direct, "Rapport de la diffusion n°1");
    expect(bodyOf(report)).toContain("Salons atteints : 2 sur 2.");
    expect(bodyOf(report)).toContain("Épinglée dans 1 salon(s) sur 2.");
    expect(bodyOf(report)).toContain("Coteaux solidaires (matrix) — ");
  });
});
