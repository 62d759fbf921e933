import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { buildGatewayWorld, exchange, RESIDENTS } from './gateway-world.ts';

interface Answer {
  records: Record<string, string | null>[];
  nextCursor: string | null;
  code?: string;
}

/** The dataset method: whole pages and bulk export, each page audited; and the credential's own limits. */
describe.each(DIALECTS)('dataset grants, export and credential limits (%s)', (dialect) => {
  let test: TestRuntime;
  afterEach(async () => test.close());

  it('pages through the rows in scope with a cursor, and exports them as NDJSON', async () => {
    test = await createTestRuntime(dialect);
    const world = await buildGatewayWorld(test, { method: 'dataset' });
    const first = await exchange<Answer>(test, world, 'query', { limit: 2 });
    expect(first.body.records).toHaveLength(2);
    const second = await exchange<Answer>(test, world, 'query', { limit: 2, cursor: first.body.nextCursor });
    // Three residents are in the county; the fourth is outside the row scope.
    expect([second.body.records.length, second.body.nextCursor]).toEqual([1, null]);
    const exported = await exchange<string>(test, world, 'export', {});
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    const lines = String(exported.body).trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => /^331199\*{8}/.test(line['resident_id']!))).toBe(true);
    const seq = Number(exported.headers['x-custos-audit-seq']);
    const records = await test.runtime.context.store.read.accessRecords.byAuditSeq(seq);
    expect(records.map((record) => record.operation)).toEqual(['export', 'export', 'export']);
    for (const resident of RESIDENTS) expect(String(exported.body)).not.toContain(resident.residentId);
  });

  it('refuses calls beyond the credential’s rate, and a suspended credential at once', async () => {
    test = await createTestRuntime(dialect, { gatewayRatePerSecond: 2 });
    const world = await buildGatewayWorld(test);
    const subject = RESIDENTS[0]!.residentId;
    const codes = [];
    for (let call = 0; call < 3; call += 1) codes.push((await exchange<Answer>(test, world, 'query', { subject })).body.code ?? 'OK');
    expect(codes).toEqual(['OK', 'OK', 'RATE_LIMITED']);
    test.clock.set(new Date(test.clock.now().getTime() + 1000).toISOString());
    expect((await exchange<Answer>(test, world, 'query', { subject })).status).toBe(200);
    // No route suspends credentials yet (active defence will); the stored status is what counts.
    const { db } = test.runtime.database;
    await db.updateTable('credentials').set({ status: 'suspended' }).where('id', '=', world.credentialId).execute();
    await sql`update policy_counter set version = version + 1 where id = 1`.execute(db);
    const suspended = await exchange<Answer>(test, world, 'query', { subject });
    expect([suspended.status, suspended.body.code]).toEqual([403, 'CREDENTIAL_SUSPENDED']);
  });
});
