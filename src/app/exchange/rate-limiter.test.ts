import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows a second’s worth at once, then refills at the rate, per key', () => {
    const limiter = new RateLimiter(3);
    const taken = [0, 0, 0, 0].map(() => limiter.take('a', 1000));
    expect(taken).toEqual([true, true, true, false]);
    expect(limiter.take('b', 1000)).toBe(true);
    expect(limiter.take('a', 1300)).toBe(false);
    expect(limiter.take('a', 1340)).toBe(true);
  });
});
