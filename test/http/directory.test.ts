import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildWorld, REGION, type World } from '../support/world.ts';

interface ErrorBody {
  code: string;
  details?: { errors?: { path: string; code: string }[] };
}

for (const dialect of DIALECTS) {
  describe(`directory (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
    });
    afterAll(() => test.close());

    const admin = () => world.people.admin.token;

    it('lets the platform admin register an organisation, and no one else', async () => {
      const body = { name: '云溪县医疗保障局', uscc: syntheticUscc(REGION, 50), regionCode: REGION, kind: 'department', duties: [] };
      const denied = await call<ErrorBody>(test.app, 'POST', '/api/v1/organisations', { token: world.people.civilAdmin.token, body });
      expect(denied.status).toBe(403);
      const created = await call<{ id: string; uscc: string }>(test.app, 'POST', '/api/v1/organisations', { token: admin(), body });
      expect(created.status).toBe(201);
      const again = await call<ErrorBody>(test.app, 'POST', '/api/v1/organisations', { token: admin(), body: { ...body, uscc: body.uscc.toLowerCase() } });
      expect(again.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'USCC_TAKEN', path: '/uscc' }));
    });

    it('refuses an invalid USCC, an unknown region and an unknown duty, listing each, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const good = syntheticUscc(REGION, 51);
      const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const reply = await call<ErrorBody>(test.app, 'POST', '/api/v1/organisations', {
        token: admin(),
        body: { name: '某局', uscc: badCheck, regionCode: '110101', kind: 'department', duties: ['no-such-duty'] },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.details?.errors?.map((error) => error.code).sort()).toEqual(['REGION_UNKNOWN', 'USCC_INVALID']);
      const badRegion = await call<ErrorBody>(test.app, 'POST', '/api/v1/organisations', { token: admin(), body: { name: '某局', uscc: good, regionCode: '99000', kind: 'department' } });
      expect(badRegion.status).toBe(400);
      expect(badRegion.body.details?.errors).toContainEqual(expect.objectContaining({ path: '/regionCode' }));
      const badDuty = await call<ErrorBody>(test.app, 'POST', '/api/v1/organisations', { token: admin(), body: { name: '某局', uscc: good, regionCode: REGION, kind: 'department', duties: ['no-such-duty'] } });
      expect(badDuty.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'DUTY_UNKNOWN', path: '/duties/0' }));
      expect(await auditCount(test.runtime)).toBe(before);
    });

    it('refuses a region code outside GB/T 2260', async () => {
      for (const code of ['990000', '100001', '33119a']) {
        const reply = await call<ErrorBody>(test.app, 'POST', '/api/v1/regions', { token: admin(), body: { code, name: '某地' } });
        expect(reply.status).toBe(400);
      }
      const ok = await call<{ level: string; parentCode: string | null }>(test.app, 'POST', '/api/v1/regions', { token: admin(), body: { code: '331100', name: '丽水市' } });
      expect(ok.body).toMatchObject({ level: 'city', parentCode: null });
    });

    it('requires a contractor to carry its commissioning departments and period', async () => {
      const reply = await call<ErrorBody>(test.app, 'POST', '/api/v1/organisations', { token: admin(), body: { name: '某公司', uscc: syntheticUscc(REGION, 52, '91'), regionCode: REGION, kind: 'contractor' } });
      expect(reply.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'CONTRACT_REQUIRED' }));
      const wrongCommissioner = await call<ErrorBody>(test.app, 'POST', '/api/v1/organisations', {
        token: admin(),
        body: { name: '某公司', uscc: syntheticUscc(REGION, 52, '91'), regionCode: REGION, kind: 'contractor', contract: { commissionedBy: [world.orgs.bureau], start: '2026-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' } },
      });
      expect(wrongCommissioner.body.details?.errors?.map((error) => error.code).sort()).toEqual(['COMMISSIONER_UNKNOWN', 'CONTRACT_PERIOD_INVALID']);
    });

    it('shows a department only its own people; the platform admin and supervisors see all', async () => {
      const own = await call<{ people: { orgId: string }[] }>(test.app, 'GET', '/api/v1/people', { token: world.people.civilAdmin.token });
      expect(own.body.people.length).toBeGreaterThan(0);
      expect(own.body.people.every((person) => person.orgId === world.orgs.civil)).toBe(true);
      const asked = await call<{ people: unknown[] }>(test.app, 'GET', `/api/v1/people?orgId=${world.orgs.police}`, { token: world.people.civilAdmin.token });
      expect(asked.body.people).toEqual([]);
      expect((await call(test.app, 'GET', `/api/v1/people/${world.people.policeAdmin.id}`, { token: world.people.civilAdmin.token })).status).toBe(404);
      const detail = await call<{ training: unknown[] }>(test.app, 'GET', `/api/v1/people/${world.people.civilConsumer.id}`, { token: world.people.civilAdmin.token });
      expect(detail.status).toBe(200);
      const all = await call<{ people: { orgId: string }[] }>(test.app, 'GET', '/api/v1/people?limit=200', { token: world.people.supervisor.token });
      expect(new Set(all.body.people.map((person) => person.orgId)).size).toBeGreaterThan(2);
    });

    it('enrols a person with a one-time password and TOTP secret, checking roles against the organisation', async () => {
      const enrolled = await call<{ person: { id: string }; password: string; totpSecret: string; totpUri: string }>(test.app, 'POST', '/api/v1/people', {
        token: admin(),
        body: { orgId: world.orgs.police, login: 'police.new', name: '新人', roles: ['consumer'] },
      });
      expect(enrolled.status).toBe(201);
      expect(enrolled.body.totpUri).toMatch(/^otpauth:\/\/totp\//);
      const shown = await call(test.app, 'GET', `/api/v1/people/${enrolled.body.person.id}`, { token: admin() });
      expect(JSON.stringify(shown.body)).not.toContain(enrolled.body.password);
      const wrongRole = await call<ErrorBody>(test.app, 'POST', '/api/v1/people', { token: admin(), body: { orgId: world.orgs.contractor, login: 'ops.x', name: 'x', roles: ['supervisor'] } });
      expect(wrongRole.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'ROLE_NOT_ALLOWED', path: '/roles/0' }));
      const taken = await call<ErrorBody>(test.app, 'POST', '/api/v1/people', { token: admin(), body: { orgId: world.orgs.police, login: 'police.new', name: '重名', roles: [] } });
      expect(taken.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'LOGIN_TAKEN' }));
      const weak = await call<ErrorBody>(test.app, 'POST', '/api/v1/people', { token: admin(), body: { orgId: world.orgs.police, login: 'police.weak', name: '弱', roles: [], password: 'password' } });
      expect(weak.body.details?.errors?.[0]?.path).toBe('/password');
      const byDepartment = await call(test.app, 'POST', '/api/v1/people', { token: world.people.policeAdmin.token, body: { orgId: world.orgs.police, login: 'police.other', name: 'x', roles: [] } });
      expect(byDepartment.status).toBe(403);
    });

    it('leaves supervision staff to the supervision authority: the platform admin cannot make investigators', async () => {
      const body = { orgId: world.orgs.bureau, login: 'bureau.new', name: '新监管', roles: ['supervisor'] };
      const byAdmin = await call<ErrorBody>(test.app, 'POST', '/api/v1/people', { token: admin(), body });
      expect(byAdmin.status).toBe(403);
      const bySupervisor = await call(test.app, 'POST', '/api/v1/people', { token: world.people.supervisor.token, body });
      expect(bySupervisor.status).toBe(201);
      const intoDepartment = await call(test.app, 'POST', '/api/v1/people', { token: world.people.supervisor.token, body: { ...body, orgId: world.orgs.police, login: 'police.x', roles: ['consumer'] } });
      expect(intoDepartment.status).toBe(403);
      const promote = await call(test.app, 'PATCH', `/api/v1/people/${world.people.lapsedSupervisor.id}`, { token: admin(), body: { roles: ['supervisor', 'auditor'] } });
      expect(promote.status).toBe(403);
    });

    it('stores training dates in UTC, whatever offset they were given in', async () => {
      const reply = await call(test.app, 'POST', `/api/v1/people/${world.people.civilConsumer.id}/training`, {
        token: admin(),
        body: { course: 'operations-security', passedAt: '2026-11-01T08:00:00+08:00', expiresAt: '2027-11-01T08:00:00+08:00' },
      });
      expect(reply.status).toBe(204);
      const detail = await call<{ training: { course: string; expiresAt: string }[] }>(test.app, 'GET', `/api/v1/people/${world.people.civilConsumer.id}`, { token: admin() });
      expect(detail.body.training.find((record) => record.course === 'operations-security')?.expiresAt).toBe('2027-11-01T00:00:00.000Z');
    });

    it('issues a credential with its secret once, scoped to the department, with a commissioned contractor only', async () => {
      const body = { orgId: world.orgs.civil, appId: 'civil-relief', allowedIps: ['10.0.0.0/24'], responsiblePersonId: world.people.civilAdmin.id, contractorOrgId: world.orgs.contractor };
      const created = await call<{ credential: { id: string }; secret: string }>(test.app, 'POST', '/api/v1/credentials', { token: admin(), body });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^cus_c_/);
      const wrongContractor = await call<ErrorBody>(test.app, 'POST', '/api/v1/credentials', { token: admin(), body: { ...body, orgId: world.orgs.police, appId: 'police-app', responsiblePersonId: world.people.policeAdmin.id } });
      expect(wrongContractor.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'CONTRACTOR_NOT_COMMISSIONED' }));
      const badIp = await call<ErrorBody>(test.app, 'POST', '/api/v1/credentials', { token: admin(), body: { ...body, appId: 'civil-two', allowedIps: ['10.0.0.300'] } });
      expect(badIp.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'IP_INVALID' }));
      const own = await call<{ credentials: { id: string }[] }>(test.app, 'GET', '/api/v1/credentials', { token: world.people.civilAdmin.token });
      expect(own.body.credentials.map((credential) => credential.id)).toEqual([created.body.credential.id]);
      const other = await call<{ credentials: unknown[] }>(test.app, 'GET', '/api/v1/credentials', { token: world.people.policeAdmin.token });
      expect(other.body.credentials).toEqual([]);
      expect(JSON.stringify(own.body)).not.toContain(created.body.secret);
      expect((await call(test.app, 'POST', '/api/v1/credentials', { token: world.people.civilAdmin.token, body: { ...body, appId: 'civil-self' } })).status).toBe(403);
    });

    it('serves the region calendar with the seeded years and lets the platform admin add one', async () => {
      const calendar = await call<{ schedules: { year: number }[]; missingYears: number[] }>(test.app, 'GET', `/api/v1/regions/${REGION}/calendar`, { token: world.people.civilAdmin.token });
      expect(calendar.body.schedules.map((schedule) => schedule.year)).toEqual(expect.arrayContaining([2024, 2025, 2026]));
      expect(calendar.body.missingYears).toEqual([2027]);
      const body = { source: '测试', holidays: ['2027-01-01'], makeUpWorkdays: [] };
      expect((await call(test.app, 'PUT', `/api/v1/regions/${REGION}/calendar/2027`, { token: world.people.civilAdmin.token, body })).status).toBe(403);
      expect((await call(test.app, 'PUT', `/api/v1/regions/${REGION}/calendar/2027`, { token: admin(), body })).status).toBe(204);
      const wrongYear = await call<ErrorBody>(test.app, 'PUT', `/api/v1/regions/${REGION}/calendar/2028`, { token: admin(), body });
      expect(wrongYear.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'SCHEDULE_DATE_WRONG_YEAR', path: '/holidays/0' }));
      const impossible = await call<ErrorBody>(test.app, 'PUT', `/api/v1/regions/${REGION}/calendar/2028`, { token: admin(), body: { ...body, holidays: ['2028-02-30'] } });
      expect(impossible.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'CALENDAR_DATE_INVALID', path: '/holidays/0' }));
      const allWeek = await call<ErrorBody>(test.app, 'PATCH', `/api/v1/regions/${REGION}`, { token: admin(), body: { settings: { weekend: [1, 2, 3, 4, 5, 6, 7] } } });
      expect(allWeek.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'WEEKEND_INVALID' }));
      const after = await call<{ missingYears: number[] }>(test.app, 'GET', `/api/v1/regions/${REGION}/calendar`, { token: admin() });
      expect(after.body.missingYears).toEqual([]);
    });

    it('lists the seeded legal bases and lets a supervisor add one, but not a department', async () => {
      const list = await call<{ legalBases: { law: string; article: string }[] }>(test.app, 'GET', '/api/v1/legal-bases', { token: world.people.civilConsumer.token });
      expect(list.body.legalBases).toContainEqual(expect.objectContaining({ law: '网络安全法', article: '第二十一条' }));
      const body = { law: '浙江省公共数据条例', article: '第二十条', title: '公共数据共享', kind: 'local_regulation' };
      expect((await call(test.app, 'POST', '/api/v1/legal-bases', { token: world.people.civilAdmin.token, body })).status).toBe(403);
      expect((await call(test.app, 'POST', '/api/v1/legal-bases', { token: world.people.supervisor.token, body })).status).toBe(201);
    });
  });
}
