/**
 * `/oublier`: a member who used many features asks to be forgotten, the grace period passes,
 * the daily job erases them; afterwards the database FILE holds none of their identifiers or
 * texts, the other party's data is still there, and the statistics have not moved.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDueErasures } from "../../bot/privacy-jobs.js";
import { nameAnimator, namedAnimators } from "../../storage/animators.js";
import { statsOf } from "../../storage/stats.js";
import { startHarness, type Harness } from "../helpers/harness.js";

const DAY = 86_400_000;

let dir: string;
let bot: Harness;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "soliterr-erasure-"));
  bot = await startHarness({ databasePath: join(dir, "soliterr.db") });
});
afterEach(async () => {
  await bot.stop();
  await rm(dir, { recursive: true, force: true });
});

const ZOE = "zoemartin";
const q0 = () => bot.app.db.$client;

/** Zoé posts, closes, contacts and is contacted, reports, blocks, subscribes, saves an alert. */
async function busyMember(): Promise<void> {
  bot.adapter.animators.add(`room1|eve`);
  await bot.say("/reseau Réseau du Val", { as: "eve" });
  await bot.say("/structure creer", { as: ZOE, dm: true });
  for (const answer of [
    "Menuiserie du Val",
    "entreprise",
    "C",
    "Tarbes",
    "passer",
    "passer",
    "07 98 76 54 32",
  ])
    await bot.say(answer, { as: ZOE, dm: true });
  await bot.say(
    "/offre Bétonnière orange quasi neuve — Prêtée avec sa rallonge violette #equipement lieu:Tarbes",
    { as: ZOE },
  );
  await bot.say("/besoin Palettes xylophoniques #materiaux lieu:Tarbes", { as: ZOE });
  await bot.say("/cloturer 2 recu", { as: ZOE });
  await bot.say("/offre Camion benne disponible #vehicules lieu:Lourdes", { as: "bob" });
  await bot.say("/contacter 3 Message zygomatique de Zoé", { as: ZOE });
  await bot.say("/repondre 1 Réponse de Bob conservée", { as: "bob", dm: true });
  await bot.say("/contacter 1 Bob demande la machine", { as: "bob" });
  await bot.say("/repondre 2 Réponse cachalotesque", { as: ZOE, dm: true });
  await bot.say("/signaler 3 Motif ornithorynque", { as: ZOE });
  await bot.say('/sondage "Date de la réunion ?" "Lundi" "Mardi"', { as: "eve" });
  await bot.say("/voter 1 2", { as: ZOE });
  await bot.say("/sourdine @zoemartin 1j Motif hippopotamesque", { as: "eve" });
  await bot.say("/bloquer 2", { as: ZOE, dm: true });
  await bot.say("/abonner", { as: ZOE });
  await bot.say("/alerte camion lieu:65", { as: ZOE, dm: true });
  await bot.say("/mesdonnees", { as: ZOE });
}

/** Every figure of /stats, for the territory and the network, over a wide period. */
function figures() {
  const from = bot.clock.now() - 400 * DAY;
  const to = bot.clock.now() + 400 * DAY;
  return [
    statsOf(bot.app.db, { all: true }, from, to, 0),
    statsOf(bot.app.db, { networkId: 1 }, from, to, 0),
  ];
}

/** The database file's bytes, with everything written to it. */
function fileBytes(): Buffer {
  bot.app.db.$client.pragma("wal_checkpoint(TRUNCATE)");
  return readFileSync(join(dir, "soliterr.db"));
}

describe("/oublier", () => {
  it("explains what goes and what stays, then schedules the erasure in 14 days", async () => {
    const explained = await bot.ask("/oublier", { as: ZOE, dm: true });
    expect(explained).toContain("Seront effacés : votre profil");
    expect(explained).toContain("Confirmer : /oublier confirmer");
    const [confirmed] = await bot.say("/oublier confirmer", { as: ZOE, dm: true });
    expect(confirmed?.text).toContain("Vos données seront effacées le dimanche 13 décembre 2026");
    expect(confirmed?.buttons).toEqual(["/oublier annuler"]);
  });

  it("erases the member after the grace period: nothing of theirs is left in the file", async () => {
    await busyMember();
    // Named animator of the network by the territory's administrator (admin tool).
    nameAnimator(bot.app.db, 1, 2, bot.clock.now());
    const before = figures();
    await bot.say("/oublier confirmer", { as: ZOE, dm: true });
    // A day later, the first command reminds them once.
    bot.clock.advance(DAY);
    expect(await bot.ask("/aide", { as: ZOE, dm: true })).toContain(
      "Vos données seront effacées le",
    );
    expect(await bot.ask("/aide", { as: ZOE, dm: true })).not.toContain("seront effacées");

    const needles = [
      ZOE,
      "Zoemartin",
      "Bétonnière orange",
      "rallonge violette",
      "betonniere",
      "xylophoniques",
      "zygomatique",
      "cachalotesque",
      "ornithorynque",
      "hippopotamesque",
      "07 98 76 54 32",
    ];
    const found = (bytes: Buffer) => needles.filter((n) => bytes.includes(Buffer.from(n, "utf8")));
    expect(found(fileBytes())).toEqual(needles);

    bot.clock.advance(14 * DAY);
    await bot.app.scheduler.runAll();
    await bot.app.outbox.drain();

    const bytes = fileBytes();
    expect(found(bytes)).toEqual([]);
    // The other side's data is still there.
    for (const kept of [
      "Camion benne disponible",
      "Réponse de Bob conservée",
      "Bob demande la machine",
    ])
      expect(bytes.includes(Buffer.from(kept, "utf8")), kept).toBe(true);
    expect(figures()).toEqual(before);
    expect(namedAnimators(bot.app.db, 1)).toEqual([]);
    // The report and the poll stay the network's; the vote still counts, anonymously.
    expect(await bot.ask("/sondage resultats 1", { as: "eve" })).toContain(
      "2. Mardi — 1 vote(s), 100 %",
    );
    expect(q0().prepare("SELECT count(*) FROM reports").pluck().get()).toBe(1);
    expect(q0().prepare("SELECT count(*) FROM mutes").pluck().get()).toBe(0);

    const q = bot.app.db.$client;
    expect(
      q
        .prepare(
          "SELECT platform, display_name FROM members WHERE platform_user_id = '2' OR id = 2",
        )
        .all(),
    ).toEqual([{ platform: "erased", display_name: "" }]);
    expect(
      q
        .prepare("SELECT id, title, status, redacted_at IS NOT NULL AS r FROM listings ORDER BY id")
        .all(),
    ).toEqual([
      { id: 1, title: "", status: "open", r: 1 },
      { id: 2, title: "", status: "closed", r: 1 },
      { id: 3, title: "Camion benne disponible", status: "open", r: 0 },
    ]);
    // The structure keeps its public profile, without the contact.
    expect(q.prepare("SELECT name, public_contact AS contact FROM structures").all()).toEqual([
      { name: "Menuiserie du Val", contact: null },
    ]);
    // Nobody sees the records; Bob's conversation with the erased member is over.
    expect(await bot.ask("/annonce 1", { as: "bob" })).toContain("Il n'y a pas d'annonce #1");
    expect(await bot.ask("/chercher", { as: "bob" })).not.toContain("#1 ");
    expect(await bot.ask("/repondre 1 Encore là ?", { as: "bob", dm: true })).toContain(
      "ses données ont été effacées",
    );
    expect(await bot.ask("/journal", { as: "admin", dm: true })).toContain("membre effacé");
  });

  it("stops when the member cancels during the grace period", async () => {
    await bot.say("/offre Bétonnière orange #equipement lieu:Tarbes", { as: ZOE });
    await bot.say("/oublier confirmer", { as: ZOE, dm: true });
    expect(await bot.ask("/oublier annuler", { as: ZOE, dm: true })).toContain("Effacement annulé");
    expect(await bot.ask("/oublier annuler", { as: ZOE, dm: true })).toContain(
      "Aucun effacement n'est prévu pour vous",
    );
    bot.clock.advance(15 * DAY);
    await bot.app.scheduler.runAll();
    expect(await bot.ask("/annonce 1", { as: ZOE })).toContain("Bétonnière orange");
    expect(await bot.ask("/aide", { as: ZOE, dm: true })).not.toContain("seront effacées");
  });

  it("leaves ended listings with their place when asked, and only those", async () => {
    await bot.say("/offre Bétonnière orange #equipement lieu:Tarbes", { as: ZOE });
    await bot.say("/besoin Palettes #materiaux lieu:Tarbes", { as: ZOE });
    await bot.say("/cloturer 2 recu", { as: ZOE });
    await bot.say("/oublier confirmer anonyme", { as: ZOE, dm: true });
    bot.clock.advance(15 * DAY);
    await bot.app.scheduler.runAll();
    const rows = bot.app.db.$client
      .prepare(
        "SELECT id, title, status, outcome, place_kind AS kind, commune_code AS commune FROM listings ORDER BY id",
      )
      .all();
    expect(rows).toEqual([
      { id: 1, title: "", status: "open", outcome: null, kind: "region", commune: null },
      {
        id: 2,
        title: "",
        status: "closed",
        outcome: "received",
        kind: "commune",
        commune: "65440",
      },
    ]);
  });

  it("deletes the files made for the member (a data export), not the others'", async () => {
    const [, mine] = await bot.say("/mesdonnees", { as: ZOE });
    const [, theirs] = await bot.say("/mesdonnees", { as: "bob" });
    const path = mine?.message.attachment?.path ?? "";
    const other = theirs?.message.attachment?.path ?? "";
    expect([existsSync(path), existsSync(other)]).toEqual([true, true]);
    await bot.say("/oublier confirmer", { as: ZOE, dm: true });
    bot.clock.advance(15 * DAY);
    expect(runDueErasures(bot.app.db, bot.clock.now(), dirname(path))).toBe(1);
    expect([existsSync(path), existsSync(other)]).toEqual([false, true]);
  });

  it("says what to type when the words are not understood", async () => {
    expect(await bot.ask("/oublier maintenant", { as: ZOE, dm: true })).toContain(
      "/oublier confirmer pour le demander",
    );
  });
});
