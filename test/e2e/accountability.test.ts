import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkEvidenceBundle } from '../../src/app/audit/evidence-bundle.ts';
import { DetectionService } from '../../src/app/defence/detection-service.ts';
import { enumerationProfile } from '../support/detection-profiles.ts';
import { buildGatewayWorld, exchange, RESIDENTS, type GatewayWorld } from '../gateway/gateway-world.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';

interface CaseBody {
  id: string;
  stage: string;
  evidence: number[];
  attribution: { proposals: { rule: string; parties: { kind: string; id: string; role: string }[]; reasons: { zh: string; en: string }[]; evidence: number[] }[]; confirmed: { rules: string[]; changed: boolean } | null };
  parties: { kind: string; id: string; role: string; orgId: string }[];
  investigationDueAt: string;
  statementDueAt: string | null;
  determination: { outcome: string; sanctions: { kind: string; orgId: string; personId: string | null; grantIds: string[] }[] } | null;
  steps: { from: string | null; to: string; actorId: string; reason: string }[];
  statements: { party: { kind: string; id: string } }[];
  code?: string;
}

/**
 * Enumeration above two distinct subjects an hour is high, and never critical here: no automatic
 * containment stands in the way, so the denial at the end is the sanction's own doing.
 */
const INSIDER = enumerationProfile(2, 1_000_000);

describe.each(DIALECTS)('accountability end to end (%s)', (dialect) => {
  let test: TestRuntime;
  let world: GatewayWorld;
  let detection: DetectionService;

  beforeEach(async () => {
    test = await createTestRuntime(dialect);
    world = await buildGatewayWorld(test);
    const { services, context } = test.runtime;
    detection = new DetectionService(context, services.alerts, services.regions, INSIDER);
  });
  afterEach(async () => {
    await test.close();
  });

  const as = (token: string) => ({
    post: (url: string, body: unknown) => call<CaseBody>(test.app, 'POST', `/api/v1${url}`, { token, body }),
    get: <Body = CaseBody>(url: string) => call<Body>(test.app, 'GET', `/api/v1${url}`, { token }),
  });

  /** The civil affairs end user looks up every county resident one after another: an insider's bulk harvest. */
  async function insiderHarvest(): Promise<number[]> {
    const seqs: number[] = [];
    for (const resident of RESIDENTS.slice(0, 3)) {
      const reply = await exchange(test, world, 'query', { subject: resident.residentId });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      seqs.push(Number(reply.headers['x-custos-audit-seq']));
    }
    await detection.catchUp();
    return seqs;
  }

  it('takes an insider bulk harvest from alert to a case, attribution, statements and a suspension the gateway enforces', async () => {
    const supervisor = as(world.people.supervisor.token);
    const harvest = await insiderHarvest();

    // 2. The alert.
    const alerts = await supervisor.get<{ alerts: { id: string; severity: string; status: string; evidence: number[] }[] }>('/alerts?detector=enumeration');
    const alert = alerts.body.alerts[0]!;
    expect(alert).toMatchObject({ severity: 'high', status: 'open' });
    expect(harvest).toEqual(expect.arrayContaining(alert.evidence));

    // 3. The case, with attribution to the department and the people responsible.
    const filed = await supervisor.post('/cases', { source: { kind: 'alert', id: alert.id }, title: '民政局系统批量查询户籍信息', facts: '预警显示民政局低保系统一小时内逐一查询多名居民户籍信息，超出业务所需。' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const caseId = filed.body.id;
    expect(filed.body.evidence).toEqual(alert.evidence);
    const investigating = await supervisor.post(`/cases/${caseId}/investigation`, { reason: '调取审计记录开展调查' });
    expect(investigating.body.stage).toBe('investigating');
    const proposal = investigating.body.attribution.proposals.find((candidate) => candidate.rule === 'consumer-credential')!;
    expect(proposal.parties).toEqual([
      { kind: 'organisation', id: world.orgs.civil, role: 'consumer' },
      { kind: 'person', id: world.people.civilAdmin.id, role: 'credential-holder' },
      { kind: 'person', id: world.people.civilConsumer.id, role: 'end-user' },
    ]);
    expect(proposal.evidence).toEqual(alert.evidence);
    expect(proposal.reasons[0]!.zh).toContain(world.credentialId);
    // Staff of the civil affairs bureau, not of its contractor, were at the keyboard; the grant was not widened.
    expect(investigating.body.attribution.proposals.map((candidate) => candidate.rule)).toEqual(['consumer-credential']);

    const attributed = await supervisor.post(`/cases/${caseId}/attribution`, { rules: ['consumer-credential'], reason: '审计记录显示数据经民政局系统凭证流出，署名最终用户为该局工作人员' });
    expect(attributed.status, JSON.stringify(attributed.body)).toBe(200);
    expect(attributed.body.attribution.confirmed).toMatchObject({ rules: ['consumer-credential'], changed: false });
    expect(attributed.body.parties.map((party) => `${party.kind}:${party.id}:${party.role}`).sort()).toEqual(
      [`organisation:${world.orgs.civil}:consumer`, `person:${world.people.civilAdmin.id}:credential-holder`, `person:${world.people.civilConsumer.id}:end-user`].sort(),
    );

    // 4. The statement and defence: five working days, and no determination while a party is still to speak.
    const noticed = await supervisor.post(`/cases/${caseId}/statement-request`, { reason: '告知当事方陈述申辩权利' });
    expect(noticed.body.stage).toBe('statement');
    // Monday 30 November 2026 + 5 working days: Monday 7 December, end of day in Beijing.
    expect(noticed.body.statementDueAt).toBe('2026-12-07T15:59:59.999Z');
    const civilAdmin = as(world.people.civilAdmin.token);
    expect((await civilAdmin.post(`/cases/${caseId}/statements`, { party: 'organisation', text: '本局已对相关人员开展调查，承认存在批量查询。' })).status).toBe(200);
    const early = await supervisor.post(`/cases/${caseId}/determination`, { outcome: 'sanction', reasons: '过早', publicSummary: '过早', sanctions: [{ kind: 'interview', orgId: world.orgs.civil }] });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CASE_STATEMENT_PERIOD_OPEN');
    expect((await civilAdmin.post(`/cases/${caseId}/statements`, { party: 'person', text: '凭证由本人负责，但未设置调用人员的查询上限。' })).status).toBe(200);
    const consumerStatement = await as(world.people.civilConsumer.token).post(`/cases/${caseId}/statements`, { party: 'person', text: '本人为核对名单进行了查询。' });
    expect(consumerStatement.status).toBe(200);
    // A party sees its own statement only.
    expect(consumerStatement.body.statements.map((statement) => statement.party.id)).toEqual([world.people.civilConsumer.id]);

    // Until the sanction, the system still answers.
    expect((await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId })).status).toBe(200);

    // 5. A sanction that suspends the grant.
    const determined = await supervisor.post(`/cases/${caseId}/determination`, {
      outcome: 'sanction',
      reasons: '民政局未对系统调用设置必要的访问控制，工作人员超出业务需要批量查询居民信息。',
      publicSummary: '某县民政局超范围查询户籍信息，予以暂停共享权限并约谈。',
      sanctions: [
        { kind: 'suspension', orgId: world.orgs.civil },
        { kind: 'interview', orgId: world.orgs.civil, personId: world.people.civilConsumer.id },
      ],
    });
    expect(determined.status, JSON.stringify(determined.body)).toBe(200);
    expect(determined.body.stage).toBe('determined');
    expect(determined.body.determination!.sanctions).toEqual([
      expect.objectContaining({ kind: 'suspension', orgId: world.orgs.civil, personId: null, grantIds: [world.grant.id] }),
      expect.objectContaining({ kind: 'interview', orgId: world.orgs.civil, personId: world.people.civilConsumer.id, grantIds: [] }),
    ]);

    // 6. The next gateway call is denied.
    const denied = await exchange<{ code: string }>(test, world, 'query', { subject: RESIDENTS[0]!.residentId });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('GRANT_SUSPENDED');
    const grant = await call<{ status: string; statusCode: string }>(test.app, 'GET', `/api/v1/grants/${world.grant.id}`, { token: world.people.supervisor.token });
    expect(grant.body).toMatchObject({ status: 'suspended', statusCode: 'SUSPENDED_BY_SUPERVISOR' });
    // The sanctions weigh in the civil affairs bureau's next risk assessment.
    expect(await test.runtime.context.store.read.oversight.sanctionsSince(world.orgs.civil, '2026-01-01T00:00:00.000Z')).toBe(2);

    // The evidence, exported as bundles, verifies offline against the log's published key.
    const key = (await test.app.inject({ method: 'GET', url: '/api/v1/audit/key' })).body.trim();
    const bundles = await supervisor.get<{ bundles: unknown[] }>(`/cases/${caseId}/evidence`);
    expect(bundles.body.bundles).toHaveLength(alert.evidence.length);
    for (const bundle of bundles.body.bundles) expect(checkEvidenceBundle(bundle, key)).toMatchObject({ ok: true, selfAsserted: false });

    const closed = await supervisor.post(`/cases/${caseId}/closure`, { reason: '处理决定已送达，结案' });
    expect(closed.body.stage).toBe('closed');
    expect(closed.body.steps.map((step) => step.to)).toEqual(['filed', 'investigating', 'statement', 'determined', 'closed']);
    expect(closed.body.steps.every((step) => step.actorId === world.people.supervisor.id && step.reason.length > 0)).toBe(true);
    const actions = (await test.runtime.context.store.auditStore.search({ actionPrefix: 'case.', limit: 100 })).map((record) => record.action);
    expect(actions).toEqual(['case.filed', 'case.investigating', 'case.attributed', 'case.statement_requested', 'case.statement_submitted', 'case.statement_submitted', 'case.statement_submitted', 'case.determined', 'case.closed']);
  });

  it('ends a second case with no fault, on evidence, and leaves the grant in force', async () => {
    const supervisor = as(world.people.supervisor.token);
    const harvest = await insiderHarvest();
    const filed = await supervisor.post('/cases', { source: { kind: 'audit_finding', id: 'AUDIT-2026-031' }, title: '例行审计发现的一次核对查询', facts: '例行审计中发现民政局系统的一次户籍查询，需核实用途。', evidence: [harvest[0]] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const caseId = filed.body.id;
    await supervisor.post(`/cases/${caseId}/investigation`, { reason: '核实查询用途' });
    // The investigator narrows the proposal to the department alone, and says why.
    const attributed = await supervisor.post(`/cases/${caseId}/attribution`, { parties: [{ kind: 'organisation', id: world.orgs.civil, role: 'consumer' }], reason: '仅需部门说明用途，暂不认定个人责任' });
    expect(attributed.body.attribution.confirmed).toMatchObject({ rules: [], changed: true });
    await supervisor.post(`/cases/${caseId}/statement-request`, { reason: '告知陈述申辩' });
    // The department rebuts the presumption of fault with the approval of its request (PIPL Art. 69).
    const [approval] = await test.runtime.context.store.auditStore.search({ action: 'sharing.grant.created', limit: 1 });
    expect(approval).toBeDefined();
    const stated = await as(world.people.civilAdmin.token).post(`/cases/${caseId}/statements`, { party: 'organisation', text: '该查询系低保认定所需，有经批准的共享授权。', evidence: [approval!.seq] });
    expect(stated.status, JSON.stringify(stated.body)).toBe(200);

    const unsupported = await supervisor.post(`/cases/${caseId}/determination`, { outcome: 'no_fault', reasons: '用途合规', publicSummary: '经查无过错。' });
    expect(unsupported.status).toBe(400);
    expect(JSON.stringify(unsupported.body)).toContain('CASE_NO_FAULT_EVIDENCE_REQUIRED');
    const determined = await supervisor.post(`/cases/${caseId}/determination`, { outcome: 'no_fault', reasons: '查询在授权用途和范围内，当事部门举证充分。', publicSummary: '经查，某县民政局相关查询合规，无过错。', evidence: [approval!.seq] });
    expect(determined.status, JSON.stringify(determined.body)).toBe(200);
    expect(determined.body.determination).toMatchObject({ outcome: 'no_fault', sanctions: [] });
    expect(determined.body.evidence).toContain(approval!.seq);
    expect(await test.runtime.context.store.read.oversight.sanctionsSince(world.orgs.civil, '2026-01-01T00:00:00.000Z')).toBe(0);
    expect((await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId })).status).toBe(200);
  });
});
