/**
 * A per-member token bucket: a member may send `perMinute` commands a minute (with bursts
 * up to that number). Kept in memory: a restart forgives everyone, which is fine.
 */

/** The verdict for one command. */
export type RateVerdict = "allowed" | "limited-first" | "limited";

interface Bucket {
  tokens: number;
  at: number;
  warned: boolean;
}

/** Token buckets by member id. */
export class RateLimiter {
  private readonly buckets = new Map<number, Bucket>();

  constructor(private readonly perMinute: number) {}

  /** Takes one token for `memberId` at time `now`; says whether to warn (first refusal). */
  take(memberId: number, now: number): RateVerdict {
    const bucket = this.buckets.get(memberId) ?? { tokens: this.perMinute, at: now, warned: false };
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (elapsed * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(memberId, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return "allowed";
    }
    if (bucket.warned) return "limited";
    bucket.warned = true;
    return "limited-first";
  }

  /** Drops buckets that have refilled, so that memory follows the active members only. */
  private forgetFull(now: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + ((now - b.at) * this.perMinute) / 60_000 >= this.perMinute)
        this.buckets.delete(id);
    }
  }
}
