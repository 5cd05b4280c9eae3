/**
 * The vocabularies people type: categories, terms, outcomes, kinds and statuses. They are
 * data (storage/reference/catalog.json): ids in code, words per language in the JSON, labels
 * in locales/ (`category-<id>`, `terms-<id>`...).
 */
import { readProjectJson } from "./paths.js";
import { distance } from "fastest-levenshtein";
import type { Locale } from "../bot/i18n.js";
import { nameKey } from "./text.js";

/** One entry of a vocabulary. */
export interface VocabularyEntry {
  id: string;
  emoji?: string;
  fr: string[];
  en: string[];
}

/** The vocabularies of the catalogue. */
export type VocabularyName =
  | "categories"
  | "terms"
  | "outcomes"
  | "kinds"
  | "statuses"
  | "fields"
  | "answers"
  | "alertActions"
  | "broadcastWords"
  | "pollWords"
  | "rhythms"
  | "weekdays"
  | "structureTypes";

/** What a lookup found. */
export type Lookup = { found: true; id: string } | { found: false; suggestion?: string };

type CatalogData = Record<VocabularyName, VocabularyEntry[]>;

/** A word as people type it, compared without accents, case, spaces or hyphens. */
function wordKey(word: string): string {
  return nameKey(word.replace(/^#/, "")).replace(/ /g, "_");
}

/** The loaded catalogue. */
export class Catalog {
  private readonly index = new Map<VocabularyName, Map<string, string>>();

  constructor(readonly data: CatalogData) {
    for (const [name, entries] of Object.entries(data) as [VocabularyName, VocabularyEntry[]][]) {
      const words = new Map<string, string>();
      for (const entry of entries) {
        for (const word of [entry.id, ...entry.fr, ...entry.en]) words.set(wordKey(word), entry.id);
      }
      this.index.set(name, words);
    }
  }

  /** Loads storage/reference/catalog.json. */
  static load(): Catalog {
    return new Catalog(readProjectJson<CatalogData>("storage", "reference", "catalog.json"));
  }

  /** The entries of a vocabulary, in their reference order. */
  entries(name: VocabularyName): VocabularyEntry[] {
    return this.data[name];
  }

  /** The ids of a vocabulary. */
  ids(name: VocabularyName): string[] {
    return this.data[name].map((e) => e.id);
  }

  /** The entry with this id. */
  entry(name: VocabularyName, id: string): VocabularyEntry | undefined {
    return this.data[name].find((e) => e.id === id);
  }

  /** The word people type for an entry in a language (`vehicules`, `vehicles`). */
  word(name: VocabularyName, id: string, locale: Locale): string {
    return this.entry(name, id)?.[locale][0] ?? id;
  }

  /** Finds what a typed word means in a vocabulary, in either language; else the closest word. */
  lookup(name: VocabularyName, typed: string, locale: Locale): Lookup {
    const key = wordKey(typed.slice(0, 60));
    const words = this.index.get(name);
    const id = words?.get(key);
    if (id) return { found: true, id };
    let best: { word: string; d: number } | undefined;
    for (const entry of this.data[name]) {
      // Suggest in the person's language.
      for (const word of entry[locale]) {
        const d = distance(key, word);
        if (!best || d < best.d) best = { word, d };
      }
    }
    return best && best.d <= Math.max(2, Math.floor(key.length / 3))
      ? { found: false, suggestion: best.word }
      : { found: false };
  }
}
