/**
 * Telegram's sending limits, kept by the bot rather than discovered through 429 answers:
 * about 30 messages a second overall, one a second in a private chat, twenty a minute in a
 * group. Each send first waits for its slot.
 */

/** The limits; the defaults are Telegram's documented ones. */
export interface TelegramLimits {
  /** Messages per second, all chats together. Default 30. */
  perSecond: number;
  /** Messages per second in one chat (private or group). Default 1. */
  perPrivateChatPerSecond: number;
  /** Messages per minute in one group. Default 20. */
  perGroupPerMinute: number;
}

/** Telegram's documented limits. */
export const TELEGRAM_LIMITS: TelegramLimits = {
  perSecond: 30,
  perPrivateChatPerSecond: 1,
  perGroupPerMinute: 20,
};

/** A sliding window: at most `max` events in any `windowMs`. */
class Window {
  readonly times: number[] = [];
  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** How long before one more event fits (0: now). */
  wait(now: number): number {
    while (this.times.length > 0 && (this.times[0] ?? 0) <= now - this.windowMs) this.times.shift();
    return this.times.length < this.max ? 0 : (this.times[0] ?? now) + this.windowMs - now;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

/**
 * A small margin on every window: the bot counts a message when it leaves, Telegram when it
 * arrives, and a few milliseconds of jitter must not cost a 429.
 */
const MARGIN_MS = 20;

/** Hands out sending slots. */
export class Throttle {
  private readonly global: Window;
  private readonly chats = new Map<string, Window[]>();
  private stopped = false;

  constructor(
    private readonly limits: TelegramLimits = TELEGRAM_LIMITS,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((r) => setTimeout(r, ms)),
  ) {
    this.global = new Window(limits.perSecond, 1000 + MARGIN_MS);
  }

  /** Waits until a message may be sent to `chatId`, and takes the slot. */
  async take(chatId: string, isGroup: boolean): Promise<void> {
    let chat = this.chats.get(chatId);
    if (!chat) {
      // One a second in every chat; twenty a minute in a group besides.
      chat = [new Window(this.limits.perPrivateChatPerSecond, 1000 + MARGIN_MS)];
      if (isGroup) chat.push(new Window(this.limits.perGroupPerMinute, 60_000 + MARGIN_MS));
      this.chats.set(chatId, chat);
    }
    const windows = [this.global, ...chat];
    for (;;) {
      if (this.stopped) throw new Error("the Telegram adapter is stopping");
      const now = this.now();
      const wait = Math.max(...windows.map((w) => w.wait(now)));
      if (wait <= 0) break;
      // Short naps, so that a stop is noticed within a second even behind a group's minute.
      await this.sleep(Math.min(wait, 1000));
    }
    const now = this.now();
    for (const window of windows) window.add(now);
    if (this.chats.size > 50_000) this.forgetIdle(now);
  }

  /** Refuses every slot from now on: sends still waiting give up (they will be retried after a restart). */
  stop(): void {
    this.stopped = true;
  }

  private forgetIdle(now: number): void {
    for (const [id, windows] of this.chats) {
      if (windows.every((w) => w.wait(now) === 0 && w.times.length === 0)) this.chats.delete(id);
    }
  }
}
