import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/http/build-app.ts';
import { createTestRuntime, type TestRuntime } from '../support/harness.ts';

const FORWARDED = '203.0.113.45';

/** Behind an untrusted proxy every caller looks like the proxy: the operator is told once, without the forwarded address. */
describe('a forwarded request without trustProxy', () => {
  let test: TestRuntime;
  beforeAll(async () => {
    test = await createTestRuntime('sqlite');
  });
  afterAll(() => test.close());

  async function warnings(trustProxy: string[] | undefined, headers: Record<string, string>[]): Promise<string[]> {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const app = await buildHttpApp({ services: test.runtime.services, logger, bodyLimit: 1_048_576, nextRequestId: () => test.runtime.context.ids.next(), trustProxy });
    try {
      for (const header of headers) expect((await app.inject({ method: 'GET', url: '/api/v1/health', headers: header })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const warned = lines.filter((line) => (JSON.parse(line) as { level: number }).level === 40);
    for (const line of warned) expect(line).not.toContain(FORWARDED);
    return warned;
  }

  it('is warned of once in the log, naming the setting and not the address', async () => {
    const logged = await warnings(undefined, [{}, { 'x-forwarded-for': FORWARDED }, { 'x-forwarded-for': FORWARDED }]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('CUSTOS_TRUST_PROXY');
  });

  it('is not warned of when trustProxy names the proxy, nor when nothing is forwarded', async () => {
    expect(await warnings(['127.0.0.1'], [{ 'x-forwarded-for': FORWARDED }])).toEqual([]);
    expect(await warnings(undefined, [{}, {}])).toEqual([]);
  });
});
