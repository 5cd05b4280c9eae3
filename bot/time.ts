/** Calendar arithmetic in the territory's time zone, whatever the host's. */

/** The offset (ms) of a time zone from UTC at an instant. */
export function zoneOffset(instant: number, timeZone: string): number {
  // Offsets change only at quarter hours (every zone's offset is a whole number of quarter
  // hours, and so are its changes in UTC), so one reading serves a whole quarter of an hour:
  // reading the clock through Intl is slow, and every post and digest asks several times.
  const quarter = Math.floor(instant / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  if (offsets.size >= 4096) offsets.clear();
  const offset = readZoneOffset(quarter * QUARTER_HOUR, timeZone);
  offsets.set(key, offset);
  return offset;
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/** The offset as Intl reads it (whole seconds: sub-second instants share it). */
function readZoneOffset(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

// Building an Intl.DateTimeFormat costs ten times more than using one: keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** 23:59:59 on a calendar day in a time zone, as an instant. */
export function endOfDay(year: number, month: number, day: number, timeZone: string): number {
  return wallClockTime(year, month, day, 23, 59, 59, timeZone);
}

/** The instant when clocks in a time zone show this date and time. */
export function wallClockTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset at the wall time read as UTC is close; the offset at that first guess is exact
  // except within the hour a clock change skips or repeats.
  return wall - zoneOffset(wall - zoneOffset(wall, timeZone), timeZone);
}

/**
 * Reads a date typed by an operator: with an offset or `Z` as given, without one
 * (`2026-12-24T08:00`, `2026-12-24`) as the time zone's wall-clock time. NaN if unreadable.
 */
export function parseZonedDate(text: string, timeZone: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!local) return Date.parse(text);
  const [y, mo, d, h, mi, s] = local.slice(1).map((part) => Number(part ?? 0));
  return wallClockTime(y ?? 0, mo ?? 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0, timeZone);
}

/** The calendar date (year, month, day) of an instant in a time zone. */
export function calendarDate(instant: number, timeZone: string): [number, number, number] {
  const local = new Date(instant + zoneOffset(instant, timeZone));
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}

/** Reads a time of day as people type it ("08:00", "8:00", "8h", "18h30"): "HH:MM", or undefined. */
export function parseClockTime(typed: string): string | undefined {
  const match = /^(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?$/i.exec(typed.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/**
 * Reads a number of days as people type it: `30j`, `30 jours`, `30d`, `6sem`, `6w`, `3mois`,
 * `3m`, `3 months` (a month counts 30 days). Undefined when it is not one.
 */
export function parseDays(typed: string): number | undefined {
  const match = /^(\d{1,3})\s*(j|jours?|d|days?|sem|semaines?|w|weeks?|mois|m|months?)$/.exec(
    typed.trim().toLowerCase(),
  );
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = match[2] ?? "j";
  if (/^(sem|semaines?|w|weeks?)$/.test(unit)) return n * 7;
  if (/^(mois|m|months?)$/.test(unit)) return n * 30;
  return n;
}

/** One hour, in ms. */
const HOUR_MS = 3_600_000;

/**
 * Reads a length of time as people type it, in ms: days, weeks and months as `parseDays`
 * reads them (`7j`, `2sem`, `1mois`), or hours (`12h`, `3 heures`, `2 hours`). Undefined when
 * it is not one, or when it is zero.
 */
export function parseDuration(typed: string): number | undefined {
  const hours = /^(\d{1,4})\s*(h|heures?|hours?)$/.exec(typed.trim().toLowerCase());
  const ms = hours ? Number(hours[1]) * HOUR_MS : (parseDays(typed) ?? 0) * 24 * HOUR_MS;
  return ms > 0 ? ms : undefined;
}
