/**
 * Every table that holds a reference to a member is covered by `/mesdonnees` (a section of
 * the file, or a stated reason to leave it out) and by `/oublier` (an erasure step, or a
 * stated reason). A new table naming members makes these tests fail until it is handled in
 * storage/personal-data.ts and storage/erasure.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ERASED_WITHOUT_STEP, ERASURE_STEPS } from "../../storage/erasure.js";
import {
  PERSONAL_DATA_LEFT_OUT,
  PERSONAL_DATA_SECTIONS,
  personalDataOf,
} from "../../storage/personal-data.js";
import { startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
});
afterEach(async () => {
  await bot.stop();
});

/**
 * Tables naming members without a foreign key, found by reading the schema: the outbox
 * addresses members by platform id, territory settings list named animators' ids.
 */
const WITHOUT_FOREIGN_KEY = ["outbox", "territory_settings"];

/** Every table with a column referring to members. */
function memberTables(): string[] {
  const q = bot.app.db.$client;
  const tables = q
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .pluck()
    .all() as string[];
  const withKey = tables.filter((t) =>
    (q.prepare(`PRAGMA foreign_key_list(${t})`).all() as { table: string }[]).some(
      (fk) => fk.table === "members",
    ),
  );
  return [...new Set(["members", ...withKey, ...WITHOUT_FOREIGN_KEY])].sort();
}

describe("coverage of the tables naming members", () => {
  it("finds the tables that refer to members in the schema", () => {
    const tables = memberTables();
    for (const known of ["listings", "contact_messages", "audit_log", "erasure_requests"])
      expect(tables).toContain(known);
  });

  it("exports every table that names a member, or says why not", () => {
    const missing = memberTables().filter(
      (t) => !(t in PERSONAL_DATA_SECTIONS) && !(t in PERSONAL_DATA_LEFT_OUT),
    );
    // Add the table to PERSONAL_DATA_SECTIONS or PERSONAL_DATA_LEFT_OUT (storage/personal-data.ts).
    expect(missing).toEqual([]);
    const both = Object.keys(PERSONAL_DATA_SECTIONS).filter((t) => t in PERSONAL_DATA_LEFT_OUT);
    expect(both).toEqual([]);
  });

  it("erases from every table that names a member, or says why no step is needed", () => {
    const missing = memberTables().filter(
      (t) => !(t in ERASURE_STEPS) && !(t in ERASED_WITHOUT_STEP),
    );
    // Add a step to ERASURE_STEPS, or a reason to ERASED_WITHOUT_STEP (storage/erasure.ts).
    expect(missing).toEqual([]);
  });

  it("writes a section for every exported table, whatever the member has", async () => {
    await bot.say("/offre Prêt de camionnette #vehicules lieu:Tarbes");
    const doc = personalDataOf(
      { db: bot.app.db, memberId: 1, nameOf: (id) => `Membre ${id}` },
      { territory: "Val", now: bot.clock.now() },
    );
    expect(Object.keys(doc.data as object).sort()).toEqual(
      Object.keys(PERSONAL_DATA_SECTIONS).sort(),
    );
  });
});
