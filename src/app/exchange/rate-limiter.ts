/**
 * A token bucket per system credential, per server process: `perSecond` calls a second on
 * average, bursts of up to one second's worth. With several processes behind a load balancer
 * each holds its own bucket; the daily quota, counted in the database, is the hard limit.
 */
export class RateLimiter {
  private readonly perSecond: number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(perSecond: number) {
    this.perSecond = perSecond;
  }

  take(key: string, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, at: nowMs };
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((nowMs - bucket.at) / 1000) * this.perSecond);
    bucket.at = nowMs;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }
}
