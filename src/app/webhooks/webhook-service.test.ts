import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DISPATCH_LIMIT, startWebhookDispatcher, type DispatchResult, type WebhookService } from './webhook-service.ts';

/** A stand-in whose dispatchDue answers from a script and resolves only when released. */
function stubService(results: (DispatchResult | Error)[]) {
  const pending: (() => void)[] = [];
  let calls = 0;
  const service = {
    dispatchDue: () => {
      const result = results[calls++] ?? { delivered: 0, retried: 0, failed: 0 };
      return new Promise<DispatchResult>((resolve, reject) => pending.push(() => (result instanceof Error ? reject(result) : resolve(result))));
    },
  } as unknown as WebhookService;
  return { service, calls: () => calls, release: () => pending.splice(0).forEach((resolve) => resolve()) };
}

describe('webhook dispatcher loop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never overlaps a run still in progress', async () => {
    const stub = stubService([]);
    const stop = startWebhookDispatcher(stub.service, 1000, () => undefined);
    await vi.advanceTimersByTimeAsync(5000);
    expect(stub.calls()).toBe(1);
    stub.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(stub.calls()).toBe(2);
    stop();
  });

  it('runs again at once while batches come back full, to drain a backlog', async () => {
    const full = { delivered: DEFAULT_DISPATCH_LIMIT - 1, retried: 1, failed: 0 };
    const stub = stubService([full, full, { delivered: 3, retried: 0, failed: 0 }]);
    const stop = startWebhookDispatcher(stub.service, 1000, () => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    for (let index = 0; index < 3; index++) {
      stub.release();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(stub.calls()).toBe(3);
    stop();
  });

  it('hands errors to onError and keeps going; stop ends it', async () => {
    const failure = new Error('database gone');
    const stub = stubService([failure]);
    const errors: unknown[] = [];
    const stop = startWebhookDispatcher(stub.service, 1000, (error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(1000);
    stub.release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toEqual([failure]);
    expect(stub.calls()).toBe(2);
    stub.release();
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stub.calls()).toBe(2);
  });
});
