/**
 * Restarts on Matrix, through the real matrix-bot-sdk client and the HTTP fake: a second run
 * on the same database resumes from the stored sync token and answers no old command again,
 * and a brand-new installation does not answer the history of the rooms it finds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeHomeserver } from "../fakes/matrix-homeserver.js";
import {
  bodyOf,
  boundRoom,
  directRoomOf,
  inReplyTo,
  messagesIn,
  query,
  replyTo,
  repliesTo,
  sentTo,
  settled,
  startMatrixBot,
  storedPosition,
  tempDatabase,
  WAIT_MS,
  type MatrixBot,
  type MatrixBotOptions,
} from "../helpers/matrix-bot.js";
import { waitFor } from "../helpers/wait.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(options: MatrixBotOptions = {}): Promise<MatrixBot> {
  const started = await startMatrixBot(options);
  cleanups.push(() => started.stop());
  return started;
}

const anais = "@anais:example.org";
const bob = "@bob:example.org";
const carol = "@carol:example.org";

describe("a restart", () => {
  it("answers no old command again, answers new ones, and resumes from the stored sync token", async () => {
    const database = tempDatabase();
    cleanups.push(() => database.remove());
    const fake = await startFakeHomeserver();
    cleanups.push(() => fake.stop());

    const first = await bot({ fake, databasePath: database.path });
    const group = await boundRoom(fake, { creator: anais, members: [bob, carol] });
    const dm = await directRoomOf(first, bob);
    const before = [
      fake.sendMessage(group, bob, "!offre Prêt de remorque #vehicules lieu:Tarbes"),
      fake.sendMessage(group, carol, "!chercher remorque"),
      fake.sendMessage(dm, bob, "!chercher perceuse"),
      fake.sendMention(group, carol, "aide"),
    ];
    for (const id of before) await fake.waitForSent((e) => inReplyTo(e) === id, WAIT_MS);
    await settled(first);
    await first.stopApp();

    // While the bot is down, a member writes: the second run answers.
    const whileDown = fake.sendMessage(group, carol, "!chercher pendant");
    const second = await bot({ fake, databasePath: database.path, start: false });
    const stored = second.app.adapterState("matrix").get("syncToken");
    expect(stored).toMatch(/^s\d+$/);
    const syncsBefore = fake.syncSinces.length;
    await second.app.start();
    const answered = await replyTo(fake, group, whileDown);
    expect(bodyOf(answered)).toContain("« pendant »");
    const after = [
      fake.sendMessage(group, bob, "!offre Prêt de bétonnière #equipement lieu:Tarbes"),
      fake.sendMessage(dm, bob, "!chercher bétonnière"),
    ];
    const published = await replyTo(fake, group, after[0]!);
    expect(bodyOf(published)).toContain("Votre offre #2 est publiée");
    expect(bodyOf(await replyTo(fake, dm, after[1]!))).toContain("#2 Prêt de bétonnière");
    await settled(second);

    // The second run asked the homeserver from where the first had stopped.
    expect(fake.syncSinces[syncsBefore]).toBe(stored);
    for (const id of [...before, whileDown, ...after])
      expect(repliesTo(fake, id), id).toHaveLength(1);
    // No second introduction either, and the direct room is still the member's.
    expect(messagesIn(fake, group).filter((e) => bodyOf(e).startsWith("Bonjour !"))).toHaveLength(
      1,
    );
    expect(fake.createdRooms).toEqual([]);
    expect(query(second.app, "SELECT id, title FROM listings ORDER BY id")).toEqual([
      { id: 1, title: "Prêt de remorque" },
      { id: 2, title: "Prêt de bétonnière" },
    ]);
    expect(query(second.app, "SELECT DISTINCT state FROM outbox")).toEqual([{ state: "sent" }]);
  }, 30_000);
});

describe("a brand-new installation", () => {
  it("does not answer the history of the rooms it finds, and answers what comes next", async () => {
    const fake = await startFakeHomeserver();
    cleanups.push(() => fake.stop());
    // A room the bot already sits in, with commands written before the bot ever ran.
    const joined = fake.createRoom({ creator: anais, members: [bob, fake.botUserId] });
    const oldInJoined = [
      fake.sendMessage(joined, bob, "!aide"),
      fake.sendMessage(joined, bob, "!chercher ancienne"),
    ];
    // A room with history, whose invitation waits for the bot.
    const invited = fake.createRoom({ creator: anais, members: [bob] });
    const oldInInvited = [
      fake.sendMessage(invited, bob, "!aide"),
      fake.sendMention(invited, bob, "chercher ancienne"),
    ];
    fake.invite(invited, anais);

    const b = await bot({ fake });
    await sentTo(fake, invited, "Bonjour");
    await waitFor(() => storedPosition(b.app) >= 0, "the first sync to be handled", WAIT_MS);
    const fresh = [
      fake.sendMessage(joined, bob, "!chercher nouvelle"),
      fake.sendMessage(invited, bob, "!chercher nouvelle"),
    ];
    expect(bodyOf(await replyTo(fake, joined, fresh[0]!))).toContain("« nouvelle »");
    expect(bodyOf(await replyTo(fake, invited, fresh[1]!))).toContain("« nouvelle »");
    await settled(b);

    for (const id of [...oldInJoined, ...oldInInvited]) expect(repliesTo(fake, id), id).toEqual([]);
    expect(messagesIn(fake, joined)).toHaveLength(1);
    expect(messagesIn(fake, invited)).toHaveLength(2);
  });
});
