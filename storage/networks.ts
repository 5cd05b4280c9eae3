/** Networks and the rooms bound to them. */
import { and, asc, eq, isNotNull, lte, sql } from "drizzle-orm";
import { prepared, type Db } from "./db.js";
import { networks, rooms } from "./schema.js";
import { nameKey } from "./text.js";

/** Shortest and longest network name, in characters. */
export const NETWORK_NAME_LENGTH = { min: 3, max: 80 } as const;

/** A network row. */
export type Network = typeof networks.$inferSelect;
/** A room row. */
export type Room = typeof rooms.$inferSelect;

/** The network with this name (accents and case ignored), or undefined. */
export function networkByName(db: Db, name: string): Network | undefined {
  return db
    .select()
    .from(networks)
    .where(eq(networks.nameKey, nameKey(name)))
    .get();
}

/** The network with this id, or undefined. */
export function networkById(db: Db, id: number): Network | undefined {
  return prepared(db, "networkById", () =>
    db
      .select()
      .from(networks)
      .where(eq(networks.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

/** Creates a network, or returns the one that already has this name. */
export function findOrCreateNetwork(db: Db, name: string, now: number): Network {
  return (
    networkByName(db, name) ??
    db
      .insert(networks)
      .values({ name: name.trim(), nameKey: nameKey(name), createdAt: now })
      .returning()
      .get()
  );
}

/** Finds a room by its platform id, creating it on first sight (unbound to any network). */
export function findOrCreateRoom(
  db: Db,
  input: {
    platform: string;
    platformRoomId: string;
    kind: "group" | "direct";
    title?: string;
    memberId?: number;
  },
  now: number,
): Room {
  const existing = prepared(db, "roomByPlatformId", () =>
    db
      .select()
      .from(rooms)
      .where(
        and(
          eq(rooms.platform, sql.placeholder("platform")),
          eq(rooms.platformRoomId, sql.placeholder("platformRoomId")),
        ),
      )
      .prepare(),
  ).get({ platform: input.platform, platformRoomId: input.platformRoomId });
  if (existing) {
    const title = input.title ?? existing.title;
    // A direct room first seen without its person (an invitation) gets them when known.
    const memberId = existing.memberId ?? input.memberId ?? null;
    if (title !== existing.title || !existing.active || memberId !== existing.memberId) {
      db.update(rooms)
        .set({ title, active: true, memberId })
        .where(eq(rooms.id, existing.id))
        .run();
    }
    return { ...existing, title, active: true, memberId };
  }
  return db
    .insert(rooms)
    .values({
      platform: input.platform,
      platformRoomId: input.platformRoomId,
      kind: input.kind,
      title: input.title ?? null,
      memberId: input.memberId ?? null,
      createdAt: now,
    })
    .returning()
    .get();
}

/** Binds a room to a network (the room then becomes part of the network's community space). */
export function bindRoomToNetwork(db: Db, roomId: number, networkId: number): void {
  db.update(rooms).set({ networkId }).where(eq(rooms.id, roomId)).run();
}

/** The rooms of a network that the bot is still in. */
export function roomsOfNetwork(db: Db, networkId: number): Room[] {
  return db
    .select()
    .from(rooms)
    .where(and(eq(rooms.networkId, networkId), eq(rooms.active, true)))
    .all();
}

/** The room with this id, or undefined. */
export function roomById(db: Db, id: number): Room | undefined {
  return prepared(db, "roomById", () =>
    db
      .select()
      .from(rooms)
      .where(eq(rooms.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

/** The room with this platform id, or undefined. */
export function roomByPlatformId(
  db: Db,
  platform: string,
  platformRoomId: string,
): Room | undefined {
  return db
    .select()
    .from(rooms)
    .where(and(eq(rooms.platform, platform), eq(rooms.platformRoomId, platformRoomId)))
    .get();
}

/** Marks a room as one the bot is in, or no longer in. */
export function setRoomActive(db: Db, roomId: number, active: boolean): void {
  db.update(rooms).set({ active }).where(eq(rooms.id, roomId)).run();
}

/** Gives a room the new id its platform gave it (a Telegram group that became a supergroup). */
export function changeRoomId(db: Db, roomId: number, platformRoomId: string): void {
  db.update(rooms).set({ platformRoomId }).where(eq(rooms.id, roomId)).run();
}

/** The networks whose daily summary of new listings is due. */
export function dueSummaries(db: Db, now: number): Network[] {
  return db
    .select()
    .from(networks)
    .where(and(isNotNull(networks.summaryNextAt), lte(networks.summaryNextAt, now)))
    .all();
}

/** Sets (or, with a null time, stops) a network's daily summary. */
export function setNetworkSummary(
  db: Db,
  networkId: number,
  time: string | null,
  nextAt: number | null,
  cursor: number,
): void {
  db.update(networks)
    .set({ summaryTime: time, summaryNextAt: nextAt, summaryCursor: cursor })
    .where(eq(networks.id, networkId))
    .run();
}

/** Records a summary run: the newest listing considered, and when the next one is due. */
export function advanceSummary(db: Db, networkId: number, cursor: number, nextAt: number): void {
  db.update(networks)
    .set({ summaryCursor: cursor, summaryNextAt: nextAt })
    .where(eq(networks.id, networkId))
    .run();
}

/** Every network (a territory administrator's broadcast goes to all). */
export function allNetworks(db: Db): Network[] {
  return db.select().from(networks).orderBy(asc(networks.name)).all();
}

/** Turns moderated posting on or off (new listings wait for an animator's approval). */
export function setModeratedPosting(db: Db, networkId: number, on: boolean): void {
  db.update(networks).set({ moderatedPosting: on }).where(eq(networks.id, networkId)).run();
}
