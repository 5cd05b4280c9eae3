/**
 * Turning what people type into listing values (category, terms, place, date), with a clear
 * localised message when a value is not understood: what was typed, the closest valid value,
 * and what to type instead.
 */
import { UserError } from "../bot/errors.js";
import type { Catalog, VocabularyName } from "../storage/catalog.js";
import type { Place, PlaceResolution, Places } from "../storage/places.js";
import { calendarDate, endOfDay, parseDays } from "../bot/time.js";
import type { CommandContext } from "./types.js";

/** Finds an entry of a vocabulary or throws `<prefix>-unknown` with the valid words. */
export function resolveWord(
  ctx: CommandContext,
  vocabulary: VocabularyName,
  typed: string,
  errorKey: string,
): string {
  const found = ctx.catalog.lookup(vocabulary, typed, ctx.locale);
  if (found.found) return found.id;
  throw new UserError(found.suggestion ? `${errorKey}-suggest` : errorKey, {
    typed: typed.slice(0, 60),
    suggestion: found.suggestion ?? "",
    valid: validWords(ctx.catalog, vocabulary, ctx),
  });
}

/** The words of a vocabulary in the person's language, comma-separated ("#vehicules, #locaux…"). */
export function validWords(
  catalog: Catalog,
  vocabulary: VocabularyName,
  ctx: Pick<CommandContext, "locale">,
): string {
  const prefix = vocabulary === "categories" ? "#" : "";
  return catalog
    .entries(vocabulary)
    .map((e) => `${prefix}${e[ctx.locale][0] ?? e.id}`)
    .join(", ");
}

/** The message explaining why a place was not understood (unknown, or several places share the name). */
export function placeProblem(
  ctx: CommandContext,
  typed: string,
  resolution: PlaceResolution,
): UserError {
  if (resolution.status === "ambiguous") {
    const candidates = resolution.candidates.slice(0, 8);
    return new UserError("place-ambiguous", {
      typed: typed.slice(0, 60),
      candidates: candidates.map((p) => ctx.places.label(p)).join(", "),
      example: `lieu:"${disambiguated(ctx.places, candidates[0])}"`,
    });
  }
  const suggestions = resolution.status === "unknown" ? resolution.suggestions : [];
  return new UserError(suggestions.length > 0 ? "place-unknown-suggest" : "place-unknown", {
    typed: typed.slice(0, 60),
    suggestions: suggestions.map((p) => ctx.places.label(p)).join(", "),
  });
}

/** A name that resolves to exactly this place: "Saint-Martin (65360)". */
export function disambiguated(places: Places, place: Place | undefined): string {
  if (!place) return "";
  if (place.kind !== "commune") return place.kind === "departement" ? place.code : place.name;
  const postcodes = places.postcodesOf(place);
  return `${place.name} (${postcodes[0] ?? place.departements[0] ?? ""})`;
}

/** Resolves the place of a listing (a commune or a wider area, never a postcode shared by several). */
export function resolveListingPlace(ctx: CommandContext, typed: string): Place {
  const resolution = ctx.places.resolve(typed, { communeRequired: false });
  if (resolution.status === "found" && resolution.place.kind !== "postcode")
    return resolution.place;
  if (resolution.status === "found") {
    // A postcode shared by several communes: the listing needs one of them.
    throw placeProblem(ctx, typed, ctx.places.resolve(typed, { communeRequired: true }));
  }
  throw placeProblem(ctx, typed, resolution);
}

/** Resolves a searched place (postcodes covering several communes are fine). */
export function resolveSearchPlace(ctx: CommandContext, typed: string): Place {
  const resolution = ctx.places.resolve(typed);
  if (resolution.status === "found") return resolution.place;
  throw placeProblem(ctx, typed, resolution);
}

const DAY = 86_400_000;

/** The latest date a listing may run to. */
export const MAX_LISTING_DAYS = 365;

/**
 * Reads an end date: `31/12/2026`, `31/12` (next such day), `2026-12-31`, `31.12.2026`, or a
 * duration `30j` / `30d` / `6sem` / `6w` / `3mois` / `3m`. Returns the end of that day in the
 * territory's time zone; throws a UserError when unreadable, past, or more than a year away.
 */
export function parseUntil(ctx: CommandContext, typed: string): number {
  const text = typed.trim().toLowerCase();
  const zone = ctx.settings.timeZone;
  const [y0, m0, d0] = calendarDate(ctx.now, zone);
  let date: [number, number, number] | undefined;
  let m: RegExpExecArray | null;
  let days: number | undefined;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) {
    date = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$/.exec(text))) {
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : y0;
    date = [year, Number(m[2]), Number(m[1])];
    // "31/01" typed in December means next January.
    if (!m[3] && endOfDay(...date, zone) < ctx.now) date = [year + 1, date[1], date[2]];
  } else if ((days = parseDays(text)) !== undefined) {
    const target = new Date(Date.UTC(y0, m0 - 1, d0) + days * DAY);
    date = [target.getUTCFullYear(), target.getUTCMonth() + 1, target.getUTCDate()];
  }
  if (!date || !validDate(...date))
    throw new UserError("date-invalid", { typed: typed.slice(0, 40) });
  const end = endOfDay(...date, zone);
  if (end <= ctx.now) throw new UserError("date-past", { date: new Date(end) });
  if (end > ctx.now + MAX_LISTING_DAYS * DAY)
    throw new UserError("date-too-far", { days: MAX_LISTING_DAYS });
  return end;
}

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The default end of a listing: the configured number of days from now, at the end of that day. */
export function defaultExpiry(ctx: CommandContext): number {
  const [y, m, d] = calendarDate(
    ctx.now + ctx.settings.listingExpiryDays * DAY,
    ctx.settings.timeZone,
  );
  return endOfDay(y, m, d, ctx.settings.timeZone);
}
