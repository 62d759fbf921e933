import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { createTestRuntime, type TestRuntime } from '../support/harness.ts';
import { auditCount } from '../support/http.ts';
import { buildWorld, REGION, type World } from '../support/world.ts';

/** Bad input of every kind gets a 4xx with a code, writes nothing, and echoes no value. */
describe('bad input', () => {
  let test: TestRuntime;
  let world: World;
  beforeAll(async () => {
    test = await createTestRuntime('sqlite', { bodyLimitBytes: 4096 });
    world = await buildWorld(test.runtime);
  });
  afterAll(() => test.close());

  const send = (payload: string, contentType = 'application/json') =>
    test.app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { authorization: `Bearer ${world.people.admin.token}`, 'content-type': contentType }, payload });

  const valid = () => ({ name: '某局', uscc: syntheticUscc(REGION, 70), regionCode: REGION, kind: 'department' });

  it.each([
    ['malformed JSON', '{"name": "某局",', 400, 'MALFORMED_JSON'],
    ['an empty body', '', 400, 'VALIDATION_FAILED'],
    ['an unknown field', JSON.stringify({ ...valid(), secretField: 1 }), 400, 'VALIDATION_FAILED'],
    ['a wrong type', JSON.stringify({ ...valid(), name: 42 }), 400, 'VALIDATION_FAILED'],
    ['a wrong enum value', JSON.stringify({ ...valid(), kind: 'ministry' }), 400, 'VALIDATION_FAILED'],
    ['an invalid USCC', JSON.stringify({ ...valid(), uscc: '91440300192203821X' }), 400, 'VALIDATION_FAILED'],
    ['an invalid region code', JSON.stringify({ ...valid(), regionCode: '33119' }), 400, 'VALIDATION_FAILED'],
    ['an oversized body', JSON.stringify({ ...valid(), name: '长'.repeat(5000) }), 413, 'BODY_TOO_LARGE'],
  ])('refuses %s', async (_label, payload, status, code) => {
    const before = await auditCount(test.runtime);
    const response = await send(payload);
    expect(response.statusCode).toBe(status);
    const body = response.json() as { code: string; requestId: string; message: string };
    expect(body.code).toBe(code);
    expect(body.requestId).toBeTruthy();
    expect(response.body).not.toMatch(/at .*\.ts|SELECT|INSERT|stack/i);
    expect(response.body).not.toContain('91440300192203821X');
    expect(await auditCount(test.runtime)).toBe(before);
  });

  it('refuses a non-JSON content type', async () => {
    const response = await send('name=x', 'application/x-www-form-urlencoded');
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('names the unknown field and the missing one', async () => {
    const { name: _name, ...missing } = valid();
    const response = await send(JSON.stringify({ ...missing, extra: true }));
    const paths = (response.json() as { details: { errors: { path: string }[] } }).details.errors.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['/name', '/extra']));
  });

  it('explains a wrong enum value in Chinese and English, listing what is allowed', async () => {
    const response = await send(JSON.stringify({ ...valid(), kind: 'ministry' }));
    const error = (response.json() as { details: { errors: { path: string; message: string }[] } }).details.errors.find((entry) => entry.path === '/kind');
    expect(error?.message).toMatch(/^取值不在允许范围内 \/ .*department, supervisor, contractor, platform/);
    expect(error?.message).not.toContain('ministry');
  });

  it('accepts an empty JSON body on a route that takes none', async () => {
    const response = await test.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${world.people.civilConsumer.token}`, 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(204);
  });

  it('refuses a bad query parameter', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/catalog/resources?limit=0&grade=secret', headers: { authorization: `Bearer ${world.people.admin.token}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
