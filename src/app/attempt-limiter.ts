import { isIPv6 } from 'node:net';
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

/** IPv6 groups an address has; a subscriber is given a /64 at least (RFC 6177), its first four. */
const IPV6_GROUPS = 8;
const SUBSCRIBER_GROUPS = 4;

/**
 * The key an address counts under: an IPv4 address itself (also when written IPv4-mapped), an IPv6
 * address by its /64. One IPv6 client holds a whole /64 and could otherwise knock from a fresh
 * address each time.
 */
export function addressKey(address: string): string {
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return bare;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped?.[1] !== undefined) return mapped[1];
  const [head = '', tail] = bare.split('::');
  const groups = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const left = groups(head);
  const right = groups(tail);
  const full = tail === undefined ? left : [...left, ...Array<string>(IPV6_GROUPS - left.length - right.length).fill('0'), ...right];
  return `${full.slice(0, SUBSCRIBER_GROUPS).map((group) => group.toLowerCase().padStart(4, '0')).join(':')}::/64`;
}

/** Counts one attempt from `address` (by addressKey); past the limit, refuses with 429 RATE_LIMITED and the seconds to wait. */
export function admit(limiter: AttemptLimiter, address: string, nowMs: number): void {
  const verdict = limiter.take(addressKey(address), nowMs);
  if (!verdict.allowed) {
    throw new DomainError('RATE_LIMITED', '请求过于频繁，请稍后再试 / too many requests; try again later', { details: { retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000) } });
  }
}
