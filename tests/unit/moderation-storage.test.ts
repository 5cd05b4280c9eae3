/**
 * The storage behind moderation, on an in-memory database: mutes read from their end date,
 * reports closed once, and listings waiting for approval kept out of every search until they
 * open under the next number.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, openDatabase, type Db } from "../../storage/db.js";
import {
  createListing,
  listingsOfAuthor,
  placeColumns,
  type NewListing,
} from "../../storage/listings.js";
import { pendingListings, publishPendingListing } from "../../storage/pending-listings.js";
import { findOrCreateMember, membersByHandle } from "../../storage/members.js";
import { activeMute, activeMutes, liftMute, muteMember } from "../../storage/mutes.js";
import { findOrCreateNetwork } from "../../storage/networks.js";
import {
  createReport,
  handleReport,
  handleReportsOfListing,
  openReports,
} from "../../storage/reports.js";
import { searchListings } from "../../storage/search.js";
import { places } from "../helpers/harness.js";

const NOW = Date.parse("2026-11-29T10:00:00+01:00");
const HOUR = 3_600_000;
let db: Db;
let network: number;
let ana: number;
let bea: number;

beforeEach(() => {
  db = openDatabase(":memory:");
  network = findOrCreateNetwork(db, "Réseau du Val", NOW).id;
  const member = (id: string, username?: string) =>
    findOrCreateMember(
      db,
      { platform: "telegram", platformUserId: id, displayName: id, username: username ?? null },
      NOW,
    ).id;
  ana = member("1", "ana_val");
  bea = member("2");
});
afterEach(() => closeDatabase(db));

function listing(
  status: "open" | "pending",
  title = "Prêt de perceuse",
): NewListing & { status: "open" | "pending" } {
  const tarbes = places().byCode("commune", "65440")!;
  return {
    kind: "offer",
    title,
    description: "",
    category: "tools",
    terms: null,
    place: placeColumns(places(), tarbes),
    authorId: bea,
    networkId: network,
    expiresAt: NOW + 30 * 24 * HOUR,
    status,
  };
}

describe("mutes", () => {
  it("is active until its end, and no longer once lifted", () => {
    muteMember(
      db,
      { networkId: network, memberId: bea, mutedBy: ana, reason: "spam", endsAt: NOW + 2 * HOUR },
      NOW,
    );
    expect(activeMute(db, network, bea, NOW + HOUR)).toMatchObject({ reason: "spam" });
    expect(activeMute(db, network, bea, NOW + 2 * HOUR)).toBeUndefined();
    expect(activeMutes(db, network, NOW + HOUR).map((m) => m.member.id)).toEqual([bea]);
    expect(liftMute(db, network, bea, ana, NOW + HOUR)).toMatchObject({ liftedBy: ana });
    expect(activeMute(db, network, bea, NOW + HOUR)).toBeUndefined();
  });

  it("keeps one mute at a time: a new decision replaces the running one", () => {
    muteMember(
      db,
      { networkId: network, memberId: bea, mutedBy: ana, reason: "a", endsAt: NOW + 48 * HOUR },
      NOW,
    );
    muteMember(
      db,
      { networkId: network, memberId: bea, mutedBy: ana, reason: "b", endsAt: NOW + HOUR },
      NOW,
    );
    expect(activeMutes(db, network, NOW)).toHaveLength(1);
    expect(activeMute(db, network, bea, NOW + 2 * HOUR)).toBeUndefined();
  });
});

describe("reports", () => {
  it("closes a report once, and a listing's removal closes its open reports", () => {
    const l = createListing(db, listing("open"), NOW);
    const input = {
      kind: "listing" as const,
      networkId: network,
      listingId: l.id,
      threadId: null,
      reporterId: ana,
      subjectMemberId: bea,
      reason: "spam",
    };
    const first = createReport(db, input, NOW);
    const second = createReport(db, input, NOW);
    expect(handleReport(db, first.id, { outcome: "dismissed", by: ana, note: null }, NOW)).toBe(
      true,
    );
    expect(handleReport(db, first.id, { outcome: "dismissed", by: ana, note: null }, NOW)).toBe(
      false,
    );
    expect(handleReportsOfListing(db, l.id, ana, "retiré", NOW)).toEqual([second.id]);
    expect(openReports(db, { networkIds: [network] }, 0, 10)).toEqual([]);
  });
});

describe("listings waiting for approval", () => {
  it("are found by no search, but their author lists them", () => {
    const waiting = createListing(db, listing("pending"), NOW);
    for (const status of ["open", "all"] as const) {
      expect(searchListings(db, places(), { words: ["perceuse"], status }, 0, 10).listings).toEqual(
        [],
      );
      expect(searchListings(db, places(), { words: [], status }, 0, 10).listings).toEqual([]);
      expect(
        searchListings(db, places(), { words: [], category: "tools", status }, 0, 10).listings,
      ).toEqual([]);
    }
    expect(listingsOfAuthor(db, bea, 10).map((l) => l.id)).toEqual([waiting.id]);
    expect(pendingListings(db, [network], 10).map((l) => l.id)).toEqual([waiting.id]);
  });

  it("open under the next number, dated when approved, with the same length of life", () => {
    const waiting = createListing(db, listing("pending"), NOW);
    createListing(db, listing("open", "Escabeau"), NOW);
    const opened = publishPendingListing(db, waiting.id, NOW + HOUR)!;
    expect(opened).toMatchObject({
      id: 3,
      status: "open",
      createdAt: NOW + HOUR,
      expiresAt: NOW + HOUR + 30 * 24 * HOUR,
    });
    expect(publishPendingListing(db, waiting.id, NOW + HOUR)).toBeUndefined();
    expect(
      searchListings(db, places(), { words: ["perceuse"], status: "open" }, 0, 10).listings.map(
        (l) => l.id,
      ),
    ).toEqual([3]);
    // The numbering goes on after it.
    expect(createListing(db, listing("open", "Brouette"), NOW).id).toBe(4);
  });
});

describe("members named by handle", () => {
  it("finds a Telegram username whatever its case, and a platform id", () => {
    expect(membersByHandle(db, "@ANA_val").map((m) => m.id)).toEqual([ana]);
    expect(membersByHandle(db, "@2").map((m) => m.id)).toEqual([bea]);
    expect(membersByHandle(db, "@nobody")).toEqual([]);
  });
});
