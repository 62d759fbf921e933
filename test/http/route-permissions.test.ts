import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { conditionalDraft } from '../support/drafts.ts';
import { buildWorld, REGION, type World } from '../support/world.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

for (const dialect of DIALECTS) {
  describe(`route permissions (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
      await call(test.app, 'POST', '/api/v1/catalog/resources', { token: world.people.civilAdmin.token, body: conditionalDraft('MZ-P', world.legalBasisId) });
    });
    afterAll(() => test.close());

    it('refuses every route but health and login without a token', async () => {
      const document = (await call<{ paths: Record<string, Record<string, unknown>> }>(test.app, 'GET', '/api/v1/openapi.json')).body;
      // Health, login, and the audit log's transparency surface (hashes only) are public.
      const open = new Set(['/api/v1/health', '/api/v1/auth/login', '/api/v1/audit/key', '/api/v1/audit/proof/inclusion', '/api/v1/audit/proof/consistency', '/api/v1/citizen/login/demo', '/api/v1/citizen/login/oidc', '/api/v1/citizen/login/oidc/callback', '/api/v1/complaints/status', '/api/v1/transparency-reports']);
      let checked = 0;
      for (const [path, operations] of Object.entries(document.paths)) {
        if (open.has(path)) continue;
        for (const method of Object.keys(operations)) {
          if (path === '/api/v1/audit/checkpoint' && method === 'get') continue;
          // Anyone may file a complaint (rate-limited); listing complaints still needs a token.
          if (path === '/api/v1/complaints' && method === 'post') continue;
          const url = path.replace(/\{[^}]+\}/g, (name) => (name === '{year}' ? '2027' : name === '{code}' && path.startsWith('/api/v1/regions') ? REGION : 'x'));
          const reply = await call(test.app, method.toUpperCase() as Method, `${url}${path.endsWith('import') || path.endsWith('export') ? '?format=json' : ''}`, { body: method === 'get' || method === 'delete' ? undefined : {} });
          expect(reply.status, `${method} ${path}`).toBe(401);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(20);
    });

    it('refuses each administrative mutation to a department, writing nothing', async () => {
      const civil = world.people.civilAdmin.token;
      const cases: [Method, string, unknown, string][] = [
        ['POST', '/api/v1/regions', { code: '331100', name: '丽水市' }, civil],
        ['PATCH', `/api/v1/regions/${REGION}`, { name: '改名' }, civil],
        ['PUT', `/api/v1/regions/${REGION}/duties/new-duty`, { name: '新职责' }, civil],
        ['PATCH', `/api/v1/organisations/${world.orgs.civil}`, { name: '改名' }, civil],
        ['PATCH', `/api/v1/people/${world.people.civilConsumer.id}`, { roles: ['consumer', 'approver'] }, civil],
        ['POST', `/api/v1/people/${world.people.civilConsumer.id}/training`, { course: 'data-security-basics', passedAt: '2026-11-01T00:00:00Z', expiresAt: '2027-11-01T00:00:00Z' }, civil],
        ['POST', '/api/v1/legal-bases', { law: '某法', article: '第一条', title: '某', kind: 'law' }, world.people.civilConsumer.token],
        ['POST', '/api/v1/catalog/resources/MZ-P/grades', { grades: { resident_id: 'core' } }, civil],
        ['POST', '/api/v1/catalog/resources/MZ-P/publish', undefined, world.people.civilConsumer.token],
        ['PUT', `/api/v1/regions/${REGION}/policy`, { 'general-3': { maxGrantMonths: 6 } }, civil],
        ['PUT', `/api/v1/regions/${REGION}/purposes/HOUSING`, { name: '住房保障', dutyCodes: [] }, civil],
        ['POST', '/api/v1/bulletins', { title: '预警', findings: '发现', measures: '措施', severity: 'low', recipients: [world.orgs.police] }, civil],
        ['POST', '/api/v1/cases', { source: { kind: 'complaint', id: 'C-1' }, title: '立案', facts: '事实' }, civil],
      ];
      const before = await auditCount(test.runtime);
      for (const [method, url, body, token] of cases) {
        const reply = await call(test.app, method, url, { token, body });
        expect(reply.status, `${method} ${url}`).toBe(403);
        expect(reply.body).toMatchObject({ code: 'FORBIDDEN' });
      }
      expect(await auditCount(test.runtime)).toBe(before);
    });

    it('permits the same mutations to the platform admin', async () => {
      const admin = world.people.admin.token;
      const cases: [Method, string, unknown, number][] = [
        ['PATCH', `/api/v1/regions/${REGION}`, { settings: { timeLimits: { complianceCheck: 3, providerReply: 5, providerReplyUncataloged: 10 } } }, 200],
        ['PUT', `/api/v1/regions/${REGION}/duties/new-duty`, { name: '新职责' }, 204],
        ['PATCH', `/api/v1/organisations/${world.orgs.civil}`, { duties: ['new-duty'], workingHours: { periods: [{ start: '09:00', end: '17:00' }] } }, 200],
        ['PATCH', `/api/v1/people/${world.people.civilConsumer.id}`, { roles: ['consumer', 'approver'] }, 200],
        ['POST', `/api/v1/people/${world.people.civilConsumer.id}/training`, { course: 'data-security-basics', passedAt: '2026-11-01T00:00:00Z', expiresAt: '2027-11-01T00:00:00Z' }, 204],
      ];
      for (const [method, url, body, status] of cases) {
        const reply = await call(test.app, method, url, { token: admin, body });
        expect(reply.status, `${method} ${url}: ${JSON.stringify(reply.body)}`).toBe(status);
      }
      const region = await call<{ settings: { timeLimits: { complianceCheck: number } } }>(test.app, 'GET', `/api/v1/regions/${REGION}`, { token: admin });
      expect(region.body.settings.timeLimits.complianceCheck).toBe(3);
    });

    it('refuses overlapping working hours and a non-supervisor as the supervision authority', async () => {
      const admin = world.people.admin.token;
      const overlap = await call<{ details: { errors: { code: string }[] } }>(test.app, 'PATCH', `/api/v1/organisations/${world.orgs.civil}`, {
        token: admin,
        body: { workingHours: { periods: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } },
      });
      expect(overlap.status).toBe(400);
      const wrong = await call<{ details: { errors: { code: string }[] } }>(test.app, 'PATCH', `/api/v1/regions/${REGION}`, { token: admin, body: { supervisorOrgId: world.orgs.civil } });
      expect(wrong.body.details.errors[0]!.code).toBe('SUPERVISOR_ORG_INVALID');
    });
  });
}
