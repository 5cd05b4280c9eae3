/** Territory settings: small key/value facts about this instance. */
import { eq } from "drizzle-orm";
import type { Db } from "./db.js";
import { territorySettings } from "./schema.js";

/** The value of setting `key`, or undefined. */
export function getSetting(db: Db, key: string): string | undefined {
  return db.select().from(territorySettings).where(eq(territorySettings.key, key)).get()?.value;
}

/** Sets `key` to `value`. */
export function setSetting(db: Db, key: string, value: string, now: number): void {
  db.insert(territorySettings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: territorySettings.key, set: { value, updatedAt: now } })
    .run();
}

/** Whether the database holds no listing and no member yet (a fresh install). */
export function isEmptyTerritory(db: Db): boolean {
  const row = db.$client
    .prepare("SELECT (SELECT count(*) FROM listings) + (SELECT count(*) FROM members) AS n")
    .get() as { n: number };
  return row.n === 0;
}
