/**
 * Alerts: saved searches whose new results come in the member's digest. Each alert is
 * filed under one key (its most selective criterion) in `alert_keys`; a new listing looks up
 * the keys it carries, and only the alerts found there are checked in full
 * (storage/alert-index.ts). Matching follows the search's rules exactly: an alert matches a
 * listing when searching with the alert's criteria would find it.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import type { Places } from "./places.js";
import { alertKeys, alerts } from "./schema.js";
import { searchTerms, type SearchCriteria } from "./search.js";

/** The criteria of an alert: a search, always among open listings. */
export type AlertCriteria = Omit<SearchCriteria, "status" | "ids">;

/** An alert as stored, with its criteria parsed. */
export interface Alert {
  id: number;
  memberId: number;
  criteria: AlertCriteria;
  paused: boolean;
  createdAt: number;
}

function parse(row: typeof alerts.$inferSelect): Alert {
  return { ...row, criteria: JSON.parse(row.criteria) as AlertCriteria };
}

/**
 * The keys an alert is filed under, its most selective criteria: its longest word (a word
 * start); else its category and place together (one key per place token); else its category,
 * else its place's tokens, else its kind or terms; `all` for an alert on every new listing.
 * A listing carries the same kinds of keys (storage/alert-index.ts `listingKeys`).
 */
export function alertKeysOf(criteria: AlertCriteria, places: Places): string[] {
  const terms = searchTerms(criteria.words);
  if (terms.length > 0) {
    const longest = terms.reduce((a, b) => (b.length > a.length ? b : a));
    return [`w:${longest}`];
  }
  const place = criteria.place && places.byCode(criteria.place.kind, criteria.place.code);
  const tags = place ? places.searchTags(place) : [];
  if (criteria.category) {
    const category = criteria.category;
    return tags.length > 0 ? tags.map((tag) => `cp:${category}:${tag}`) : [`c:${category}`];
  }
  if (tags.length > 0) return tags.map((tag) => `p:${tag}`);
  if (criteria.kind) return [`k:${criteria.kind}`];
  if (criteria.terms) return [`t:${criteria.terms}`];
  return ["all"];
}

/** Whether an alert has no criterion at all (every new listing of the territory). */
export function isEverything(criteria: AlertCriteria): boolean {
  const { words, category, place, kind, terms } = criteria;
  return searchTerms(words).length === 0 && !category && !place && !kind && !terms;
}

/** Saves an alert and files it under its key. */
export function createAlert(
  db: Db,
  places: Places,
  memberId: number,
  criteria: AlertCriteria,
  now: number,
): Alert {
  const row = db
    .insert(alerts)
    .values({ memberId, criteria: JSON.stringify(criteria), createdAt: now })
    .returning()
    .get();
  for (const key of alertKeysOf(criteria, places)) {
    db.insert(alertKeys).values({ key, alertId: row.id }).onConflictDoNothing().run();
  }
  return parse(row);
}

/** A member's alerts, oldest first (their number is their rank, from 1). */
export function alertsOfMember(db: Db, memberId: number): Alert[] {
  return db
    .select()
    .from(alerts)
    .where(eq(alerts.memberId, memberId))
    .orderBy(asc(alerts.id))
    .all()
    .map(parse);
}

/** How many alerts a member has. */
export function countAlerts(db: Db, memberId: number): number {
  return db.select({ n: count() }).from(alerts).where(eq(alerts.memberId, memberId)).get()?.n ?? 0;
}

/** Pauses or resumes an alert. */
export function setAlertPaused(db: Db, alertId: number, paused: boolean): void {
  db.update(alerts).set({ paused }).where(eq(alerts.id, alertId)).run();
}

/** Deletes an alert (its keys go with it). */
export function deleteAlert(db: Db, alertId: number): void {
  db.delete(alerts).where(eq(alerts.id, alertId)).run();
}

/** The active alerts of some members. */
export function activeAlertsOf(db: Db, memberIds: readonly number[]): Alert[] {
  if (memberIds.length === 0) return [];
  return prepared(db, "activeAlertsOf", () =>
    db
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.paused, false),
          sql`${alerts.memberId} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`,
        ),
      )
      .prepare(),
  )
    .all({ ids: JSON.stringify(memberIds) })
    .map(parse);
}

/** The number of each alert of some members, as /alertes shows them: 1, 2… by age, paused included. */
export function alertNumbersOf(db: Db, memberIds: readonly number[]): Map<number, number> {
  const rows = db.$client
    .prepare<[string], { id: number; n: number }>(
      `SELECT id, row_number() OVER (PARTITION BY member_id ORDER BY id) AS n FROM alerts
       WHERE member_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(memberIds));
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** The active alerts filed under any of some keys. */
export function alertsUnderKeys(db: Db, keys: readonly string[]): Alert[] {
  if (keys.length === 0) return [];
  return db
    .select({ alert: alerts })
    .from(alertKeys)
    .innerJoin(alerts, eq(alerts.id, alertKeys.alertId))
    .where(and(inArray(alertKeys.key, [...keys]), eq(alerts.paused, false)))
    .all()
    .map((r) => parse(r.alert));
}
