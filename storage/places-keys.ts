/**
 * Comparison keys for place names: what a person types ("St-Lary", "agglo Tarbes Lourdes",
 * "département des Landes") brought to the same key as the official name.
 */
import { nameKey } from "./text.js";

// Abbreviations people write but the official names spell out (or the reverse: one EPCI
// name writes "St-"): expanded on both sides so that they always meet.
const ABBREVIATIONS: Record<string, string> = {
  st: "saint",
  ste: "sainte",
  sts: "saints",
  stes: "saintes",
};
// Whole words only; nameKey leaves single spaces between words. One pass, and no new string
// when there is nothing to expand (most names): this runs 40,000 times at load.
const ABBREVIATION = /(?<=^| )st(?:e?s?)(?= |$)/g;

/** The key of a place name: `nameKey` with "St"/"Ste" expanded. "St-Lary" -> "saint lary". */
export function placeKey(text: string): string {
  return nameKey(text).replace(ABBREVIATION, (word) => ABBREVIATIONS[word] ?? word);
}

/** A key without spaces, for names typed with a missing apostrophe ("Lisle sur Tarn"). */
export function compactKey(key: string): string {
  return key.replaceAll(" ", "");
}

// Longest first, so that "communaute de communes" wins over "communaute".
const EPCI_LEADING = [
  "communaute de communes",
  "communaute des communes",
  "communaute d agglomeration",
  "communaute d agglo",
  "communaute urbaine",
  "communaute",
  "com com",
  "comcom",
  "cdc",
  "intercommunalite",
  "interco",
  "epci",
  "agglomeration",
  "agglo",
  "eurometropole",
  "metropole",
  "cc",
  "ca",
  "cu",
];
const EPCI_TRAILING = [
  "communaute de communes",
  "communaute d agglomeration",
  "communaute",
  "agglomeration",
  "agglo",
  "eurometropole",
  "metropole",
];

const ARTICLES = /^(?:(?:du|des|de la|de l|de|d) )?(?:(?:la|le|les|l) )?/;

/** Drops leading French articles ("de la Rochelle" -> "rochelle"), unless nothing would be left. */
export function stripArticles(key: string): string {
  const rest = key.replace(ARTICLES, "");
  return rest === "" ? key : rest;
}

/** What remains of an EPCI name once its type words and articles are removed. */
export interface EpciCore {
  /** "tarbes lourdes pyrenees" for "CA Tarbes-Lourdes-Pyrénées". */
  core: string;
  /** True when the text carried a type word ("CC", "agglo", "métropole"...). */
  typed: boolean;
}

/**
 * Strips the EPCI type words from a key, in whichever form and position people use them:
 * "communaute d agglomeration tarbes lourdes pyrenees", "ca tarbes ...", "lorient agglo".
 */
export function epciCore(key: string): EpciCore {
  let rest = key;
  let typed = false;
  for (let changed = true; changed;) {
    changed = false;
    for (const word of EPCI_LEADING) {
      if (rest.startsWith(`${word} `)) {
        rest = stripArticles(rest.slice(word.length + 1));
        typed = changed = true;
        break;
      }
    }
    for (const word of EPCI_TRAILING) {
      if (rest.endsWith(` ${word}`)) {
        rest = rest.slice(0, -word.length - 1);
        typed = changed = true;
        break;
      }
    }
  }
  // "Tours Métropole Val de Loire", "Grenoble-Alpes-Métropole": the word sits inside.
  rest = rest.replace(/ (?:euro)?metropole(?= )/g, "");
  rest = stripArticles(rest);
  return rest === "" ? { core: key, typed: false } : { core: rest, typed };
}

/**
 * The keys under which an official EPCI name is found without its type: the core of the
 * name, and the acronym or short name it gives in parentheses ("CARENE", "Cap Atlantique").
 */
export function epciCores(officialName: string): string[] {
  const inParentheses = /\(([^()]*)\)/.exec(officialName)?.[1];
  const base = officialName.replace(/\([^()]*\)/g, " ");
  const cores = new Set([epciCore(placeKey(base)).core]);
  if (inParentheses !== undefined) {
    const alias = placeKey(inParentheses);
    if (alias.length >= 3) cores.add(epciCore(alias).core);
  }
  return [...cores];
}

/** The département code a typed token stands for ("65", "2a" -> "2A", "1" -> "01"), unchecked. */
export function departementCode(token: string): string | undefined {
  if (!/^(?:\d{1,3}|2[ab])$/i.test(token)) return undefined;
  return token.length === 1 ? `0${token}` : token.toUpperCase();
}

/** An explicit area word in front of a name: "département des Landes", "région Bretagne". */
export interface AreaPrefix {
  /** The kind the words ask for. */
  kind: "departement" | "region";
  /** The name after the words and articles: "landes". */
  rest: string;
}

const AREA_WORDS: [string, AreaPrefix["kind"]][] = [
  ["departement", "departement"],
  ["dept", "departement"],
  ["dpt", "departement"],
  ["dep", "departement"],
  ["region", "region"],
];

/** Recognises "département ..."/"région ..." so that "région Bretagne" is not the commune. */
export function areaPrefix(key: string): AreaPrefix | undefined {
  for (const [word, kind] of AREA_WORDS) {
    if (key.startsWith(`${word} `)) {
      const rest = stripArticles(key.slice(word.length + 1));
      return rest === "" ? undefined : { kind, rest };
    }
  }
  return undefined;
}

/**
 * Former région names still in everyday use, mapped to the région that absorbed them in 2016.
 * Looked up last, after every official name.
 */
export const FORMER_REGIONS: Record<string, string> = {
  alsace: "44",
  "champagne ardenne": "44",
  lorraine: "44",
  aquitaine: "75",
  limousin: "75",
  "poitou charentes": "75",
  auvergne: "84",
  "rhone alpes": "84",
  bourgogne: "27",
  "franche comte": "27",
  "basse normandie": "28",
  "haute normandie": "28",
  "languedoc roussillon": "76",
  "midi pyrenees": "76",
  "nord pas de calais": "32",
  picardie: "32",
  centre: "24",
  paca: "93",
  idf: "11",
  aura: "84",
  bfc: "27",
};
