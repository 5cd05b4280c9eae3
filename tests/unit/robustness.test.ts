/**
 * Robustness: well over a thousand random and hostile messages (control characters, bidi
 * overrides, lone surrogates, 100 KB texts, HTML, SQL, FTS5 syntax, garbage options...) sent
 * through the real pipeline by several members, in group rooms and private chats, mixed with
 * the bot's real command names, guided-form answers and button presses. The run is seeded:
 * the seed is in the test name, and ROBUSTNESS_SEED=<n> replays a run.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES_DIR, localeFromHint, type I18n, type Locale } from "../../bot/i18n.js";
import { MAX_INPUT_LENGTH, sanitizeText } from "../../bot/parse.js";
import { allCommands } from "../../commands/index.js";
import { listingById, type Listing } from "../../storage/listings.js";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";
import { Rng, garbage, hugeText } from "../helpers/hostile.js";

const SEED = Number(process.env.ROBUSTNESS_SEED ?? 20_261_129);
const INPUTS = Number(process.env.ROBUSTNESS_INPUTS ?? 1_200);

/** The members who send hostile input, with the language hint of their platform. */
const MEMBERS = [
  { id: "ana", hint: undefined }, // French by default
  { id: "bob", hint: "en-GB" }, // English from his platform
  { id: "chloe", hint: "fr-FR" }, // chooses English with /langue en first
  { id: "dan", hint: undefined }, // animator of room1 (no network: moderation is refused)
  { id: "eve", hint: "en-US" }, // chooses French with /language fr first
  { id: "zoé<b>\u202e", hint: undefined }, // a hostile platform id and display name
] as const;
type MemberId = (typeof MEMBERS)[number]["id"];

/** The author of the pre-created listings: sends only legitimate commands. */
const OWNER = "olga";
const ROOMS = ["room1", "room2", "salon-é 💥"];

/** The messages of a contact conversation, which go to the other side by design. */
const RELAYED =
  /^(?:✉️ .+ (?:vous écrit|vous répond|writes to you|answers you)|🤝 .+ (?:propose d'échanger|offers to exchange|Vous avez tous deux|You both))/u;
const INTERNAL_ERROR = /Désolé, quelque chose s'est mal passé|Sorry, something went wrong/;
const FRENCH_WORDS = /(?<!\p{L})(?:vous|votre|vos|désolé)(?!\p{L})/giu;
const ENGLISH_WORDS = /(?<!\p{L})(?:you|your|sorry)(?!\p{L})/giu;
/** A Fluent variable or message reference left as is: `{ $id }`, `{$id}`, `{other-message}`. */
const PLACEHOLDER = /\{\s*\$[^}]{0,40}\}?|\{\s*-?[a-z][a-z0-9-]*\s*\}/g;
/** A paragraph or line that starts with what looks like a message id rather than its text. */
const RAW_KEY_START =
  /(?:^|\n)(?:⛔ )?((?:cmd|arg|args|listing|post|search|help|button|field|category|terms|outcome|kind|status|date|place|edit|close|remove|delete|renew|mine|language|draft)-[a-z0-9-]+)/g;
const KEY_LIKE = /(?<![\p{L}\p{N}_-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\p{L}\p{N}_-])/gu;

/** Every message id of the locale files. */
function messageIds(): Set<string> {
  const ids = new Set<string>();
  for (const locale of ["fr", "en"]) {
    for (const file of readdirSync(join(LOCALES_DIR, locale))) {
      if (!file.endsWith(".ftl")) continue;
      const text = readFileSync(join(LOCALES_DIR, locale, file), "utf8");
      for (const match of text.matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)) ids.add(match[1] ?? "");
    }
  }
  return ids;
}

/** Records the locale and key of every translation, and the keys that do not exist. */
function spyTranslations(i18n: I18n): { locale: Locale; key: string; missing: boolean }[] {
  const calls: { locale: Locale; key: string; missing: boolean }[] = [];
  const original = i18n.t.bind(i18n);
  i18n.t = (locale, key, args) => {
    calls.push({ locale, key, missing: !i18n.has(locale, key) });
    return original(locale, key, args);
  };
  return calls;
}

/** One message to send. */
interface Action {
  text: string;
  as: MemberId;
  room?: string;
  dm?: boolean;
  button?: string;
  /** Platform event id; a new one unless the event is delivered again. */
  eventId?: string;
}

/** A message of the bot with buttons, that someone may press later. */
interface Pressable {
  messageId: string;
  commands: string[];
  /** Where it was shown: a group room, or a member's private chat. */
  room?: string;
  dmOf?: string;
}

const commandNames = allCommands.map((c) => ({
  id: c.id,
  names: [...c.names.fr, ...c.names.en],
}));
const FIELD_WORDS = [
  "titre",
  "title",
  "description",
  "categorie",
  "lieu",
  "place",
  "modalite",
  "echeance",
  "until",
  "💥",
  "",
];
const FIELD_VALUES = [
  "Lourdes",
  "65",
  "Saint-Martin",
  "#vehicules",
  "vehicules",
  "don",
  "31/12",
  "30j",
  "Nouveau titre",
  "",
  "\u202e",
];
const ODD_NUMBERS = [
  "0",
  "-1",
  "#2",
  "1e3",
  "99999999999999999999",
  "9007199254740993",
  "1.5",
  "NaN",
  "💥",
  "",
  "#",
  "0x2",
];
const AFTER_NUMBER = ["oui", "yes", "31/12", "30j", "jusqu:99/99/9999"];
const TAGS = ["#vehicules", "#locaux", "#💥", "#", "#autre #divers"];
const PLACES = [
  "lieu:Tarbes",
  "lieu:65",
  "lieu:",
  'lieu:"',
  "lieu:Saint-Martin",
  "lieu:Bagnères de Bigorre",
  "lieu:💥",
  "a: Lourdes",
];
const TERMS = ["modalite:pret", "modalite:💥", "modalite:", "modalites:don"];
const UNTIL = ["jusqu:99/99/9999", "jusqu:31/12", "jusqu:2026-13-01", "jusqu:1j", "until:💥"];
const OUTCOME_WORDS = ["donne", "given", "recu", "retire", "fait", "done", "💥", "", "donne donne"];
const VALID_TITLES = ["Prêt de remorque", "Need a forklift", "Échange de cartons", "abc", "ab"];
const FLOW_ANSWERS = [
  "Prêt de bétonnière",
  "passer",
  "skip",
  "vehicules",
  "#locaux",
  "outillage",
  "Tarbes",
  "65",
  "Saint-Martin",
  "Saint-Martin (65360)",
  "pret",
  "don",
  "31/12",
  "30j",
  "oui",
  "yes",
  "titre",
  "lieu",
  "non",
  "/annuler",
  "/passer",
];

/** What the generator may know of the bot's state, to aim at real rows and real questions. */
interface View {
  /** Highest listing number so far. */
  lastListing: number;
  /** Numbers of a member's own listings. */
  own(member: string): number[];
  /** The step of a member's guided form in progress, if any. */
  step(member: string): string | undefined;
  /** Recent bot messages with buttons. */
  pressables: readonly Pressable[];
}

/** Answers that fit (or nearly fit) each question of the guided form. */
const STEP_ANSWERS: Record<string, string[]> = {
  title: ["Prêt de bétonnière", "Need a forklift — with a driver", "ab", "x".repeat(121), "passer"],
  description: ["passer", "skip", "Une description\nsur deux lignes", "d".repeat(2_001)],
  category: ["vehicules", "#locaux", "outils", "tools", "vehicule", "passer", "autre"],
  place: [
    "Tarbes",
    "65",
    "Saint-Martin",
    "Saint-Martin (65360)",
    "65000",
    "Bagneres",
    "CC Tarbes-Lourdes-Pyrénées",
    "2A",
  ],
  terms: ["pret", "don", "loan", "passer", "skip", "pre"],
  until: ["31/12", "30j", "6sem", "99/99/9999", "2026-02-30", "passer", "400j", "01/01/2020"],
  confirm: ["oui", "yes", "titre", "lieu", "description", "echeance", "non", "/annuler"],
};

/** The next random action. */
function nextAction(rng: Rng, view: View): Action {
  const member = rng.pick(MEMBERS).id;
  const where = rng.chance(0.35) ? { dm: true as const } : { room: rng.pick(ROOMS) };
  const roll = rng.next();
  const { pressables } = view;

  if (roll < 0.1 && pressables.length > 0) {
    // A button press on a recent message of the bot (often someone else's).
    const shown = pressables[pressables.length - 1 - rng.int(Math.min(8, pressables.length))]!;
    const command = rng.chance(0.85) ? rng.pick(shown.commands) : garbage(rng, 2);
    return {
      text: command,
      as: shown.dmOf && rng.chance(0.8) ? (shown.dmOf as MemberId) : member,
      ...(shown.room ? { room: shown.room } : { dm: true }),
      button: rng.chance(0.9) ? shown.messageId : garbage(rng, 1),
    };
  }
  if (roll < 0.36) {
    // Plain text: ignored in groups, a guided-form answer (or "not a command") in private.
    const step = view.step(member);
    const text =
      step && rng.chance(0.8)
        ? rng.pick(STEP_ANSWERS[step] ?? [""])
        : rng.chance(0.4)
          ? rng.pick(FLOW_ANSWERS)
          : garbage(rng);
    return { text, as: member, ...(rng.chance(0.85) ? { dm: true } : where) };
  }
  if (roll < 0.41) {
    // Not a command of ours: another bot's, a typo, a lone slash, pure garbage.
    const text = rng.pick([
      `/${garbage(rng, 1)}`,
      `!${garbage(rng, 1)}`,
      `/ofre ${garbage(rng, 2)}`,
      `/chrecher ${garbage(rng, 2)}`,
      `/start@autre_bot`,
      garbage(rng),
    ]);
    return { text, as: member, ...where };
  }

  const command = rng.pick(commandNames);
  const name = rng.pick(command.names);
  const prefix = rng.chance(0.1) ? "!" : "/";
  const suffix = rng.chance(0.1) ? rng.pick(["@soliterr_bot", "@SoliTERR_Bot", "@", "@autre"]) : "";
  const casing = rng.chance(0.05) ? name.toUpperCase() : name;
  const own = view.own(member);
  const number =
    own.length > 0 && rng.chance(0.6)
      ? String(rng.pick(own))
      : rng.chance(0.8)
        ? String(1 + rng.int(view.lastListing + 2))
        : rng.pick(ODD_NUMBERS);
  const maybe = (p: number, items: readonly string[]) => (rng.chance(p) ? rng.pick(items) : "");
  let args: string;
  switch (command.id) {
    case "show":
    case "renew":
    case "delete":
      args = `${number} ${maybe(0.5, AFTER_NUMBER) || garbage(rng, 2)}`;
      break;
    case "edit":
      args = `${number} ${rng.pick(FIELD_WORDS)} ${maybe(0.3, FIELD_VALUES) || garbage(rng)}`;
      break;
    case "close":
      args = `${number} ${maybe(0.6, OUTCOME_WORDS) || garbage(rng, 2)}`;
      break;
    case "remove":
      args = `${number} ${garbage(rng)}`;
      break;
    case "offer":
    case "need":
      args = rng.chance(0.15)
        ? ""
        : [
            maybe(0.5, VALID_TITLES) || garbage(rng, 2),
            maybe(0.5, TAGS),
            maybe(0.5, PLACES),
            maybe(0.3, TERMS),
            maybe(0.3, UNTIL),
            rng.chance(0.3) ? garbage(rng, 2) : "",
          ].join(" ");
      break;
    default:
      args = rng.chance(0.2) ? "" : garbage(rng);
  }
  return { text: `${prefix}${casing}${suffix} ${args}`, as: member, ...where };
}

describe("the bot under random and hostile input", () => {
  let bot: Harness;
  const ids = messageIds();

  beforeAll(async () => {
    bot = await startHarness();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it(`stays up, answers clearly in each member's language and keeps its data sound (seed ${SEED}, ${INPUTS} inputs)`, async () => {
    const rng = new Rng(SEED);
    const { db } = bot.app;
    const calls = spyTranslations(bot.app.i18n);
    const hints = new Map<string, string | undefined>([
      ...MEMBERS.map((m) => [m.id, m.hint] as const),
      [OWNER, undefined],
    ]);
    const problems: string[] = [];
    const pressables: Pressable[] = [];
    // What people typed (short enough to be read), so that an echo of it is not taken for a bug.
    const typed: string[] = [];
    const typedBySomeone = (piece: string) => typed.some((t) => t.includes(piece));
    const found = (pattern: RegExp, text: string, group = 0) =>
      [...text.matchAll(pattern)]
        .map((m) => m[group] ?? "")
        .filter((piece) => !typedBySomeone(piece));
    const localeStatement = db.$client
      .prepare<[string], string | null>(
        "SELECT locale FROM members WHERE platform = 'test' AND platform_user_id = ?",
      )
      .pluck();
    const expectedLocale = (member: string): Locale => {
      const stored = localeStatement.get(member);
      return stored === "fr" || stored === "en"
        ? stored
        : (localeFromHint(hints.get(member)) ?? "fr");
    };

    const history: (Action & { eventId: string })[] = [];
    const send = async (action: Action): Promise<Sent[] | undefined> => {
      const eventId = action.eventId ?? `event-${history.length + 1}`;
      history.push({ ...action, eventId });
      const first = calls.length;
      const before = bot.adapter.sent.length;
      const show = JSON.stringify(
        action.text.length > 120
          ? `${action.text.slice(0, 120)}…(${action.text.length})`
          : action.text,
      );
      const where = action.dm ? "private" : `#${action.room ?? "room1"}`;
      const label = `[seed ${SEED}] ${action.as} in ${where}${action.button ? " (button)" : ""}: ${show}`;
      const clean = sanitizeText(action.text);
      if (clean.length <= MAX_INPUT_LENGTH) typed.push(clean);
      let replies: Sent[];
      try {
        const hint = hints.get(action.as);
        replies = await bot.say(action.text, {
          as: action.as,
          ...(action.dm ? { dm: true } : { room: action.room ?? "room1" }),
          ...(hint ? { localeHint: hint } : {}),
          ...(action.button ? { button: action.button } : {}),
          eventId,
        });
      } catch (error) {
        problems.push(`${label} threw ${String(error)}`);
        return undefined;
      }
      const locale = expectedLocale(action.as);
      const translated = calls.slice(first);
      for (const call of translated) {
        if (call.missing) problems.push(`${label} used a missing message ${call.key}`);
        if (call.locale !== locale)
          problems.push(`${label} got ${call.key} in ${call.locale}, not ${locale}`);
      }
      replies.forEach((sent, i) => {
        const messageId = `m${before + i + 1}`;
        const text = [sent.text, ...sent.message.text.buttons.flat().map((b) => b.label)].join(
          "\n",
        );
        const what = `${label} -> ${JSON.stringify(text.slice(0, 300))}`;
        if (INTERNAL_ERROR.test(text)) problems.push(`${what}: internal error`);
        for (const piece of found(PLACEHOLDER, text))
          problems.push(`${what}: unresolved placeholder ${piece}`);
        for (const piece of found(RAW_KEY_START, text, 1))
          problems.push(`${what}: raw message id ${piece}`);
        for (const piece of found(KEY_LIKE, text).filter((k) => ids.has(k)))
          problems.push(`${what}: raw message id ${piece}`);
        const foreign = found(locale === "en" ? FRENCH_WORDS : ENGLISH_WORDS, text);
        if (foreign.length > 0) problems.push(`${what}: not in ${locale} (${foreign.join(", ")})`);
        const { destination } = sent;
        const expectedRoom = action.dm ? `dm-${action.as}` : (action.room ?? "room1");
        const toSender =
          destination.kind === "member"
            ? destination.userId === action.as
            : destination.roomId === expectedRoom;
        // A confirmed broadcast goes to the network's rooms: the one message meant for others.
        const broadcast =
          sent.text.startsWith("📣 ") && /^[/!](diffusions|broadcasts)\b/i.test(action.text);
        // A conversation relayed through the bot (commands/contact-relay.ts) reaches the other side.
        const relayed = destination.kind === "member" && RELAYED.test(sent.text);
        if (!toSender && !broadcast && !relayed)
          problems.push(`${what}: sent to ${JSON.stringify(destination)}`);
        if (sent.buttons.length > 0) {
          pressables.push({
            messageId,
            commands: sent.buttons,
            ...(destination.kind === "member" || action.dm
              ? { dmOf: action.as }
              : { room: expectedRoom }),
          });
        }
      });
      return replies;
    };

    // The owner's listings, which nobody else may change.
    const owned = [
      "/offre Prêt de camionnette 12 m³ le week-end #vehicules lieu:Tarbes modalite:pret",
      "/besoin Fournisseur de fruits rouges bio #alimentation lieu:65",
      "/offre Salle de réunion de 30 places #locaux lieu:Lourdes modalite:pret",
      "/offre Chutes de bois et palettes #materiaux lieu:Séméac modalite:don",
    ];
    for (const [i, text] of owned.entries()) {
      const replies = await bot.say(text, { as: OWNER });
      expect(replies.map((r) => r.text).join("\n")).toMatch(new RegExp(`#${i + 1} est publié`));
    }
    // Each member has a listing of their own too, so that garbage edits hit real rows.
    for (const { id } of MEMBERS) {
      await send({
        text: `/offer Prêt de perceuse de ${id} #outillage lieu:Tarbes modalite:pret`,
        as: id,
        room: "room1",
      });
    }
    bot.adapter.animators.add("room1|dan");
    await send({ text: "/langue en", as: "chloe", dm: true });
    await send({ text: "/language fr", as: "eve", dm: true });
    await send({ text: "/offre", as: "ana", dm: true }); // a guided form that garbage answers
    await send({ text: "/besoin", as: "bob", room: "room2" }); // asked privately
    await send({ text: hugeText(rng), as: "ana", room: "room1" });
    await send({ text: `/chercher ${hugeText(rng)}`, as: "bob", dm: true });

    const snapshot = owned.map((_, i) => listingById(db, i + 1)!);
    const countListings = db.$client.prepare<[], number>("SELECT max(id) FROM listings").pluck();
    const ownStatement = db.$client
      .prepare<[string], number>(
        "SELECT l.id FROM listings l JOIN members m ON m.id = l.author_id WHERE m.platform_user_id = ?",
      )
      .pluck();
    const stepStatement = db.$client
      .prepare<[string], string>(
        "SELECT c.step FROM conversations c JOIN members m ON m.id = c.member_id WHERE m.platform_user_id = ?",
      )
      .pluck();
    const view = (): View => ({
      lastListing: countListings.get() ?? 0,
      own: (member) => ownStatement.all(member),
      step: (member) => stepStatement.get(member),
      pressables,
    });
    let sent = 0;
    for (let i = 0; i < INPUTS; i++) {
      if (i === Math.floor(INPUTS / 3)) {
        await bot.say("/modifier 2 titre Fruits rouges et cassis bio", { as: OWNER });
      }
      if (i === Math.floor((2 * INPUTS) / 3)) {
        await bot.say("/cloturer 3 donne", { as: OWNER, room: "room2" });
      }
      if (rng.chance(0.03)) {
        // A platform delivers an event again: it was handled already, so nothing happens.
        const again = rng.pick(history);
        const replies = await send(again);
        if (replies && replies.length > 0)
          problems.push(`[seed ${SEED}] event ${again.eventId} delivered again was answered again`);
      } else {
        await send(nextAction(rng, view()));
      }
      sent++;
    }

    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(problems.slice(0, 40), `${problems.length} problems (seed ${SEED})`).toEqual([]);

    // The database is sound, and its search index too.
    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(() =>
      db.$client.exec("INSERT INTO listings_fts(listings_fts) VALUES('integrity-check')"),
    ).not.toThrow();
    const statuses = ["open", "closed", "expired", "removed"];
    for (const status of statuses) {
      const indexed = db.$client
        .prepare<[string], number>(
          "SELECT rowid FROM listings_fts WHERE listings_fts MATCH ? ORDER BY rowid",
        )
        .pluck()
        .all(`tags : st_${status}`);
      const stored = db.$client
        .prepare<[string], number>("SELECT id FROM listings WHERE status = ? ORDER BY id")
        .pluck()
        .all(status);
      expect(indexed, `search index of ${status} listings`).toEqual(stored);
    }

    // The owner's listings changed only by her own two commands.
    const [first, second, third, fourth] = owned.map((_, i) => listingById(db, i + 1));
    expect(first).toEqual(snapshot[0]);
    expect(fourth).toEqual(snapshot[3]);
    expect(second).toEqual<Listing>({
      ...snapshot[1]!,
      title: "Fruits rouges et cassis bio",
      updatedAt: second!.updatedAt,
    });
    expect(third).toEqual<Listing>({
      ...snapshot[2]!,
      status: "closed",
      outcome: "given",
      closedAt: third!.closedAt,
      updatedAt: third!.updatedAt,
    });

    // Every queued message was delivered, once.
    const outbox = db.$client
      .prepare<[], { state: string; n: number }>(
        "SELECT state, count(*) AS n FROM outbox GROUP BY state",
      )
      .all();
    expect(outbox).toEqual([{ state: "sent", n: bot.adapter.sent.length }]);
  });
});
