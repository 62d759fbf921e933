import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/harness.ts';

describe('health and API description', () => {
  let test: TestRuntime;
  beforeAll(async () => {
    test = await createTestRuntime('sqlite');
  });
  afterAll(() => test.close());

  it('answers 200 on /api/v1/health', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves OpenAPI 3.1 listing the catalog routes, and the docs page', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/v1/catalog/resources');
    const docs = await test.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('answers an unknown route with a coded 404', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});
