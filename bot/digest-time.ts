/**
 * When digests are due, computed in the territory's time zone rather than by a cron
 * expression: 08:00 stays 08:00 on the days clocks change (and a time that does not exist
 * that day, in the skipped hour of March, falls just after it), and a bot that was down
 * sends one catch-up digest, not one per missed day.
 */
import type { DigestSettings } from "../storage/digests.js";
import { calendarDate, wallClockTime } from "./time.js";

/** Delay of an "immediate" digest: what arrives within it is grouped. */
export const IMMEDIATE_DELAY_MS = 60_000;

const DAY = 86_400_000;

/** The next time a digest is due after `now`. */
export function nextDigestTime(
  settings: Pick<DigestSettings, "rhythm" | "time" | "weekday">,
  now: number,
  timeZone: string,
): number {
  if (settings.rhythm === "never") return Number.MAX_SAFE_INTEGER;
  if (settings.rhythm === "immediate") return now + IMMEDIATE_DELAY_MS;
  const [hour, minute] = settings.time.split(":").map(Number) as [number, number];
  const [year, month, day] = calendarDate(now, timeZone);
  // Walk forward day by day (noon UTC keeps clear of clock changes) to the first fit.
  for (let ahead = 0; ahead <= 8; ahead++) {
    const [y, m, d] = calendarDate(Date.UTC(year, month - 1, day, 12) + ahead * DAY, "UTC");
    const at = wallClockTime(y, m, d, hour, minute, 0, timeZone);
    if (at <= now) continue;
    if (settings.rhythm === "weekly") {
      const weekday = ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
      if (weekday !== settings.weekday) continue;
    }
    return at;
  }
  throw new Error("no digest time found within a week");
}
