/**
 * The console adapter driven through standard input, as a script would: in process (the
 * adapter on streams, with a whole bot on an in-memory database) and, once, as the real
 * `bot/main.ts` process on a temporary database file.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../bot/app.js";
import { loadDemo } from "../../bot/demo.js";
import { listingById, type Listing } from "../../storage/listings.js";
import { memberById } from "../../storage/members.js";
import {
  bindRoomToNetwork,
  findOrCreateNetwork,
  findOrCreateRoom,
} from "../../storage/networks.js";
import { startConsole as startSharedConsole, type ConsoleOptions } from "../helpers/console.js";

const START = "2026-11-29T10:00:00+01:00";

/** A console session on a fresh bot. */
let running: App[] = [];
afterEach(async () => {
  for (const app of running) await app.stop();
  running = [];
});

/** A bot with a console on streams; `setup` runs on the database before start. */
const startConsole = (setup?: ConsoleOptions["setup"]) =>
  startSharedConsole(running, setup ? { setup } : {});

const ECHO = /^\[(?:#[^\]]*|dm)\] .* > /m;

/**
 * What was printed after the `n`-th echo of `echo` (1-based), up to the next echoed line:
 * the console's answer to that line.
 */
function after(output: string, echo: string, n = 1): string {
  let from = -1;
  for (let i = 0; i < n; i++) {
    from = output.indexOf(`${echo}\n`, from + 1);
    if (from === -1) throw new Error(`"${echo}" (#${n}) was not echoed in:\n${output}`);
  }
  const rest = output.slice(from + echo.length + 1);
  const next = ECHO.exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** The listing, which must exist. */
function listing(app: App, id: number): Listing {
  const found = listingById(app.db, id);
  if (!found) throw new Error(`no listing #${id}`);
  return found;
}

const POST = "/offre Prêt de remorque #vehicules lieu:Tarbes";

describe("the console adapter, scripted through standard input", () => {
  it("echoes each line with its room and member, then the replies under where they go", async () => {
    const session = await startConsole();
    const out = await session.run(["/langue", ":room lourdes", "/langue"]);

    const first = after(out, "[#tarbes] Camille > /langue");
    expect(first).toContain("── ici, salon #tarbes ──\nJe vous parle en français.");
    expect(after(out, "[#tarbes] Camille > :room lourdes")).toContain(
      "Vous êtes dans le salon #lourdes.",
    );
    const second = after(out, "[#lourdes] Camille > /langue");
    expect(second).toContain("── ici, salon #lourdes ──\nJe vous parle en français.");
    expect(second).not.toContain("#tarbes");
  });

  it("plays another member after :as, who then authors what they post", async () => {
    const session = await startConsole();
    const out = await session.run([":as", ":as Ana", POST]);

    expect(after(out, "[#tarbes] Camille > :as")).toContain("Indiquez un nom : :as Ana");
    expect(after(out, "[#tarbes] Camille > :as Ana")).toContain("Vous êtes maintenant Ana.");
    expect(after(out, `[#tarbes] Ana > ${POST}`)).toContain("Votre offre #1 est publiée.");
    const author = memberById(session.app.db, listing(session.app, 1).authorId);
    expect(author).toMatchObject({
      platform: "console",
      platformUserId: "ana",
      displayName: "Ana",
    });
  });

  it("asks the questions of a guided /offre privately, and takes numbered buttons as answers after :dm", async () => {
    const session = await startConsole();
    const out = await session.run([
      "/offre",
      ":dm",
      "Prêt de remorque",
      "1", // Passer (no description)
      "1", // the first category: vehicles
      "Tarbes",
      "1", // the first terms: gift
      "1", // Passer (default end date)
      "1", // Publier
    ]);

    const start = after(out, "[#tarbes] Camille > /offre");
    expect(start).toContain(
      "── ici, salon #tarbes ──\nCamille, je vous écris en privé pour compléter votre annonce.",
    );
    expect(start).toMatch(/── en privé à camille ──\nÉtape 1\/7\. Que proposez-vous \?/);
    expect(after(out, "[#tarbes] Camille > :dm")).toContain(
      "Vous êtes dans la discussion privée de Camille avec le bot.",
    );
    const title = after(out, "[dm] Camille > Prêt de remorque");
    expect(title).toMatch(/── ici, en privé ──\nÉtape 2\/7\./);
    expect(title).toContain("[1] Passer");
    expect(after(out, "[dm] Camille > 1", 1)).toMatch(
      /Étape 3\/7\.[^]*\[1\] 🚐 Véhicules et transport/,
    );
    expect(after(out, "[dm] Camille > 1", 2)).toContain("Étape 4/7.");
    expect(after(out, "[dm] Camille > Tarbes")).toMatch(/Étape 5\/7\.[^]*\[1\] Don/);
    expect(after(out, "[dm] Camille > 1", 3)).toMatch(/Étape 6\/7\.[^]*\[1\] Passer/);
    expect(after(out, "[dm] Camille > 1", 4)).toMatch(/Étape 7\/7\.[^]*\[1\] ✅ Publier/);
    expect(after(out, "[dm] Camille > 1", 5)).toMatch(
      /── ici, en privé ──\n✅ Votre offre #1 est publiée\./,
    );
    expect(listing(session.app, 1)).toMatchObject({
      kind: "offer",
      title: "Prêt de remorque",
      description: "",
      category: "vehicles",
      terms: "gift",
      communeCode: "65440",
      status: "open",
    });
  });

  it("closes a listing when its outcome button is pressed by number, and forgets buttons once answered", async () => {
    const session = await startConsole();
    const out = await session.run([POST, "/cloturer 1", "1", "1"]);

    expect(after(out, "[#tarbes] Camille > /cloturer 1")).toMatch(
      /Comment s'est terminée l'annonce #1 \?\n\n\[1\] donnée {3}\[2\] reçue/,
    );
    expect(after(out, "[#tarbes] Camille > 1", 1)).toContain(
      "── ici, salon #tarbes ──\n✔️ L'annonce #1 est clôturée : donnée.",
    );
    // The answer had no buttons: a bare number is now plain chat, which the bot ignores in a group.
    expect(after(out, "[#tarbes] Camille > 1", 2)).toBe("");
    expect(listing(session.app, 1)).toMatchObject({ status: "closed", outcome: "given" });
  });

  it("lets a member made animator with :animator on remove a listing of the room's network, and only then", async () => {
    const session = await startConsole((app, clock) => {
      loadDemo(app.db, app.places, clock.now(), app.config.listingExpiryDays);
    });
    const { app } = session;
    const author = memberById(app.db, listing(app, 1).authorId)!;
    const out = await session.run([
      "/retirer 1 Annonce en double",
      ":animator on",
      "/retirer 1 Annonce en double",
      ":animator off",
      "/retirer 2 Encore un doublon",
    ]);

    expect(after(out, "[#tarbes] Camille > /retirer 1 Annonce en double", 1)).toContain(
      "La commande /retirer est réservée aux animateurs et animatrices du réseau de ce salon.",
    );
    expect(after(out, "[#tarbes] Camille > :animator on")).toContain(
      "Camille est animateur du salon #tarbes.",
    );
    const removed = after(out, "[#tarbes] Camille > /retirer 1 Annonce en double", 2);
    expect(removed).toContain("── ici, salon #tarbes ──\n🚫 L'annonce #1 est retirée.");
    expect(removed).toMatch(
      new RegExp(
        `── en privé à ${author.platformUserId} ──\\nVotre annonce #1 .* a été retirée .*Motif : Annonce en double\\.`,
      ),
    );
    expect(after(out, "[#tarbes] Camille > /retirer 2 Encore un doublon")).toContain(
      "réservée aux animateurs",
    );
    expect(listing(app, 1)).toMatchObject({
      status: "removed",
      removalReason: "Annonce en double",
    });
    expect(listing(app, 2).status).toBe("open");
  });

  it("keeps the animator role to the room where it was given", async () => {
    const session = await startConsole((app, clock) => {
      const network = findOrCreateNetwork(app.db, "Réseau du Lavedan", clock.now());
      const room = findOrCreateRoom(
        app.db,
        { platform: "console", platformRoomId: "tarbes", kind: "group", title: "tarbes" },
        clock.now(),
      );
      bindRoomToNetwork(app.db, room.id, network.id);
    });
    const out = await session.run([
      ":as Ana",
      POST, // in #tarbes, bound to the network: the listing belongs to it
      ":as Camille",
      ":room lourdes",
      ":animator on",
      "/retirer 1 Hors sujet",
      ":room tarbes",
      "/retirer 1 Hors sujet",
    ]);

    expect(after(out, "[#lourdes] Camille > /retirer 1 Hors sujet")).toContain(
      "L'annonce #1 n'appartient pas au réseau de ce salon",
    );
    expect(after(out, "[#tarbes] Camille > /retirer 1 Hors sujet")).toContain(
      "La commande /retirer est réservée aux animateurs",
    );
    expect(listing(session.app, 1).status).toBe("open");
  });

  it("moves the clock with :time, runs the jobs and prints the author's expiry notice with a renew button", async () => {
    const session = await startConsole();
    const out = await session.run([POST, ":time +61d"]);

    const moved = after(out, "[#tarbes] Camille > :time +61d");
    expect(moved).toMatch(/^Horloge du bot : .*2027/);
    expect(moved).toMatch(
      /── en privé à camille ──\nVotre annonce #1 « Prêt de remorque » est arrivée à échéance[^]*\[1\] 🔁 Renouveler {3}\[2\] ✔️ Clôturer/,
    );
    expect(listing(session.app, 1).status).toBe("expired");
    expect(session.clock.now()).toBeGreaterThanOrEqual(Date.parse(START) + 61 * 86_400_000);
  });

  it("renews an expired listing from the notice's button, pressed by number in the private chat", async () => {
    const session = await startConsole();
    const out = await session.run([POST, ":time +61d", ":dm", "1"]);

    expect(after(out, "[dm] Camille > 1")).toMatch(
      /── ici, en privé ──\n🔁 L'annonce #1 est prolongée jusqu'au/,
    );
    const renewed = listing(session.app, 1);
    expect(renewed.status).toBe("open");
    expect(renewed.expiresAt).toBeGreaterThan(session.clock.now());
  });

  it("answers :time with garbage, or with a past date, by its usage and leaves the clock alone", async () => {
    const session = await startConsole();
    const before = session.clock.now();
    const out = await session.run([":time", ":time demain", ":time +3x", ":time 2020-01-01"]);

    const usage = "Indiquez une date (:time 2026-12-24T08:00) ou une durée (:time +3d, +2h, +30m).";
    expect(after(out, "[#tarbes] Camille > :time")).toContain(usage);
    expect(after(out, "[#tarbes] Camille > :time demain")).toContain(usage);
    expect(after(out, "[#tarbes] Camille > :time +3x")).toContain(usage);
    expect(after(out, "[#tarbes] Camille > :time 2020-01-01")).toContain(
      "L'horloge du bot ne recule pas.",
    );
    expect(out).not.toContain("Horloge du bot :");
    // The clock runs with the machine's, but was not moved.
    expect(session.clock.now() - before).toBeLessThan(60_000);
  });

  it("reads a :time date without offset as the territory's time, whatever the host's time zone", async () => {
    const hostZone = process.env.TZ;
    // A host far from the territory (servers and containers often run in UTC).
    process.env.TZ = "America/New_York";
    try {
      const session = await startConsole();
      const out = await session.run([":time 2026-12-24T08:00"]);

      expect(after(out, "[#tarbes] Camille > :time 2026-12-24T08:00")).toContain(
        "Horloge du bot : jeudi 24 décembre 2026 à 08:00.",
      );
      const target = Date.parse("2026-12-24T08:00:00+01:00");
      expect(session.clock.now()).toBeGreaterThanOrEqual(target);
      expect(session.clock.now()).toBeLessThan(target + 60_000);
    } finally {
      if (hostZone === undefined) delete process.env.TZ;
      else process.env.TZ = hostZone;
    }
  });

  it("prints its own help on :help and names an unknown console command", async () => {
    const session = await startConsole();
    const out = await session.run([":help", ":foo bar"]);

    const help = after(out, "[#tarbes] Camille > :help");
    expect(help).toContain("Commandes de la console :");
    expect(help).toContain(":animator on|off");
    expect(after(out, "[#tarbes] Camille > :foo bar")).toContain(
      "Commande de console inconnue « :foo ». Tapez :help.",
    );
  });

  it("stops at :quit, leaving the rest of a script unread", async () => {
    const session = await startConsole();
    const out = await session.run(["/langue", ":quit", "/langue en", ":help"]);

    expect(after(out, "[#tarbes] Camille > /langue")).toContain("Je vous parle en français.");
    expect(out).toContain("[#tarbes] Camille > :quit\n");
    expect(out).not.toContain("/langue en");
    expect(out).not.toContain("Commandes de la console");
    const camille = session.app.db.$client
      .prepare<[], string | null>(
        "SELECT locale FROM members WHERE platform = 'console' AND platform_user_id = 'camille'",
      )
      .pluck()
      .get();
    expect(camille).toBeNull();
  });

  it("resolves done at the end of its input, having printed nothing for an empty script", async () => {
    const session = await startConsole();
    const out = await session.run(["", "   "]);
    expect(out).toBe("");
  });
});

/** The repository, where the bot runs from. */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `bot/main.ts` with `args`, the given environment and standard input; resolves on exit. */
function runBot(
  args: string[],
  env: Record<string, string>,
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // The bot's own variables come only from the test, never from the machine running it.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(DATABASE_PATH|DEFAULT_LOCALE|TIMEZONE|TERRITORY_NAME|ADMINS|LOG_LEVEL|LOG_FILE|LISTING_EXPIRY_DAYS|RATE_LIMIT_PER_MINUTE|TELEGRAM_.*|MATRIX_.*)$/.test(
          name,
        ),
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["bot/main.ts", ...args], {
      cwd: ROOT,
      env: { ...inherited, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

describe("the console mode as a real process", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it("loads the demo territory, answers a scripted session in French then English, and exits 0", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soliterr-console-"));
    dirs.push(dir);
    const database = join(dir, "soliterr.db");
    const { code, stdout, stderr } = await runBot(
      ["--demo"],
      { DATABASE_PATH: database, LOG_LEVEL: "silent" },
      ["/chercher camion lieu:65", "/annonce 1", "/langue en", "/search van", ""].join("\n"),
    );

    expect(stderr).toContain("Territoire de démonstration chargé : 11 annonces.");
    expect(code).toBe(0);
    const search = after(stdout, "[#tarbes] Camille > /chercher camion lieu:65");
    expect(search).toContain("── ici, salon #tarbes ──");
    expect(search).toContain("Prêt de camionnettes 12 m³ le week-end");
    expect(after(stdout, "[#tarbes] Camille > /annonce 1")).toMatch(/Offre #1 — /);
    expect(after(stdout, "[#tarbes] Camille > /langue en")).toContain(
      "── ici, salon #tarbes ──\nNoted: I will speak to you in English from now on.",
    );
    expect(after(stdout, "[#tarbes] Camille > /search van")).toContain(
      'No open listing matches: "van".',
    );
    expect(existsSync(database)).toBe(true);
  }, 60_000);

  it("refuses a bad configuration with a non-zero exit that names each bad variable", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soliterr-console-"));
    dirs.push(dir);
    const { code, stdout, stderr } = await runBot(
      [],
      {
        DATABASE_PATH: join(dir, "soliterr.db"),
        LOG_LEVEL: "silent",
        TIMEZONE: "Mars/Olympus",
        LISTING_EXPIRY_DAYS: "0",
      },
      "/aide\n",
    );

    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stderr).toMatch(/TIMEZONE: .*"Mars\/Olympus"/);
    expect(stderr).toMatch(/LISTING_EXPIRY_DAYS: .*"0"/);
    expect(stdout).toBe("");
    expect(existsSync(join(dir, "soliterr.db"))).toBe(false);
  }, 60_000);
});

describe("the console when the database fails", () => {
  it("says the line had no effect and goes on with the next one", async () => {
    const session = await startConsole();
    const handle = session.app.pipeline.handle.bind(session.app.pipeline);
    let calls = 0;
    // The first event fails as if the disk were full; the next ones go through.
    session.app.pipeline.handle = (inbound) =>
      ++calls === 1 ? Promise.reject(new Error("SQLITE_FULL")) : handle(inbound);
    const printed = await session.run(["/aide", "/annonce 3"]);
    expect(printed).toContain("Ce message n'a pas pu être traité");
    expect(printed).toContain("Il n'y a pas d'annonce #3");
  });
});
