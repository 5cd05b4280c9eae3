/**
 * The bot in Matrix rooms, through the real matrix-bot-sdk client and the HTTP fake of the
 * client-server API: invitations (and who may send them), the introduction, binding a room to
 * a network, posting and searching with threaded m.notice replies, animators from power
 * levels as they change, encrypted rooms, messages that are not commands, and being kicked.
 */
import { afterEach, describe, expect, it } from "vitest";
import { message, paragraph } from "../../bot/reply.js";
import type { FakeHomeserver, SentEvent } from "../fakes/matrix-homeserver.js";
import {
  bodyOf,
  boundRoom,
  htmlOf,
  inReplyTo,
  messagesIn,
  query,
  queueMessage,
  replyTo,
  repliesTo,
  roomWithBot,
  sentTo,
  settled,
  startMatrixBot,
  WAIT_MS,
  type MatrixBot,
  type MatrixBotOptions,
} from "../helpers/matrix-bot.js";
import { waitFor } from "../helpers/wait.js";

const running: MatrixBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

async function bot(options: MatrixBotOptions = {}): Promise<MatrixBot> {
  const started = await startMatrixBot(options);
  running.push(started);
  return started;
}

const anais = "@anais:example.org";
const modo = "@modo:example.org";
const bob = "@bob:example.org";
const carol = "@carol:example.org";

/** What every reply of the bot looks like on Matrix: an m.notice with HTML and a plain body. */
function expectNotice(event: SentEvent): void {
  expect(event.type).toBe("m.room.message");
  expect(event.content).toMatchObject({ msgtype: "m.notice", format: "org.matrix.custom.html" });
  expect(bodyOf(event).length).toBeGreaterThan(0);
  expect(htmlOf(event).length).toBeGreaterThan(0);
}

function activeFlag(b: MatrixBot, roomId: string): number | undefined {
  return query<{ active: number }>(
    b.app,
    "SELECT active FROM rooms WHERE platform = 'matrix' AND platform_room_id = ?",
    roomId,
  )[0]?.active;
}

describe("invited to a room", () => {
  it("joins, introduces itself once, is bound by a moderator, publishes an offer and finds it", async () => {
    const b = await bot();
    const { fake, app } = b;
    const { roomId, welcome } = await roomWithBot(fake, {
      creator: anais,
      members: [modo, bob, carol],
      powerLevels: { [modo]: 50 },
    });
    expect(fake.membership(roomId, fake.botUserId)).toBe("join");
    expectNotice(welcome);
    expect(inReplyTo(welcome)).toBeUndefined();
    // The placeholder "<nom du réseau>" is text: escaped in HTML, as typed in the body.
    expect(bodyOf(welcome)).toContain("<nom du réseau>");
    expect(htmlOf(welcome)).toContain("&lt;nom du réseau&gt;");

    const bind = fake.sendMessage(roomId, modo, "!reseau Réseau du Val");
    const bound = await replyTo(fake, roomId, bind);
    expectNotice(bound);
    expect(bodyOf(bound)).toContain("Réseau « Réseau du Val » créé");

    const post = fake.sendMessage(roomId, bob, "!offre Prêt de remorque #vehicules lieu:Tarbes");
    const published = await replyTo(fake, roomId, post);
    expectNotice(published);
    expect(inReplyTo(published)).toBe(post);
    expect(bodyOf(published)).toContain("Votre offre #1 est publiée");
    expect(bodyOf(published)).toContain("Prêt de remorque");
    expect(bodyOf(published)).toContain("Tarbes (65)");
    expect(bodyOf(published)).toContain("Réseau du Val");
    // The plain body carries no markup; the HTML does.
    expect(bodyOf(published)).not.toMatch(/<\/?[a-z]+>/);
    expect(htmlOf(published)).toContain("<strong>");

    const search = fake.sendMessage(roomId, carol, "/chercher remorque");
    const results = await replyTo(fake, roomId, search);
    expectNotice(results);
    expect(bodyOf(results)).toContain("« remorque »");
    expect(bodyOf(results)).toContain("#1 Prêt de remorque");

    // Addressed to the bot by a mention pill ("soliterr: chercher remorque").
    const mention = fake.sendMention(roomId, carol, "chercher remorque");
    const found = await replyTo(fake, roomId, mention);
    expectNotice(found);
    expect(bodyOf(found)).toContain("#1 Prêt de remorque");

    expect(
      query(
        app,
        `SELECT l.title, n.name AS network, m.platform_user_id AS author
         FROM listings l JOIN networks n ON n.id = l.network_id JOIN members m ON m.id = l.author_id`,
      ),
    ).toEqual([{ title: "Prêt de remorque", network: "Réseau du Val", author: bob }]);
    expect(
      query(app, "SELECT kind, title, active FROM rooms WHERE platform_room_id = ?", roomId),
    ).toEqual([{ kind: "group", title: "Entraide du Val", active: 1 }]);
    await settled(b);
    // One introduction, one join; every other message answers a command.
    expect(messagesIn(fake, roomId).filter((e) => inReplyTo(e) === undefined)).toEqual([welcome]);
    expect(messagesIn(fake, roomId)).toHaveLength(5);
    expect(
      fake.calls.filter((c) => c.method === "POST" && c.path.endsWith("/join/" + roomId)),
    ).toHaveLength(1);
  });

  it("declines invitations from other homeservers, and follows MATRIX_ALLOWED_INVITERS", async () => {
    const eve = "@eve:evil.org";
    const x = "@x:partner.org";
    const declined = async (fake: FakeHomeserver, roomId: string) => {
      await waitFor(
        () => fake.membership(roomId, fake.botUserId) === "leave",
        "the invitation to be declined",
        WAIT_MS,
      );
      expect(
        fake.calls.some((c) => c.method === "POST" && c.path.includes(`/join/${roomId}`)),
      ).toBe(false);
      expect(fake.sentTo(roomId)).toEqual([]);
    };

    // By default: users of the bot's own homeserver only.
    const first = await bot();
    const evil = first.fake.createRoom({ creator: eve, name: "Piège" });
    first.fake.invite(evil, eve);
    await declined(first.fake, evil);
    await roomWithBot(first.fake, { creator: anais });
    expect(query(first.app, "SELECT platform_room_id AS id FROM rooms")).not.toContainEqual({
      id: evil,
    });

    const second = await bot({ adapter: { allowedInviters: ["@*:partner.org"] } });
    const partner = second.fake.createRoom({ creator: x, name: "Partenaires" });
    second.fake.invite(partner, x);
    await sentTo(second.fake, partner, "Bonjour");
    expect(second.fake.membership(partner, second.fake.botUserId)).toBe("join");
    const again = second.fake.createRoom({ creator: eve });
    second.fake.invite(again, eve);
    await declined(second.fake, again);
  });
});

describe("animators are the room's moderators", () => {
  it("refuses !retirer below the moderator level, and follows power levels as they change", async () => {
    const b = await bot();
    const { fake, app } = b;
    const roomId = await boundRoom(fake, { creator: anais, members: [bob, carol] });
    await replyTo(
      fake,
      roomId,
      fake.sendMessage(roomId, carol, "!offre Prêt de perceuse #equipement lieu:Tarbes"),
    );
    await replyTo(
      fake,
      roomId,
      fake.sendMessage(roomId, carol, "!offre Prêt de ponceuse #equipement lieu:Tarbes"),
    );
    const status = (id: number) =>
      query<{ status: string }>(app, "SELECT status FROM listings WHERE id = ?", id)[0]?.status;

    const refused = await replyTo(fake, roomId, fake.sendMessage(roomId, bob, "!retirer 1 spam"));
    expect(bodyOf(refused)).toMatch(/La commande [!/]retirer est réservée aux animateurs/);
    expect(status(1)).toBe("open");

    // Made moderator: a new m.room.power_levels in the timeline, followed at once.
    fake.setPowerLevel(roomId, bob, 50);
    const allowed = await replyTo(fake, roomId, fake.sendMessage(roomId, bob, "!retirer 1 spam"));
    expect(bodyOf(allowed)).toContain("L'annonce #1 est retirée");
    expect(
      query(app, "SELECT status, removal_reason AS reason FROM listings WHERE id = 1"),
    ).toEqual([{ status: "removed", reason: "spam" }]);

    // The room raises its moderator level to 100: level 50 is no longer enough.
    fake.setModeratorLevel(roomId, 100);
    const raised = await replyTo(fake, roomId, fake.sendMessage(roomId, bob, "!retirer 2 spam"));
    expect(bodyOf(raised)).toContain("réservée aux animateurs");
    expect(status(2)).toBe("open");
    // The power levels are followed from the timeline, not asked for at every command.
    expect(
      fake.calls.filter((c) => c.method === "GET" && c.path.includes("/state/m.room.power_levels"))
        .length,
    ).toBeLessThanOrEqual(1);
  });
});

describe("encrypted rooms", () => {
  it("says once, in clear, that it cannot read the room, and never answers encrypted messages", async () => {
    const b = await bot();
    const { fake } = b;
    const roomId = fake.createRoom({ creator: anais, name: "Salon chiffré", encrypted: true });
    fake.invite(roomId, anais);
    const notice = await sentTo(fake, roomId, "ne sait pas lire les messages chiffrés");
    expect(fake.membership(roomId, fake.botUserId)).toBe("join");
    expectNotice(notice);
    expect(bodyOf(notice)).toContain("MATRIX_ENCRYPTION");

    fake.sendEncrypted(roomId, anais);
    fake.sendEncrypted(roomId, anais);
    await settled(b);
    const sent = fake.sentTo(roomId);
    expect(sent.every((e) => e.type === "m.room.message")).toBe(true);
    expect(sent.filter((e) => bodyOf(e).includes("chiffré"))).toEqual([notice]);
    expect(sent.filter((e) => inReplyTo(e) !== undefined)).toEqual([]);
  });

  it("does not invite commands in a room it cannot read (no introduction there)", async () => {
    const b = await bot();
    const { fake } = b;
    const roomId = fake.createRoom({ creator: anais, name: "Salon chiffré", encrypted: true });
    fake.invite(roomId, anais);
    await sentTo(fake, roomId, "ne sait pas lire les messages chiffrés");
    await settled(b);
    // The introduction tells people to type !reseau and !aide, which the bot would never see.
    expect(messagesIn(fake, roomId).map(bodyOf)).toEqual([
      expect.stringContaining("ne sait pas lire les messages chiffrés"),
    ]);
  });
});

describe("messages that are not commands for the bot", () => {
  it("ignores its own messages and other bots' notices, and reads a reply's command under its quote", async () => {
    const b = await bot();
    const { fake, app } = b;
    const roomId = await boundRoom(fake, { creator: anais, members: [bob, carol] });
    const robot = "@robot:example.org";
    fake.invite(roomId, anais, robot);
    fake.join(roomId, robot);

    // The bot's own message, looking like a command, comes back in /sync.
    queueMessage(
      app,
      { kind: "room", platform: "matrix", roomId },
      { text: message([paragraph("!aide")]) },
    );
    const own = await sentTo(fake, roomId, /^!aide$/);
    const notice = fake.sendMessage(roomId, robot, "!aide", { msgtype: "m.notice" });
    const quoted = fake.sendMessage(roomId, carol, "quelqu'un a une remorque ?");
    const reply = fake.sendMessage(
      roomId,
      bob,
      `> <${carol}> quelqu'un a une remorque ?\n\n!aide`,
      {
        relatesTo: { "m.in_reply_to": { event_id: quoted } },
        formatted: `<mx-reply><blockquote>quelqu'un a une remorque ?</blockquote></mx-reply>!aide`,
      },
    );
    const help = await replyTo(fake, roomId, reply);
    expect(bodyOf(help)).toContain("Les commandes commencent par");
    await settled(b);

    expect(repliesTo(fake, own.event_id)).toEqual([]);
    expect(repliesTo(fake, notice)).toEqual([]);
    expect(repliesTo(fake, quoted)).toEqual([]);
    expect(repliesTo(fake, reply)).toEqual([help]);
    expect(messagesIn(fake, roomId).slice(-2)).toEqual([own, help]);
  });
});

describe("leaving", () => {
  it("marks the room inactive when the bot is kicked, and active again when invited back", async () => {
    const b = await bot();
    const { fake } = b;
    const roomId = await boundRoom(fake, { creator: anais, members: [bob] });
    expect(activeFlag(b, roomId)).toBe(1);

    fake.kick(roomId, anais, fake.botUserId, "trop bavard");
    await waitFor(() => activeFlag(b, roomId) === 0, "the room to become inactive", WAIT_MS);

    fake.invite(roomId, anais);
    await waitFor(
      () => fake.membership(roomId, fake.botUserId) === "join",
      "the bot to join again",
      WAIT_MS,
    );
    await settled(b);
    expect(activeFlag(b, roomId)).toBe(1);
    const back = messagesIn(fake, roomId).at(-1);
    expect(back && bodyOf(back)).toContain("Me revoilà");
    expect(back && bodyOf(back)).toContain("reste relié à son réseau");
    const answer = await replyTo(fake, roomId, fake.sendMessage(roomId, bob, "!reseau"));
    expect(bodyOf(answer)).toContain("Réseau « Réseau du Val »");
  });
});

describe("command references", () => {
  it("tells Matrix users to type commands with !, the form Element lets through", async () => {
    const b = await bot();
    const { fake } = b;
    const { roomId, welcome } = await roomWithBot(fake, { creator: anais, members: [bob] });
    expect(bodyOf(welcome)).toContain("!reseau <nom du réseau>");
    expect(bodyOf(welcome)).toContain("!aide");
    expect(bodyOf(welcome)).not.toMatch(/(^|\s)\/(reseau|aide)\b/);

    const bind = await replyTo(
      fake,
      roomId,
      fake.sendMessage(roomId, anais, "!reseau Réseau du Val"),
    );
    expect(bodyOf(bind)).toContain("!offre");
    expect(bodyOf(bind)).not.toMatch(/(^|\s)\/(offre|chercher)\b/);
  });
});
