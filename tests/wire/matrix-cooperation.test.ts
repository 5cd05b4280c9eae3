/**
 * Network membership and structures on Matrix, through the real matrix-bot-sdk client and the
 * HTTP fake: a network that validates its members (the animator told in a direct room, with
 * the approve command as a hint), a structure created step by step then found in the
 * directory, and moderation (a mute, a report reviewed) with `!` commands.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  bodyOf,
  boundRoom,
  directRoomOf,
  hintFor,
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

async function started(): Promise<{ b: MatrixBot; room: string; anaisDm: string; danDm: string }> {
  const b = await startMatrixBot();
  running.push(b);
  const room = await boundRoom(b.fake, { creator: anais, members: [dan] });
  const anaisDm = await directRoomOf(b, anais);
  const danDm = await directRoomOf(b, dan);
  return { b, room, anaisDm, danDm };
}

describe("membership on Matrix", () => {
  it("holds a newcomer's posts until an animator approves with the hinted command", async () => {
    const { b, room, anaisDm, danDm } = await started();
    const { fake, app } = b;
    await replyTo(fake, room, fake.sendMessage(room, anais, "!reseau adhesion validation"));
    const refused = await replyTo(
      fake,
      room,
      fake.sendMessage(room, dan, "!offre Perceuse #equipements lieu:Tarbes"),
    );
    expect(bodyOf(refused)).toContain("attend la réponse de ses animateurs");
    await sentTo(fake, danDm, "votre demande d'adhésion est transmise");
    const notice = await sentTo(fake, anaisDm, "demande à rejoindre le réseau « Réseau du Val »");
    const approve = hintFor(notice, "Accepter");
    expect(approve).toMatch(/^!accepter \d+$/);

    fake.sendMessage(anaisDm, anais, approve);
    await sentTo(fake, danDm, "votre adhésion au réseau « Réseau du Val » est acceptée");
    const published = await replyTo(
      fake,
      room,
      fake.sendMessage(room, dan, "!offre Perceuse #equipements lieu:Tarbes"),
    );
    expect(bodyOf(published)).toContain("Votre offre #1 est publiée");
    expect(
      query(
        app,
        "SELECT status FROM network_members WHERE member_id = (SELECT id FROM members WHERE platform_user_id = ?)",
        dan,
      ),
    ).toEqual([{ status: "approved" }]);
  });
});

describe("structures on Matrix", () => {
  it("creates a structure step by step in the direct room, then finds it in the directory", async () => {
    const { b, room, danDm } = await started();
    const { fake } = b;
    fake.sendMessage(danDm, dan, "!structure creer");
    await sentTo(fake, danDm, "Étape 1/7");
    const answers: Array<[string, string]> = [
      ["Les Jardins du Val", "Étape 2/7"],
      ["association", "Étape 3/7"],
      ["agriculture", "Étape 4/7"],
      ["Lourdes", "Étape 5/7"],
      ["Maraîchage solidaire et paniers", "Étape 6/7"],
      ["passer", "Étape 7/7"],
    ];
    for (const [answer, next] of answers) {
      fake.sendMessage(danDm, dan, answer);
      await sentTo(fake, danDm, next);
    }
    fake.sendMessage(danDm, dan, "paniers@jardins-du-val.fr");
    await sentTo(fake, danDm, "La structure « Les Jardins du Val » est créée");

    const directory = await replyTo(
      fake,
      room,
      fake.sendMessage(room, anais, "!annuaire secteur:A"),
    );
    expect(bodyOf(directory)).toContain("Les Jardins du Val");
    const profile = await replyTo(
      fake,
      room,
      fake.sendMessage(room, anais, hintFor(directory, "Voir Les Jardins du Val")),
    );
    expect(bodyOf(profile)).toContain("Contact : paniers@jardins-du-val.fr");
  });
});

describe("moderation on Matrix", () => {
  it("mutes a member named by Matrix id, then reviews and dismisses a report", async () => {
    const { b, room, anaisDm, danDm } = await started();
    const { fake, app } = b;
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

    // A muted member may still report.
    await replyTo(fake, room, fake.sendMessage(room, anais, "!offre Salle #locaux lieu:Tarbes"));
    await replyTo(fake, room, fake.sendMessage(room, dan, "!signaler 1 Doublon d'une annonce"));
    await sentTo(fake, anaisDm, "dan signale l'annonce #1");
    const list = await replyTo(fake, room, fake.sendMessage(room, anais, "!signalements"));
    expect(bodyOf(list)).toContain("Signalements ouverts — Réseau du Val : 1");
    expect(bodyOf(list)).toContain("!signalements retirer 1");
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
