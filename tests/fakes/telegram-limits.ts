/**
 * Telegram's flood limits, as sliding windows. Each window holds at most `size` timestamps, so
 * the accounting stays cheap for tens of thousands of messages.
 */

/** The limits the fake enforces when asked to (Telegram's documented defaults). */
export interface RateLimits {
  /** Messages per second over all chats. */
  perSecond: number;
  /** Messages per second to one chat. */
  perChatPerSecond: number;
  /** Messages per minute to one group or supergroup. */
  perGroupPerMinute: number;
}

/** How many sends the fake refused with 429, by limit. */
export interface LimitViolations {
  total: number;
  perSecond: number;
  perChat: number;
  perGroup: number;
}

class Window {
  private times: number[] = [];
  private head = 0;
  constructor(
    private readonly size: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until one more event fits (0: it fits now). */
  wait(now: number): number {
    const times = this.times;
    while (this.head < times.length && (times[this.head] ?? 0) <= now - this.windowMs) this.head++;
    if (this.head > 64 && this.head * 2 > times.length) {
      this.times = times.slice(this.head);
      this.head = 0;
    }
    if (this.times.length - this.head < this.size) return 0;
    return (this.times[this.head] ?? now) + this.windowMs - now;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

/** Counts sends and tells when one would exceed a limit. */
export class RateLimiter {
  /** Refusals so far. */
  readonly violations: LimitViolations = { total: 0, perSecond: 0, perChat: 0, perGroup: 0 };
  private readonly global: Window;
  private readonly perChat = new Map<number, Window>();
  private readonly perGroup = new Map<number, Window>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.global = new Window(limits.perSecond, 1000);
  }

  private windows(chatId: number): Array<[Window, keyof LimitViolations]> {
    let chat = this.perChat.get(chatId);
    if (!chat) this.perChat.set(chatId, (chat = new Window(this.limits.perChatPerSecond, 1000)));
    const list: Array<[Window, keyof LimitViolations]> = [
      [this.global, "perSecond"],
      [chat, "perChat"],
    ];
    if (chatId < 0) {
      let groupWindow = this.perGroup.get(chatId);
      if (!groupWindow)
        this.perGroup.set(
          chatId,
          (groupWindow = new Window(this.limits.perGroupPerMinute, 60_000)),
        );
      list.push([groupWindow, "perGroup"]);
    }
    return list;
  }

  /** The `retry_after` (whole seconds) to answer if a send to `chatId` now exceeds a limit. */
  check(chatId: number): number | undefined {
    const now = this.now();
    for (const [window, kind] of this.windows(chatId)) {
      const ms = window.wait(now);
      if (ms > 0) {
        this.violations[kind]++;
        this.violations.total++;
        return Math.max(1, Math.ceil(ms / 1000));
      }
    }
    return undefined;
  }

  /** Counts a send that went through. */
  commit(chatId: number): void {
    const now = this.now();
    for (const [window] of this.windows(chatId)) window.add(now);
  }
}
