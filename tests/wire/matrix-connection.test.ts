/**
 * The Matrix connection through the real matrix-bot-sdk client and the HTTP fake: what the
 * client asks at start, clear start failures (a refused token, an unreachable homeserver),
 * and a /sync failure while running that backs off without losing or repeating anything.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MatrixStartError } from "../../adapters/matrix/matrix-adapter.js";
import {
  bodyOf,
  freePort,
  replyTo,
  repliesTo,
  roomWithBot,
  settled,
  startMatrixBot,
  type MatrixBot,
  type MatrixBotOptions,
} from "../helpers/matrix-bot.js";
import { waitFor } from "../helpers/wait.js";

const running: MatrixBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.stop()));
});

async function bot(options: MatrixBotOptions = {}): Promise<MatrixBot> {
  const started = await startMatrixBot({ start: false, ...options });
  running.push(started);
  if (options.start !== false) await started.app.start();
  return started;
}

/** The error `app.start()` rejects with. */
async function startFailure(b: MatrixBot): Promise<Error> {
  try {
    await b.app.start();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`app.start() rejected with a non-error: ${String(error)}`);
  }
  throw new Error("app.start() resolved");
}

const anais = "@anais:example.org";
const bob = "@bob:example.org";

describe("start", () => {
  it("identifies itself, reads its direct rooms and joined rooms, then long-polls /sync", async () => {
    const { fake } = await bot();
    await waitFor(() => fake.syncSinces.length >= 2, "two /sync requests", 10_000);
    const paths = fake.calls.map(
      (c) => `${c.method} ${c.path.replace(/^\/_matrix\/client\/v3/, "")}`,
    );
    expect(paths.slice(0, 3)).toEqual([
      "GET /account/whoami",
      `GET /user/${fake.botUserId}/account_data/m.direct`,
      "GET /joined_rooms",
    ]);
    const syncs = fake.calls.filter((c) => c.path.endsWith("/sync"));
    // The first sync has no token; the next ones wait (timeout) from the last token.
    expect(syncs[0]?.query.since).toBeUndefined();
    expect(syncs[1]?.query.since).toMatch(/^s\d+$/);
    expect(Number(syncs[1]?.query.timeout)).toBe(1_000);
    expect(fake.calls.filter((c) => typeof c.status === "number" && c.status >= 500)).toEqual([]);
  });

  it("fails with a MatrixStartError naming MATRIX_ACCESS_TOKEN when the token is refused", async () => {
    const b = await bot({ start: false, adapter: { accessToken: "syt_wrong_token_value" } });
    const error = await startFailure(b);
    expect(error).toBeInstanceOf(MatrixStartError);
    expect(error.message).toContain("MATRIX_ACCESS_TOKEN");
    expect(error.message).not.toContain("syt_wrong_token_value");
    expect(b.fake.calls.map((c) => [c.path, c.status])).toEqual([
      ["/_matrix/client/v3/account/whoami", 401],
    ]);
  });

  it("fails with a MatrixStartError naming MATRIX_HOMESERVER_URL when nothing answers", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const b = await bot({ start: false, adapter: { homeserverUrl: url } });
    const error = await startFailure(b);
    expect(error).toBeInstanceOf(MatrixStartError);
    expect(error.message).toContain("MATRIX_HOMESERVER_URL");
    expect(error.message).toContain(url);
    expect(b.fake.calls).toEqual([]);
  });
});

describe("a /sync failure while running", () => {
  it("backs off, then resumes from the same token and answers new commands once", async () => {
    const b = await bot();
    const { fake } = b;
    const { roomId } = await roomWithBot(fake, { creator: anais, members: [bob] });
    const before = fake.sendMessage(roomId, bob, "!chercher avant");
    await replyTo(fake, roomId, before);
    await settled(b);

    fake.failNext("GET", "/sync", {
      status: 500,
      body: { errcode: "M_UNKNOWN", error: "Internal server error" },
    });
    await waitFor(
      () => fake.calls.some((c) => c.path.endsWith("/sync") && c.status === 500),
      "the failed /sync",
      10_000,
    );
    const failed = fake.calls.find((c) => c.path.endsWith("/sync") && c.status === 500)!;
    // The health endpoint's view: reconnecting, with the homeserver's answer.
    await waitFor(() => b.adapter.health().state === "reconnecting", "the failure noticed");
    expect(b.adapter.health().lastError).toContain("Internal server error");
    const during = fake.sendMessage(roomId, bob, "!chercher pendant");
    const reply = await replyTo(fake, roomId, during, 30_000);
    expect(bodyOf(reply)).toContain("« pendant »");
    await settled(b);

    const syncs = fake.calls.filter((c) => c.path.endsWith("/sync"));
    const next = syncs[syncs.indexOf(failed) + 1];
    // The SDK waited before trying again, from the token it had (nothing skipped).
    expect(next!.at - failed.at).toBeGreaterThanOrEqual(4_000);
    expect(next?.query.since).toBe(failed.query.since);
    expect(repliesTo(fake, before)).toHaveLength(1);
    expect(repliesTo(fake, during)).toHaveLength(1);
    expect(b.adapter.health()).toEqual({
      state: "connected",
      since: expect.any(Number) as unknown,
    });
    await b.stopApp();
    expect(b.adapter.health().state).toBe("stopped");
  }, 40_000);
});
