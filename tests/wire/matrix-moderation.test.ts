/**
 * Moderation and erasure on Matrix, through the real matrix-bot-sdk client and the HTTP fake:
 * moderated posting decided with the commands hinted in the animator's direct room, a report
 * reviewed with `!signalements` and the listing taken down, and `!oublier` confirmed then
 * cancelled in the member's direct room.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { FakeHomeserver, SentEvent } from "../fakes/matrix-homeserver.js";
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
import { shownDate } from "../helpers/wire.js";

const running: MatrixBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anais = "@anais:example.org";
const dan = "@dan:example.org";
const bea = "@bea:example.org";
const DAY_MS = 86_400_000;

/** `who` writes `text` in `room`; resolves with the bot's reply to it. */
function ask(fake: FakeHomeserver, room: string, who: string, text: string): Promise<SentEvent> {
  return replyTo(fake, room, fake.sendMessage(room, who, text));
}

async function started(): Promise<{ b: MatrixBot; room: string; anaisDm: string; danDm: string }> {
  const b = await startMatrixBot();
  running.push(b);
  const room = await boundRoom(b.fake, { creator: anais, members: [dan, bea] });
  const anaisDm = await directRoomOf(b, anais);
  const danDm = await directRoomOf(b, dan);
  return { b, room, anaisDm, danDm };
}

describe("moderated posting on Matrix", () => {
  it("holds members' listings until the animator approves or rejects them from the direct room", async () => {
    const { b, room, anaisDm, danDm } = await started();
    const { fake, app } = b;
    const on = await ask(fake, room, anais, "!reseau moderation oui");
    expect(bodyOf(on)).toContain("Publication modérée dans le réseau « Réseau du Val »");

    const held = await ask(fake, room, dan, "!offre Perceuse à prêter #outillage lieu:Tarbes");
    expect(bodyOf(held)).toContain("Votre offre #1 est enregistrée : elle attend la validation");
    const notice = await sentTo(fake, anaisDm, "dan a proposé l'annonce #1");
    expect(bodyOf(notice)).toContain(
      "Pour la publier : !approuver 1 ; pour la refuser : !rejeter 1",
    );
    expect(hintFor(notice, "Publier #1")).toBe("!approuver 1");
    expect(hintFor(notice, "Refuser #1")).toBe("!rejeter 1");
    expect(query(app, "SELECT id, status FROM listings")).toEqual([{ id: 1, status: "pending" }]);

    const approved = await ask(fake, anaisDm, anais, "!approuver 1");
    expect(bodyOf(approved)).toContain("Annonce publiée sous le n° #2 (proposée sous le n° #1)");
    await sentTo(
      fake,
      danDm,
      "Votre annonce « Perceuse à prêter » est validée par l'animation du réseau « Réseau du Val » : elle est publiée sous le n° #2",
    );
    const found = await ask(fake, room, bea, "!chercher perceuse");
    expect(bodyOf(found)).toContain("#2");

    const second = await ask(fake, room, dan, "!offre Perceuse encore #outillage lieu:Tarbes");
    expect(bodyOf(second)).toContain("Votre offre #3 est enregistrée");
    const secondNotice = await sentTo(fake, anaisDm, "dan a proposé l'annonce #3");
    expect(hintFor(secondNotice, "Refuser #3")).toBe("!rejeter 3");
    const rejected = await ask(fake, anaisDm, anais, "!rejeter 3 doublon");
    expect(bodyOf(rejected)).toContain("Annonce #3 refusée. Son auteur est prévenu du motif.");
    const told = await sentTo(fake, danDm, "Votre annonce « Perceuse encore » n'a pas été validée");
    expect(bodyOf(told)).toContain("Motif : doublon");

    expect(
      query(app, "SELECT id, status, removal_reason AS reason FROM listings ORDER BY id"),
    ).toEqual([
      { id: 2, status: "open", reason: null },
      { id: 3, status: "removed", reason: "doublon" },
    ]);
    expect(
      query(
        app,
        "SELECT action FROM audit_log WHERE action IN ('network-moderation', 'listing-approved', 'listing-rejected') ORDER BY id",
      ),
    ).toEqual([
      { action: "network-moderation" },
      { action: "listing-approved" },
      { action: "listing-rejected" },
    ]);
  });
});

describe("reports on Matrix", () => {
  it("reviews a report with !signalements and takes the listing down; its author is told", async () => {
    const { b, room, anaisDm, danDm } = await started();
    const { fake, app } = b;
    await ask(fake, room, dan, "!offre Salle de réunion #locaux lieu:Tarbes");
    const reported = await ask(fake, room, bea, "!signaler 1 Annonce trompeuse");
    expect(bodyOf(reported)).toContain("votre signalement a été transmis aux animateurs");
    const notice = await sentTo(fake, anaisDm, "bea signale l'annonce #1 « Salle de réunion »");
    expect(bodyOf(notice)).toContain("Motif : Annonce trompeuse");
    expect(hintFor(notice, "Retirer l'annonce #1")).toBe("!signalements retirer 1");

    const list = await ask(fake, anaisDm, anais, "!signalements");
    expect(bodyOf(list)).toContain("Signalements ouverts — Réseau du Val : 1");
    expect(bodyOf(list)).toContain("annonce #1 « Salle de réunion » de dan (n°");
    expect(bodyOf(list)).toContain("signalée par bea (n°");
    const removed = await ask(fake, anaisDm, anais, "!signalements retirer 1 Contenu trompeur");
    expect(bodyOf(removed)).toContain("L'annonce #1 est retirée. Son auteur est prévenu");
    const told = await sentTo(fake, danDm, "Votre annonce #1 « Salle de réunion » a été retirée");
    expect(bodyOf(told)).toContain("Motif : Contenu trompeur");

    expect(query(app, "SELECT status, removal_reason AS reason FROM listings")).toEqual([
      { status: "removed", reason: "Contenu trompeur" },
    ]);
    expect(query(app, "SELECT status, outcome FROM reports")).toEqual([
      { status: "handled", outcome: "removed" },
    ]);
    const empty = await ask(fake, room, anais, "!signalements");
    expect(bodyOf(empty)).toContain("Aucun signalement ouvert (Réseau du Val)");
  });
});

describe("erasure on Matrix", () => {
  it("explains, schedules and cancels the erasure with !oublier in the direct room", async () => {
    const { b, danDm } = await started();
    const { fake, app } = b;
    const explained = await ask(fake, danDm, dan, "!oublier");
    expect(bodyOf(explained)).toContain("Effacer vos données");
    expect(bodyOf(explained)).toContain("L'effacement a lieu 14 jours après votre confirmation");
    expect(hintFor(explained, "Confirmer l'effacement")).toBe("!oublier confirmer");

    const confirmed = await ask(fake, danDm, dan, "!oublier confirmer");
    const [request] = query<{ requested_at: number; due_at: number }>(
      app,
      "SELECT requested_at, due_at FROM erasure_requests",
    );
    expect(request!.due_at - request!.requested_at).toBe(14 * DAY_MS);
    const day = shownDate(request!.due_at, "fr", { dateStyle: "full" });
    expect(bodyOf(confirmed)).toContain("C'est noté : vos données seront effacées.");
    expect(bodyOf(confirmed)).toContain(`Vos données seront effacées le ${day}.`);
    expect(hintFor(confirmed, "Annuler l'effacement")).toBe("!oublier annuler");

    const cancelled = await ask(fake, danDm, dan, "!oublier annuler");
    expect(bodyOf(cancelled)).toContain("Effacement annulé : vos données restent.");
    expect(query(app, "SELECT count(*) AS n FROM erasure_requests")).toEqual([{ n: 0 }]);
    const again = await ask(fake, danDm, dan, "!oublier annuler");
    expect(bodyOf(again)).toContain("Aucun effacement n'est prévu pour vous");
    expect(
      query(app, "SELECT action FROM audit_log WHERE action LIKE 'erasure-%' ORDER BY id"),
    ).toEqual([{ action: "erasure-requested" }, { action: "erasure-cancelled" }]);
  });
});
