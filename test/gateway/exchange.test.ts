import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sm3 } from '../../src/core/audit/merkle/index.ts';
import { requestHash } from '../../src/core/exchange/index.ts';
import { MerkleAuditLog } from '../../src/storage/audit/merkle-audit-log.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildGatewayWorld, exchange, RESIDENTS, type GatewayWorld } from './gateway-world.ts';

interface Answer {
  records: Record<string, string | null>[];
  nextCursor: string | null;
  code?: string;
}

const [wang, li, , zhao] = RESIDENTS as [typeof RESIDENTS[0], typeof RESIDENTS[0], typeof RESIDENTS[0], typeof RESIDENTS[0]];

describe.each(DIALECTS)('exchange gateway (%s)', (dialect) => {
  let test: TestRuntime;
  let world: GatewayWorld;

  beforeEach(async () => {
    test = await createTestRuntime(dialect);
    world = await buildGatewayWorld(test);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await test.close();
  });

  /** The audit entry at `seq`, parsed from its leaf. */
  const audited = async (seq: number) => JSON.parse((await test.runtime.context.store.auditStore.entries(seq, seq + 1))[0]!.leaf) as { action: string; details: Record<string, unknown> };

  it('answers a granted subject query masked per the grant, with the audit seq and request hash, and records the access', async () => {
    const reply = await exchange<Answer>(test, world, 'query', { subject: wang.residentId });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({ records: [{ name: '王**', resident_id: `${wang.residentId.slice(0, 6)}********${wang.residentId.slice(-4)}` }], nextCursor: null });
    expect(reply.headers['x-custos-request-hash']).toMatch(/^[0-9a-f]{64}$/);
    const seq = Number(reply.headers['x-custos-audit-seq']);
    const entry = await audited(seq);
    expect(entry.action).toBe('exchange.query.permitted');
    expect(entry.details).toMatchObject({ records: 1, grantId: world.grant.id, requestHash: reply.headers['x-custos-request-hash'], regions: { '331199': 1 } });
    const leaf = JSON.stringify(entry);
    for (const value of [wang.residentId, wang.name, wang.address]) expect(leaf).not.toContain(value);
    const records = await test.runtime.context.store.read.accessRecords.byAuditSeq(seq);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ grantId: world.grant.id, consumerOrgId: world.orgs.civil, personId: world.people.civilConsumer.id, items: ['name', 'resident_id'], operation: 'query' });
    expect(Object.keys(records[0]!.valueHashes)).toEqual(['name', 'resident_id']);
  });

  it('finds rows by a filter on a granted item without plaintext in storage, and pages with a cursor', async () => {
    const byName = await exchange<Answer>(test, world, 'query', { filters: { name: li.name } });
    expect(byName.body.records).toEqual([{ name: '李*', resident_id: expect.stringMatching(/^331199\*{8}/) }]);
    const reply = await exchange<Answer>(test, world, 'query', { filters: { name: li.name }, items: ['name'], limit: 1 });
    expect(reply.body).toEqual({ records: [{ name: '李*' }], nextCursor: null });
  });

  it('keeps rows outside the grant’s row scope out of sight', async () => {
    const reply = await exchange<Answer>(test, world, 'query', { subject: zhao.residentId });
    expect(reply.status).toBe(200);
    expect(reply.body.records).toEqual([]);
  });

  it('refuses whole-table queries under the api method, and exports, with codes', async () => {
    expect((await exchange<Answer>(test, world, 'query', {})).body.code).toBe('SUBJECT_OR_FILTER_REQUIRED');
    const exported = await exchange<Answer>(test, world, 'export', {});
    expect([exported.status, exported.body.code]).toEqual([403, 'OPERATION_NOT_GRANTED']);
  });

  it('denies each failed check with its code, and audits the denial', async () => {
    const before = await auditCount(test.runtime);
    const cases: [Parameters<typeof exchange>[4], unknown, number, string][] = [
      [{ token: 'cus_c_not-a-token' }, { subject: wang.residentId }, 401, 'CREDENTIAL_INVALID'],
      [{ ip: '10.9.8.7' }, { subject: wang.residentId }, 403, 'SOURCE_IP_NOT_ALLOWED'],
      [{ purpose: 'PATROL' }, { subject: wang.residentId }, 403, 'PURPOSE_MISMATCH'],
      [{ user: 'nobody-here' }, { subject: wang.residentId }, 403, 'USER_UNKNOWN'],
      [{ user: world.policeConsumer.login }, { subject: wang.residentId }, 403, 'USER_NOT_ALLOWED'],
      [{ user: world.people.civilAdmin.login }, { subject: wang.residentId }, 403, 'USER_ROLE_MISSING'],
      [{}, { subject: wang.residentId, items: ['address'] }, 403, 'ITEM_NOT_GRANTED'],
      [{}, { filters: { address: wang.address } }, 403, 'ITEM_NOT_GRANTED'],
      [{}, { subject: '331199198001010000' }, 400, 'SUBJECT_INVALID'],
      [{}, { subject: wang.residentId, cursor: 'bm9wZQ' }, 400, 'CURSOR_INVALID'],
      [{ issue: '%E0%A4%A' }, { subject: wang.residentId }, 400, 'CASE_NUMBER_INVALID'],
      [{ issue: encodeURIComponent(`案件 ${li.residentId}`) }, { subject: wang.residentId }, 400, 'CASE_NUMBER_INVALID'],
    ];
    for (const [headers, body, status, code] of cases) {
      const reply = await exchange<Answer>(test, world, 'query', body, headers);
      expect([reply.status, reply.body.code], code).toEqual([status, code]);
      expect(reply.body.records).toBeUndefined();
      const entry = await audited(Number(reply.headers['x-custos-audit-seq']));
      expect(entry).toMatchObject({ action: 'exchange.denied', details: { code } });
      expect(JSON.stringify(entry)).not.toContain(li.residentId);
    }
    expect(await auditCount(test.runtime)).toBe(before + cases.length);
  });

  it('refuses a call without a bearer token before reading its body, and audits it', async () => {
    const response = await test.app.inject({ method: 'POST', url: '/api/v1/exchange/COND/query', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ subject: wang.residentId }) });
    expect([response.statusCode, response.json().code]).toEqual([401, 'CREDENTIAL_INVALID']);
    const entry = await audited(Number(response.headers['x-custos-audit-seq']));
    expect(entry).toMatchObject({ action: 'exchange.denied', details: { code: 'CREDENTIAL_INVALID', operation: 'query' } });
  });

  it('admits the contractor operating the system, and refuses a person without current training', async () => {
    const operated = await exchange<Answer>(test, world, 'query', { subject: wang.residentId }, { user: world.contractorUser.login });
    expect(operated.status).toBe(200);
    const { person } = await test.runtime.services.people.create(null, { orgId: world.orgs.civil, login: 'civil-untrained', name: '新同事', roles: ['consumer'] });
    expect(person.id).toBeTruthy();
    const untrained = await exchange<Answer>(test, world, 'query', { subject: wang.residentId }, { user: 'civil-untrained' });
    expect([untrained.status, untrained.body.code]).toEqual([403, 'USER_UNTRAINED']);
  });

  it('verification answers yes or no only', async () => {
    const yes = await exchange(test, world, 'verify', { subject: wang.residentId, assert: { name: wang.name } });
    expect([yes.status, yes.body]).toEqual([200, { match: true }]);
    const no = await exchange(test, world, 'verify', { subject: wang.residentId, assert: { name: li.name } });
    expect(no.body).toEqual({ match: false });
    const outside = await exchange(test, world, 'verify', { subject: zhao.residentId, assert: { name: zhao.name } });
    expect(outside.body).toEqual({ match: false });
    const records = await test.runtime.context.store.read.accessRecords.byAuditSeq(Number(yes.headers['x-custos-audit-seq']));
    expect(records).toMatchObject([{ operation: 'verify', items: ['name'], valueHashes: {} }]);
  });

  it('stops at once when the grant is suspended or revoked', async () => {
    const supervisor = await principalFor(test.runtime, world.approver.id);
    await test.runtime.services.grants.suspend(supervisor, world.grant.id, { reason: '核查异常调用' });
    expect((await exchange<Answer>(test, world, 'query', { subject: wang.residentId })).body.code).toBe('GRANT_SUSPENDED');
    await test.runtime.services.grants.revoke(supervisor, world.grant.id, { reason: '确认违规' });
    expect((await exchange<Answer>(test, world, 'query', { subject: wang.residentId })).body.code).toBe('GRANT_REVOKED');
  });

  it('denies after the grant’s end', async () => {
    const admin = await principalFor(test.runtime, world.people.admin.id);
    await test.runtime.services.people.addTraining(admin, world.people.civilConsumer.id, { course: 'data-security-basics', passedAt: '2026-11-27T00:00:00.000Z', expiresAt: '2029-11-27T00:00:00.000Z' });
    test.clock.set(new Date(Date.parse(world.grant.expiresAt) + 1000).toISOString());
    expect((await exchange<Answer>(test, world, 'query', { subject: wang.residentId })).body.code).toBe('GRANT_EXPIRED');
  });

  it('fails closed: when the audit append throws, no data leaves', async () => {
    vi.spyOn(MerkleAuditLog.prototype, 'appendBatch').mockRejectedValue(new Error('disk full'));
    const reply = await exchange<Answer>(test, world, 'query', { subject: wang.residentId });
    expect([reply.status, reply.body.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
    expect(JSON.stringify(reply.body)).not.toContain('王');
    expect(reply.headers['x-custos-audit-seq']).toBeUndefined();
    vi.restoreAllMocks();
    expect(await test.runtime.context.store.read.accessRecords.bySubject(test.runtime.services.exchange.subject(wang.residentId)!.index, 0, 10)).toEqual([]);
  });

  it('another department’s system holds no grant here', async () => {
    const { secret } = await test.runtime.services.credentials.create(null, { orgId: world.orgs.police, appId: 'police-app', allowedIps: ['127.0.0.1'], responsiblePersonId: world.people.policeAdmin.id });
    const reply = await exchange<Answer>(test, world, 'query', { subject: wang.residentId }, { token: secret, user: world.policeConsumer.login });
    expect([reply.status, reply.body.code]).toEqual([403, 'GRANT_NOT_FOUND']);
  });

  it('refuses bodies outside the schema without touching the pipeline', async () => {
    const before = await auditCount(test.runtime);
    for (const body of [{ subject: wang.residentId, extra: 1 }, { limit: 1000, subject: wang.residentId }, { filters: { name: 3 } }]) {
      const reply = await exchange<Answer>(test, world, 'query', body);
      expect([reply.status, reply.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(reply.body)).not.toContain(wang.residentId);
    }
    const malformed = await test.app.inject({ method: 'POST', url: '/api/v1/exchange/COND/query', headers: { 'content-type': 'application/json', authorization: `Bearer ${world.token}` }, payload: '{"subject":' });
    expect(malformed.statusCode).toBe(400);
    expect(await auditCount(test.runtime)).toBe(before);
  });

  it('works the same under the gm suite (SM4-GCM at rest, SM3 request hash)', async () => {
    const gm = await createTestRuntime(dialect, { cryptoSuite: 'gm' });
    try {
      const gmWorld = await buildGatewayWorld(gm);
      const reply = await exchange<Answer>(gm, gmWorld, 'query', { subject: wang.residentId });
      expect(reply.body.records).toEqual([{ name: '王**', resident_id: expect.stringMatching(/^331199\*{8}/) }]);
      const body = new TextEncoder().encode(JSON.stringify({ subject: wang.residentId }));
      const expected = requestHash(sm3, { method: 'POST', path: '/api/v1/exchange/COND/query', purpose: 'MINIMUM_LIVING', user: gmWorld.people.civilConsumer.login, issue: '', body });
      expect(reply.headers['x-custos-request-hash']).toBe(expected);
    } finally {
      await gm.close();
    }
  });

  it('shows its routes in the OpenAPI document', async () => {
    const reply = await call<{ paths: Record<string, unknown> }>(test.app, 'GET', '/api/v1/openapi.json');
    expect(Object.keys(reply.body.paths)).toEqual(expect.arrayContaining(['/api/v1/exchange/{resourceCode}/query', '/api/v1/exchange/{resourceCode}/verify', '/api/v1/exchange/{resourceCode}/export']));
  });
});
