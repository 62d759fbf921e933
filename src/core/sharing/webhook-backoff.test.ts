import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptDelayMs } from './webhook-backoff.ts';

const MINUTE = 60_000;

describe('webhook retry backoff', () => {
  it('waits 30 s, then four times longer after each failure', () => {
    const delays = [1, 2, 3, 4, 5, 6].map(nextAttemptDelayMs);
    expect(delays).toEqual([30_000, 2 * MINUTE, 8 * MINUTE, 32 * MINUTE, 128 * MINUTE, 512 * MINUTE]);
  });

  it('gives up after the seventh attempt', () => {
    expect(MAX_ATTEMPTS).toBe(7);
    expect(nextAttemptDelayMs(MAX_ATTEMPTS)).toBeNull();
    expect(nextAttemptDelayMs(MAX_ATTEMPTS + 5)).toBeNull();
  });

  it('refuses a count that is not a positive integer', () => {
    for (const attempts of [0, -1, 1.5, Number.NaN]) expect(() => nextAttemptDelayMs(attempts)).toThrow(RangeError);
  });
});
