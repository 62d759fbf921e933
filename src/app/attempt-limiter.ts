import { DomainError } from '../core/shared/domain-error.ts';

/**
 * Counts attempts per key (a source address) in fixed windows, per server process: at most
 * `limit` in any window of `windowMs`. It guards the routes that take no token (complaints, the
 * citizen logins, the transparency report) against flooding, and the complaint lookups against
 * guessing query codes. State is bounded: when `maxKeys` keys are
 * held, windows already ended are dropped, then the oldest, so a spray of addresses cannot grow
 * memory without end. Several processes each count on their own; the code's 60 bits, not the
 * limit, are what make guessing hopeless, and the limit keeps it so.
 */
export class AttemptLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(limit: number, windowMs: number, maxKeys = 10_000) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
  }

  /** Counts one attempt; when over the limit, says in how many milliseconds the window reopens. */
  take(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    let window = this.windows.get(key);
    if (!window || nowMs - window.start >= this.windowMs) {
      this.windows.delete(key);
      this.prune(nowMs);
      window = { start: nowMs, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return { allowed: false, retryAfterMs: window.start + this.windowMs - nowMs };
    window.count += 1;
    return { allowed: true };
  }

  private prune(nowMs: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) if (nowMs - window.start >= this.windowMs) this.windows.delete(key);
    // Maps iterate in insertion order: the first keys are the oldest windows.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/** How many attempts a window allows, and how long it lasts. */
export interface AttemptWindow {
  attempts: number;
  windowMs: number;
}

/** Counts one attempt from `address`; past the limit, refuses with 429 RATE_LIMITED and the seconds to wait. */
export function admit(limiter: AttemptLimiter, address: string, nowMs: number): void {
  const verdict = limiter.take(address, nowMs);
  if (!verdict.allowed) {
    throw new DomainError('RATE_LIMITED', '请求过于频繁，请稍后再试 / too many requests; try again later', { details: { retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000) } });
  }
}
