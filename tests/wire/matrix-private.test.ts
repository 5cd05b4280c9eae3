/**
 * Private matters on Matrix, through the real matrix-bot-sdk client and the HTTP fake: the
 * direct room the bot creates (and records in m.direct) to continue a guided form from a
 * group, a direct room the member creates, and buttons shown as command hints.
 */
import { afterEach, describe, expect, it } from "vitest";
import { message, paragraph } from "../../bot/reply.js";
import type { SentEvent } from "../fakes/matrix-homeserver.js";
import { emptySync } from "../fakes/matrix-sync.js";
import {
  bodyOf,
  boundRoom,
  directRoomOf,
  directRoomsOf,
  hintFor,
  htmlOf,
  inReplyTo,
  messagesIn,
  query,
  queueMessage,
  replyTo,
  sentTo,
  settled,
  startMatrixBot,
  WAIT_MS,
  type MatrixBot,
} from "../helpers/matrix-bot.js";
import { waitFor } from "../helpers/wait.js";

const running: MatrixBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

async function bot(): Promise<MatrixBot> {
  const started = await startMatrixBot();
  running.push(started);
  return started;
}

const anais = "@anais:example.org";
const bob = "@bob:example.org";

describe("from a group to the member's direct room", () => {
  it("creates a direct room, records it in m.direct, and runs the guided form there", async () => {
    const b = await bot();
    const { fake, app } = b;
    const group = await boundRoom(fake, { creator: anais, members: [bob] });

    const offer = fake.sendMessage(group, bob, "!offre");
    const pointer = await replyTo(fake, group, offer);
    expect(bodyOf(pointer)).toContain("bob, je vous écris en privé");

    await waitFor(() => fake.createdRooms.length === 1, "the direct room to be created", WAIT_MS);
    const [created] = fake.createdRooms;
    expect(created).toMatchObject({ isDirect: true, invite: [bob] });
    const dm = created!.roomId;
    expect(fake.membership(dm, bob)).toBe("invite");
    const title = await sentTo(fake, dm, "Étape 1/7");
    expect(bodyOf(title)).toContain("Que proposez-vous ?");
    await waitFor(
      () => directRoomsOf(fake, bob).includes(dm),
      "m.direct to list the new room",
      WAIT_MS,
    );

    // Bob accepts the invitation and answers in plain text, reading the hints.
    fake.join(dm, bob);
    const answer = async (text: string, next: string): Promise<SentEvent> => {
      const sent = fake.sendMessage(dm, bob, text);
      const reply = await replyTo(fake, dm, sent);
      expect(bodyOf(reply)).toContain(next);
      return reply;
    };
    const description = await answer("Prêt de remorque", "Étape 2/7");
    const category = await answer(hintFor(description, "Passer"), "Étape 3/7");
    await answer(hintFor(category, "Véhicules"), "Étape 4/7");
    const terms = await answer("Tarbes", "Étape 5/7");
    const until = await answer(hintFor(terms, "Prêt"), "Étape 6/7");
    const confirm = await answer(hintFor(until, "Passer"), "Étape 7/7");
    expect(bodyOf(confirm)).toContain("Prêt de remorque");
    const published = await answer(hintFor(confirm, "Publier"), "Votre offre #1 est publiée");
    expect(bodyOf(published)).toContain("Tarbes (65)");

    expect(
      query(
        app,
        `SELECT l.title, l.category, l.terms, n.name AS network
         FROM listings l JOIN networks n ON n.id = l.network_id`,
      ),
    ).toEqual([
      { title: "Prêt de remorque", category: "vehicles", terms: "loan", network: "Réseau du Val" },
    ]);
    await settled(b);
    // Nothing of the form went to the group; no second room was created; no introduction in the DM.
    expect(messagesIn(fake, group).filter((e) => bodyOf(e).includes("Étape"))).toEqual([]);
    expect(fake.createdRooms).toHaveLength(1);
    expect(messagesIn(fake, dm).filter((e) => bodyOf(e).includes("Bonjour !"))).toEqual([]);
  });

  it("uses the direct room the member created with the bot", async () => {
    const b = await bot();
    const { fake } = b;
    const group = await boundRoom(fake, { creator: anais, members: [bob] });
    const dm = await directRoomOf(b, bob);

    const search = fake.sendMessage(dm, bob, "!chercher remorque");
    const results = await replyTo(fake, dm, search);
    expect(bodyOf(results)).toContain("« remorque »");

    const offer = fake.sendMessage(group, bob, "!besoin");
    await replyTo(fake, group, offer);
    const question = await sentTo(fake, dm, "Étape 1/7");
    expect(bodyOf(question)).toContain("De quoi avez-vous besoin ?");
    await settled(b);
    expect(fake.createdRooms).toEqual([]);
    expect(directRoomsOf(fake, bob)).toEqual([dm]);
    // No introduction in a direct room: it is not a network's room.
    expect(messagesIn(fake, dm).filter((e) => bodyOf(e).includes("Bonjour !"))).toEqual([]);
  });
});

describe("a direct room the member just created", () => {
  it("is used as soon as the bot accepted the invitation, before the next sync", async () => {
    const b = await bot();
    const { fake, app } = b;
    await settled(b);
    const dm = fake.createRoom({ creator: bob, isDirect: true });
    // Once the bot has accepted, the homeserver has nothing new for it for a while: the sync
    // that would bring the join is held back (answered empty, as after a long-poll timeout).
    let holding = false;
    let held = 0;
    fake.interceptor = (req) => {
      if (req.method === "POST" && req.path.includes(`/join/${dm}`)) holding = true;
      else if (holding && req.path.endsWith("/sync") && req.query.since) {
        held++;
        return { status: 200, body: emptySync(req.query.since) };
      }
      return undefined;
    };
    fake.invite(dm, bob, fake.botUserId, { isDirect: true });
    await waitFor(() => held > 0, "the bot to accept and sync again", WAIT_MS);

    queueMessage(
      app,
      { kind: "member", platform: "matrix", userId: bob },
      { text: message([paragraph("Votre alerte a trouvé 2 annonces")]) },
    );
    const sent = await fake.waitForSent((e) => bodyOf(e).includes("Votre alerte"), WAIT_MS);
    holding = false;
    expect(sent.roomId).toBe(dm);
    expect(fake.createdRooms).toEqual([]);
  });
});

describe("a member who left their direct room", () => {
  it("writes privately to them in a room they are in or invited to, not in the one they left", async () => {
    const b = await bot();
    const { fake } = b;
    const group = await boundRoom(fake, { creator: anais, members: [bob] });
    const old = await directRoomOf(b, bob);
    fake.leave(old, bob);
    await settled(b);

    await replyTo(fake, group, fake.sendMessage(group, bob, "!offre"));
    const question = await fake.waitForSent(
      (e) => e.type === "m.room.message" && bodyOf(e).includes("Étape 1/7"),
      WAIT_MS,
    );
    // A message in a room the person left is a message nobody reads.
    expect(["join", "invite"]).toContain(fake.membership(question.roomId, bob));
    await waitFor(
      () => directRoomsOf(fake, bob)[0] === question.roomId,
      "m.direct to list the room in use first",
      WAIT_MS,
    );
  });
});

describe("the direct room in the database", () => {
  it("links a direct room to its member, whoever created it", async () => {
    const b = await bot();
    const { fake, app } = b;
    const group = await boundRoom(fake, { creator: anais, members: [bob] });
    const own = await directRoomOf(b, bob);
    await replyTo(fake, own, fake.sendMessage(own, bob, "!chercher remorque"));

    const carol = "@carol:example.org";
    fake.invite(group, anais, carol);
    fake.join(group, carol);
    await replyTo(fake, group, fake.sendMessage(group, carol, "!offre"));
    await waitFor(() => fake.createdRooms.length === 1, "carol's direct room", WAIT_MS);
    const created = fake.createdRooms[0]!.roomId;
    fake.join(created, carol);
    await replyTo(fake, created, fake.sendMessage(created, carol, "!annuler"));

    // A direct room belongs to its member (and goes with them when their data is erased).
    const owner = (roomId: string) =>
      query(
        app,
        `SELECT r.kind, m.platform_user_id AS member FROM rooms r
         LEFT JOIN members m ON m.id = r.member_id WHERE r.platform_room_id = ?`,
        roomId,
      );
    expect(owner(own)).toEqual([{ kind: "direct", member: bob }]);
    expect(owner(created)).toEqual([{ kind: "direct", member: carol }]);
  });
});

describe("buttons as command hints", () => {
  it("shows the outcome choices of !cloturer as commands to type", async () => {
    const b = await bot();
    const { fake } = b;
    const group = await boundRoom(fake, { creator: anais, members: [bob] });
    await replyTo(
      fake,
      group,
      fake.sendMessage(group, bob, "!offre Prêt de remorque #vehicules lieu:Tarbes"),
    );

    const close = fake.sendMessage(group, bob, "!cloturer 1");
    const choices = await replyTo(fake, group, close);
    expect(bodyOf(choices)).toContain("Comment s'est terminée l'annonce #1 ?");
    expect(hintFor(choices, "donnée")).toBe("!cloturer 1 donne");
    expect(htmlOf(choices)).toContain("<code>!cloturer 1 donne</code>");
    expect(bodyOf(choices)).not.toContain("/cloturer 1 donne");

    const done = await replyTo(
      fake,
      group,
      fake.sendMessage(group, bob, hintFor(choices, "donnée")),
    );
    expect(bodyOf(done)).toContain("L'annonce #1 est clôturée : donnée");
  });

  it("pages search results in the direct room with a !plus hint", async () => {
    const b = await bot();
    const { fake } = b;
    const dm = await directRoomOf(b, bob);
    for (let i = 1; i <= 12; i++)
      fake.sendMessage(dm, bob, `!offre Annonce numéro ${i} #vehicules lieu:Tarbes`);
    await sentTo(fake, dm, "Votre offre #12 est publiée");

    const search = fake.sendMessage(dm, bob, "!chercher annonce");
    const page1 = await replyTo(fake, dm, search);
    expect(bodyOf(page1)).toContain("page 1");
    const more = hintFor(page1, "Suivantes");
    expect(more).toMatch(/^!plus \d+ 2$/);
    expect(htmlOf(page1)).toContain(`<code>${more}</code>`);

    const page2 = await replyTo(fake, dm, fake.sendMessage(dm, bob, more));
    expect(bodyOf(page2)).toContain("page 2");
    expect(inReplyTo(page2)).toBeDefined();
    expect(hintFor(page2, "Précédentes")).toMatch(/^!plus \d+ 1$/);
  });
});
