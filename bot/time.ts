/** Calendar arithmetic in the territory's time zone, whatever the host's. */

/** The offset (ms) of a time zone from UTC at an instant. */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(instant);
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

/** 23:59:59 on a calendar day in a time zone, as an instant. */
export function endOfDay(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 23, 59, 59);
  return guess - zoneOffset(guess, timeZone);
}

/** The calendar date (year, month, day) of an instant in a time zone. */
export function calendarDate(instant: number, timeZone: string): [number, number, number] {
  const local = new Date(instant + zoneOffset(instant, timeZone));
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}
