/**
 * Moderation and erasure on Telegram, through the real grammY client and the HTTP fake: a
 * report told privately to the animator with buttons, acted on by button (mute 7 days, or
 * remove the listing); a mute typed in the group, listed, lifted by button and by command;
 * `/forget` confirmed, then cancelled, by inline buttons.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  group,
  privateChat,
  user,
  type FakeTelegram,
  type SentMessage,
  type TgChat,
  type TgUser,
} from "../fakes/telegram-bot-api.js";
import {
  buttonsOf,
  query,
  press,
  replyTo,
  sentTo,
  startTelegramBot,
  type TelegramBot,
} from "../helpers/telegram-bot.js";
import { shownDate } from "../helpers/wire.js";

const running: TelegramBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anim = user(6001, "Anaïs", "fr");
const dan = user(6002, "Dan", "fr", "dan_du_val");
const bea = user(6003, "Béa", "fr");
const bob = user(6004, "Bob", "en");
const valley = group(-9001, "Entraide du Val");
const DAY_MS = 86_400_000;

/** The day and month a French notice names for `ms` ("6 décembre"). */
function frenchDay(ms: number): string {
  return shownDate(ms, "fr", { day: "numeric", month: "long" });
}

/** `who` writes `text` in `chat`; resolves with the bot's reply to it. */
function ask(fake: FakeTelegram, chat: TgChat, who: TgUser, text: string): Promise<SentMessage> {
  return replyTo(fake, chat, fake.sendText(chat, who, text));
}

/** A group bound to "Réseau du Val" by its creator, everyone known to the bot in private. */
async function started(): Promise<TelegramBot> {
  const b = await startTelegramBot();
  running.push(b);
  const { fake } = b;
  fake.addBotToGroup(valley, anim);
  await sentTo(fake, valley, "Bonjour");
  await ask(fake, valley, anim, "/reseau Réseau du Val");
  for (const who of [anim, dan, bea]) {
    fake.sendText(privateChat(who), who, "/start");
    await sentTo(fake, who.id, "bienvenue");
  }
  return b;
}

/** Dan posts listing #1, Béa reports it; resolves with the animator's private notice. */
async function reportedListing(fake: FakeTelegram): Promise<SentMessage> {
  const posted = await ask(fake, valley, dan, "/offre Perceuse à prêter #outillage lieu:Tarbes");
  expect(posted.text).toContain("Votre offre #1 est publiée");
  const reported = await ask(fake, valley, bea, "/signaler 1 Annonce trompeuse");
  expect(reported.text).toContain("votre signalement a été transmis aux animateurs du réseau");
  const notice = await sentTo(fake, anim.id, "Béa signale l'annonce #1 « Perceuse à prêter »");
  expect(notice.text).toContain("de Dan (réseau Réseau du Val)");
  expect(notice.text).toContain("Motif : Annonce trompeuse");
  expect(buttonsOf(notice).map((x) => x.text)).toEqual([
    "Voir #1",
    "📋 Signalements",
    "🚫 Retirer l'annonce #1",
    "🔇 Sourdine 7 jours",
    "🗂 Classer n°1",
  ]);
  return notice;
}

describe("reports on Telegram", () => {
  it("mutes the reported author for 7 days from the animator's private button", async () => {
    const b = await started();
    const { fake, app } = b;
    const notice = await reportedListing(fake);

    press(fake, anim, notice, "Sourdine 7 jours");
    const done = await sentTo(fake, anim.id, "est en sourdine dans le réseau « Réseau du Val »");
    const until = frenchDay(storedMuteEnd(b, 7));
    expect(done.text).toContain(`jusqu'au ${until}`);
    const told = await sentTo(fake, dan.id, "vous a mis en sourdine");
    expect(told.text).toContain(
      `L'animation du réseau « Réseau du Val » vous a mis en sourdine jusqu'au ${until}`,
    );
    expect(told.text).toContain("Motif : Annonce trompeuse");

    const refused = await ask(fake, valley, dan, "/offre Scie sauteuse #outillage lieu:Tarbes");
    expect(refused.text).toContain(
      `Vous êtes en sourdine dans le réseau « Réseau du Val » jusqu'au ${until}`,
    );
    expect(refused.text).toContain("motif : Annonce trompeuse");
    expect(query(app, "SELECT count(*) AS n FROM listings")).toEqual([{ n: 1 }]);
    expect(query(app, "SELECT status, outcome FROM reports")).toEqual([
      { status: "handled", outcome: "muted" },
    ]);
    const open = await ask(fake, valley, anim, "/signalements");
    expect(open.text).toContain("Aucun signalement ouvert (Réseau du Val)");
    expect(
      query(
        app,
        "SELECT action FROM audit_log WHERE action IN ('listing-reported', 'member-muted') ORDER BY id",
      ),
    ).toEqual([{ action: "listing-reported" }, { action: "member-muted" }]);
  });

  it("lists the open reports from the private notice, and takes the listing down by button", async () => {
    const b = await started();
    const { fake, app } = b;
    const notice = await reportedListing(fake);

    // The animator has only bound the group: in private, the list is still their network's.
    press(fake, anim, notice, "Signalements");
    const list = await sentTo(fake, anim.id, "Signalements ouverts — Réseau du Val : 1");
    expect(list.text).toMatch(
      /annonce #1 « Perceuse à prêter » de Dan \(n°\d+\), signalée par Béa \(n°\d+\) — motif : Annonce trompeuse/,
    );
    press(fake, anim, list, "Retirer l'annonce #1");
    await sentTo(fake, anim.id, "L'annonce #1 est retirée. Son auteur est prévenu");
    const told = await sentTo(fake, dan.id, "Votre annonce #1 « Perceuse à prêter » a été retirée");
    expect(told.text).toContain("Motif : Annonce trompeuse");
    expect(query(app, "SELECT status, removal_reason AS reason FROM listings")).toEqual([
      { status: "removed", reason: "Annonce trompeuse" },
    ]);
    expect(query(app, "SELECT status, outcome FROM reports")).toEqual([
      { status: "handled", outcome: "removed" },
    ]);
    const shown = await ask(fake, valley, bea, "/annonce 1");
    expect(shown.text).toContain("L'annonce #1 a été retirée par l'animation du réseau");
    const open = await ask(fake, valley, anim, "/signalements");
    expect(open.text).toContain("Aucun signalement ouvert (Réseau du Val)");
    expect(
      query(
        app,
        "SELECT action FROM audit_log WHERE action IN ('listing-reported', 'listing-removed') ORDER BY id",
      ),
    ).toEqual([{ action: "listing-reported" }, { action: "listing-removed" }]);
  });
});

describe("mutes on Telegram", () => {
  it("mutes by @username in the group, lists it, lifts it by button then by command", async () => {
    const b = await started();
    const { fake, app } = b;
    const muted = await ask(fake, valley, anim, "/sourdine @dan_du_val 2j Hors sujet");
    const until = frenchDay(storedMuteEnd(b, 2));
    expect(muted.text).toMatch(/Dan \(n°\d+\) est en sourdine dans le réseau « Réseau du Val »/);
    expect(muted.text).toContain(`jusqu'au ${until}`);
    expect((await sentTo(fake, dan.id, "vous a mis en sourdine")).text).toContain(
      "Motif : Hors sujet",
    );
    const refused = await ask(fake, valley, dan, "/offre Perceuse #outillage lieu:Tarbes");
    expect(refused.text).toContain("Vous êtes en sourdine dans le réseau « Réseau du Val »");

    const listed = await ask(fake, valley, anim, "/sourdine");
    expect(listed.text).toContain("Une personne en sourdine dans le réseau « Réseau du Val »");
    expect(listed.text).toContain("motif : Hors sujet");
    expect(buttonsOf(listed).map((x) => x.text)).toEqual(["🔊 Lever la sourdine de Dan"]);
    press(fake, anim, listed, "Lever la sourdine de Dan", valley);
    await sentTo(
      fake,
      valley,
      /La sourdine de Dan \(n°\d+\) dans le réseau « Réseau du Val » est levée/,
    );
    await sentTo(fake, dan.id, "Votre sourdine dans le réseau « Réseau du Val » est levée");
    const posted = await ask(fake, valley, dan, "/offre Perceuse #outillage lieu:Tarbes");
    expect(posted.text).toContain("Votre offre #1 est publiée");

    // Once more, lifted by command this time.
    await ask(fake, valley, anim, "/sourdine @dan_du_val 1sem Spam");
    expect(
      (await ask(fake, valley, dan, "/besoin Remorque #vehicules lieu:Tarbes")).text,
    ).toContain("Vous êtes en sourdine");
    const lifted = await ask(fake, valley, anim, "/sourdine lever @dan_du_val");
    expect(lifted.text).toMatch(/La sourdine de Dan \(n°\d+\) .* est levée/);
    const again = await ask(fake, valley, dan, "/besoin Remorque #vehicules lieu:Tarbes");
    expect(again.text).toContain("Votre besoin #2 est publié");
    const none = await ask(fake, valley, anim, "/sourdine");
    expect(none.text).toContain("Personne n'est en sourdine dans le réseau « Réseau du Val »");
    expect(query(app, "SELECT count(*) AS n FROM mutes WHERE lifted_at IS NOT NULL")).toEqual([
      { n: 2 },
    ]);
    expect(
      query(
        app,
        "SELECT action FROM audit_log WHERE action IN ('member-muted', 'member-unmuted') ORDER BY id",
      ),
    ).toEqual([
      { action: "member-muted" },
      { action: "member-unmuted" },
      { action: "member-muted" },
      { action: "member-unmuted" },
    ]);
  });
});

describe("erasure on Telegram", () => {
  it("schedules the erasure 14 days ahead by button, and cancels it by button", async () => {
    const b = await startTelegramBot();
    running.push(b);
    const { fake, app } = b;
    const chat = privateChat(bob);
    fake.sendText(chat, bob, "/start");
    await sentTo(fake, bob.id, "Hello Bob");

    const explained = await ask(fake, chat, bob, "/forget");
    expect(explained.text).toContain("Erase your data");
    press(fake, bob, explained, "Confirm the erasure", chat);
    const scheduled = await sentTo(fake, bob.id, "Your data will be erased on");
    expect(scheduled.text).toContain("Done: your data will be erased.");
    const [request] = query<{ requested_at: number; due_at: number }>(
      app,
      "SELECT requested_at, due_at FROM erasure_requests",
    );
    expect(request!.due_at - request!.requested_at).toBe(14 * DAY_MS);
    const day = shownDate(request!.due_at, "en", { dateStyle: "full" });
    expect(scheduled.text).toContain(`Your data will be erased on ${day}.`);
    expect(buttonsOf(scheduled).map((x) => x.text)).toEqual(["↩️ Cancel the erasure"]);

    press(fake, bob, scheduled, "Cancel the erasure", chat);
    await sentTo(fake, bob.id, "Erasure cancelled: your data stays.");
    expect(query(app, "SELECT count(*) AS n FROM erasure_requests")).toEqual([{ n: 0 }]);
    expect(
      query(app, "SELECT action FROM audit_log WHERE action LIKE 'erasure-%' ORDER BY id"),
    ).toEqual([{ action: "erasure-requested" }, { action: "erasure-cancelled" }]);
  });

  it("answers /oublier in the group with a word and the rest in private, then cancels it when typed", async () => {
    const b = await started();
    const { fake, app } = b;
    const word = await ask(fake, valley, dan, "/oublier");
    expect(word.text).toBe("Dan, je vous réponds en privé.");
    const explained = await sentTo(fake, dan.id, "Effacer vos données");
    expect(explained.text).toContain("L'effacement a lieu 14 jours après votre confirmation");
    press(fake, dan, explained, "Confirmer l'effacement");
    const scheduled = await sentTo(fake, dan.id, "Vos données seront effacées le");
    const [request] = query<{ due_at: number }>(app, "SELECT due_at FROM erasure_requests");
    expect(request!.due_at - app.clock.now()).toBeGreaterThan(14 * DAY_MS - 60_000);
    const day = shownDate(request!.due_at, "fr", { dateStyle: "full" });
    expect(scheduled.text).toContain(
      `Vos données seront effacées le ${day}. Pour garder votre compte : /oublier annuler.`,
    );
    expect(buttonsOf(scheduled).map((x) => x.text)).toEqual(["↩️ Annuler l'effacement"]);

    // Typed instead of pressed, this time.
    const cancelled = await ask(fake, privateChat(dan), dan, "/oublier annuler");
    expect(cancelled.text).toContain("Effacement annulé : vos données restent.");
    expect(query(app, "SELECT count(*) AS n FROM erasure_requests")).toEqual([{ n: 0 }]);
  });
});

/** The end of the only mute stored, checked to be `days` days from now. */
function storedMuteEnd(b: TelegramBot, days: number): number {
  const rows = query<{ ends_at: number }>(b.app, "SELECT ends_at FROM mutes");
  expect(rows).toHaveLength(1);
  const end = rows[0]!.ends_at;
  expect(end - b.app.clock.now()).toBeGreaterThan(days * DAY_MS - 60_000);
  expect(end - b.app.clock.now()).toBeLessThanOrEqual(days * DAY_MS);
  return end;
}
