/**
 * Turning what people type into structure values (name, type, sector, commune, website...),
 * with a clear localised message when a value is not understood. Shared by the guided
 * creation and `/structure modifier`.
 */
import { UserError } from "../bot/errors.js";
import { list, paragraph, strong, type Block, type Inline } from "../bot/reply.js";
import type { Place } from "../storage/places.js";
import { Sectors } from "../storage/sectors.js";
import type { NewStructure, Structure } from "../storage/structures.js";
import { resolveWord } from "./listing-input.js";
import { placeProblem } from "./listing-input.js";
import type { CommandContext } from "./types.js";

/** The NAF sections: reference data, read once like the stop words of the search. */
export const SECTORS = Sectors.load();

/** Shortest and longest structure name. */
export const MIN_NAME = 2;
export const MAX_NAME = 100;
/** Longest description, website and public contact. */
export const MAX_STRUCTURE_DESCRIPTION = 1_000;
const MAX_WEBSITE = 200;
const MAX_CONTACT = 200;

/** The fields of a structure people may set, in the order the guided form asks them. */
export const STRUCTURE_FIELDS = [
  "name",
  "type",
  "sector",
  "commune",
  "description",
  "website",
  "contact",
] as const;
/** One field of a structure. */
export type StructureField = (typeof STRUCTURE_FIELDS)[number];
/** The fields that may be left empty. */
export const OPTIONAL_FIELDS = new Set<StructureField>(["description", "website", "contact"]);

/** The words naming each field, in both languages (`/structure modifier site …`). */
const FIELD_WORDS: Record<string, StructureField> = {
  nom: "name",
  name: "name",
  type: "type",
  secteur: "sector",
  sector: "sector",
  naf: "sector",
  commune: "commune",
  lieu: "commune",
  place: "commune",
  town: "commune",
  description: "description",
  site: "website",
  website: "website",
  web: "website",
  contact: "contact",
};

/** The field a word names, if any. */
export function fieldOf(word: string | undefined): StructureField | undefined {
  return word ? FIELD_WORDS[word.toLowerCase()] : undefined;
}

/** The commune of a structure from what was typed (a commune only). */
export function resolveCommune(ctx: CommandContext, typed: string): Place {
  const loose = ctx.places.resolve(typed, { communeRequired: false });
  if (loose.status === "found" && loose.place.kind === "commune") return loose.place;
  if (loose.status === "found" && loose.place.kind !== "postcode")
    throw new UserError("structure-commune-only", { typed });
  // A postcode (which may be shared) or a name not found: ask for the one commune meant.
  const strict = ctx.places.resolve(typed, { communeRequired: true });
  if (strict.status === "found" && strict.place.kind === "commune") return strict.place;
  throw placeProblem(ctx, typed, strict);
}

/** The NAF section from what was typed: its letter or words of its label. */
export function resolveSector(typed: string): string {
  const found = SECTORS.find(typed);
  if (found.length === 1 && found[0]) return found[0].id;
  throw new UserError(
    found.length > 1 ? "structure-sector-ambiguous" : "structure-sector-unknown",
    {
      typed: typed.slice(0, 60),
      candidates: found.map((s) => s.id).join(", "),
    },
  );
}

/** A website as a link: "boulangerie.fr" becomes "https://boulangerie.fr". */
export function resolveWebsite(typed: string): string {
  const url = /^https?:\/\//i.test(typed) ? typed : `https://${typed}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError("structure-website-invalid", { typed: typed.slice(0, 60) });
  }
  if (!parsed.hostname.includes(".") || url.length > MAX_WEBSITE || /\s/.test(typed))
    throw new UserError("structure-website-invalid", { typed: typed.slice(0, 60) });
  return parsed.toString();
}

/** The value of one field from what was typed (empty: the field is cleared, if optional). */
export function parseField(
  ctx: CommandContext,
  field: StructureField,
  typed: string,
): Partial<NewStructure> {
  const text = typed.trim();
  if (!text && OPTIONAL_FIELDS.has(field)) {
    return field === "description"
      ? { description: "" }
      : field === "website"
        ? { website: null }
        : { publicContact: null };
  }
  switch (field) {
    case "name":
      if (text.length < MIN_NAME || text.length > MAX_NAME)
        throw new UserError("structure-name-length", { min: MIN_NAME, max: MAX_NAME });
      return { name: text };
    case "type":
      return { type: resolveWord(ctx, "structureTypes", text, "structure-type-unknown") };
    case "sector":
      return { sector: resolveSector(text) };
    case "commune": {
      const commune = resolveCommune(ctx, text);
      return { communeCode: commune.code, placeTags: ctx.places.listingTags(commune) };
    }
    case "description":
      if (text.length > MAX_STRUCTURE_DESCRIPTION)
        throw new UserError("structure-description-length", { max: MAX_STRUCTURE_DESCRIPTION });
      return { description: text };
    case "website":
      return { website: resolveWebsite(text) };
    case "contact":
      if (text.length > MAX_CONTACT)
        throw new UserError("structure-contact-length", { max: MAX_CONTACT });
      return { publicContact: text };
  }
}

/** "Tarbes (65)" for a structure's commune. */
export function communeLabel(ctx: Pick<CommandContext, "places">, code: string): string {
  const place = ctx.places.byCode("commune", code);
  return place ? ctx.places.label(place) : code;
}

/** The facts of a structure as a list (type, sector, commune, website, contact). */
export function structureFacts(ctx: CommandContext, s: Partial<Structure>): Inline[][] {
  const facts: Inline[][] = [];
  if (s.type) facts.push([ctx.t("structure-field-type"), " ", ctx.t(`structure-type-${s.type}`)]);
  if (s.sector)
    facts.push([
      ctx.t("structure-field-sector"),
      " ",
      `${s.sector} — ${SECTORS.label(s.sector, ctx.locale)}`,
    ]);
  if (s.communeCode)
    facts.push([ctx.t("structure-field-commune"), " ", communeLabel(ctx, s.communeCode)]);
  if (s.website)
    facts.push([
      ctx.t("structure-field-website"),
      " ",
      { kind: "link", text: s.website, url: s.website },
    ]);
  if (s.publicContact) facts.push([ctx.t("structure-field-contact"), " ", s.publicContact]);
  return facts;
}

/** The card of a structure: name, description, facts. */
export function structureCard(ctx: CommandContext, s: Structure): Block[] {
  return [
    paragraph(strong(`🏢 ${s.name}`), ` (n°${s.id})`),
    ...(s.description ? [paragraph(s.description)] : []),
    list(structureFacts(ctx, s)),
  ];
}
