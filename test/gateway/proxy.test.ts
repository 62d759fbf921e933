import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { buildGatewayWorld, exchange, RESIDENTS, type GatewayWorld } from './gateway-world.ts';

interface Answer {
  records: Record<string, string | null>[];
  nextCursor: string | null;
  code?: string;
}

const [wang, li, , zhao] = RESIDENTS as [(typeof RESIDENTS)[0], (typeof RESIDENTS)[0], (typeof RESIDENTS)[0], (typeof RESIDENTS)[0]];

/** The provider's own API: answers from its records, plus an item nobody granted, and remembers what it was asked. */
function startUpstream(answer: (request: Record<string, unknown>) => { status: number; body: unknown }): Promise<{ server: Server; url: string; asked: Record<string, unknown>[]; headers: Record<string, unknown>[] }> {
  const asked: Record<string, unknown>[] = [];
  const headers: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      asked.push(body);
      headers.push(request.headers);
      const { status, body: reply } = answer(body);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/population/query`, asked, headers })));
}

const record = (resident: (typeof RESIDENTS)[0]) => ({ name: resident.name, resident_id: resident.residentId, address: resident.address, internal_note: '内部备注' });

/** Proxy mode: the gateway forwards to the provider's API and applies the same projection, masking and records. */
describe.each(DIALECTS)('proxy mode (%s)', (dialect) => {
  let test: TestRuntime;
  let world: GatewayWorld;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let reply: (request: Record<string, unknown>) => { status: number; body: unknown };

  beforeEach(async () => {
    test = await createTestRuntime(dialect);
    world = await buildGatewayWorld(test);
    reply = () => ({ status: 200, body: { records: [record(wang)], nextCursor: null } });
    upstream = await startUpstream((request) => reply(request));
    const police = await principalFor(test.runtime, world.people.policeAdmin.id);
    await test.runtime.services.datasets.useUpstream(police, 'COND', upstream.url);
  });
  afterEach(async () => {
    await new Promise((resolve) => upstream.server.close(resolve));
    await test.close();
  });

  it('forwards the call, then projects, masks and records the answer like hosted rows', async () => {
    const answer = await exchange<Answer>(test, world, 'query', { subject: wang.residentId });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ records: [{ name: '王**', resident_id: expect.stringMatching(/^331199\*{8}/) }], nextCursor: null });
    expect(upstream.asked).toEqual([{ operation: 'query', subject: wang.residentId, items: ['resident_id', 'name'], limit: 20 }]);
    expect(upstream.headers[0]).toMatchObject({ 'x-custos-request-hash': answer.headers['x-custos-request-hash'], 'x-custos-purpose': 'MINIMUM_LIVING', 'x-custos-consumer': world.orgs.civil });
    const records = await test.runtime.context.store.read.accessRecords.byAuditSeq(Number(answer.headers['x-custos-audit-seq']));
    expect(records).toHaveLength(1);
  });

  it('drops records about other subjects, outside the row scope, or without a valid subject key', async () => {
    reply = () => ({ status: 200, body: { records: [record(li), record(zhao), { name: '无号码' }, { ...record(wang), resident_id: '331199198001010000' }], nextCursor: 'page-2' } });
    const filtered = await exchange<Answer>(test, world, 'query', { filters: { name: li.name } });
    expect(filtered.body.records).toEqual([{ name: '李*', resident_id: expect.stringMatching(/^331199/) }]);
    expect(filtered.body.nextCursor).toEqual(expect.any(String));
    await exchange<Answer>(test, world, 'query', { filters: { name: li.name }, cursor: filtered.body.nextCursor });
    expect(upstream.asked[1]).toMatchObject({ cursor: 'page-2' });
    const aboutWang = await exchange<Answer>(test, world, 'query', { subject: wang.residentId });
    expect(aboutWang.body.records).toEqual([]);
  });

  it('verifies through the provider and answers yes or no only', async () => {
    expect((await exchange(test, world, 'verify', { subject: wang.residentId, assert: { name: wang.name } })).body).toEqual({ match: true });
    expect((await exchange(test, world, 'verify', { subject: wang.residentId, assert: { name: li.name } })).body).toEqual({ match: false });
  });

  it('fails closed with UPSTREAM_FAILED when the provider does not answer properly', async () => {
    for (const bad of [{ status: 500, body: { records: [] } }, { status: 200, body: { rows: [] } }, { status: 200, body: 'not json' }]) {
      reply = () => bad;
      const answer = await exchange<Answer>(test, world, 'query', { subject: wang.residentId });
      expect([answer.status, answer.body.code]).toEqual([502, 'UPSTREAM_FAILED']);
    }
    await new Promise((resolve) => upstream.server.close(resolve));
    const unreachable = await exchange<Answer>(test, world, 'query', { subject: wang.residentId });
    expect(unreachable.body.code).toBe('UPSTREAM_FAILED');
    upstream = await startUpstream((request) => reply(request));
  });

  it('refuses an upstream address that is not http(s) or carries credentials, changing nothing', async () => {
    const police = await principalFor(test.runtime, world.people.policeAdmin.id);
    for (const url of ['ftp://example.org/x', 'http://user:secret@example.org/x', 'not a url']) {
      await expect(test.runtime.services.datasets.useUpstream(police, 'COND', url)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const civil = await principalFor(test.runtime, world.people.civilAdmin.id);
    await expect(test.runtime.services.datasets.useUpstream(civil, 'COND', 'http://127.0.0.1:1/x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await test.runtime.context.store.read.datasets.get('COND'))?.upstreamUrl).toBe(upstream.url);
  });
});
