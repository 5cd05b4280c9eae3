/**
 * When digests go out, and that each goes out exactly once: across a platform error, a crash
 * or a stop between composing and sending, two runs at once, days of downtime, the days
 * clocks change, and the immediate rhythm.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../adapters/types.js";
import { nextDigestTime } from "../../bot/digest-time.js";
import { runDueDigests } from "../../bot/digests.js";
import type { Notifier } from "../../bot/notify.js";
import { closeDatabase } from "../../storage/db.js";
import { digestSettingsOf, type DigestSettings } from "../../storage/digests.js";
import { startHarness, type Harness, type Sent } from "../helpers/harness.js";
import { waitFor } from "../helpers/wait.js";

const PARIS = "Europe/Paris";
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

let bot: Harness;
/** Started by a test and stopped after it (the harness of a restart replaces `bot`). */
async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  bot = await startHarness({ ...options, config: { TIMEZONE: PARIS, ...options.config } });
  // Only the test moves time: the jobs run when it says so, never on a real-time tick.
  await bot.app.scheduler.stop();
  return bot;
}
beforeEach(async () => {
  await start();
});
afterEach(async () => {
  await bot.stop();
});

/** Posts a listing in one line and returns its number (fails when it was not published). */
async function post(line: string, as = "bob"): Promise<number> {
  const reply = await bot.ask(line, { as });
  const published = /Votre (?:offre|besoin) #(\d+) est publiée?/.exec(reply);
  if (!published) throw new Error(`"${line}" was not published: ${reply}`);
  return Number(published[1]);
}

/** Moves the bot's clock to `time`, runs the scheduled jobs and returns what they sent. */
async function jobsAt(time: number | string): Promise<Sent[]> {
  bot.clock.set(typeof time === "number" ? time : Date.parse(time));
  const before = bot.adapter.sent.length;
  await bot.app.scheduler.runAll();
  await bot.app.outbox.drain();
  return bot.adapter.sent.slice(before);
}

/** The digests among sent messages, to one member. */
function digestsTo(sent: readonly Sent[], user: string): Sent[] {
  return sent.filter(
    (s) =>
      s.destination.kind === "member" && s.destination.userId === user && s.text.startsWith("📬"),
  );
}

/** The listing numbers of the lines of a message, in order. */
function numbers(text: string): number[] {
  return [...text.matchAll(/^• #(\d+) /gm)].map((m) => Number(m[1]));
}

function memberId(user: string): number {
  const id = bot.app.db.$client
    .prepare<[string], number>("SELECT id FROM members WHERE platform_user_id = ?")
    .pluck()
    .get(user);
  if (id === undefined) throw new Error(`no member ${user}`);
  return id;
}

function settingsOf(user: string): DigestSettings {
  const settings = digestSettingsOf(bot.app.db, memberId(user));
  if (!settings) throw new Error(`no digest settings for ${user}`);
  return settings;
}

/** The digest rows of the outbox, whatever their state. */
function queuedDigests(): { state: string; attempts: number; destination_id: string }[] {
  return bot.app.db.$client
    .prepare<[], { state: string; attempts: number; destination_id: string }>(
      "SELECT state, attempts, destination_id FROM outbox WHERE dedupe_key LIKE 'digest:%' ORDER BY id",
    )
    .all();
}

/** Runs only the digest job's work at `time`, as the scheduler would; returns how many were queued. */
function digestsRunAt(time: number): number {
  const { db, places, catalog, notifier } = bot.app;
  return runDueDigests({ db, places, catalog, notifier, timeZone: PARIS }, time);
}

const MONDAY_8 = "2026-11-30T08:00:30+01:00";

describe("exactly once", () => {
  beforeEach(async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await post("/offre Camion plateau #vehicules lieu:Tarbes");
  });

  it("retries a digest the platform failed to take, and delivers it once", async () => {
    let failures = 0;
    bot.adapter.beforeSend = (destination) => {
      if (destination.kind === "member" && destination.userId === "ana" && failures === 0) {
        failures++;
        throw new DeliveryError("socket hang up", "network");
      }
    };

    await jobsAt(MONDAY_8);
    await waitFor(() => digestsTo(bot.adapter.sent, "ana").length > 0, "the retried digest");
    await jobsAt(Date.parse(MONDAY_8) + MINUTE);
    await jobsAt(Date.parse(MONDAY_8) + DAY);

    expect(failures).toBe(1);
    expect(digestsTo(bot.adapter.sent, "ana")).toHaveLength(1);
    // Two attempts: the failed one and the one that went through.
    expect(queuedDigests()).toEqual([{ state: "sent", attempts: 2, destination_id: "ana" }]);
  });

  it("sends one digest when the job runs twice at the same time", async () => {
    bot.clock.set(Date.parse(MONDAY_8));
    await Promise.all([bot.app.scheduler.runAll(), bot.app.scheduler.runAll()]);
    await bot.app.outbox.drain();
    expect(digestsRunAt(Date.parse(MONDAY_8))).toBe(0);
    await bot.app.outbox.drain();

    expect(digestsTo(bot.adapter.sent, "ana")).toHaveLength(1);
    expect(queuedDigests()).toHaveLength(1);
  });

  it("composes nothing when the job fails before its commit, and sends everything at the next run", async () => {
    await bot.say("/alerte camion", { as: "carl" });
    await post("/offre Camion benne #vehicules lieu:Tarbes");
    const notifier: Notifier = bot.app.notifier;
    const toMember = notifier.toMember.bind(notifier);
    let calls = 0;
    // The second member's digest fails as if the process died while composing it.
    notifier.toMember = (...args) => {
      if (++calls === 2) throw new Error("disk I/O error");
      return toMember(...args);
    };
    const due = settingsOf("ana").nextDueAt;

    expect(await jobsAt(MONDAY_8)).toEqual([]);
    expect(queuedDigests()).toEqual([]);
    expect(settingsOf("ana").nextDueAt).toBe(due);

    const sent = await jobsAt(Date.parse(MONDAY_8) + MINUTE);
    expect(numbers(digestsTo(sent, "ana")[0]!.text)).toEqual([2, 1]);
    expect(digestsTo(sent, "carl")).toHaveLength(1);
    expect(digestsTo(await jobsAt(Date.parse(MONDAY_8) + 2 * MINUTE), "ana")).toEqual([]);
  });
});

describe("exactly once across a restart", () => {
  let dir: string;
  beforeEach(async () => {
    await bot.stop();
    dir = await mkdtemp(join(tmpdir(), "soliterr-digests-"));
    await start({ databasePath: join(dir, "bot.db") });
    await bot.say("/alerte camion", { as: "ana" });
    await post("/offre Camion plateau #vehicules lieu:Tarbes");
  });
  afterEach(async () => {
    await bot.stop();
    await rm(dir, { recursive: true, force: true });
    await start(); // a fresh bot for the outer afterEach to stop
  });

  /** Starts the bot again on the same database file, at `time`. */
  async function restart(time: number): Promise<Sent[]> {
    await start({ databasePath: join(dir, "bot.db"), start: new Date(time).toISOString() });
    await bot.app.outbox.drain();
    return bot.adapter.sent;
  }

  it("delivers once a digest composed just before a clean stop, and does not compose it again", async () => {
    // Delivery is held back: the digest is composed and queued, then the bot stops.
    await bot.app.outbox.stop(0);
    bot.clock.set(Date.parse(MONDAY_8));
    await bot.app.scheduler.runAll();
    expect(bot.adapter.sent.filter((s) => s.text.startsWith("📬"))).toEqual([]);
    expect(queuedDigests()).toEqual([{ state: "pending", attempts: 0, destination_id: "ana" }]);
    await bot.stop();

    // The restart runs every job to catch up, then delivers the outbox.
    const sent = await restart(Date.parse(MONDAY_8) + 2 * MINUTE);
    expect(digestsTo(sent, "ana")).toHaveLength(1);
    expect(numbers(digestsTo(sent, "ana")[0]!.text)).toEqual([1]);
    await jobsAt(Date.parse(MONDAY_8) + 3 * MINUTE);
    await jobsAt(Date.parse(MONDAY_8) + DAY);
    expect(digestsTo(bot.adapter.sent, "ana")).toHaveLength(1);
  });

  it("delivers once a digest whose sending was cut by a crash", async () => {
    // The platform never answers; then the process dies with the digest half-sent.
    const hung = bot.adapter;
    hung.send = () => new Promise<string>(() => {});
    bot.clock.set(Date.parse(MONDAY_8));
    await bot.app.scheduler.runAll();
    await waitFor(() => queuedDigests()[0]?.state === "sending", "the digest being sent");
    await bot.app.outbox.stop(0);
    closeDatabase(bot.app.db);

    const sent = await restart(Date.parse(MONDAY_8) + 5 * MINUTE);
    expect(digestsTo(sent, "ana")).toHaveLength(1);
    expect(digestsTo(hung.sent, "ana")).toEqual([]);
    await jobsAt(Date.parse(MONDAY_8) + DAY);
    expect(digestsTo(bot.adapter.sent, "ana")).toHaveLength(1);
    expect(queuedDigests().map((d) => d.state)).toEqual(["sent"]);
  });
});

describe("catching up after downtime", () => {
  it("sends each member one digest covering the whole time the bot was down", async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say("/alerte #vehicules", { as: "carl" });
    const first = await post("/offre Camion plateau #vehicules lieu:Tarbes");
    bot.clock.advance(4 * HOUR);
    const second = await post("/besoin Camion benne #vehicules lieu:Lourdes");
    bot.clock.advance(6 * HOUR);
    const third = await post("/offre Camionnette #vehicules lieu:Pau");

    // Down from Sunday night to Thursday morning: three daily digests were missed.
    const sent = await jobsAt("2026-12-03T09:00:00+01:00");

    expect(digestsTo(sent, "ana")).toHaveLength(1);
    expect(numbers(digestsTo(sent, "ana")[0]!.text)).toEqual([third, second, first]);
    expect(digestsTo(sent, "carl")).toHaveLength(1);
    expect(settingsOf("ana").nextDueAt).toBe(Date.parse("2026-12-04T08:00:00+01:00"));
    expect(await jobsAt("2026-12-03T09:01:00+01:00")).toEqual([]);
    expect(await jobsAt("2026-12-04T08:00:30+01:00")).toEqual([]);
  });
});

describe("the days clocks change (Europe/Paris)", () => {
  const daily8 = { rhythm: "daily", time: "08:00", weekday: 1 } as const;
  const daily230 = { rhythm: "daily", time: "02:30", weekday: 1 } as const;

  it("keeps 08:00 at 08:00 local time across the March change (06:00Z in summer time)", () => {
    expect(nextDigestTime(daily8, Date.parse("2027-03-27T08:00:30+01:00"), PARIS)).toBe(
      Date.parse("2027-03-28T06:00:00Z"),
    );
    expect(nextDigestTime(daily8, Date.parse("2027-03-28T00:30:00+01:00"), PARIS)).toBe(
      Date.parse("2027-03-28T06:00:00Z"),
    );
    expect(nextDigestTime(daily8, Date.parse("2027-03-28T06:00:30Z"), PARIS)).toBe(
      Date.parse("2027-03-29T06:00:00Z"),
    );
  });

  it("keeps 08:00 at 08:00 local time across the October change (07:00Z in winter time)", () => {
    expect(nextDigestTime(daily8, Date.parse("2027-10-30T08:00:30+02:00"), PARIS)).toBe(
      Date.parse("2027-10-31T07:00:00Z"),
    );
    expect(nextDigestTime(daily8, Date.parse("2027-10-31T06:30:00Z"), PARIS)).toBe(
      Date.parse("2027-10-31T07:00:00Z"),
    );
    expect(nextDigestTime(daily8, Date.parse("2027-10-31T07:00:30Z"), PARIS)).toBe(
      Date.parse("2027-11-01T07:00:00Z"),
    );
  });

  it("puts 02:30, which does not exist on the March change day, in the hour after the gap", () => {
    const due = nextDigestTime(daily230, Date.parse("2027-03-27T02:30:30+01:00"), PARIS);
    // 03:00 to 04:00 summer time, on the 28th.
    expect(due).toBeGreaterThanOrEqual(Date.parse("2027-03-28T01:00:00Z"));
    expect(due).toBeLessThan(Date.parse("2027-03-28T02:00:00Z"));
    expect(nextDigestTime(daily230, due, PARIS)).toBe(Date.parse("2027-03-29T00:30:00Z"));
  });

  it("keeps weekly digests on their day and hour across a change", () => {
    const sunday8 = { rhythm: "weekly", time: "08:00", weekday: 7 } as const;
    expect(nextDigestTime(sunday8, Date.parse("2027-03-22T12:00:00+01:00"), PARIS)).toBe(
      Date.parse("2027-03-28T06:00:00Z"),
    );
    expect(nextDigestTime(sunday8, Date.parse("2027-10-25T12:00:00+02:00"), PARIS)).toBe(
      Date.parse("2027-10-31T07:00:00Z"),
    );
  });

  /**
   * Runs the digest job every minute through one local day, a new matching listing posted
   * every hour, and returns when ana's digests went out.
   */
  async function oneDay(from: string, hours = 24): Promise<number[]> {
    const times: number[] = [];
    const start = Date.parse(from);
    for (let t = start; t < start + hours * HOUR; t += MINUTE) {
      if ((t - start) % HOUR === 0) {
        bot.clock.set(t);
        await post(`/offre Camion numéro ${(t - start) / HOUR} #vehicules lieu:Tarbes`);
      }
      // The job runs in the first seconds of each minute.
      bot.clock.set(t + 30_000);
      const before = digestsTo(bot.adapter.sent, "ana").length;
      if (digestsRunAt(t + 30_000) > 0) await bot.app.outbox.drain();
      if (digestsTo(bot.adapter.sent, "ana").length > before) times.push(t + 30_000);
    }
    return times;
  }

  async function startOn(day: string, digest: string): Promise<void> {
    await bot.stop();
    await start({ start: day });
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say(`/digest ${digest}`, { as: "ana" });
  }

  it("sends the 08:00 digest once on the March change day, at 08:00 summer time", async () => {
    await startOn("2027-03-27T20:00:00+01:00", "quotidien 08:00");
    const times = await oneDay("2027-03-28T00:00:00+01:00");
    expect(times.map((t) => new Date(t).toISOString())).toEqual(["2027-03-28T06:00:30.000Z"]);
  });

  it("sends the 08:00 digest once on the October change day, at 08:00 winter time", async () => {
    await startOn("2027-10-30T20:00:00+02:00", "quotidien 08:00");
    const times = await oneDay("2027-10-31T00:00:00+02:00");
    expect(times.map((t) => new Date(t).toISOString())).toEqual(["2027-10-31T07:00:30.000Z"]);
  });

  it("sends a 02:30 digest once on the March change day, though 02:30 does not exist", async () => {
    await startOn("2027-03-27T20:00:00+01:00", "quotidien 02:30");
    const times = await oneDay("2027-03-28T00:00:00+01:00");
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse("2027-03-28T01:00:00Z"));
    expect(times[0]).toBeLessThan(Date.parse("2027-03-28T02:00:00Z"));
  });

  it("sends a 02:30 digest once on the October change day, though 02:30 happens twice", async () => {
    await startOn("2027-10-30T20:00:00+02:00", "quotidien 02:30");
    const times = await oneDay("2027-10-31T00:00:00+02:00", 25);
    expect(times).toHaveLength(1);
  });
});

describe("the immediate rhythm", () => {
  beforeEach(async () => {
    await bot.say("/alerte camion", { as: "ana" });
    await bot.say("/digest immediat", { as: "ana" });
  });

  it("groups what arrives within a minute into one message, sent at the next run", async () => {
    const first = await post("/offre Camion plateau #vehicules lieu:Tarbes");
    bot.clock.advance(20_000);
    const second = await post("/besoin Camion benne #vehicules lieu:Lourdes");
    expect(digestsTo(await jobsAt(bot.clock.now() + 1_000), "ana")).toEqual([]);

    const sent = await jobsAt(bot.clock.now() + 61_000);
    expect(digestsTo(sent, "ana")).toHaveLength(1);
    expect(numbers(digestsTo(sent, "ana")[0]!.text)).toEqual([second, first]);

    const third = await post("/offre Camionnette #vehicules lieu:Pau");
    const next = await jobsAt(bot.clock.now() + 61_000);
    expect(digestsTo(next, "ana")).toHaveLength(1);
    expect(numbers(digestsTo(next, "ana")[0]!.text)).toEqual([third]);
    expect(await jobsAt(bot.clock.now() + 61_000)).toEqual([]);
  });

  it("tells at once the author of a listing that a new one answers", async () => {
    await bot.say("/alerte suppr 1", { as: "ana" });
    const need = await post("/besoin Camionnette pour déménager #vehicules lieu:Tarbes", "ana");
    const offer = await post("/offre Camionnette libre samedi #vehicules lieu:Tarbes");

    const sent = await jobsAt(bot.clock.now() + 61_000);
    expect(digestsTo(sent, "ana")).toHaveLength(1);
    expect(digestsTo(sent, "ana")[0]!.text).toContain(
      `• #${offer} Camionnette libre samedi — 🚐 Offre · Tarbes (65)`,
    );
    expect(digestsTo(sent, "ana")[0]!.text).toContain(`répond à votre annonce #${need}`);
  });
});
