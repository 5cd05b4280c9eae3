/**
 * Text folding shared by search, place names and catalogue lookups: what a person types
 * ("Véhicules", "VEHICULE", "cœur") compared the way they mean it.
 */

const LIGATURES: Record<string, string> = { œ: "oe", Œ: "oe", æ: "ae", Æ: "ae", ß: "ss" };

/** Lower case, without diacritics or ligatures: "Bagnères-de-Bigorre" -> "bagneres-de-bigorre". */
export function fold(text: string): string {
  return text
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * A key for comparing names: folded, with every run of punctuation, apostrophes, hyphens
 * and spaces turned into one space. "Saint-Lary–Soulan" and "saint lary soulan" share a key.
 */
export function nameKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
