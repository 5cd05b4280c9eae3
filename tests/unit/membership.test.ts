/**
 * Network membership and the territory charter: a network that validates its members,
 * pending requests told to animators with buttons, refusals until approved, decisions in the
 * audit log with the person told, the network's questions, and the charter before a first post.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";

let bot: Harness;
afterEach(async () => {
  await bot.stop();
});

function privateTo(sent: Sent[], user: string): Sent[] {
  return sent.filter((s) => s.destination.kind === "member" && s.destination.userId === user);
}

function texts(sent: Sent[]): string {
  return sent.map((s) => s.text).join("\n\n");
}

/** The number of the join request of a person (as shown to animators). */
function requestOf(user: string): number {
  return bot.app.db.$client
    .prepare(
      "SELECT n.id FROM network_members n JOIN members m ON m.id = n.member_id WHERE m.platform_user_id = ?",
    )
    .pluck()
    .get(user) as number;
}

function count(sql: string): number {
  return (bot.app.db.$client.prepare(sql).pluck().get() as number) ?? 0;
}

/** A network room whose animator is Carla, with Ana already posting, then switched to validation. */
async function validatingNetwork(config: Record<string, string> = {}): Promise<void> {
  bot = await startHarness({ config });
  bot.adapter.animators.add("room1|carla");
  await bot.say("/reseau Réseau du Val", { as: "carla" });
  await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes", { as: "ana" });
  const set = await bot.ask("/reseau adhesion validation", { as: "carla" });
  expect(set).toContain("Adhésion sur validation");
  expect(set).toContain("Le membre déjà actif dans le réseau garde sa place");
}

describe("a network that validates its members", () => {
  it("creates a pending request on first use, tells the animators privately, and refuses posting meanwhile", async () => {
    await validatingNetwork();
    const first = await bot.say("/aide", { as: "dan" });
    expect(texts(first)).toContain("Publier");
    const toDan = privateTo(first, "dan");
    expect(texts(toDan)).toContain("votre demande d'adhésion est transmise à ses animateurs");
    const toCarla = privateTo(first, "carla");
    expect(toCarla).toHaveLength(1);
    expect(toCarla[0]!.text).toContain("Dan demande à rejoindre le réseau « Réseau du Val »");
    const n = requestOf("dan");
    expect(toCarla[0]!.buttons).toEqual([`/accepter ${n}`, `/refuser ${n}`]);

    for (const command of [
      "/offre Perceuse #equipements lieu:Tarbes",
      "/contacter 1 Bonjour",
      "/alerte vehicules lieu:65",
    ]) {
      expect(await bot.ask(command, { as: "dan" })).toContain(
        "Votre demande d'adhésion au réseau « Réseau du Val » attend la réponse",
      );
    }
    expect(count("SELECT count(*) FROM listings")).toBe(1);
    expect(count("SELECT count(*) FROM contact_threads")).toBe(0);
    expect(count("SELECT count(*) FROM alerts")).toBe(0);
    // Only one request, however many commands.
    expect(count("SELECT count(*) FROM network_members WHERE status = 'pending'")).toBe(1);
    // Searching stays open to them.
    expect(await bot.ask("/chercher camionnette", { as: "dan" })).toContain("#1");
  });

  it("lets an animator approve by button in private; the person is told and can post", async () => {
    await validatingNetwork();
    await bot.say("/aide", { as: "dan" });
    const list = await bot.say("/demandes", { as: "carla", dm: true });
    expect(list[0]!.text).toContain("Une demande d'adhésion en attente pour « Réseau du Val »");
    expect(list[0]!.text).toContain("Dan");
    const n = requestOf("dan");
    const decided = await bot.say(`/accepter ${n}`, { as: "carla", dm: true, button: "m9" });
    expect(texts(decided)).toContain("Dan fait maintenant partie du réseau");
    expect(texts(privateTo(decided, "dan"))).toContain(
      "votre adhésion au réseau « Réseau du Val » est acceptée",
    );
    const audit = bot.app.db.$client
      .prepare(
        `SELECT a.action, m.platform_user_id AS actor, s.platform_user_id AS subject
         FROM audit_log a JOIN members m ON m.id = a.actor_id JOIN members s ON s.id = a.subject_member_id
         WHERE a.action LIKE 'member-%' OR a.action = 'join-requested'`,
      )
      .all();
    expect(audit).toEqual([
      { action: "join-requested", actor: "dan", subject: "dan" },
      { action: "member-approved", actor: "carla", subject: "dan" },
    ]);
    expect(await bot.ask("/offre Perceuse #equipements lieu:Tarbes", { as: "dan" })).toContain(
      "Votre offre #2 est publiée",
    );
    expect(await bot.ask(`/accepter ${n}`, { as: "carla", dm: true })).toContain(
      "déjà été acceptée (par Carla)",
    );
  });

  it("tells a refused person why, and keeps refusing their posts", async () => {
    await validatingNetwork();
    await bot.say("/aide", { as: "eve" });
    const refused = await bot.say(`/refuser ${requestOf("eve")} Hors du territoire`, {
      as: "carla",
    });
    const toEve = texts(privateTo(refused, "eve"));
    expect(toEve).toContain("n'a pas été acceptée");
    expect(toEve).toContain("Motif : Hors du territoire");
    expect(await bot.ask("/offre Perceuse #equipements lieu:Tarbes", { as: "eve" })).toContain(
      "a été refusée par ses animateurs",
    );
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'member-refused'")).toBe(1);
  });

  it("refuses decisions by people who do not animate the network", async () => {
    await validatingNetwork();
    await bot.say("/aide", { as: "dan" });
    expect(await bot.ask(`/accepter ${requestOf("dan")}`, { as: "ana" })).toContain(
      "réservée aux animateurs",
    );
    expect(await bot.ask("/demandes", { as: "ana", dm: true })).toContain(
      "réservée aux animateurs",
    );
    expect(count("SELECT count(*) FROM network_members WHERE status = 'pending'")).toBe(1);
  });

  it("asks the network's questions and passes the answers on to the animators", async () => {
    await validatingNetwork();
    await bot.say("/reseau questions Quelle est votre structure, et que cherchez-vous ?", {
      as: "carla",
    });
    const first = await bot.say("/aide", { as: "dan" });
    expect(texts(privateTo(first, "dan"))).toContain(
      "Questions du réseau : Quelle est votre structure",
    );
    const answered = await bot.say("/presenter Boulangerie Dupont, je cherche un four", {
      as: "dan",
      dm: true,
    });
    expect(texts(privateTo(answered, "carla"))).toContain(
      "Réponses : Boulangerie Dupont, je cherche un four",
    );
    expect(await bot.ask("/demandes", { as: "carla" })).toContain("Boulangerie Dupont");
  });

  it("lets everyone in again when the network goes back to open joining", async () => {
    await validatingNetwork();
    await bot.say("/aide", { as: "dan" });
    await bot.say("/reseau adhesion ouverte", { as: "carla" });
    expect(await bot.ask("/offre Perceuse #equipements lieu:Tarbes", { as: "dan" })).toContain(
      "est publiée",
    );
  });
});

describe("the territory charter", () => {
  it("is shown before a first post, accepted once by button, and not asked again", async () => {
    bot = await startHarness({ config: { CHARTER_REQUIRED: "true" } });
    const asked = await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    expect(asked[0]!.text).toContain("Charte du territoire");
    expect(asked[0]!.text).toContain("privilégier la coopération");
    expect(asked[0]!.buttons).toEqual(["/charte oui"]);
    expect(count("SELECT count(*) FROM listings")).toBe(0);
    const accepted = await bot.say("/charte oui", { button: "m1" });
    expect(accepted[0]!.text).toContain("la charte est acceptée");
    expect(accepted[0]!.buttons).toEqual(["/offre", "/besoin"]);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'charter-accepted'")).toBe(1);
    expect(await bot.ask("/offre Prêt de camionnette #vehicules lieu:Tarbes")).toContain(
      "Votre offre #1 est publiée",
    );
    expect(await bot.ask("/charte")).toContain("Vous l'avez acceptée le");
  });

  it("shows the territory's own text when it wrote one, in English too", async () => {
    bot = await startHarness({
      config: {
        CHARTER_REQUIRED: "true",
        CHARTER_TEXT: "Ici, on partage et on se respecte, toujours.",
      },
    });
    const asked = await bot.ask("/offer Van to lend #vehicles in:Tarbes", { localeHint: "en" });
    expect(asked).toContain("Charter of the territory");
    expect(asked).toContain("Ici, on partage et on se respecte, toujours.");
  });
});
