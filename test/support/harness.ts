import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Principal } from '../../src/app/context.ts';
import { ManualClock } from '../../src/core/shared/clock.ts';
import { seededRandom, uuidV7Generator } from '../../src/core/shared/id-generator.ts';
import { buildHttpApp } from '../../src/http/build-app.ts';
import { defaultKeyStorePath, loadConfig, type ConfigInput } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';

export type Dialect = 'sqlite' | 'postgres';

const postgresUrl = process.env['TEST_DATABASE_URL'];

/** Every dialect this machine can reach: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DIALECTS: Dialect[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** The instant tests start at: a Friday, 10:00 in Shanghai. */
export const TEST_START = '2026-11-27T02:00:00.000Z';

export interface TestRuntime {
  runtime: Runtime;
  clock: ManualClock;
  app: FastifyInstance;
  close(): Promise<void>;
}

let counter = 0;

/** A migrated, empty Custos on the given dialect, with a manual clock and seeded randomness. */
export async function createTestRuntime(dialect: Dialect, options: { bodyLimitBytes?: number; cryptoSuite?: 'intl' | 'gm'; gatewayRatePerSecond?: number; config?: ConfigInput } = {}): Promise<TestRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'custos-test-'));
  const clock = new ManualClock(TEST_START);
  const random = seededRandom(0xc0ffee + counter);
  let schema: string | undefined;
  if (dialect === 'postgres') {
    schema = `t_${process.pid}_${counter}_${Date.now().toString(36)}`;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  }
  counter += 1;
  const config = loadConfig({
    environment: {},
    flags: { dataDir, databaseUrl: dialect === 'postgres' ? postgresUrl : undefined, logLevel: 'silent', bodyLimitBytes: options.bodyLimitBytes, cryptoSuite: options.cryptoSuite, gatewayRatePerSecond: options.gatewayRatePerSecond, ...options.config },
  });
  const runtime = openRuntime(config, { clock, random, ids: uuidV7Generator(clock, random), ...(schema ? { schema } : {}) });
  await runtime.migrate();
  const app = await buildHttpApp({ services: runtime.services, logger: false, bodyLimit: config.bodyLimitBytes, nextRequestId: () => runtime.context.ids.next() });
  return {
    runtime,
    clock,
    app,
    async close() {
      await app.close();
      await runtime.close();
      if (schema) {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(defaultKeyStorePath(dataDir).replace(/\/keystore\.json$/, ''), { recursive: true, force: true });
    },
  };
}

/** A principal for a person, as the auth layer would build it: for setting up fixtures. */
export async function principalFor(runtime: Runtime, personId: string): Promise<Principal> {
  const person = await runtime.context.store.read.people.get(personId);
  if (!person) throw new Error(`no person ${personId}`);
  const org = await runtime.context.store.read.organisations.get(person.orgId);
  if (!org) throw new Error(`no organisation ${person.orgId}`);
  return { person, org, tokenId: 'fixture' };
}
