/**
 * Sectors of activity of structures: the sections of the French classification of activities
 * (NAF rév. 2, sections A to U), as data with French and English labels
 * (storage/reference/sectors.json). People type the letter or a word of the label.
 */
import type { Locale } from "../bot/i18n.js";
import { readProjectJson } from "./paths.js";
import { nameKey } from "./text.js";

/** One NAF section. */
export interface Sector {
  /** The section letter, A to U. */
  id: string;
  fr: string;
  en: string;
}

/** Words too common in the labels to choose a sector by. */
const VAGUE = new Set([
  "activites",
  "activities",
  "services",
  "service",
  "production",
  "autres",
  "other",
]);

/** The NAF sections, and finding one from what people type. */
export class Sectors {
  private constructor(readonly all: readonly Sector[]) {}

  /** Loads storage/reference/sectors.json. */
  static load(): Sectors {
    return new Sectors(readProjectJson<Sector[]>("storage", "reference", "sectors.json"));
  }

  /** The section with this letter. */
  byId(id: string): Sector | undefined {
    return this.all.find((s) => s.id === id.toUpperCase());
  }

  /** The label of a section in a language ("C — Industrie manufacturière"). */
  label(id: string, locale: Locale): string {
    const sector = this.byId(id);
    return sector ? sector[locale] : id;
  }

  /**
   * The sections that fit what was typed: the letter, or the sections whose label (in either
   * language) has a word starting with each typed word of 3 letters or more.
   */
  find(typed: string): Sector[] {
    const key = nameKey(typed);
    const letter = this.byId(key);
    if (key.length === 1 && letter) return [letter];
    const words = key.split(/[\s_-]+/).filter((w) => w.length >= 3 && !VAGUE.has(w));
    if (words.length === 0) return [];
    return this.all.filter((s) => {
      const labelWords = nameKey(`${s.fr} ${s.en}`).split(/[^a-z0-9]+/);
      return words.every((w) => labelWords.some((l) => l.startsWith(w)));
    });
  }
}
