/** The bot's sense of time, injectable so that tests and the console can move it. */
export interface Clock {
  /** Current time in ms since the epoch. */
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that runs with the machine's but can be moved forward (console `:time`, tests). */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  /** Moves the clock by `ms` (forward when positive). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Sets the clock to `time`, which then runs on. */
  set(time: number): void {
    this.offsetMs = time - this.base.now();
  }
}
