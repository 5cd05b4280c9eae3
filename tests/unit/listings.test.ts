import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listingById } from "../../storage/listings.js";
import { startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;
beforeEach(async () => {
  bot = await startHarness();
});
afterEach(async () => {
  await bot.stop();
});

describe("posting in one line", () => {
  it("saves an offer with its category, place and terms, and says so", async () => {
    const reply = await bot.ask(
      "/offre Prêt de camionnette 12 m³ le week-end #vehicules lieu:Tarbes modalite:pret",
    );
    expect(reply).toContain("Votre offre #1 est publiée");
    const listing = listingById(bot.app.db, 1)!;
    expect(listing).toMatchObject({
      kind: "offer",
      title: "Prêt de camionnette 12 m³ le week-end",
      category: "vehicles",
      terms: "loan",
      placeKind: "commune",
      communeCode: "65440",
      departementCode: "65",
      status: "open",
    });
  });
});
