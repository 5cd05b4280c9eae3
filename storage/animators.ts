/**
 * Animators named by the territory's administrator (`npm run admin -- network animator`),
 * besides those the platforms give (a Matrix moderator, a Telegram group administrator).
 *
 * They are kept as a territory setting per network (`network.<id>.animators`, a JSON array of
 * member ids) rather than in a table of their own: the schema does not change, and a member
 * id carries no personal identifier. An id whose member no longer exists is ignored.
 */
import { and, eq, like, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import type { Member } from "./members.js";
import { members, territorySettings } from "./schema.js";
import { setSetting } from "./settings.js";

const PREFIX = "network.";
const SUFFIX = ".animators";

function settingKey(networkId: number): string {
  return `${PREFIX}${networkId}${SUFFIX}`;
}

function parseIds(value: string | undefined): number[] {
  if (!value) return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed) ? parsed.filter((x): x is number => Number.isInteger(x)) : [];
}

/** The member ids named animators of a network. */
export function namedAnimators(db: Db, networkId: number): number[] {
  const row = prepared(db, "namedAnimators", () =>
    db
      .select({ value: territorySettings.value })
      .from(territorySettings)
      .where(eq(territorySettings.key, sql.placeholder("key")))
      .prepare(),
  ).get({ key: settingKey(networkId) });
  return parseIds(row?.value);
}

/** Whether the member was named an animator of the network. */
export function isNamedAnimator(db: Db, networkId: number, memberId: number): boolean {
  return namedAnimators(db, networkId).includes(memberId);
}

/** Names a member animator of a network; false when they already were. */
export function nameAnimator(db: Db, networkId: number, memberId: number, now: number): boolean {
  const ids = namedAnimators(db, networkId);
  if (ids.includes(memberId)) return false;
  setSetting(db, settingKey(networkId), JSON.stringify([...ids, memberId]), now);
  return true;
}

/** Withdraws a member's naming as animator of a network; false when they were not named. */
export function unnameAnimator(db: Db, networkId: number, memberId: number, now: number): boolean {
  const ids = namedAnimators(db, networkId);
  if (!ids.includes(memberId)) return false;
  setSetting(db, settingKey(networkId), JSON.stringify(ids.filter((id) => id !== memberId)), now);
  return true;
}

/** Every naming, network by network. */
export function allNamedAnimators(db: Db): { networkId: number; memberId: number }[] {
  const rows = db
    .select()
    .from(territorySettings)
    .where(like(territorySettings.key, `${PREFIX}%${SUFFIX}`))
    .all();
  return rows.flatMap((row) => {
    const networkId = Number(row.key.slice(PREFIX.length, -SUFFIX.length));
    if (!Number.isInteger(networkId)) return [];
    return parseIds(row.value).map((memberId) => ({ networkId, memberId }));
  });
}

/**
 * The member with this platform identity; with `create`, a new member (named after their id
 * until they first write) when the platform has not brought them yet.
 */
export function memberByIdentity(
  db: Db,
  platform: string,
  platformUserId: string,
  options: { create: boolean; now: number },
): Member | undefined {
  const found = db
    .select()
    .from(members)
    .where(and(eq(members.platform, platform), eq(members.platformUserId, platformUserId)))
    .get();
  if (found || !options.create) return found;
  return db
    .insert(members)
    .values({
      platform,
      platformUserId,
      displayName: platformUserId,
      createdAt: options.now,
      lastSeenAt: options.now,
    })
    .returning()
    .get();
}
