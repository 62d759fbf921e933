import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkEvidenceBundle } from '../../src/app/audit/evidence-bundle.ts';
import { demoPopulation } from '../../src/app/demo/demo-datasets.ts';
import { seedDemo, type DemoCredentials } from '../../src/app/demo/seed-demo.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';

/*
 * Issue #8's story on the demo county (`custos demo`), not on a test world: its people, its
 * systems and grants, its 10,000 synthetic citizens, and the DEFAULT detection profile.
 *
 * How the insider reaches the default enumeration threshold (300 distinct subjects in an hour)
 * within the grants' daily quotas: civil affairs' api grants are metered per call (household
 * register 300 a day, insurance status 200 a day), so one lookup per resident would spend the
 * whole household quota on exactly 300 residents, which the HyperLogLog estimate (about ±6.5 %)
 * may put under the threshold, with no call left to show the grant still answering. The harvest
 * instead asks the insurance register for every resident with a common status and pages through
 * the answers, 100 residents a page: an api grant refuses whole tables and exports, but not a
 * filter nearly every row meets. Each page is one call, and at 100 rows it is not yet "bulk" for
 * the detectors (more than 100 is), so every resident counts as a subject looked up. Five pages,
 * 500 residents: far enough over 300 that the estimate cannot fall under it, and far under the
 * critical 1,000, so the alert is high, no containment stands in the way, and the final denial
 * is the sanction's. No profile is tightened.
 */

/** Seeding writes about 28,000 encrypted, indexed rows: seconds on SQLite, more on PostgreSQL. */
const SEED_TIMEOUT_MS = 180_000;
const STORY_TIMEOUT_MS = 60_000;

/** Monday 30 November 2026, 09:30 in Shanghai: a working morning within the demo grants' period (from the seeding day, Friday 27 November). */
const MONDAY_MORNING = '2026-11-30T01:30:00.000Z';

const HOUSEHOLD = '331199-GA-0001';
const INSURANCE = '331199-RS-0001';
/** The status most insured residents have: a filter every working-age resident meets. */
const PAYING = '正常缴费';
const PAGES = 5;

type DemoSystem = DemoCredentials['systems'][number];

interface CaseBody {
  id: string;
  stage: string;
  evidence: number[];
  attribution: { proposals: { rule: string; parties: { kind: string; id: string; role: string }[]; reasons: { zh: string; en: string }[]; evidence: number[] }[]; confirmed: { rules: string[]; changed: boolean } | null };
  parties: { kind: string; id: string; role: string; orgId: string }[];
  statementDueAt: string | null;
  determination: { outcome: string; sanctions: { kind: string; orgId: string; personId: string | null; grantIds: string[] }[] } | null;
  steps: { from: string | null; to: string; actorId: string; reason: string }[];
  statements: { party: { kind: string; id: string } }[];
  code?: string;
}

interface AlertBody {
  id: string;
  detector: string;
  severity: string;
  status: string;
  principal: { kind: string; id: string };
  orgId: string | null;
  assigneeOrgId: string | null;
  evidence: number[];
  summary: { zh: string; en: string };
}

interface Answer {
  records: Record<string, string | null>[];
  nextCursor: string | null;
  code?: string;
}

describe.each(DIALECTS)('accountability end to end on the demo county (%s)', (dialect) => {
  let test: TestRuntime;
  let demo: DemoCredentials;
  let civil: DemoSystem;

  beforeEach(async () => {
    test = await createTestRuntime(dialect);
    demo = await seedDemo(test.runtime.context, test.runtime.services);
    civil = demo.systems.find((system) => system.appId === 'civil-assistance')!;
    test.clock.set(MONDAY_MORNING);
  }, SEED_TIMEOUT_MS);
  afterEach(async () => {
    await test.close();
  });

  const person = (login: string) => demo.people.find((candidate) => candidate.login === login)!;
  const idOf = async (login: string) => (await test.runtime.context.store.read.people.getByLogin(login))!.id;
  const grantOf = (resourceCode: string) => civil.grants.find((grant) => grant.resourceCode === resourceCode)!;

  const as = (login: string) => {
    const { token } = person(login);
    return {
      post: (url: string, body: unknown) => call<CaseBody>(test.app, 'POST', `/api/v1${url}`, { token, body }),
      get: <Body = CaseBody>(url: string) => call<Body>(test.app, 'GET', `/api/v1${url}`, { token }),
    };
  };

  /** One call of the civil affairs system, as exchange() in gateway-world.ts makes it, named end user civil.user unless said otherwise. */
  async function gateway<Body = Answer>(resourceCode: string, operation: 'query' | 'verify' | 'export', body: unknown, user = 'civil.user'): Promise<{ status: number; body: Body; seq: number }> {
    const response = await test.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/${resourceCode}/${operation}`,
      headers: { authorization: `Bearer ${civil.token}`, 'x-custos-purpose': grantOf(resourceCode).purpose, 'x-custos-user': user, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
      remoteAddress: '127.0.0.1',
    });
    return { status: response.statusCode, body: response.json<Body>(), seq: Number(response.headers['x-custos-audit-seq']) };
  }

  const minutesLater = (minutes: number) => test.clock.set(new Date(test.clock.now().getTime() + minutes * 60_000).toISOString());

  /** A resident of the insurance register, from the demo's fixed seed: the subject of routine lookups. */
  let insuredResident: string | undefined;
  const insured = () => (insuredResident ??= demoPopulation().datasets.find((dataset) => dataset.resourceCode === INSURANCE)!.rows[0]!['resident_id']!);

  /**
   * 1. The civil affairs end user tries to export the insurance register, is refused (an api grant
   * exports nothing), and pages through it with a filter instead: 500 residents in five minutes.
   */
  async function insiderExport(): Promise<number[]> {
    const exported = await gateway(INSURANCE, 'export', {});
    expect([exported.status, exported.body.code]).toEqual([403, 'OPERATION_NOT_GRANTED']);
    const seqs: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < PAGES; page += 1) {
      minutesLater(1);
      const reply: { status: number; body: Answer; seq: number } = await gateway(INSURANCE, 'query', { filters: { status: PAYING }, limit: 100, ...(cursor === null ? {} : { cursor }) });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.records).toHaveLength(100);
      for (const record of reply.body.records) {
        // Masked per the grant (status redacted, the identifier cut): yet each row is known to meet the filter.
        expect(record['status']).toBe('***');
        expect(record['resident_id']).toMatch(/^331199\*{8}[0-9X]{4}$/);
      }
      cursor = reply.body.nextCursor;
      expect(cursor).not.toBeNull();
      seqs.push(reply.seq);
    }
    // The access records name 500 distinct residents, one per row delivered.
    const subjects = new Set<string>();
    for (const seq of seqs) for (const record of await test.runtime.context.store.read.accessRecords.byAuditSeq(seq)) subjects.add(record.subjectIndex);
    expect(subjects.size).toBe(PAGES * 100);
    await test.runtime.services.detection.catchUp();
    return seqs;
  }

  it(
    'takes an insider’s bulk harvest of the insurance register from a high alert to a case, attribution, statements and a suspension the gateway enforces',
    async () => {
      const supervisor = as('supervisor.wang');
      const [bureau, civilAffairs] = ['云溪县大数据发展管理局', '云溪县民政局'].map((name) => demo.people.find((candidate) => candidate.org.name === name)!.org.id) as [string, string];
      const [civilAdminId, civilUserId, supervisorId] = await Promise.all(['civil.admin', 'civil.user', 'supervisor.wang'].map(idOf));
      const insurance = grantOf(INSURANCE);
      const household = grantOf(HOUSEHOLD);
      expect(civil.org.id).toBe(civilAffairs);
      expect(civil.users).toContain('civil.user');
      const harvest = await insiderExport();

      // 2. The alert: high under the default profile, the only one the harvest raised, assigned to the county's supervision bureau.
      const alerts = await supervisor.get<{ alerts: AlertBody[] }>('/alerts');
      expect(alerts.status).toBe(200);
      expect(alerts.body.alerts.map((candidate) => `${candidate.detector}:${candidate.severity}`)).toEqual(['enumeration:high']);
      const alert = alerts.body.alerts[0]!;
      expect(alert).toMatchObject({ severity: 'high', status: 'open', principal: { kind: 'person', id: civilUserId }, orgId: civilAffairs, assigneeOrgId: bureau });
      expect(alert.summary.en).toContain('over the threshold of 300');
      expect(alert.evidence.length).toBeGreaterThan(0);
      expect(harvest).toEqual(expect.arrayContaining(alert.evidence));

      // 3. The case, with attribution to the department and the people responsible.
      const filed = await supervisor.post('/cases', { source: { kind: 'alert', id: alert.id }, title: '民政局系统分页批量获取参保信息', facts: '预警显示民政局救助系统在数分钟内按参保状态分页获取五百名居民的参保信息，远超业务所需。' });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const caseId = filed.body.id;
      expect(filed.body.evidence).toEqual(alert.evidence);
      const investigating = await supervisor.post(`/cases/${caseId}/investigation`, { reason: '调取审计记录开展调查' });
      expect(investigating.body.stage).toBe('investigating');
      // The department's own staff were at the keyboard, not the contractor running the system; the grant was not widened.
      expect(investigating.body.attribution.proposals.map((candidate) => candidate.rule)).toEqual(['consumer-credential']);
      const proposal = investigating.body.attribution.proposals[0]!;
      expect(proposal.parties).toEqual([
        { kind: 'organisation', id: civilAffairs, role: 'consumer' },
        { kind: 'person', id: civilAdminId, role: 'credential-holder' },
        { kind: 'person', id: civilUserId, role: 'end-user' },
      ]);
      expect(proposal.evidence).toEqual(alert.evidence);
      const attributed = await supervisor.post(`/cases/${caseId}/attribution`, { rules: ['consumer-credential'], reason: '审计记录显示数据经民政局救助系统凭证流出，署名最终用户为该局工作人员' });
      expect(attributed.status, JSON.stringify(attributed.body)).toBe(200);
      expect(attributed.body.attribution.confirmed).toMatchObject({ rules: ['consumer-credential'], changed: false });
      expect(attributed.body.parties.map((party) => `${party.kind}:${party.id}:${party.role}:${party.orgId}`).sort()).toEqual(
        [`organisation:${civilAffairs}:consumer:${civilAffairs}`, `person:${civilAdminId}:credential-holder:${civilAffairs}`, `person:${civilUserId}:end-user:${civilAffairs}`].sort(),
      );

      // 4. The statement and defence, by the demo's own people with their own tokens.
      const noticed = await supervisor.post(`/cases/${caseId}/statement-request`, { reason: '告知当事方陈述申辩权利' });
      expect(noticed.body.stage).toBe('statement');
      // Monday 30 November 2026 + 5 working days: Monday 7 December, end of day in Shanghai.
      expect(noticed.body.statementDueAt).toBe('2026-12-07T15:59:59.999Z');
      const civilAdmin = as('civil.admin');
      expect((await civilAdmin.post(`/cases/${caseId}/statements`, { party: 'organisation', text: '本局已对相关人员开展调查，承认存在批量获取参保信息的情况。' })).status).toBe(200);
      const early = await supervisor.post(`/cases/${caseId}/determination`, { outcome: 'sanction', reasons: '过早', publicSummary: '过早', sanctions: [{ kind: 'interview', orgId: civilAffairs }] });
      expect([early.status, early.body.code]).toEqual([409, 'CASE_STATEMENT_PERIOD_OPEN']);
      expect((await civilAdmin.post(`/cases/${caseId}/statements`, { party: 'person', text: '系统凭证由本人负责，但未对条件查询的分页数量设置上限。' })).status).toBe(200);
      const userStatement = await as('civil.user').post(`/cases/${caseId}/statements`, { party: 'person', text: '本人为整理救助对象名单进行了查询。' });
      expect(userStatement.status, JSON.stringify(userStatement.body)).toBe(200);
      // A party sees its own statement only.
      expect(userStatement.body.statements.map((statement) => statement.party.id)).toEqual([civilUserId]);
      // Nobody outside the case sees it.
      expect((await as('hrss.user').get(`/cases/${caseId}`)).status).toBe(404);

      // Until the sanction, the system still answers under the grant.
      minutesLater(30);
      const before = await gateway(INSURANCE, 'query', { subject: insured() });
      expect(before.status, JSON.stringify(before.body)).toBe(200);
      expect(before.body.records).toHaveLength(1);

      // 5. A sanction that suspends the grant the evidence shows was used, and an interview of the end user.
      const determined = await supervisor.post(`/cases/${caseId}/determination`, {
        outcome: 'sanction',
        reasons: '民政局未对系统调用设置必要的访问控制，工作人员超出业务需要批量获取居民参保信息。',
        publicSummary: '云溪县民政局超范围批量获取参保信息，予以暂停共享权限并约谈。',
        sanctions: [
          { kind: 'suspension', orgId: civilAffairs },
          { kind: 'interview', orgId: civilAffairs, personId: civilUserId },
        ],
      });
      expect(determined.status, JSON.stringify(determined.body)).toBe(200);
      expect(determined.body.stage).toBe('determined');
      expect(determined.body.determination!.sanctions).toEqual([
        expect.objectContaining({ kind: 'suspension', orgId: civilAffairs, personId: null, grantIds: [insurance.grantId] }),
        expect.objectContaining({ kind: 'interview', orgId: civilAffairs, personId: civilUserId, grantIds: [] }),
      ]);

      // 6. The very next gateway call is denied, by the sanction.
      const denied = await gateway(INSURANCE, 'query', { subject: insured() });
      expect([denied.status, denied.body.code]).toEqual([403, 'GRANT_SUSPENDED']);
      const grant = await call<{ status: string; statusCode: string }>(test.app, 'GET', `/api/v1/grants/${insurance.grantId}`, { token: person('supervisor.wang').token });
      expect(grant.body).toMatchObject({ status: 'suspended', statusCode: 'SUSPENDED_BY_SUPERVISOR' });
      // The suspension falls on the grant the data left through; the household grant, not in evidence, stays in force.
      expect((await gateway(HOUSEHOLD, 'query', { subject: demo.citizens[0]!.residentId })).status).toBe(200);
      expect((await call<{ status: string }>(test.app, 'GET', `/api/v1/grants/${household.grantId}`, { token: person('supervisor.wang').token })).body.status).toBe('active');
      // The sanctions weigh in the civil affairs bureau's next risk assessment.
      expect(await test.runtime.context.store.read.oversight.sanctionsSince(civilAffairs, '2026-01-01T00:00:00.000Z')).toBe(2);

      // The evidence, exported as bundles, verifies offline against the log's published key; the parties may examine it too.
      const key = (await test.app.inject({ method: 'GET', url: '/api/v1/audit/key' })).body.trim();
      const bundles = await supervisor.get<{ bundles: unknown[] }>(`/cases/${caseId}/evidence`);
      expect(bundles.body.bundles).toHaveLength(alert.evidence.length);
      for (const bundle of bundles.body.bundles) expect(checkEvidenceBundle(bundle, key)).toMatchObject({ ok: true, selfAsserted: false });
      expect((await as('civil.user').get<{ bundles: unknown[] }>(`/cases/${caseId}/evidence`)).body.bundles).toHaveLength(alert.evidence.length);

      const closed = await supervisor.post(`/cases/${caseId}/closure`, { reason: '处理决定已送达，结案' });
      expect(closed.body.stage).toBe('closed');
      expect(closed.body.steps.map((step) => step.to)).toEqual(['filed', 'investigating', 'statement', 'determined', 'closed']);
      expect(closed.body.steps.every((step) => step.actorId === supervisorId && step.reason.length > 0)).toBe(true);
      const actions = (await test.runtime.context.store.auditStore.search({ actionPrefix: 'case.', limit: 100 })).map((record) => record.action);
      expect(actions).toEqual(['case.filed', 'case.investigating', 'case.attributed', 'case.statement_requested', 'case.statement_submitted', 'case.statement_submitted', 'case.statement_submitted', 'case.determined', 'case.closed']);
    },
    STORY_TIMEOUT_MS,
  );

  it(
    'ends a second case with no fault, on the evidence of the approved grant, and leaves the grant in force',
    async () => {
      const supervisor = as('supervisor.wang');
      const civilAffairs = civil.org.id;
      const household = grantOf(HOUSEHOLD);
      // A routine household lookup for an assistance application.
      const lookup = await gateway(HOUSEHOLD, 'query', { subject: demo.citizens[0]!.residentId });
      expect(lookup.status, JSON.stringify(lookup.body)).toBe(200);
      await test.runtime.services.detection.catchUp();
      expect((await supervisor.get<{ alerts: AlertBody[] }>('/alerts?detector=enumeration')).body.alerts).toEqual([]);

      const filed = await supervisor.post('/cases', { source: { kind: 'audit_finding', id: 'AUDIT-2026-031' }, title: '例行审计发现的一次户籍核对查询', facts: '例行审计中发现民政局救助系统的一次户籍查询，需核实用途。', evidence: [lookup.seq] });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const caseId = filed.body.id;
      const investigating = await supervisor.post(`/cases/${caseId}/investigation`, { reason: '核实查询用途' });
      expect(investigating.body.attribution.proposals.map((candidate) => candidate.rule)).toEqual(['consumer-credential']);
      // The investigator narrows the proposal to the department alone, and says why.
      const attributed = await supervisor.post(`/cases/${caseId}/attribution`, { parties: [{ kind: 'organisation', id: civilAffairs, role: 'consumer' }], reason: '仅需部门说明用途，暂不认定个人责任' });
      expect(attributed.body.attribution.confirmed).toMatchObject({ rules: [], changed: true });
      await supervisor.post(`/cases/${caseId}/statement-request`, { reason: '告知陈述申辩' });
      // The department rebuts the presumption of fault with the approval of the household grant (PIPL Art. 69).
      const approvals = await test.runtime.context.store.auditStore.search({ action: 'sharing.grant.created', limit: 100 });
      const approval = approvals.find((record) => record.object === `grant:${household.grantId}`);
      expect(approval).toBeDefined();
      const stated = await as('civil.admin').post(`/cases/${caseId}/statements`, { party: 'organisation', text: '该查询系低保申请家庭户籍核对所需，有经批准的共享授权。', evidence: [approval!.seq] });
      expect(stated.status, JSON.stringify(stated.body)).toBe(200);

      const unsupported = await supervisor.post(`/cases/${caseId}/determination`, { outcome: 'no_fault', reasons: '用途合规', publicSummary: '经查无过错。' });
      expect(unsupported.status).toBe(400);
      expect(JSON.stringify(unsupported.body)).toContain('CASE_NO_FAULT_EVIDENCE_REQUIRED');
      const determined = await supervisor.post(`/cases/${caseId}/determination`, { outcome: 'no_fault', reasons: '查询在授权用途和范围内，当事部门举证充分。', publicSummary: '经查，云溪县民政局相关查询合规，无过错。', evidence: [approval!.seq] });
      expect(determined.status, JSON.stringify(determined.body)).toBe(200);
      expect(determined.body.determination).toMatchObject({ outcome: 'no_fault', sanctions: [] });
      expect(determined.body.evidence).toEqual(expect.arrayContaining([lookup.seq, approval!.seq]));
      expect(await test.runtime.context.store.read.oversight.sanctionsSince(civilAffairs, '2026-01-01T00:00:00.000Z')).toBe(0);
      expect((await gateway(HOUSEHOLD, 'query', { subject: demo.citizens[0]!.residentId })).status).toBe(200);
      expect((await call<{ status: string }>(test.app, 'GET', `/api/v1/grants/${household.grantId}`, { token: person('supervisor.wang').token })).body.status).toBe('active');
    },
    STORY_TIMEOUT_MS,
  );
});
