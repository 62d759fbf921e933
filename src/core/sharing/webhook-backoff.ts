/**
 * When to try a webhook delivery again. A department system that is down for maintenance over a
 * night still gets its events, while one that is gone for good stops costing us requests.
 *
 * Deterministic on purpose (no jitter): retry times are evidence of how hard we tried to tell a
 * department, and tests assert them exactly. The first attempt is immediate; the six retries
 * follow after 30 s, 2 min, 8 min, 32 min, 2 h 8 min and 8 h 32 min — about 11 h in all.
 */
export const MAX_ATTEMPTS = 7;
export const FIRST_RETRY_DELAY_MS = 30_000;
export const BACKOFF_FACTOR = 4;

/**
 * The wait after the `attempts`-th failed attempt, or null when that was the last one allowed
 * and the delivery is to be marked failed.
 */
export function nextAttemptDelayMs(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  if (attempts >= MAX_ATTEMPTS) return null;
  return FIRST_RETRY_DELAY_MS * BACKOFF_FACTOR ** (attempts - 1);
}
