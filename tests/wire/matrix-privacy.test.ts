/**
 * `/mesdonnees` and `/oublier` on Matrix, through the real matrix-bot-sdk client and the HTTP
 * fake: the JSON file is uploaded and sent as m.file in the member's direct room, and the
 * erasure's confirmation comes with its command hint.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { SentEvent } from "../fakes/matrix-homeserver.js";
import {
  bodyOf,
  boundRoom,
  directRoomOf,
  hintFor,
  replyTo,
  sentTo,
  startMatrixBot,
  WAIT_MS,
  type MatrixBot,
} from "../helpers/matrix-bot.js";

const running: MatrixBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

const anais = "@anais:example.org";
const bob = "@bob:example.org";

describe("personal data on Matrix", () => {
  it("sends the member's data as an m.file in their direct room", async () => {
    const b = await startMatrixBot();
    running.push(b);
    const { fake } = b;
    const room = await boundRoom(fake, { creator: anais, members: [bob] });
    const dm = await directRoomOf(b, bob);
    await replyTo(
      fake,
      room,
      fake.sendMessage(room, bob, "!offre Prêt de remorque #vehicules lieu:Tarbes"),
    );

    const asked = fake.sendMessage(room, bob, "!mesdonnees");
    expect(bodyOf(await replyTo(fake, room, asked))).toContain(
      "je vous ai envoyé vos données en privé",
    );
    const isFile = (e: SentEvent) => e.roomId === dm && e.content.msgtype === "m.file";
    const file = await fake.waitForSent(isFile, WAIT_MS);
    const upload = fake.uploads.find((u) => u.mxc === file.content.url);
    expect(upload).toMatchObject({ contentType: "application/json" });
    expect(file.content.body).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(upload!.data.toString("utf8")) as {
      data: { members: { platformUserId: string }[]; listings: { title: string }[] };
    };
    expect(doc.data.members[0]?.platformUserId).toBe(bob);
    expect(doc.data.listings.map((l) => l.title)).toEqual(["Prêt de remorque"]);
    expect(bodyOf(await sentTo(fake, dm, "Vos données sur"))).toContain(
      "Annonces : 1 (ouvertes 1)",
    );

    // Forgetting: the explanation's hint confirms, the confirmation's hint cancels.
    const explained = await replyTo(fake, dm, fake.sendMessage(dm, bob, "!oublier"));
    expect(hintFor(explained, "Confirmer l'effacement")).toBe("!oublier confirmer");
    const confirmed = await replyTo(fake, dm, fake.sendMessage(dm, bob, "!oublier confirmer"));
    expect(bodyOf(confirmed)).toContain("Vos données seront effacées le");
    expect(hintFor(confirmed, "Annuler l'effacement")).toBe("!oublier annuler");
  });
});
