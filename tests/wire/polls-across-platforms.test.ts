/**
 * One network with a Telegram group and a Matrix room, one bot running both real clients
 * against both fakes: a poll asked on Telegram reaches Matrix as m.poll.start, votes from
 * both platforms are summed, and closing it from Matrix ends the Telegram poll too.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MatrixAdapter } from "../../adapters/matrix/matrix-adapter.js";
import { startFakeHomeserver, type FakeHomeserver } from "../fakes/matrix-homeserver.js";
import { group, user } from "../fakes/telegram-bot-api.js";
import { bodyOf, replyTo as matrixReply, roomWithBot } from "../helpers/matrix-bot.js";
import { replyTo, sentTo, startTelegramBot, type TelegramBot } from "../helpers/telegram-bot.js";
import { testLogger } from "../helpers/wire.js";

let bot: TelegramBot | undefined;
let homeserver: FakeHomeserver | undefined;
afterEach(async () => {
  await bot?.stop();
  await homeserver?.stop();
});

const anais = user(1001, "Anaïs", "fr");
const bea = user(1002, "Béa", "fr");
const valley = group(-4001, "Entraide du Val");
const anaisMx = "@anais:example.org";
const carl = "@carl:example.org";
const dan = "@dan:example.org";

describe("polls across platforms", () => {
  it("asks on Telegram, reaches Matrix, sums the votes of both, and closes both from Matrix", async () => {
    bot = await startTelegramBot({ start: false });
    homeserver = await startFakeHomeserver();
    const mx = homeserver;
    const { fake: tg, app } = bot;
    app.addAdapter(
      new MatrixAdapter({
        homeserverUrl: mx.url,
        accessToken: mx.accessToken,
        state: app.adapterState("matrix"),
        logger: testLogger(),
        syncTimeoutMs: 1_000,
        retryMs: 20,
      }),
    );
    await app.start();

    tg.addBotToGroup(valley, anais);
    tg.openPrivateChat(anais);
    await sentTo(tg, valley, "Bonjour");
    await replyTo(tg, valley, tg.sendText(valley, anais, "/reseau Réseau du Val"));
    tg.sendText(valley, anais, "/reseau lier");
    const given = await sentTo(tg, anais.id, "Code pour relier un autre salon");
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(given.text)?.[0] ?? "";
    const { roomId } = await roomWithBot(mx, { creator: anaisMx, members: [carl, dan] });
    const link = mx.sendMessage(roomId, anaisMx, `!reseau lier ${code}`);
    expect(bodyOf(await matrixReply(mx, roomId, link))).toContain("Ce salon rejoint le réseau");

    tg.sendText(valley, bea, "Bonjour");
    const asked = tg.sendText(valley, anais, '/sondage "Apéro après l\'AG ?" "Oui" "Non"');
    expect((await replyTo(tg, valley, asked)).text).toContain("posé dans 2 salon(s)");
    const poll = await tg.waitForSent((m) => m.method === "sendPoll");
    const start = await mx.waitForSent((e) => e.roomId === roomId && e.type === "m.poll.start");
    expect((start.content["m.text"] as { body: string }[])[0]?.body).toContain("!voter 1 1");

    // Each platform's events come in order: a results request after a vote sees it.
    tg.votePoll(bea, poll.message.poll!.id, [0]);
    const first = tg.sendText(valley, bea, "/sondage resultats 1");
    expect((await replyTo(tg, valley, first)).text).toContain(
      "1 votant. Par plateforme : telegram 1.",
    );
    mx.sendPollResponse(roomId, carl, start.event_id, ["2"]);
    mx.sendMessage(roomId, dan, "!voter 1 1");
    const asking = mx.sendMessage(roomId, dan, "!sondage resultats");
    const mxResults = bodyOf(await matrixReply(mx, roomId, asking));
    expect(mxResults).toContain("3 votants. Par plateforme : matrix 2, telegram 1.");
    const tgAsking = tg.sendText(valley, bea, "/sondage resultats 1");
    const tgResults = (await replyTo(tg, valley, tgAsking)).text;
    expect(tgResults).toContain("1. Oui — 2 vote(s), 67 %");
    expect(tgResults).toContain("2. Non — 1 vote(s), 33 %");

    mx.sendMessage(roomId, anaisMx, "!sondage clore 1");
    await mx.waitForSent((e) => e.roomId === roomId && e.type === "m.poll.end");
    const tgEnd = await sentTo(tg, valley, "Résultats du sondage n°1 (clos)");
    expect(tgEnd.reply_to).toBe(poll.message_id);
    expect(tg.polls.get(poll.message.poll!.id)?.poll.is_closed).toBe(true);
  });
});
