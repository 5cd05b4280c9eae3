/**
 * Polls through the real pipeline with recording adapters: posted to every room of the
 * network on every platform, votes from native polls and from `/voter` summed (one per
 * member), closing, and the mistakes people make typing a poll.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../adapters/types.js";
import { auditOfNetwork } from "../../storage/audit.js";
import { networkByName } from "../../storage/networks.js";
import { linkRoom, startHarness, type Harness } from "../helpers/harness.js";

let bot: Harness;
afterEach(async () => {
  await bot.stop();
});

/** A network with a Telegram group and a Matrix room; ana animates both. */
async function network(): Promise<void> {
  bot = await startHarness({ platforms: ["telegram", "matrix"] });
  bot.adapters.get("telegram")!.animators.add("tg|ana");
  bot.adapters.get("matrix")!.animators.add("mx|ana");
  await bot.say("/reseau Réseau du Val", { room: "tg", platform: "telegram" });
  await linkRoom(bot, {
    from: "tg",
    fromPlatform: "telegram",
    to: "mx",
    platform: "matrix",
    as: "ana",
  });
}

const ASK = '/sondage "Quelle date pour l\'assemblée ?" "Jeudi 3" « Vendredi 4 » “Samedi 5”';

/** The message carrying the poll in a room, and the id the recording adapter gave it. */
function pollMessage(platform: string, roomId: string) {
  const adapter = bot.adapters.get(platform)!;
  const index = adapter.sent.findIndex(
    (s) => s.message.poll && s.destination.kind === "room" && s.destination.roomId === roomId,
  );
  if (index === -1) throw new Error(`no poll sent to ${roomId}`);
  return { sent: adapter.sent[index]!, ref: `m${index + 1}` };
}

/** A vote in the native poll `pollRef`, as an adapter hands it over. */
async function nativeVote(
  platform: string,
  user: string,
  pollRef: string,
  choices: number[],
): Promise<void> {
  await bot.adapters.get(platform)!.handler!({
    kind: "vote",
    platform,
    eventId: randomUUID(),
    sender: { id: user, displayName: user },
    pollRef,
    choices,
    timestamp: new Date(bot.clock.now()),
  });
}

describe("polls", () => {
  it("posts an animator's poll in every room of the network, as a poll and as numbered text", async () => {
    await network();
    const answer = await bot.ask(ASK, { room: "tg", platform: "telegram" });
    expect(answer).toContain("Sondage n°1 posé dans 2 salon(s) du réseau");
    expect(answer).toContain("/sondage resultats 1");
    expect(answer).toContain("/sondage clore 1");
    for (const [platform, room] of [
      ["telegram", "tg"],
      ["matrix", "mx"],
    ] as const) {
      const { sent } = pollMessage(platform, room);
      expect(sent.message.poll).toEqual({
        question: "Quelle date pour l'assemblée ?",
        options: ["Jeudi 3", "Vendredi 4", "Samedi 5"],
      });
      expect(sent.text).toContain("📊 Sondage n°1 — Réseau du Val, posé par Ana");
      expect(sent.text).toContain("1. Jeudi 3\n2. Vendredi 4\n3. Samedi 5");
      expect(sent.text).toContain("/voter 1 1");
    }
    const val = networkByName(bot.app.db, "Réseau du Val")!;
    expect(auditOfNetwork(bot.app.db, val.id).map((e) => e.action)).toContain("poll-created");
  });

  it("sums native and typed votes of every platform, one per member, a new vote replacing the old", async () => {
    await network();
    await bot.say(ASK, { room: "tg", platform: "telegram" });
    const tg = pollMessage("telegram", "tg").ref;
    const mx = pollMessage("matrix", "mx").ref;
    await nativeVote("telegram", "bea", tg, [0]);
    await nativeVote("telegram", "carl", tg, [1]);
    // Carl changes his mind; Dan votes then withdraws.
    await nativeVote("telegram", "carl", tg, [0]);
    await nativeVote("telegram", "dan", tg, [2]);
    await nativeVote("telegram", "dan", tg, []);
    await nativeVote("matrix", "@eve:example.org", mx, [1]);
    // An answer the poll does not have spoils the vote.
    await nativeVote("matrix", "@fred:example.org", mx, [7]);
    // A vote in someone else's poll is none of the bot's business.
    await nativeVote("matrix", "@gus:example.org", "$not-ours", [0]);
    expect(await bot.ask("/voter 1 2", { as: "hugo", room: "mx", platform: "matrix" })).toBe(
      "✅ Votre vote pour « Vendredi 4 » au sondage n°1 est enregistré.",
    );
    // Bea votes again by text: still one vote, the new one.
    await bot.say("/voter #1 3", { as: "bea", room: "tg", platform: "telegram" });

    const results = await bot.ask("/sondage resultats", {
      as: "eve",
      room: "mx",
      platform: "matrix",
    });
    expect(results).toContain("📊 Résultats du sondage n°1 (en cours)");
    expect(results).toContain("1. Jeudi 3 — 1 vote(s), 25 %");
    expect(results).toContain("2. Vendredi 4 — 2 vote(s), 50 %");
    expect(results).toContain("3. Samedi 5 — 1 vote(s), 25 %");
    expect(results).toContain("4 votants. Par plateforme : matrix 2, telegram 2.");
  });

  it("closes a poll: results in every room, native polls ended, later votes not counted", async () => {
    await network();
    await bot.say(ASK, { room: "tg", platform: "telegram" });
    const tg = pollMessage("telegram", "tg").ref;
    await nativeVote("telegram", "bea", tg, [1]);
    const refused = await bot.ask("/sondage clore 1", {
      as: "bea",
      room: "tg",
      platform: "telegram",
    });
    expect(refused).toMatch(/^⛔ La commande \/sondage clore est réservée/);

    const closed = await bot.say("/sondage clore 1", { room: "mx", platform: "matrix" });
    const tgEnd = closed.find(
      (s) => s.destination.kind === "room" && s.destination.roomId === "tg",
    );
    const mxEnd = closed.find((s) => s.message.endsPoll === pollMessage("matrix", "mx").ref);
    expect(tgEnd?.message.endsPoll).toBe(tg);
    expect(tgEnd?.text).toContain("📊 Résultats du sondage n°1 (clos)");
    expect(tgEnd?.text).toContain("2. Vendredi 4 — 1 vote(s), 100 %");
    expect(mxEnd?.text).toContain("1 votant. Par plateforme : telegram 1.");
    expect(closed.map((s) => s.text)).toContain(
      "🔒 Sondage n°1 clos : ses résultats sont postés dans 2 salon(s).",
    );

    await nativeVote("telegram", "carl", tg, [0]);
    expect(await bot.ask("/voter 1 1", { as: "dan", room: "tg", platform: "telegram" })).toBe(
      "⛔ Le sondage n°1 est clos : il ne reçoit plus de votes.",
    );
    expect(await bot.ask("/sondage clore 1", { room: "tg", platform: "telegram" })).toContain(
      "est clos",
    );
    const results = await bot.ask("/sondage resultats 1", { room: "tg", platform: "telegram" });
    expect(results).toContain("1 votant.");
    const val = networkByName(bot.app.db, "Réseau du Val")!;
    const actions = auditOfNetwork(bot.app.db, val.id).map((e) => e.action);
    expect(actions).toContain("poll-closed");
    expect(actions).toContain("command-refused");
  });

  it("says what to type when a poll is mistyped, and posts nothing", async () => {
    await network();
    const ask = (line: string) => bot.ask(line, { room: "tg", platform: "telegram" });
    expect(await ask("/sondage Quelle date ? Jeudi Vendredi")).toContain(
      'Mettez la question et chaque réponse entre guillemets, par exemple : /sondage "Quelle date pour l\'assemblée ?"',
    );
    expect(await ask('/sondage "Quelle date ?" "Jeudi"')).toContain(
      "Il faut au moins 2 réponses, chacune entre guillemets",
    );
    const eleven = Array.from({ length: 11 }, (_, i) => `"R${i + 1}"`).join(" ");
    expect(await ask(`/sondage "Quelle date ?" ${eleven}`)).toContain(
      "Un sondage a au plus 10 réponses",
    );
    expect(await ask(`/sondage "${"Q".repeat(301)}" "A" "B"`)).toContain(
      "La question fait plus de 300 caractères",
    );
    expect(await ask(`/sondage "Quelle date ?" "A" "${"x".repeat(101)}"`)).toContain(
      "La réponse 2 fait plus de 100 caractères",
    );
    expect(await ask('/sondage "Quelle date ?" "Jeudi" "jeudi"')).toContain(
      "Deux réponses sont identiques",
    );
    expect(await ask("/voter 1 2")).toContain("Il n'y a pas de sondage n°1 dans ce réseau");
    expect(await ask("/voter")).toContain("Syntaxe : /voter <n° du sondage> <n° de la réponse>");
    const messages = [...bot.adapters.values()].flatMap((a) => a.sent);
    expect(messages.some((s) => s.message.poll)).toBe(false);
  });

  it("lists the network's polls, and refuses an answer a poll does not have", async () => {
    await network();
    await bot.say(ASK, { room: "tg", platform: "telegram" });
    await bot.say('/poll "Apéro après ?" "Oui" "Non"', {
      room: "mx",
      platform: "matrix",
      localeHint: "en",
    });
    const listed = await bot.ask("/sondages", { as: "bea", room: "mx", platform: "matrix" });
    expect(listed).toContain("n°2 — Apéro après ? (en cours)");
    expect(listed).toContain("n°1 — Quelle date pour l'assemblée ? (en cours)");
    expect(await bot.ask("/sondage", { as: "bea", room: "tg", platform: "telegram" })).toBe(listed);
    expect(await bot.ask("/voter 2 3", { as: "bea", room: "tg", platform: "telegram" })).toBe(
      "⛔ Le sondage n°2 a 2 réponses : choisissez un numéro de 1 à 2.",
    );
    expect(
      await bot.ask("/poll results 2", {
        as: "bea",
        room: "tg",
        platform: "telegram",
        localeHint: "en",
      }),
    ).toContain("📊 Results of poll no. 2 (open)");
  });
  it("counts no vote from a newcomer waiting for approval in a network that validates members", async () => {
    await network();
    // Bea took part before validation: she stays a member and votes.
    await bot.say("/aide", { as: "bea", room: "tg", platform: "telegram" });
    await bot.say("/reseau adhesion validation", { room: "tg", platform: "telegram" });
    await bot.say(ASK, { room: "tg", platform: "telegram" });
    const tg = pollMessage("telegram", "tg").ref;
    await nativeVote("telegram", "bea", tg, [0]);
    // Zoe never was admitted: neither her native vote nor her typed one counts.
    await nativeVote("telegram", "zoe", tg, [1]);
    expect(await bot.ask("/voter 1 2", { as: "zoe", room: "tg", platform: "telegram" })).toContain(
      "Votre vote ne compte pas encore : le réseau Réseau du Val valide ses nouveaux membres",
    );
    const results = await bot.ask("/sondage resultats", { room: "tg", platform: "telegram" });
    expect(results).toContain("1. Jeudi 3 — 1 vote(s), 100 %");
    expect(results).toContain("2. Vendredi 4 — 0 vote(s), 0 %");
  });

  it("withdraws a poll still waiting for an unreachable room when it is closed: that room gets the results alone", async () => {
    await network();
    const matrix = bot.adapters.get("matrix")!;
    const before = matrix.sent.length;
    matrix.beforeSend = () => {
      throw new DeliveryError("homeserver unreachable", "network");
    };
    await bot.say(ASK, { room: "tg", platform: "telegram" });
    expect(matrix.sent.filter((s) => s.message.poll)).toHaveLength(0);
    await bot.say("/sondage clore 1", { room: "tg", platform: "telegram" });

    // The homeserver is back: the results arrive, and no poll after them.
    matrix.beforeSend = undefined;
    bot.clock.advance(3_600_000);
    await bot.app.outbox.drain();
    const inRoom = matrix.sent
      .slice(before)
      .filter((s) => s.destination.kind === "room" && s.destination.roomId === "mx");
    expect(inRoom.map((s) => Boolean(s.message.poll))).toEqual([false]);
    expect(inRoom[0]?.text).toContain("📊 Résultats du sondage n°1 (clos)");
    expect(
      bot.app.db.$client
        .prepare("SELECT last_error FROM outbox WHERE state = 'failed'")
        .pluck()
        .all(),
    ).toEqual(["withdrawn: the poll was closed"]);
  });
});
