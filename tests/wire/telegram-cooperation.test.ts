/**
 * Network membership and structures on Telegram, through the real grammY client and the HTTP
 * fake: a network that validates its members (request told privately to the animator with
 * buttons, refusal until approved, approval by button), the charter, a structure created
 * step by step then found in the directory, and moderated posting approved by button.
 */
import { afterEach, describe, expect, it } from "vitest";
import { group, privateChat, user } from "../fakes/telegram-bot-api.js";
import {
  buttonData,
  buttonsOf,
  press,
  query,
  replyTo,
  sentTo,
  startTelegramBot,
  type TelegramBot,
} from "../helpers/telegram-bot.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anim = user(5001, "Anaïs", "fr");
const dan = user(5002, "Dan", "fr", "dan_du_val");
const valley = group(-8001, "Entraide du Val");

async function started(config: Record<string, string> = {}): Promise<TelegramBot> {
  const b = await startTelegramBot({ config });
  running.push(b);
  const { fake } = b;
  fake.addBotToGroup(valley, anim);
  await sentTo(fake, valley, "Bonjour");
  await replyTo(fake, valley, fake.sendText(valley, anim, "/reseau Réseau du Val"));
  for (const who of [anim, dan]) {
    fake.sendText(privateChat(who), who, "/start");
    await sentTo(fake, who.id, "bienvenue");
  }
  return b;
}

describe("membership on Telegram", () => {
  it("holds a newcomer's posts until an animator approves by button", async () => {
    const b = await started();
    const { fake, app } = b;
    await replyTo(fake, valley, fake.sendText(valley, anim, "/reseau adhesion validation"));

    const refused = await replyTo(
      fake,
      valley,
      fake.sendText(valley, dan, "/offre Perceuse #equipements lieu:Tarbes"),
    );
    expect(refused.text).toContain("attend la réponse de ses animateurs");
    await sentTo(fake, dan.id, "votre demande d'adhésion est transmise");
    const notice = await sentTo(fake, anim.id, "Dan demande à rejoindre le réseau");
    expect(buttonsOf(notice).map((x) => x.text)).toEqual(["✅ Accepter", "❌ Refuser"]);
    expect(query(app, "SELECT count(*) AS n FROM listings")).toEqual([{ n: 0 }]);

    press(fake, anim, notice, "Accepter");
    await sentTo(fake, dan.id, "votre adhésion au réseau « Réseau du Val » est acceptée");
    const published = await replyTo(
      fake,
      valley,
      fake.sendText(valley, dan, "/offre Perceuse #equipements lieu:Tarbes"),
    );
    expect(published.text).toContain("Votre offre #1 est publiée");
    expect(
      query(
        app,
        "SELECT action FROM audit_log WHERE action IN ('join-requested', 'member-approved') ORDER BY id",
      ),
    ).toEqual([{ action: "join-requested" }, { action: "member-approved" }]);
  });

  it("asks for the charter before a first post, accepted by button", async () => {
    const b = await started({ CHARTER_REQUIRED: "true" });
    const { fake } = b;
    const charter = await replyTo(
      fake,
      valley,
      fake.sendText(valley, dan, "/offre Perceuse #equipements lieu:Tarbes"),
    );
    expect(charter.text).toContain("Charte du territoire");
    fake.pressButton(valley, dan, charter.message_id, buttonData(charter, "J'accepte la charte"));
    await sentTo(fake, valley, "la charte est acceptée");
    const published = await replyTo(
      fake,
      valley,
      fake.sendText(valley, dan, "/offre Perceuse #equipements lieu:Tarbes"),
    );
    expect(published.text).toContain("Votre offre #1 est publiée");
  });
});

describe("structures on Telegram", () => {
  it("creates a structure step by step with buttons, then finds it in the directory", async () => {
    const b = await started();
    const { fake } = b;
    fake.sendText(valley, dan, "/structure creer");
    await sentTo(fake, dan.id, "Étape 1/7");
    fake.sendText(privateChat(dan), dan, "Garage du Lavedan");
    const type = await sentTo(fake, dan.id, "Étape 2/7");
    press(fake, dan, type, "Entreprise");
    await sentTo(fake, dan.id, "Étape 3/7");
    fake.sendText(privateChat(dan), dan, "G");
    await sentTo(fake, dan.id, "Étape 4/7");
    fake.sendText(privateChat(dan), dan, "Argelès-Gazost");
    const description = await sentTo(fake, dan.id, "Étape 5/7");
    fake.sendText(privateChat(dan), dan, "Réparation de véhicules utilitaires");
    const website = await sentTo(fake, dan.id, "Étape 6/7");
    press(fake, dan, website, "Passer");
    const contact = await sentTo(fake, dan.id, "Étape 7/7");
    press(fake, dan, contact, "Passer");
    await sentTo(fake, dan.id, "La structure « Garage du Lavedan » est créée");
    expect(description.text).toContain("Décrivez-la");

    const directory = await replyTo(
      fake,
      valley,
      fake.sendText(valley, anim, "/annuaire vehicules lieu:65"),
    );
    expect(directory.text).toContain("Garage du Lavedan");
    fake.pressButton(
      valley,
      anim,
      directory.message_id,
      buttonData(directory, "Voir Garage du Lavedan"),
    );
    const profile = await sentTo(fake, valley, "Une personne agit pour cette structure");
    expect(profile.text).toContain("Commune : Argelès-Gazost (65)");
  });
});

describe("moderation on Telegram", () => {
  it("holds a member's listing until the animator presses Publish in private", async () => {
    const b = await started();
    const { fake, app } = b;
    await replyTo(fake, valley, fake.sendText(valley, anim, "/reseau moderation oui"));

    const held = await replyTo(
      fake,
      valley,
      fake.sendText(valley, dan, "/offre Perceuse à prêter #outillage lieu:Tarbes"),
    );
    expect(held.text).toContain("Votre offre #1 est enregistrée : elle attend la validation");
    const notice = await sentTo(fake, anim.id, "Dan a proposé l'annonce #1");
    expect(buttonsOf(notice).map((x) => x.text)).toEqual(["✅ Publier #1", "❌ Refuser #1"]);
    expect(query(app, "SELECT status FROM listings")).toEqual([{ status: "pending" }]);

    press(fake, anim, notice, "Publier");
    await sentTo(fake, dan.id, "Votre annonce « Perceuse à prêter » est validée");
    await sentTo(fake, anim.id, "Annonce publiée sous le n° #2");
    expect(query(app, "SELECT id, status FROM listings")).toEqual([{ id: 2, status: "open" }]);
    expect(
      query(
        app,
        "SELECT action FROM audit_log WHERE action IN ('network-moderation', 'listing-approved') ORDER BY id",
      ),
    ).toEqual([{ action: "network-moderation" }, { action: "listing-approved" }]);
  });
});
