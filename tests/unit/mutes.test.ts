/**
 * Mutes: an animator silences a member in the network for a while. The member may still read
 * and search, is refused posting and contact there (with the end date), is told privately,
 * finds the decision in their own log, and speaks again once the time is over or lifted.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";

let bot: Harness;

beforeEach(async () => {
  bot = await startHarness();
  bot.adapter.animators.add("room1|anim");
  await bot.say("/reseau Réseau du Val", { as: "anim" });
  await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes", { as: "carl" });
  await bot.say("/aide", { as: "bea" });
});
afterEach(async () => {
  await bot.stop();
});

function privateTo(sent: Sent[], user: string): string {
  return sent
    .filter((s) => s.destination.kind === "member" && s.destination.userId === user)
    .map((s) => s.text)
    .join("\n\n");
}

function query(sql: string): unknown[] {
  return bot.app.db.$client.prepare(sql).all();
}

describe("muting a member", () => {
  it("refuses their posts and contacts with the end date, tells them privately and logs it", async () => {
    const sent = await bot.say("/sourdine @bea 7j Messages publicitaires répétés", { as: "anim" });
    const here = sent.find((s) => s.destination.kind === "room")!.text;
    expect(here).toMatch(
      /Bea \(n°\d+\) est en sourdine dans le réseau « Réseau du Val » jusqu'au 6 décembre/,
    );
    const notice = privateTo(sent, "bea");
    expect(notice).toContain(
      "L'animation du réseau « Réseau du Val » vous a mis en sourdine jusqu'au 6 décembre",
    );
    expect(notice).toContain("Motif : Messages publicitaires répétés");

    const post = await bot.ask("/offre Perceuse à prêter #outillage lieu:Tarbes", { as: "bea" });
    expect(post).toMatch(
      /^⛔ 🔇 Vous êtes en sourdine dans le réseau « Réseau du Val » jusqu'au 6 décembre/,
    );
    expect(post).toContain("motif : Messages publicitaires répétés");
    expect(await bot.ask("/contacter 1 Bonjour", { as: "bea" })).toContain("Vous êtes en sourdine");
    expect(await bot.ask("/chercher camionnette", { as: "bea" })).toContain("#1");
    expect(query("SELECT count(*) AS n FROM listings")).toEqual([{ n: 1 }]);
    const [entry] = query("SELECT details FROM audit_log WHERE action = 'member-muted'") as {
      details: string;
    }[];
    const details = JSON.parse(entry!.details) as { until: number; reason: string };
    expect(details.reason).toBe("Messages publicitaires répétés");
    expect(details.until - bot.clock.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
    const log = await bot.ask("/journal", { as: "bea", dm: true });
    expect(log).toContain("Anim · a mis Bea en sourdine jusqu'au 6 déc.");
  });

  it("ends by itself when its time is over", async () => {
    await bot.say("/sourdine @bea 12h hors sujet", { as: "anim" });
    bot.clock.advance(11 * 3_600_000);
    expect(await bot.ask("/offre Perceuse #outillage lieu:Tarbes", { as: "bea" })).toContain(
      "Vous êtes en sourdine",
    );
    bot.clock.advance(3_600_000 + 60_000);
    expect(await bot.ask("/offre Perceuse #outillage lieu:Tarbes", { as: "bea" })).toContain(
      "Votre offre #2 est publiée",
    );
  });

  it("lists the current mutes with a button to lift each, and lifting tells the member", async () => {
    await bot.say("/sourdine #1 2sem annonces en double", { as: "anim" });
    const listed = await bot.say("/sourdine", { as: "anim" });
    expect(listed[0]!.text).toContain("Une personne en sourdine dans le réseau « Réseau du Val »");
    expect(listed[0]!.text).toMatch(
      /Carl \(n°\d+\) — jusqu'au 13 déc\..* — motif : annonces en double/,
    );
    const lift = listed[0]!.buttons[0]!;
    expect(lift).toMatch(/^\/finsourdine \d+$/);
    const lifted = await bot.say(lift, { as: "anim", button: "m1" });
    expect(lifted.map((s) => s.text).join("\n")).toContain("La sourdine de Carl");
    expect(privateTo(lifted, "carl")).toContain(
      "Votre sourdine dans le réseau « Réseau du Val » est levée",
    );
    expect(await bot.ask("/offre Perceuse #outillage lieu:Tarbes", { as: "carl" })).toContain(
      "Votre offre #2 est publiée",
    );
    expect(
      query("SELECT action FROM audit_log WHERE action LIKE 'member-%muted' ORDER BY id"),
    ).toEqual([{ action: "member-muted" }, { action: "member-unmuted" }]);
    expect(await bot.ask("/sourdine lever #1", { as: "anim" })).toContain(
      "Carl n'est pas en sourdine",
    );
  });

  it("says how to name someone, and how long, when it cannot understand", async () => {
    expect(await bot.ask("/sourdine @personne 7j", { as: "anim" })).toContain(
      "Je ne trouve personne désigné par « @personne »",
    );
    expect(await bot.ask("/sourdine @bea longtemps", { as: "anim" })).toContain(
      "Indiquez la durée de la sourdine",
    );
    expect(await bot.ask("/sourdine @anim 7j", { as: "anim" })).toContain(
      "Vous ne pouvez pas vous mettre vous-même en sourdine",
    );
    expect(query("SELECT count(*) AS n FROM mutes")).toEqual([{ n: 0 }]);
  });

  it("does not mute the network's animators", async () => {
    bot.adapter.animators.add("room1|dora");
    await bot.say("/aide", { as: "dora" });
    expect(await bot.ask("/sourdine @dora 7j", { as: "anim" })).toContain("Dora anime ce réseau");
  });

  it("works in English", async () => {
    await bot.say("/language en", { as: "anim", dm: true });
    expect(await bot.ask("/mute @bea 3d spam", { as: "anim" })).toContain(
      'is muted in the network "Réseau du Val" until December 2',
    );
    expect(await bot.ask("/mute lift @bea", { as: "anim" })).toContain("The mute of Bea");
  });
});
