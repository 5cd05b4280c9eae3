/**
 * A small French demo territory (storage/reference/demo.json), built on the real situations
 * that started SoliTERR: a hospital lending vehicles, a jam maker looking for fruit growers,
 * a firm offering skills sponsorship, an association lending a room.
 */
import { readProjectJson } from "../storage/paths.js";
import { inTransaction, type Db } from "../storage/db.js";
import { createListing, placeColumns, type ListingKind } from "../storage/listings.js";
import { findOrCreateMember } from "../storage/members.js";
import { bindRoomToNetwork, findOrCreateNetwork, findOrCreateRoom } from "../storage/networks.js";
import type { Places } from "../storage/places.js";
import { getSetting, setSetting } from "../storage/settings.js";
import { createStructure } from "../storage/structures.js";
import { nameKey } from "../storage/text.js";

interface DemoData {
  network: string;
  rooms: { platform: string; id: string; title: string }[];
  members: { id: string; name: string; structure?: string }[];
  structures: {
    id: string;
    name: string;
    type: string;
    sector: string;
    commune: string;
    description: string;
    website?: string;
    publicContact?: string;
  }[];
  listings: {
    author: string;
    kind: ListingKind;
    category: string;
    terms: string;
    place: string;
    hoursAgo: number;
    title: string;
    description: string;
  }[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Loads the demo territory into an empty database; returns how many listings it added. */
export function loadDemo(db: Db, places: Places, now: number, expiryDays: number): number {
  const data = readProjectJson<DemoData>("storage", "reference", "demo.json");
  return inTransaction(db, () => {
    if (getSetting(db, "demo-loaded")) return 0;
    const network = findOrCreateNetwork(db, data.network, now);
    for (const room of data.rooms) {
      const row = findOrCreateRoom(
        db,
        { platform: room.platform, platformRoomId: room.id, kind: "group", title: room.title },
        now,
      );
      bindRoomToNetwork(db, row.id, network.id);
    }
    const members = new Map(
      data.members.map((m) => [
        m.id,
        findOrCreateMember(
          db,
          { platform: "console", platformUserId: m.id, displayName: m.name },
          now,
        ),
      ]),
    );
    const structures = new Map(
      data.structures.map((s) => {
        const commune = places.resolve(s.commune, { communeRequired: true });
        if (commune.status !== "found" || commune.place.kind !== "commune")
          throw new Error(`demo data: bad commune for "${s.name}"`);
        const admin = data.members.find((m) => m.structure === s.id);
        const adminId = admin && members.get(admin.id)?.id;
        if (adminId === undefined) throw new Error(`demo data: nobody acts for "${s.name}"`);
        const structure = createStructure(
          db,
          {
            name: s.name,
            nameKey: nameKey(s.name),
            type: s.type,
            sector: s.sector,
            communeCode: commune.place.code,
            placeTags: places.listingTags(commune.place),
            description: s.description,
            website: s.website ?? null,
            publicContact: s.publicContact ?? null,
          },
          adminId,
          now,
        );
        return [s.id, structure.id] as const;
      }),
    );
    // Oldest first, so that listing numbers grow with time as they do for real.
    const listings = [...data.listings].sort((a, b) => b.hoursAgo - a.hoursAgo);
    for (const item of listings) {
      const author = members.get(item.author);
      const resolved = places.resolve(item.place);
      if (!author || resolved.status !== "found" || resolved.place.kind === "postcode") {
        throw new Error(`demo data: bad author or place in "${item.title}"`);
      }
      const createdAt = now - item.hoursAgo * HOUR;
      createListing(
        db,
        {
          kind: item.kind,
          title: item.title,
          description: item.description,
          category: item.category,
          terms: item.terms,
          place: placeColumns(places, resolved.place),
          authorId: author.id,
          networkId: network.id,
          structureId: structures.get(
            data.members.find((m) => m.id === item.author)?.structure ?? "",
          ),
          expiresAt: createdAt + expiryDays * DAY,
        },
        createdAt,
      );
    }
    setSetting(db, "demo-loaded", new Date(now).toISOString(), now);
    return listings.length;
  });
}
