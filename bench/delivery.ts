/**
 * The delivery scenario: thousands of messages queued in one go to many Telegram chats,
 * drained by the outbox through the real Telegram adapter (grammY) and the HTTP fake of the
 * Bot API, with Telegram's limits configured on both sides (scaled up, same ratios) and 5 %
 * of the sendMessage calls answered 429. It measures the achieved rate against the allowed
 * one and checks that nothing is lost, duplicated or reordered within a chat.
 *
 * It needs no listings, so bench/run.ts runs it once per invocation (see `OnceScenario`).
 */
import { TelegramAdapter } from "../adapters/telegram/telegram-adapter.js";
import type { TelegramLimits } from "../adapters/telegram/throttle.js";
import { TELEGRAM } from "../adapters/telegram/updates.js";
import type { Destination } from "../bot/reply.js";
import {
  privateChat,
  startFakeTelegram,
  supergroup,
  user,
  type FakeTelegram,
  type TgChat,
  type TgUser,
} from "../tests/fakes/telegram-bot-api.js";
import { enqueueBacklog, outgoing } from "./delivery-backlog.js";
import {
  deliveredText,
  deliveryTargets,
  DeliveryLedger,
  loadLine,
  outboxText,
  rateLine,
  timedOutText,
  warningLines,
  type Tally,
  type Timing,
} from "./delivery-checks.js";
import {
  drainOutbox,
  drainTimeoutMs,
  LogCounter,
  outboxAttempts,
  randomRefusals,
  recordGroupRooms,
  watchProcessLoad,
  withDefaults,
  withScratchBot,
} from "./delivery-common.js";
import type { BenchOptions, OnceScenario } from "./scenario.js";
import { count, percent, pick, seconds, seededRandom } from "./stats.js";

/** The delivery scenario's options (bench/run.ts reads them as --delivery-…=N). */
export interface DeliveryOptions {
  /** Messages queued. */
  deliveryMessages: number;
  /** Allowed overall rate, messages per second; the other limits keep Telegram's ratios. */
  deliveryRate: number;
  /** Destinations the outbox serves at the same time. */
  deliveryConcurrency: number;
}

/**
 * Defaults. 300/s is Telegram's 30/s × 10, so that 10,000 messages take about 33 s instead of
 * 333 s. Concurrency 16 is what bot/main.ts uses. Measured at 300/s on a 2-core machine
 * (10,000 messages): concurrency 4 → 92.4 % of the allowed rate, 8 → 92.7 %, 16 → 92.6 %,
 * 64 → 91.0 % with 252 sends over the overall limit (many sends released by the adapter's
 * throttle at the same instant reach the API a few milliseconds apart, some inside the next
 * window). Each send holds its slot for a few milliseconds only, so 4 already reach the limit.
 */
export const DELIVERY_DEFAULTS = {
  messages: 10_000,
  quickMessages: 1_000,
  rate: 300,
  concurrency: 16,
} as const;

/** The delivery options of a run, with defaults for what the command line left out. */
export function deliveryOptions(options: BenchOptions): DeliveryOptions {
  return withDefaults(options, "delivery", DELIVERY_DEFAULTS);
}

/** Share of the messages that go to groups (the rest to private chats). */
const GROUP_SHARE = 0.3;

/** Telegram's limits (30/s, 1/s per chat, 20/min per group) scaled to `rate` messages/s. */
export function scaledLimits(rate: number): TelegramLimits {
  return {
    perSecond: rate,
    perPrivateChatPerSecond: Math.max(1, Math.round(rate / 30)),
    perGroupPerMinute: Math.max(1, Math.round((rate * 20) / 30)),
  };
}

/** The shortest time (ms) `n` events can span under "at most `max` in any `windowMs`". */
function minimalSpan(n: number, max: number, windowMs: number): number {
  return n <= 1 ? 0 : Math.floor((n - 1) / max) * windowMs;
}

/** What the limits allow: the overall rate, unless one chat alone needs longer. */
function allowed(total: number, perChat: ReadonlyMap<number, number>, limits: TelegramLimits) {
  const overallSpan = minimalSpan(total, limits.perSecond, 1000);
  let busiestSpan = 0;
  for (const [chatId, n] of perChat) {
    const span =
      chatId < 0
        ? Math.max(
            minimalSpan(n, limits.perPrivateChatPerSecond, 1000),
            minimalSpan(n, limits.perGroupPerMinute, 60_000),
          )
        : minimalSpan(n, limits.perPrivateChatPerSecond, 1000);
    busiestSpan = Math.max(busiestSpan, span);
  }
  const rate = busiestSpan > overallSpan ? (total * 1000) / busiestSpan : limits.perSecond;
  return { rate, overallSpan, busiestSpan };
}

/** One queued message, as the scenario remembers it. */
interface Queued {
  n: number;
  chatId: number;
}

/** The figures of one drain. */
type Measured = Tally & {
  orderViolations: number;
  chatsOutOfOrder: number;
} & Timing & { otherSends: number };

/** Compares what the fake received with what was queued. */
function measure(fake: FakeTelegram, queued: readonly Queued[], startedAt: number): Measured {
  const chatOf = new Map(queued.map((q) => [q.n, q.chatId]));
  const ledger = new DeliveryLedger<number>();
  let otherSends = 0;
  let wrongChat = 0;
  for (const sent of fake.sent) {
    const m = /^msg (\d+) /.exec(sent.text);
    const n = m?.[1] === undefined ? undefined : Number(m[1]);
    if (n === undefined || !chatOf.has(n)) {
      otherSends++;
      continue;
    }
    if (chatOf.get(n) !== sent.chat_id) wrongChat++;
    ledger.record(n, sent.chat_id, sent.at);
  }
  if (wrongChat > 0) throw new Error(`delivery: ${wrongChat} messages reached the wrong chat`);
  return {
    ...ledger.tally(queued.length),
    orderViolations: ledger.orderViolations,
    chatsOutOfOrder: ledger.placesOutOfOrder,
    ...ledger.timing(startedAt),
    otherSends,
  };
}

/** The delivery scenario. */
export const deliveryScenario: OnceScenario = {
  name: "delivery",
  summary: "queued messages drained to Telegram (fake API) under its limits, 5 % of calls 429",
  async run(options, memory, parts) {
    const {
      deliveryMessages: total,
      deliveryRate: rate,
      deliveryConcurrency,
    } = deliveryOptions(options);
    const limits = scaledLimits(rate);
    const privateChats = Math.max(10, Math.round(total / 5));
    const groupChats = Math.max(2, Math.round(total / 50));
    const rand = seededRandom(options.seed + 7);
    const logs = new LogCounter();
    const setup = {
      prefix: "soliterr-bench-delivery-",
      startFake: () => startFakeTelegram({ botUsername: "soliterr_bench_bot" }),
      parts,
      concurrency: deliveryConcurrency,
      logs,
    };
    return withScratchBot(options, setup, async (bot) => {
      const { fake, app: live } = bot;
      // The fake's side: people who opened their private chat, groups the bot is in.
      const people: TgUser[] = Array.from({ length: privateChats }, (_, i) =>
        user(600_000_000 + i, `Membre ${i}`, i % 10 === 0 ? "en" : "fr"),
      );
      for (const person of people) fake.openPrivateChat(person);
      const groups: TgChat[] = Array.from({ length: groupChats }, (_, i) =>
        supergroup(-1_001_700_000_000 - i, `Réseau solidaire ${i}`),
      );
      groups.forEach((group, i) => fake.addBotToGroup(group, people[i % people.length]!));
      // The bot saw these joins before the backlog was queued (its rooms are recorded below):
      // it must not get them again and queue a welcome message per group into the measurement.
      fake.dropPendingUpdates();
      fake.enforceLimits({
        perSecond: limits.perSecond,
        perChatPerSecond: limits.perPrivateChatPerSecond,
        perGroupPerMinute: limits.perGroupPerMinute,
      });
      // 5 % of the sendMessage calls answer 429 retry_after 1.
      const refused = randomRefusals(options.seed);
      let injected = 0;
      let injectedInGroups = 0;
      fake.interceptor = (method, params) => {
        if (method !== "sendMessage") return undefined;
        if (!refused(Number(/msg (\d+)/.exec(String(params.text))?.[1] ?? 0))) return undefined;
        injected++;
        if (Number(params.chat_id) < 0) injectedInGroups++;
        return {
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        };
      };

      live.addAdapter(
        new TelegramAdapter({
          token: fake.token,
          apiRoot: fake.apiRoot,
          state: live.adapterState(TELEGRAM),
          menus: (locale) => live.commandMenus(locale),
          defaultLocale: bot.config.defaultLocale,
          logger: bot.logger,
          limits,
        }),
      );
      const now = live.clock.now();
      recordGroupRooms(
        live.db,
        TELEGRAM,
        groups.map((group) => ({ id: String(group.id), title: group.title ?? "" })),
        now,
      );

      // The backlog, spread over the chats.
      const queued: Queued[] = [];
      const perChat = new Map<number, number>();
      const enqueueMs = enqueueBacklog(live.db, total, now, (n) => {
        const toGroup = rand() < GROUP_SHARE;
        const chat = toGroup ? pick(rand, groups) : privateChat(pick(rand, people));
        const destination: Destination = toGroup
          ? { kind: "room", platform: TELEGRAM, roomId: String(chat.id) }
          : { kind: "member", platform: TELEGRAM, userId: String(chat.id) };
        const text = outgoing(n, toGroup, rand, { prefix: "/", privateButton: true });
        queued.push({ n, chatId: chat.id });
        perChat.set(chat.id, (perChat.get(chat.id) ?? 0) + 1);
        return { destination, message: text };
      });
      memory.sample();
      const { rate: allowedRate, overallSpan, busiestSpan } = allowed(total, perChat, limits);

      // Start the bot: the outbox drains the backlog while the adapter polls for updates.
      const startedAt = Date.now();
      const processLoad = watchProcessLoad();
      await live.start();
      const startMs = Date.now() - startedAt;
      const timeoutMs = drainTimeoutMs(total, rate);
      const drain = await drainOutbox(live.db, memory, {
        startedAt,
        timeoutMs,
        stopFake: () => fake.stop(),
      });
      const { counts, drainedMs } = drain;
      const load = processLoad(drainedMs);
      const { attempts, maxAttempts } = outboxAttempts(live.db);
      await bot.stopApp();
      if (options.keep) console.log(`delivery database kept in ${bot.dir}`);

      const m = measure(fake, queued, startedAt);
      const sendCalls = fake.calls.filter((c) => c.method === "sendMessage");
      const answered429 = sendCalls.filter((c) => c.status === 429).length;
      const violationsInGroups =
        sendCalls.filter((c) => c.status === 429 && Number(c.params.chat_id) < 0).length -
        injectedInGroups;
      const violations = fake.limitViolations;
      const busiestChat = Math.max(...perChat.values());
      const warnings = logs.sorted();

      const lines = [
        `delivery: ${count(total)} messages queued in one go (${seconds(enqueueMs)}) to ${count(privateChats)} private chats and ${count(groupChats)} groups (${percent(GROUP_SHARE * total, total)} to groups, busiest chat ${busiestChat}), drained by the outbox (concurrency ${deliveryConcurrency}) through TelegramAdapter → fake Bot API`,
        `  limits (adapter and fake): ${limits.perSecond}/s overall, ${limits.perPrivateChatPerSecond}/s per chat, ${limits.perGroupPerMinute}/min per group (Telegram's × ${(rate / 30).toFixed(rate % 30 === 0 ? 0 : 1)}) · allowed rate ${count(allowedRate)}/s (the busiest chat alone needs ${seconds(busiestSpan)}, the overall limit ${seconds(overallSpan)})`,
        rateLine(
          m,
          allowedRate,
          `app.start() ${count(startMs)} ms, start to first delivery`,
          drainedMs,
        ),
        `${deliveredText(m, m.chatsOutOfOrder, "chats")}${m.otherSends ? ` · ${count(m.otherSends)} other messages sent` : ""}${timedOutText(drain)}`,
        `  sendMessage calls ${count(sendCalls.length)}: 429 answered ${count(answered429)} = ${count(injected)} injected (${percent(injected, sendCalls.length)}) + ${count(violations.total)} limit violations by the adapter (overall ${violations.perSecond}, per chat ${violations.perChat}, per group ${violations.perGroup}; ${violationsInGroups} of them in groups)`,
        loadLine(load),
        outboxText(drain, attempts, `max ${maxAttempts} for one message`),
        ...warningLines(warnings),
      ];

      const targets = [
        ...deliveryTargets({
          label: "delivery",
          place: "chat",
          m,
          allowedRate,
          conditions: "5 % 429",
        }),
        {
          label: "delivery: no limit exceeded by the adapter",
          applies: false,
          met: violations.total === 0,
          detail: `${count(violations.total)} sends refused by the fake's limits (overall ${violations.perSecond}, per chat ${violations.perChat}, per group ${violations.perGroup})`,
        },
      ];
      return {
        lines,
        targets,
        data: {
          messages: total,
          privateChats,
          groupChats,
          groupShare: GROUP_SHARE,
          busiestChat,
          concurrency: deliveryConcurrency,
          limits,
          allowedRate,
          ratio: m.rate / allowedRate,
          enqueueMs,
          ...m,
          drainedMs,
          startMs,
          timedOut: drain.timedOut,
          sendCalls: sendCalls.length,
          answered429,
          injected429: injected,
          limitViolations: { ...violations, inGroups: violationsInGroups },
          ...load,
          outbox: counts,
          attempts: { attempts, maxAttempts },
          warnings: Object.fromEntries(warnings),
        },
      };
    });
  },
};
