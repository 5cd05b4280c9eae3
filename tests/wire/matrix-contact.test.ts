/**
 * Contact between members on Matrix, through the real matrix-bot-sdk client and the HTTP fake,
 * and a conversation between a Telegram member and a Matrix member on one bot connected to
 * both fakes. Privacy is asserted on the events and messages sent: no handle is relayed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MatrixAdapter } from "../../adapters/matrix/matrix-adapter.js";
import { startFakeHomeserver, type FakeHomeserver } from "../fakes/matrix-homeserver.js";
import { group, privateChat, user } from "../fakes/telegram-bot-api.js";
import {
  bodyOf,
  boundRoom,
  directRoomOf,
  hintFor,
  htmlOf,
  replyTo,
  sentTo,
  startMatrixBot,
  type MatrixBot,
} from "../helpers/matrix-bot.js";
import {
  replyTo as telegramReplyTo,
  sentTo as telegramSentTo,
  startTelegramBot,
  type TelegramBot,
} from "../helpers/telegram-bot.js";
import { testLogger } from "../helpers/wire.js";

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const anais = "@anais:example.org";
const bob = "@bob:example.org";

/** Everything the bot sent to a room, bodies and HTML, as one string. */
function eventsIn(fake: FakeHomeserver, roomId: string): string {
  return JSON.stringify(fake.sentTo(roomId).map((e) => e.content));
}

describe("contact on Matrix", () => {
  it("relays a message and its answer between direct rooms, with ! hints and no Matrix id", async () => {
    const b: MatrixBot = await startMatrixBot();
    stops.push(() => b.stop());
    const { fake } = b;
    const room = await boundRoom(fake, { creator: anais, members: [bob] });
    const anaisDm = await directRoomOf(b, anais);
    const bobDm = await directRoomOf(b, bob);
    await replyTo(
      fake,
      room,
      fake.sendMessage(room, anais, "!offre Prêt de camionnette #vehicules lieu:Tarbes"),
    );

    const contact = fake.sendMessage(room, bob, "!contacter 1 Bonjour, elle est libre samedi ?");
    expect(bodyOf(await replyTo(fake, room, contact))).toContain("Message transmis en privé");
    const relayed = await sentTo(fake, anaisDm, "vous écrit au sujet de votre annonce #1");
    expect(bodyOf(relayed)).toContain("Bonjour, elle est libre samedi ?");
    // Bob has no display name: his localpart is part of his handle, so he is "Membre n°…".
    expect(bodyOf(relayed)).toMatch(/Membre n°\d+ vous écrit/);
    expect(hintFor(relayed, "Répondre")).toBe("!repondre 1");
    expect(`${bodyOf(relayed)}${htmlOf(relayed)}`).not.toMatch(/bob/i);

    fake.sendMessage(anaisDm, anais, "!repondre 1 Oui, passez à 9 h");
    const answer = await sentTo(fake, bobDm, "vous répond au sujet de l'annonce #1");
    expect(bodyOf(answer)).toContain("Oui, passez à 9 h");
    expect(eventsIn(fake, bobDm)).not.toMatch(/anais/i);
    expect(eventsIn(fake, anaisDm)).not.toMatch(/bob/i);
  });
});

describe("across platforms", () => {
  it("carries a conversation between a Telegram member and a Matrix member", async () => {
    const tg: TelegramBot = await startTelegramBot({ start: false });
    stops.push(() => tg.stop());
    const homeserver = await startFakeHomeserver();
    stops.push(() => homeserver.stop());
    const logger = testLogger();
    tg.app.addAdapter(
      new MatrixAdapter({
        homeserverUrl: homeserver.url,
        accessToken: homeserver.accessToken,
        state: tg.app.adapterState("matrix"),
        logger,
        syncTimeoutMs: 1_000,
        retryMs: 20,
      }),
    );
    await tg.app.start();
    const { fake } = tg;

    // The Matrix author posts in a Matrix room of the network.
    const room = await boundRoom(homeserver, { creator: anais });
    const anaisDm = homeserver.createRoom({ creator: anais, isDirect: true });
    homeserver.invite(anaisDm, anais, homeserver.botUserId, { isDirect: true });
    await replyTo(
      homeserver,
      room,
      homeserver.sendMessage(room, anais, "!offre Prêt de broyeur #equipements lieu:Lourdes"),
    );

    // A Telegram member of the same network writes to her.
    const tgAdmin = user(4001, "Paul", "fr");
    const zoe = user(4002, "Zoé", "fr", "zoe_jardins");
    const valley = group(-7001, "Entraide du Val");
    fake.addBotToGroup(valley, tgAdmin);
    await telegramSentTo(fake, valley, "Bonjour");
    await telegramReplyTo(fake, valley, fake.sendText(valley, tgAdmin, "/reseau Réseau du Val"));
    fake.sendText(privateChat(zoe), zoe, "/start");
    await telegramSentTo(fake, zoe.id, "bienvenue");
    await telegramReplyTo(
      fake,
      valley,
      fake.sendText(valley, zoe, "/contacter 1 Bonjour depuis Telegram"),
    );

    const relayed = await sentTo(
      homeserver,
      anaisDm,
      "Zoé vous écrit au sujet de votre annonce #1",
    );
    expect(bodyOf(relayed)).toContain("Bonjour depuis Telegram");
    expect(`${bodyOf(relayed)}${htmlOf(relayed)}`).not.toMatch(/4002|zoe_jardins/);

    homeserver.sendMessage(anaisDm, anais, "!repondre 1 Bonjour depuis Matrix");
    const back = await telegramSentTo(fake, zoe.id, "vous répond au sujet de l'annonce #1");
    expect(back.text).toContain("Bonjour depuis Matrix");
    expect(JSON.stringify(back)).not.toMatch(/anais|example\.org/);
  });
});
