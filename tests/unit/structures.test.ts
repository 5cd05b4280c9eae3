/**
 * Structures: the guided creation, the profile, editing by administrators, inviting a
 * colleague with a one-time code, listings posted on behalf of the structure, and the
 * directory (full text, sector, place hierarchy).
 */
import { afterEach, describe, expect, it } from "vitest";
import { loadDemo } from "../../bot/demo.js";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";

let bot: Harness;
afterEach(async () => {
  await bot.stop();
});

function texts(sent: Sent[]): string {
  return sent.map((s) => s.text).join("\n\n");
}

/** Creates a structure step by step in Ana's private chat; returns the last reply. */
async function createStructure(
  answers: string[] = [
    "Boulangerie Dupont",
    "entreprise",
    "restauration",
    "Tarbes",
    "Pain bio au levain, fours disponibles le dimanche",
    "boulangerie-dupont.fr",
    "passer",
  ],
  as = "ana",
): Promise<string> {
  await bot.say("/structure creer", { as, dm: true });
  let last = "";
  for (const answer of answers) last = await bot.ask(answer, { as, dm: true });
  return last;
}

describe("creating a structure", () => {
  it("asks step by step, with buttons for the type, and creates it with the person as administrator", async () => {
    bot = await startHarness();
    const first = await bot.say("/structure creer", { as: "ana" });
    expect(texts(first)).toContain("je vous écris en privé pour créer votre structure");
    expect(texts(first)).toContain("Étape 1/7. Quel est le nom de votre structure ?");
    await bot.ask("Boulangerie Dupont", { as: "ana", dm: true });
    const type = await bot.say("n'importe quoi", { as: "ana", dm: true });
    expect(type[0]!.text).toContain("Je ne connais pas le type « n'importe quoi »");
    expect(type[0]!.buttons.slice(0, 5)).toEqual([
      "entreprise",
      "association",
      "collectivite",
      "independant",
      "autre",
    ]);
    await bot.ask("entreprise", { as: "ana", dm: true });
    expect(await bot.ask("activités", { as: "ana", dm: true })).toContain(
      "Je ne trouve pas de secteur",
    );
    expect(await bot.ask("I", { as: "ana", dm: true })).toContain("Dans quelle commune");
    expect(await bot.ask("65", { as: "ana", dm: true })).toContain("n'est pas une commune");
    await bot.ask("Tarbes", { as: "ana", dm: true });
    await bot.ask("passer", { as: "ana", dm: true });
    expect(await bot.ask("pas un site", { as: "ana", dm: true })).toContain(
      "ne ressemble pas à une adresse",
    );
    await bot.ask("boulangerie-dupont.fr", { as: "ana", dm: true });
    const done = await bot.ask("contact@boulangerie-dupont.fr", { as: "ana", dm: true });
    expect(done).toContain("La structure « Boulangerie Dupont » est créée");
    expect(done).toContain("Secteur : I — Hébergement et restauration");
    expect(done).toContain("Commune : Tarbes (65)");
    expect(done).toContain("Site : https://boulangerie-dupont.fr/");
    const row = bot.app.db.$client
      .prepare(
        "SELECT s.name, s.type, s.sector, s.commune_code, m.role FROM structures s JOIN structure_members m ON m.structure_id = s.id",
      )
      .get();
    expect(row).toEqual({
      name: "Boulangerie Dupont",
      type: "company",
      sector: "I",
      commune_code: "65440",
      role: "admin",
    });
  });
});

describe("a member's structure", () => {
  it("takes only its own action words, not the names every object has", async () => {
    bot = await startHarness();
    for (const word of ["constructor", "toString", "__proto__"]) {
      expect(await bot.ask(`/structure ${word}`)).toContain(
        `⛔ Je ne connais pas l'action « ${word} ».`,
      );
    }
  });

  it("shows it, lets its administrators edit it, and posts listings on its behalf", async () => {
    bot = await startHarness();
    await createStructure();
    const mine = await bot.ask("/structure", { as: "ana" });
    expect(mine).toContain("Boulangerie Dupont");
    expect(mine).toContain("Une personne agit pour cette structure");
    expect(
      await bot.ask("/structure modifier description Pain et viennoiseries", { as: "ana" }),
    ).toContain("Pain et viennoiseries");
    await bot.say("/offre Four à pain disponible le dimanche #equipements lieu:Tarbes", {
      as: "ana",
    });
    expect(listingById(bot.app.db, 1)?.structureId).toBe(1);
    await bot.say("/offre Vélo personnel #vehicules lieu:Tarbes structure:non", { as: "ana" });
    expect(listingById(bot.app.db, 2)?.structureId).toBeNull();
    expect(
      await bot.ask("/offre Vélo #vehicules lieu:Tarbes structure:peutetre", { as: "ana" }),
    ).toContain("Je n'ai pas compris structure:peutetre");
    expect(await bot.ask("/annonce 1", { as: "bob" })).toContain(
      "Publiée par : Ana — Boulangerie Dupont",
    );
    const profile = await bot.ask("/structure 1", { as: "bob" });
    expect(profile).toContain("Une annonce ouverte");
    expect(profile).not.toContain("Vélo personnel");
    expect(profile).toContain("#1 Four à pain disponible le dimanche");
    expect(await bot.ask("/structure modifier nom Autre nom", { as: "bob" })).toContain(
      "Vous n'agissez encore pour aucune structure",
    );
  });

  it("invites a colleague with a one-time code, who then acts for the structure", async () => {
    bot = await startHarness();
    await createStructure();
    const invited = await bot.say("/structure inviter", { as: "ana" });
    expect(texts(invited)).toContain(
      "je vous envoie le code d'invitation en privé".replace("je", "Je"),
    );
    const privately = invited.find((s) => s.destination.kind === "member")!;
    const code = /\/structure rejoindre ([A-Z0-9]{8})/.exec(privately.text)?.[1];
    expect(code).toBeDefined();
    const joined = await bot.say(`/structure rejoindre ${code}`, { as: "bob", dm: true });
    expect(texts(joined)).toContain("Vous agissez maintenant pour « Boulangerie Dupont »");
    expect(texts(joined.filter((s) => s.destination.kind === "member"))).toContain(
      "Bob a rejoint votre structure « Boulangerie Dupont »",
    );
    expect(await bot.ask(`/structure rejoindre ${code}`, { as: "carla", dm: true })).toContain(
      "n'est pas valable",
    );
    // Bob is a member, not an administrator, until Ana names him.
    expect(await bot.ask("/structure modifier nom Autre", { as: "bob" })).toContain(
      "Seuls les administrateurs",
    );
    const team = await bot.ask("/structure equipe", { as: "ana" });
    expect(team).toContain("Bob");
    const bobId = /n°(\d+) Bob/.exec(team)?.[1];
    await bot.say(`/structure admin ${bobId}`, { as: "ana" });
    expect(
      await bot.ask("/structure modifier nom Boulangerie Dupont & fils", { as: "bob" }),
    ).toContain("« Boulangerie Dupont & fils » est à jour");
  });
});

describe("one structure at a time", () => {
  it("asks to leave the current structure before creating another, and keeps an administrator", async () => {
    bot = await startHarness();
    await createStructure();
    expect(await bot.ask("/structure creer", { as: "ana" })).toContain(
      "Vous agissez déjà pour « Boulangerie Dupont »",
    );
    const invited = await bot.say("/structure inviter", { as: "ana", dm: true });
    const code = /rejoindre ([A-Z0-9]{8})/.exec(invited[0]!.text)?.[1];
    await bot.say(`/structure rejoindre ${code}`, { as: "bob", dm: true });
    expect(await bot.ask("/structure quitter", { as: "ana" })).toContain(
      "Vous êtes le dernier administrateur de « Boulangerie Dupont »",
    );
    expect(await bot.ask("/structure quitter", { as: "bob" })).toContain(
      "Vous n'agissez plus pour « Boulangerie Dupont »",
    );
    expect(await bot.ask("/structure quitter", { as: "ana" })).toContain("Vous n'agissez plus");
    expect(await bot.ask("/structure creer", { as: "ana" })).toContain("Étape 1/7");
  });
});

describe("the directory", () => {
  it("finds structures by words, sector and place, and shows their profile", async () => {
    bot = await startHarness();
    await createStructure();
    await createStructure(
      [
        "Garage du Lavedan",
        "entreprise",
        "G",
        "Argelès-Gazost",
        "Réparation de véhicules utilitaires",
        "passer",
        "passer",
      ],
      "bob",
    );
    await createStructure(
      ["Les Jardins de Pau", "association", "A", "Pau", "Maraîchage solidaire", "passer", "passer"],
      "carla",
    );
    const all = await bot.ask("/annuaire");
    expect(all).toContain("3 structures");
    expect(all.indexOf("Les Jardins de Pau")).toBeLessThan(all.indexOf("Boulangerie Dupont"));
    const words = await bot.ask("/annuaire vehicule");
    expect(words).toContain("Garage du Lavedan");
    expect(words).not.toContain("Boulangerie");
    const inHautesPyrenees = await bot.ask("/annuaire lieu:65");
    expect(inHautesPyrenees).toContain("Garage du Lavedan");
    expect(inHautesPyrenees).toContain("Boulangerie Dupont");
    expect(inHautesPyrenees).not.toContain("Jardins de Pau");
    const sector = await bot.say("/annuaire secteur:agriculture");
    expect(sector[0]!.text).toContain("Les Jardins de Pau");
    expect(sector[0]!.text).not.toContain("Garage");
    expect(sector[0]!.buttons).toEqual(["/structure 3"]);
    expect(await bot.ask("/annuaire boulangerie lieu:64")).toContain(
      "Aucune structure ne correspond",
    );
    expect(await bot.ask("/directory garage in:65", { as: "dan", localeHint: "en" })).toContain(
      "Garage du Lavedan — Company · Wholesale and retail trade",
    );
  });
});

describe("the demo territory", () => {
  it("comes with its structures, in the directory and on their listings", async () => {
    bot = await startHarness();
    loadDemo(bot.app.db, bot.app.places, bot.clock.now(), 60);
    const directory = await bot.ask("/annuaire lieu:65");
    expect(directory).toContain("7 structures");
    expect(directory).toContain(
      "Hôpital de l'Adour — Collectivité ou organisme public · Santé humaine et action sociale · Tarbes (65)",
    );
    expect(await bot.ask("/annuaire confiture")).toContain("Confitures du Lavedan");
    const hospital = /n°(\d+) Hôpital de l'Adour/.exec(directory)?.[1];
    expect(await bot.ask(`/structure ${hospital}`)).toContain("2 annonces ouvertes");
  });
});
