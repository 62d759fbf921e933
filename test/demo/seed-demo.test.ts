import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_POPULATION, demoPopulation } from '../../src/app/demo/demo-datasets.ts';
import { seedDemo, type DemoCredentials } from '../../src/app/demo/seed-demo.ts';
import { validateResidentId, validateUscc } from '../../src/core/pii/index.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';

/**
 * Seeding writes about 28,000 encrypted, indexed rows: several seconds on SQLite, more on
 * PostgreSQL, and more again when every test file runs at once.
 */
const SEED_TIMEOUT_MS = 180_000;

/** The first person of the county's household register from the demo's seed: the README's examples use them. */
const FIRST_CITIZEN = { residentId: '331199196404075511', name: '吕洋' };

type DemoSystem = DemoCredentials['systems'][number];

interface GatewayCall {
  system: DemoSystem;
  resourceCode: string;
  operation: 'query' | 'verify';
  body: unknown;
  purpose?: string;
  user?: string;
}

for (const dialect of DIALECTS) {
  describe(`the demo's sharing data (${dialect})`, () => {
    let test: TestRuntime;
    let credentials: DemoCredentials;
    let tokens: Map<string, string>;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      credentials = await seedDemo(test.runtime.context, test.runtime.services);
      tokens = new Map(credentials.people.map((person) => [person.login, person.token]));
    }, SEED_TIMEOUT_MS);
    afterAll(() => test.close());

    const inbox = async (login: string) => (await call<{ items: { kind: string; step: string | null; overdue: boolean; escalated: boolean }[] }>(test.app, 'GET', '/api/v1/inbox', { token: tokens.get(login)! })).body.items;

    /** A call as a department system makes it, from the loopback address the demo credentials allow. */
    async function gateway<Body = Record<string, unknown>>(request: GatewayCall): Promise<{ status: number; body: Body; headers: Record<string, unknown> }> {
      const grant = request.system.grants.find((candidate) => candidate.resourceCode === request.resourceCode);
      const response = await test.app.inject({
        method: 'POST',
        url: `/api/v1/exchange/${request.resourceCode}/${request.operation}`,
        headers: {
          authorization: `Bearer ${request.system.token}`,
          'x-custos-purpose': request.purpose ?? grant?.purpose ?? '',
          'x-custos-user': request.user ?? request.system.users[0]!,
          'content-type': 'application/json',
        },
        payload: JSON.stringify(request.body),
        remoteAddress: '127.0.0.1',
      });
      return { status: response.statusCode, body: response.json<Body>(), headers: response.headers };
    }

    const systemOf = (orgName: string) => credentials.systems.find((system) => system.org.name === orgName)!;

    it('seeds live grants, with a notice for those under a statutory duty', async () => {
      const grants = await call<{ grants: { id: string; status: string; piBasis: string | null }[] }>(test.app, 'GET', '/api/v1/grants', { token: tokens.get('supervisor.wang')! });
      expect(grants.body.grants.filter((grant) => grant.status === 'active')).toHaveLength(4);
      const withDuty = grants.body.grants.find((grant) => grant.piBasis === 'statutory_duty')!;
      const notices = await call<{ notices: unknown[] }>(test.app, 'GET', `/api/v1/grants/${withDuty.id}/notices`, { token: tokens.get('supervisor.wang')! });
      expect(notices.body.notices).toHaveLength(1);
    });

    it('leaves pending requests in the approvers’ inboxes, and one escalated overdue request with the supervisor', async () => {
      expect(await inbox('civil.admin')).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'request_step', step: 'provider', overdue: true }), expect.objectContaining({ kind: 'request_step', step: 'provider', overdue: false })]));
      const supervisor = await inbox('supervisor.wang');
      expect(supervisor).toContainEqual(expect.objectContaining({ kind: 'request_step', step: 'provider', escalated: true, overdue: true }));
      expect(supervisor).toContainEqual(expect.objectContaining({ kind: 'request_step', step: 'supervisor', escalated: false }));
    });

    it('loads a hosted dataset for every resource the population fills, the household register holding the county’s share of 10,000 valid resident IDs', async () => {
      const population = demoPopulation();
      expect(population.citizens).toHaveLength(DEMO_POPULATION.citizens);
      expect(new Set(population.citizens.map((citizen) => citizen.residentId)).size).toBe(10_000);
      expect(population.citizens.every((citizen) => validateResidentId(citizen.residentId).valid)).toBe(true);
      expect(population.companies.every((company) => validateUscc(company.uscc).valid)).toBe(true);
      const county = population.citizens.filter((citizen) => citizen.residentId.startsWith('331199')).length;
      expect(population.datasets.length).toBeGreaterThanOrEqual(10);
      for (const dataset of population.datasets) {
        const stored = await test.runtime.context.store.read.datasets.get(dataset.resourceCode);
        expect(stored, dataset.resourceCode).toMatchObject({ mode: 'hosted', rowCount: dataset.rows.length });
      }
      expect((await test.runtime.context.store.read.datasets.get('331199-GA-0001'))?.rowCount).toBe(county);
      expect((await test.runtime.context.store.read.datasets.get('331199-SC-0001'))?.rowCount).toBe(DEMO_POPULATION.companies);
    });

    it('names example citizens from the fixed seed, and companies, all with valid identifiers', () => {
      expect(credentials.citizens[0]).toEqual(FIRST_CITIZEN);
      expect(credentials.citizens).toHaveLength(5);
      for (const citizen of credentials.citizens) expect(validateResidentId(citizen.residentId)).toMatchObject({ valid: true });
      for (const company of credentials.companies) expect(validateUscc(company.uscc)).toMatchObject({ valid: true });
    });

    it('names the same citizens and companies as demo subjects whose logins open a citizen session', async () => {
      expect(credentials.subjects.map((subject) => subject.id)).toEqual([...credentials.citizens.map((citizen) => citizen.residentId), ...credentials.companies.map((company) => company.uscc)]);
      for (const subject of credentials.subjects) {
        expect(subject.kind).toBe(validateResidentId(subject.id).valid ? 'person' : 'company');
        const login = await call<{ subjectKind: string; token: string }>(test.app, 'POST', '/api/v1/citizen/login/demo', { body: { login: subject.login } });
        expect(login.status).toBe(201);
        expect(login.body.subjectKind).toBe(subject.kind);
        expect(login.body.token).toMatch(/^cus_cit_/);
      }
    });

    it('gives each consumer department with live grants one system, listing those grants in the issue’s shape, and one run by the contractor', async () => {
      const supervisor = await call<{ grants: { id: string; consumerOrgId: string; status: string }[] }>(test.app, 'GET', '/api/v1/grants', { token: tokens.get('supervisor.wang')! });
      const live = supervisor.body.grants.filter((grant) => grant.status === 'active');
      expect(new Set(credentials.systems.map((system) => system.org.id))).toEqual(new Set(live.map((grant) => grant.consumerOrgId)));
      expect(credentials.systems.flatMap((system) => system.grants.map((grant) => grant.grantId)).sort()).toEqual(live.map((grant) => grant.id).sort());
      for (const system of credentials.systems) {
        expect(system).toMatchObject({ org: { id: expect.any(String), name: expect.any(String) }, appId: expect.stringMatching(/^[a-z][a-z0-9-]+$/), token: expect.stringMatching(/^cus_c/) });
        for (const grant of system.grants) expect(Object.keys(grant).sort()).toEqual(['grantId', 'items', 'method', 'purpose', 'resourceCode']);
      }
      const civil = systemOf('云溪县民政局');
      expect(civil.contractor?.name).toBe('云溪数智科技有限公司');
      expect(civil.grants).toContainEqual({ grantId: expect.any(String), resourceCode: '331199-GA-0001', purpose: 'ASSISTANCE-ELIGIBILITY', items: ['name', 'resident_id', 'address'], method: 'api' });
      expect(civil.users).toEqual(['civil.user', 'ops.chen']);
    });

    it('answers every system’s token at the gateway right after seeding, under each of its grants', async () => {
      const citizen = credentials.citizens[0]!;
      const company = credentials.companies[0]!;
      for (const system of credentials.systems) {
        for (const grant of system.grants) {
          const subject = grant.items.includes('uscc') ? company.uscc : citizen.residentId;
          const reply =
            grant.method === 'verification'
              ? await gateway({ system, resourceCode: grant.resourceCode, operation: 'verify', body: { subject, assert: { name: citizen.name } } })
              : await gateway({ system, resourceCode: grant.resourceCode, operation: 'query', body: { subject } });
          expect([reply.status, grant.resourceCode], JSON.stringify(reply.body)).toEqual([200, grant.resourceCode]);
          expect(reply.headers['x-custos-audit-seq']).toMatch(/^\d+$/);
        }
      }
    });

    it('returns the household record masked per the grant, and verifies a name yes or no', async () => {
      const civil = systemOf('云溪县民政局');
      const household = await gateway<{ records: Record<string, string | null>[] }>({ system: civil, resourceCode: '331199-GA-0001', operation: 'query', body: { subject: FIRST_CITIZEN.residentId } });
      expect(household.status).toBe(200);
      expect(household.body.records).toHaveLength(1);
      const [record] = household.body.records;
      expect(record).toMatchObject({ name: '吕*', resident_id: '331199********5511' });
      expect(record?.address).toMatch(/^云溪县.*\*/u);
      expect(record?.address).not.toBe('云溪县青石镇大坑村3号');
      const right = await gateway({ system: civil, resourceCode: '331199-GA-0002', operation: 'verify', body: { subject: FIRST_CITIZEN.residentId, assert: { name: FIRST_CITIZEN.name } } });
      expect([right.status, right.body]).toEqual([200, { match: true }]);
      const wrong = await gateway({ system: civil, resourceCode: '331199-GA-0002', operation: 'verify', body: { subject: FIRST_CITIZEN.residentId, assert: { name: '吕明' } } });
      expect(wrong.body).toEqual({ match: false });
    });

    it('admits the contractor’s staff on the system it runs, and only there; a wrong purpose is refused with its code', async () => {
      const civil = systemOf('云溪县民政局');
      const operated = await gateway<{ records: unknown[] }>({ system: civil, resourceCode: '331199-GA-0001', operation: 'query', body: { subject: FIRST_CITIZEN.residentId }, user: 'ops.chen' });
      expect(operated.status).toBe(200);
      expect(operated.body.records).toHaveLength(1);
      const hrss = systemOf('云溪县人力资源和社会保障局');
      expect(hrss.contractor).toBeNull();
      const elsewhere = await gateway<{ code: string }>({ system: hrss, resourceCode: '331199-SC-0001', operation: 'query', body: { subject: credentials.companies[0]!.uscc }, user: 'ops.chen' });
      expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'USER_NOT_ALLOWED']);
      const wrongPurpose = await gateway<{ code: string }>({ system: civil, resourceCode: '331199-GA-0001', operation: 'query', body: { subject: FIRST_CITIZEN.residentId }, purpose: 'PUBLIC-ORDER' });
      expect([wrongPurpose.status, wrongPurpose.body.code]).toEqual([403, 'PURPOSE_MISMATCH']);
    });
  });
}
