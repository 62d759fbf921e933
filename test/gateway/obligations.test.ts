import { afterEach, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { approved, grantOf, submitted } from '../sharing/support.ts';
import { buildGatewayWorld, exchange, GRANT_IN_FORCE, RESIDENTS, residentId, type GatewayWorld } from './gateway-world.ts';

interface Answer {
  records: Record<string, string | null>[];
  code?: string;
}

const [wang, li] = RESIDENTS as [(typeof RESIDENTS)[0], (typeof RESIDENTS)[0]];

/** What each grant obliges the gateway to do: quota, consent, masks, case numbers. */
describe.each(DIALECTS)('grant obligations at the gateway (%s)', (dialect) => {
  let test: TestRuntime;
  afterEach(async () => test.close());

  async function world(overrides: Record<string, unknown> = {}, approval: Record<string, unknown> = {}): Promise<GatewayWorld> {
    test = await createTestRuntime(dialect);
    return buildGatewayWorld(test, overrides, approval);
  }

  it('holds the consumer to its daily quota, and counts again the next day', async () => {
    const gateway = await world({ expectedVolumePerDay: 2 });
    expect(gateway.grant.quotaPerDay).toBe(2);
    for (let call = 0; call < 2; call += 1) expect((await exchange<Answer>(test, gateway, 'query', { subject: wang.residentId })).status).toBe(200);
    const over = await exchange<Answer>(test, gateway, 'query', { subject: wang.residentId });
    expect([over.status, over.body.code]).toEqual([429, 'QUOTA_EXCEEDED']);
    test.clock.set('2026-12-01T02:00:00.000Z');
    expect((await exchange<Answer>(test, gateway, 'query', { subject: wang.residentId })).status).toBe(200);
  });

  it('counts the quota exactly when calls race for the last one', async () => {
    const gateway = await world({ expectedVolumePerDay: 3 });
    const replies = await Promise.all(Array.from({ length: 8 }, () => exchange<Answer>(test, gateway, 'query', { subject: wang.residentId })));
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(3);
    expect(replies.filter((reply) => reply.body.code === 'QUOTA_EXCEEDED')).toHaveLength(5);
  });

  it('returns only the rows of subjects whose consent is in force, under the consent basis', async () => {
    const gateway = await world({ piBasis: { kind: 'consent' } });
    const civil = await principalFor(test.runtime, gateway.people.civilConsumer.id);
    await test.runtime.services.consents.record(civil, { subjectId: li.residentId, purposeCode: 'MINIMUM_LIVING', resourceCode: 'COND', givenAt: GRANT_IN_FORCE, evidence: '书面同意书〔2026〕第 3 号' });
    expect((await exchange<Answer>(test, gateway, 'query', { subject: li.residentId })).body.records).toHaveLength(1);
    expect((await exchange<Answer>(test, gateway, 'query', { subject: wang.residentId })).body.records).toEqual([]);
    expect((await exchange(test, gateway, 'verify', { subject: wang.residentId, assert: { name: wang.name } })).body).toEqual({ match: false });
  });

  it('applies the masks the provider fixed in the grant', async () => {
    const gateway = await world({ items: ['name', 'resident_id', 'address'] }, { masks: { name: 'redact', address: 'null' } });
    expect(gateway.grant.items).toEqual([
      { code: 'name', mask: 'redact' },
      { code: 'resident_id', mask: 'resident_id' },
      { code: 'address', mask: 'null' },
    ]);
    const reply = await exchange<Answer>(test, gateway, 'query', { subject: wang.residentId });
    expect(reply.body.records).toEqual([{ name: '***', resident_id: expect.stringMatching(/^331199\*{8}\d{3}[\dX]$/), address: null }]);
  });

  it('requires a case number from general-4 up, and keeps it in the audit entry', async () => {
    test = await createTestRuntime(dialect);
    const gateway = await buildGatewayWorld(test);
    const police = await principalFor(test.runtime, gateway.people.policeAdmin.id);
    const rows = ['公民身份号码,诊断', `${wang.residentId},高血压`, `${residentId('331199', '19600101', 51)},糖尿病`].join('\n');
    await test.runtime.services.datasets.load(police, 'HEALTH', { bytes: new TextEncoder().encode(rows) }, 'csv');
    test.clock.set('2026-11-27T03:00:00.000Z');
    const request = await submitted(test, gateway, { resourceCode: 'HEALTH', items: ['resident_id', 'diagnosis'] });
    await approved(test, gateway.approver, request.id);
    const granted = await approved(test, gateway.people.supervisor, request.id);
    expect((await grantOf(test, gateway.approver, granted.grantId!)).caseNumberRequired).toBe(true);
    test.clock.set(GRANT_IN_FORCE);
    const without = await exchange<Answer>(test, gateway, 'query', { subject: wang.residentId }, {}, 'HEALTH');
    expect([without.status, without.body.code]).toEqual([403, 'CASE_NUMBER_REQUIRED']);
    const issue = '民救〔2026〕第 118 号';
    const reply = await exchange<Answer>(test, gateway, 'query', { subject: wang.residentId }, { issue: encodeURIComponent(issue) }, 'HEALTH');
    expect(reply.body.records).toEqual([{ resident_id: expect.stringMatching(/^331199/), diagnosis: '***' }]);
    const [entry] = await test.runtime.context.store.auditStore.entries(Number(reply.headers['x-custos-audit-seq']), Number(reply.headers['x-custos-audit-seq']) + 1);
    expect(JSON.parse(entry!.leaf).details.issue).toBe(issue);
  });
});
