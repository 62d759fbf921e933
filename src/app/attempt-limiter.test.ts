import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.ts';

describe('AttemptLimiter', () => {
  it('allows the limit in a window, refuses the next with the time left, and reopens', () => {
    const limiter = new AttemptLimiter(3, 60_000);
    for (let attempt = 0; attempt < 3; attempt += 1) expect(limiter.take('198.51.100.7', 1_000 + attempt)).toEqual({ allowed: true });
    expect(limiter.take('198.51.100.7', 31_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(limiter.take('203.0.113.9', 31_000)).toEqual({ allowed: true });
    expect(limiter.take('198.51.100.7', 61_000)).toEqual({ allowed: true });
  });

  it('holds at most maxKeys keys, dropping the oldest first', () => {
    const limiter = new AttemptLimiter(1, 60_000, 2);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('b', 1).allowed).toBe(true);
    expect(limiter.take('c', 2).allowed).toBe(true);
    // 'a' was dropped to make room, so it starts afresh; 'c' is still counted.
    expect(limiter.take('a', 3).allowed).toBe(true);
    expect(limiter.take('c', 4).allowed).toBe(false);
  });
});
