import { describe, expect, it } from "vitest";
import {
  parseArgs,
  parseCommandLine,
  sanitizeText,
  type OptionName,
  type ParseArgsOptions,
} from "../../bot/parse.js";

const ALL_OPTIONS: readonly OptionName[] = ["place", "kind", "terms", "until", "status"];

/** parseArgs with every option allowed. */
function parse(text: string, settings: ParseArgsOptions = {}) {
  return parseArgs(text, { options: ALL_OPTIONS, ...settings });
}

/** An extendOption callback that knows a few multi-word places, like Places.resolvePrefix. */
const KNOWN_PLACES = ["bagneres de bigorre", "saint lary soulan", "saint martin"];
function knownPlaceSpan(option: OptionName, words: string[]): number {
  if (option !== "place") return 1;
  for (let used = words.length; used > 1; used--) {
    const name = words
      .slice(0, used)
      .join(" ")
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase();
    if (KNOWN_PLACES.includes(name)) return used;
  }
  return 1;
}

describe("parseCommandLine", () => {
  it("splits a slash command into its name and the text of its arguments", () => {
    expect(parseCommandLine("/offre Prêt de camionnette #vehicules")).toEqual({
      name: "offre",
      argsText: "Prêt de camionnette #vehicules",
    });
  });

  it("reads the bot a command is addressed to and folds the name's case", () => {
    expect(parseCommandLine("/Offre@soliterr_bot Prêt de minibus")).toEqual({
      name: "offre",
      botName: "soliterr_bot",
      argsText: "Prêt de minibus",
    });
  });

  it("accepts commands typed with an exclamation mark", () => {
    expect(parseCommandLine("!chercher camion lieu:65")).toEqual({
      name: "chercher",
      argsText: "camion lieu:65",
    });
  });

  it("folds accents in command names and turns hyphens into underscores", () => {
    expect(parseCommandLine("/clôturer 4")).toEqual({ name: "cloturer", argsText: "4" });
    expect(parseCommandLine("/CLÔTURER 4 donne")?.name).toBe("cloturer");
    expect(parseCommandLine("/mes-annonces")).toEqual({ name: "mes_annonces", argsText: "" });
  });

  it("tolerates spaces before the command and trims the arguments", () => {
    expect(parseCommandLine("   /aide   ")).toEqual({ name: "aide", argsText: "" });
    expect(parseCommandLine("\n\t/chercher  vélo  ")).toEqual({
      name: "chercher",
      argsText: "vélo",
    });
  });

  it("keeps line breaks inside the arguments", () => {
    expect(parseCommandLine("/offre Prêt de camion\nLe week-end")?.argsText).toBe(
      "Prêt de camion\nLe week-end",
    );
  });

  it("does not take plain text for a command", () => {
    expect(parseCommandLine("Bonjour à tous")).toBeUndefined();
    expect(parseCommandLine("il faut taper /offre pour publier")).toBeUndefined();
    expect(parseCommandLine("")).toBeUndefined();
    expect(parseCommandLine("   ")).toBeUndefined();
  });

  it("does not take a lone slash, a path or a time for a command", () => {
    expect(parseCommandLine("/")).toBeUndefined();
    expect(parseCommandLine("/ offre")).toBeUndefined();
    expect(parseCommandLine("!")).toBeUndefined();
    expect(parseCommandLine("/usr/bin")).toBeUndefined();
    expect(parseCommandLine("/12:30")).toBeUndefined();
    expect(parseCommandLine("/offre@")).toBeUndefined();
  });

  it("refuses command names longer than 64 characters", () => {
    expect(parseCommandLine(`/${"a".repeat(64)}`)?.name).toBe("a".repeat(64));
    expect(parseCommandLine(`/${"a".repeat(65)}`)).toBeUndefined();
  });
});

describe("parseArgs: options", () => {
  it("reads French option names and leaves the other words", () => {
    const args = parse("camion lieu:Tarbes type:offre modalite:pret jusqu:31/12 statut:toutes");
    expect(args.options).toEqual({
      place: "Tarbes",
      kind: "offre",
      terms: "pret",
      until: "31/12",
      status: "toutes",
    });
    expect(args.words).toEqual(["camion"]);
    expect(args.text).toBe("camion");
  });

  it("reads English option names", () => {
    const args = parse("van in:65 kind:offer terms:loan until:2026-12-31 status:all");
    expect(args.options).toEqual({
      place: "65",
      kind: "offer",
      terms: "loan",
      until: "2026-12-31",
      status: "all",
    });
    expect(args.words).toEqual(["van"]);
  });

  it("reads option names typed with accents, capitals or an apostrophe", () => {
    expect(parse("à:Lourdes").options).toEqual({ place: "Lourdes" });
    expect(parse("LIEU:Pau").options).toEqual({ place: "Pau" });
    expect(parse("modalités:don").options).toEqual({ terms: "don" });
    expect(parse("jusqu'au:31/12").options).toEqual({ until: "31/12" });
    expect(parse("jusqu’au:31/12").options).toEqual({ until: "31/12" });
    expect(parse("état:closes").options).toEqual({ status: "closes" });
  });

  it("takes the next word as the value when a space follows the colon", () => {
    const args = parse("camion lieu: Tarbes le samedi");
    expect(args.options).toEqual({ place: "Tarbes" });
    expect(args.words).toEqual(["camion", "le", "samedi"]);
    expect(args.text).toBe("camion le samedi");
  });

  it("reads a quoted value with spaces, with straight quotes or guillemets", () => {
    const straight = parse('lieu:"Saint Martin" tracteur');
    expect(straight.options).toEqual({ place: "Saint Martin" });
    expect(straight.words).toEqual(["tracteur"]);
    expect(straight.text).toBe("tracteur");
    const guillemets = parse("tracteur lieu:«Bagnères de Bigorre» type:besoin");
    expect(guillemets.options).toEqual({ place: "Bagnères de Bigorre", kind: "besoin" });
    expect(guillemets.words).toEqual(["tracteur"]);
    const spaced = parse("lieu:« Bagnères de Bigorre » tracteur");
    expect(spaced.options).toEqual({ place: "Bagnères de Bigorre" });
    expect(spaced.words).toEqual(["tracteur"]);
  });

  it("reads a quoted value after a space", () => {
    const args = parse('lieu: "Saint Martin" tracteur');
    expect(args.options).toEqual({ place: "Saint Martin" });
    expect(args.words).toEqual(["tracteur"]);
  });

  it("lets the last value typed win", () => {
    expect(parse("lieu:Tarbes lieu:Pau").options).toEqual({ place: "Pau" });
  });

  it("leaves options the command does not understand as plain words", () => {
    const args = parseArgs("Prêt lieu:Tarbes type:offre", { options: ["place"] });
    expect(args.options).toEqual({ place: "Tarbes" });
    expect(args.words).toEqual(["Prêt", "type:offre"]);
    expect(args.text).toBe("Prêt type:offre");
    const none = parseArgs("lieu:Tarbes statut:toutes");
    expect(none.options).toEqual({});
    expect(none.words).toEqual(["lieu:Tarbes", "statut:toutes"]);
  });

  it("keeps links, times and unknown keys as words", () => {
    const args = parse("rendez-vous 12:30 voir http://x.org/a mailto:ana@x.org couleur:rouge");
    expect(args.options).toEqual({});
    expect(args.words).toEqual([
      "rendez-vous",
      "12:30",
      "voir",
      "http://x.org/a",
      "mailto:ana@x.org",
      "couleur:rouge",
    ]);
  });

  it("keeps an option key with nothing after it as an empty value, not a word", () => {
    const args = parse("camion lieu:");
    expect(args.words).toEqual(["camion"]);
    expect(args.options.place ?? "").toBe("");
  });
});

describe("parseArgs: tags, words and text", () => {
  it("reads #tags in order but keeps #42 as a word", () => {
    const args = parse("Voir #42 #vehicules et #outils #_x");
    expect(args.tags).toEqual(["vehicules", "outils", "_x"]);
    expect(args.words).toEqual(["Voir", "#42", "et"]);
    expect(args.text).toBe("Voir #42 et");
  });

  it("reads tags with accents and hyphens", () => {
    expect(parse("#véhicules #circuit-court #main_d'oeuvre").tags).toEqual([
      "véhicules",
      "circuit-court",
      "main_d'oeuvre",
    ]);
  });

  it("keeps a lone # and a too long tag as words", () => {
    const long = `#${"a".repeat(42)}`;
    const args = parse(`# ${long}`);
    expect(args.tags).toEqual([]);
    expect(args.words).toEqual(["#", long]);
  });

  it("makes a quoted phrase one word, without its quotes", () => {
    const args = parse('"prêt de camion" «mise à disposition» “le week-end” „Zeit“ fin');
    expect(args.words).toEqual([
      "prêt de camion",
      "mise à disposition",
      "le week-end",
      "Zeit",
      "fin",
    ]);
  });

  it("does not read options or tags inside quotes", () => {
    const args = parse('"lieu:Tarbes #vehicules" reste');
    expect(args.options).toEqual({});
    expect(args.tags).toEqual([]);
    expect(args.words).toEqual(["lieu:Tarbes #vehicules", "reste"]);
  });

  it("runs an unclosed quote to the end of the text", () => {
    expect(parse('camion "prêt le week-end').words).toEqual(["camion", "prêt le week-end"]);
    expect(parse('lieu:"Saint Martin').options).toEqual({ place: "Saint Martin" });
    expect(parse("«Bagnères de").words).toEqual(["Bagnères de"]);
  });

  it("does not take French apostrophes for quotes", () => {
    const args = parse("Prêt de l'atelier d’Ana pour l'été");
    expect(args.words).toEqual(["Prêt", "de", "l'atelier", "d’Ana", "pour", "l'été"]);
  });

  it("keeps line breaks in the text but drops the options and tags", () => {
    const args = parse(
      "Prêt de camionnette  #vehicules\n" +
        "Disponible   le week-end lieu:Tarbes\n\n\n\nMerci modalite:pret",
    );
    expect(args.text).toBe("Prêt de camionnette\nDisponible le week-end\n\nMerci");
    expect(args.tags).toEqual(["vehicules"]);
    expect(args.options).toEqual({ place: "Tarbes", terms: "pret" });
    expect(args.words).toEqual([
      "Prêt",
      "de",
      "camionnette",
      "Disponible",
      "le",
      "week-end",
      "Merci",
    ]);
  });

  it("returns nothing for empty arguments", () => {
    expect(parse("")).toEqual({ text: "", words: [], options: {}, tags: [], raw: "" });
    expect(parse("   \n  ")).toEqual({ text: "", words: [], options: {}, tags: [], raw: "" });
  });
});

describe("parseArgs: extendOption", () => {
  it("extends an unquoted place over the following words that name it", () => {
    const args = parse("lieu:Bagnères de Bigorre prêt de tondeuse", {
      extendOption: knownPlaceSpan,
    });
    expect(args.options).toEqual({ place: "Bagnères de Bigorre" });
    expect(args.words).toEqual(["prêt", "de", "tondeuse"]);
    expect(args.text).toBe("prêt de tondeuse");
  });

  it("extends a place typed after a space too", () => {
    const args = parse("tondeuse lieu: Saint Lary Soulan type:offre", {
      extendOption: knownPlaceSpan,
    });
    expect(args.options).toEqual({ place: "Saint Lary Soulan", kind: "offre" });
    expect(args.words).toEqual(["tondeuse"]);
  });

  it("leaves the following words alone when the callback says the value is one word", () => {
    const args = parse("lieu:Tarbes camion benne", { extendOption: knownPlaceSpan });
    expect(args.options).toEqual({ place: "Tarbes" });
    expect(args.words).toEqual(["camion", "benne"]);
    expect(args.text).toBe("camion benne");
  });

  it("offers the callback only the words before the next option, tag or quote", () => {
    const seen: string[][] = [];
    const record = (option: OptionName, words: string[]) => {
      if (option === "place") seen.push(words);
      return 1;
    };
    parse("lieu:Saint Martin #outils Bigorre", { extendOption: record });
    parse("lieu:Saint Martin type:offre Bigorre", { extendOption: record });
    parse('lieu:Saint Martin "de Bigorre"', { extendOption: record });
    parse("lieu:Saint Martin http://x", { extendOption: record });
    expect(seen).toEqual([
      ["Saint", "Martin"],
      ["Saint", "Martin"],
      ["Saint", "Martin"],
      ["Saint", "Martin"],
    ]);
  });

  it("stops extending at the next tag even when the callback asks for more", () => {
    const args = parse("lieu:Saint Martin #outils Bigorre", { extendOption: () => 10 });
    expect(args.options).toEqual({ place: "Saint Martin" });
    expect(args.tags).toEqual(["outils"]);
    expect(args.words).toEqual(["Bigorre"]);
  });

  it("offers the callback at most six following words", () => {
    const seen: string[][] = [];
    parse("lieu:a b c d e f g h i", {
      extendOption: (_o, words) => {
        seen.push(words);
        return words.length;
      },
    });
    expect(seen).toEqual([["a", "b", "c", "d", "e", "f", "g"]]);
    const args = parse("lieu:a b c d e f g h i", { extendOption: (_o, w) => w.length });
    expect(args.options).toEqual({ place: "a b c d e f g" });
    expect(args.words).toEqual(["h", "i"]);
  });

  it("does not call the callback for a quoted value or a value with nothing after it", () => {
    let calls = 0;
    const count = () => {
      calls++;
      return 3;
    };
    const quoted = parse('lieu:"Saint Martin" de Bigorre', { extendOption: count });
    expect(quoted.options).toEqual({ place: "Saint Martin" });
    expect(quoted.words).toEqual(["de", "Bigorre"]);
    parse("camion lieu:Tarbes", { extendOption: count });
    expect(calls).toBe(0);
  });

  it("survives a callback answering nonsense", () => {
    for (const answer of [0, -3, Number.NaN, 1.5, 1_000]) {
      const args = parse("lieu:Saint Martin camion", { extendOption: () => answer });
      expect(args.options.place).toMatch(/^Saint( Martin( camion)?)?$/);
    }
  });
});

describe("sanitizeText", () => {
  it("removes control characters but keeps line breaks and tabs", () => {
    expect(sanitizeText("a\u0000b\u0007c\u001Bd\u007Fe\u0085f\tg\nh")).toBe("abcdef\tg\nh");
  });

  it("turns CRLF and lone CR into LF", () => {
    expect(sanitizeText("ligne 1\r\nligne 2\rligne 3")).toBe("ligne 1\nligne 2\nligne 3");
  });

  it("removes zero-width and direction-changing characters", () => {
    expect(sanitizeText("ca\u200Bmion\u200C\u200D\uFEFF")).toBe("camion");
    expect(sanitizeText("\u202Egpj.exe\u202C")).toBe("gpj.exe");
    expect(sanitizeText("a\u200Eb\u200Fc\u2066d\u2069e\u2060f\u00ADg")).toBe("abcdefg");
  });

  it("normalises to NFC", () => {
    const decomposed = "Ve\u0301hicules a\u0300 Lourdes";
    const result = sanitizeText(decomposed);
    expect(result).toBe("Véhicules à Lourdes");
    expect(result).toHaveLength("Véhicules à Lourdes".length);
  });

  it("leaves ordinary French, emoji and right-to-left text unchanged", () => {
    for (const text of ["Prêt d’un véhicule — « cœur »", "🚐 👍🏽 🇫🇷", "مرحبا بكم", "שלום"]) {
      expect(sanitizeText(text)).toBe(text);
    }
  });

  it("makes a command typed with decomposed accents readable", () => {
    expect(parseCommandLine(sanitizeText("/clo\u0302turer 4"))?.name).toBe("cloturer");
  });
});

describe("hostile input", () => {
  const hostile: [string, string][] = [
    ["100 KB of letters", "a".repeat(100_000)],
    ["100 KB of words", "mot ".repeat(25_000)],
    ["100 KB of quotes", '"'.repeat(100_000)],
    ["100 KB of unclosed guillemets", "«".repeat(100_000)],
    ["100 KB of options", "lieu: ".repeat(17_000)],
    ["100 KB of quoted option values", 'lieu:"x '.repeat(12_500)],
    ["100 KB of tags", "#a ".repeat(33_000)],
    ["only quotes", '"«»“”„"'],
    ["lone surrogates", "\uD800 a\uDC00b \uDBFF#\uDFFF lieu:\uD83D"],
    ["emoji", "🚐 #🚐 lieu:🏠 «👍🏽» 👨‍👩‍👧"],
    ["right-to-left text", "\u202Eمرحبا lieu:القاهرة #عربي"],
    ["control characters", "\u0000\u0001/\u0002offre\u001F"],
    ["colons only", ":::: : :a: a:: ::lieu"],
  ];

  it.each(hostile)("never throws on %s", (_name, text) => {
    const clean = sanitizeText(text);
    parseCommandLine(text);
    parseCommandLine(`/chercher ${text}`);
    const args = parse(clean, { extendOption: knownPlaceSpan });
    expect(Array.isArray(args.words)).toBe(true);
    expect(typeof args.text).toBe("string");
    expect(parseArgs(text).options).toEqual({});
  });

  it("keeps every word of a long message", () => {
    expect(parse("mot ".repeat(25_000)).words).toHaveLength(25_000);
  });

  it("reads a message of quotes only as empty words", () => {
    const args = parse('"" "" ""');
    expect(args.words).toEqual([]);
    expect(args.tags).toEqual([]);
  });
});
