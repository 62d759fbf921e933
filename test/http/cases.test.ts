import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DetectionService } from '../../src/app/defence/detection-service.ts';
import { buildGatewayWorld, exchange, RESIDENTS, type GatewayWorld } from '../gateway/gateway-world.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';

interface CaseBody {
  id: string;
  stage: string;
  evidence: number[];
  investigationDueAt: string;
  investigationOverdue: boolean;
  filedAt: string;
  attribution: { proposals: { rule: string; parties: { kind: string; id: string; role: string }[]; evidence: number[] }[] };
  parties: { kind: string; id: string; role: string }[];
  statements: unknown[];
  code?: string;
  details?: { errors?: { path: string; code: string }[] };
}

describe.each(DIALECTS)('accountability cases over HTTP (%s)', (dialect) => {
  let test: TestRuntime;
  let world: GatewayWorld;
  let seqs: number[];

  beforeEach(async () => {
    test = await createTestRuntime(dialect);
    world = await buildGatewayWorld(test);
    seqs = [];
    for (const resident of RESIDENTS.slice(0, 2)) {
      const reply = await exchange(test, world, 'query', { subject: resident.residentId });
      expect(reply.status).toBe(200);
      seqs.push(Number(reply.headers['x-custos-audit-seq']));
    }
  });
  afterEach(async () => {
    await test.close();
  });

  const post = (token: string | undefined, url: string, body: unknown) => call<CaseBody>(test.app, 'POST', `/api/v1${url}`, { ...(token ? { token } : {}), body });
  const get = <Body = CaseBody>(token: string, url: string) => call<Body>(test.app, 'GET', `/api/v1${url}`, { token });
  const filing = (evidence: number[] = seqs) => ({ source: { kind: 'audit_finding', id: 'AUDIT-2026-07' }, title: '审计发现的批量查询', facts: '审计发现民政局系统查询户籍信息。', evidence });

  async function person(orgId: string, login: string, roles: ('auditor' | 'supervisor' | 'consumer')[]): Promise<string> {
    const training = [{ course: 'supervision-procedure', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' }];
    const enrolment = await test.runtime.services.people.create(null, { orgId, login, name: login, roles, training });
    return (await test.runtime.services.auth.createPersonalToken(await principalFor(test.runtime, enrolment.person.id), 'test', null)).token;
  }

  /** A case filed, investigated and attributed to the civil affairs bureau and its people. */
  async function attributedCase(): Promise<CaseBody> {
    const supervisor = world.people.supervisor.token;
    const filed = await post(supervisor, '/cases', filing());
    await post(supervisor, `/cases/${filed.body.id}/investigation`, { reason: '开始调查' });
    const attributed = await post(supervisor, `/cases/${filed.body.id}/attribution`, { reason: '确认规则建议' });
    expect(attributed.status, JSON.stringify(attributed.body)).toBe(200);
    return attributed.body;
  }

  it('lets a supervisor of the authority file a case, with the investigation due in 20 working days', async () => {
    const filed = await post(world.people.supervisor.token, '/cases', filing());
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ stage: 'filed', evidence: seqs, parties: [] });
    // Monday 30 November 2026 (Beijing) + 20 working days: Monday 28 December, end of day.
    expect(filed.body.investigationDueAt).toBe('2026-12-28T15:59:59.999Z');
    expect(filed.body.investigationOverdue).toBe(false);
    test.clock.set('2026-12-28T15:59:59.999Z');
    expect((await get(world.people.supervisor.token, `/cases/${filed.body.id}`)).body.investigationOverdue).toBe(false);
    test.clock.set('2026-12-28T16:00:00.000Z');
    expect((await get(world.people.supervisor.token, `/cases/${filed.body.id}`)).body.investigationOverdue).toBe(true);
    const listed = await get<{ cases: CaseBody[] }>(world.people.supervisor.token, '/cases');
    expect(listed.body.cases.map((entry) => entry.id)).toEqual([filed.body.id]);
    const [entry] = await test.runtime.context.store.auditStore.search({ action: 'case.filed', limit: 1 });
    expect(entry!.details).toMatchObject({ sourceKind: 'audit_finding', evidence: 2 });
    expect(JSON.stringify(entry)).not.toContain('审计发现');
  });

  it('refuses filing to anyone but a trained supervisor of the authority, writing nothing', async () => {
    const auditor = await person(world.orgs.bureau, 'bureau-auditor', ['auditor']);
    const before = await auditCount(test.runtime);
    for (const token of [world.people.civilAdmin.token, world.people.policeAdmin.token, auditor]) {
      const reply = await post(token, '/cases', filing());
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('FORBIDDEN');
    }
    expect((await post(world.people.lapsedSupervisor.token, '/cases', filing())).body.code).toBe('TRAINING_EXPIRED');
    expect((await post(undefined, '/cases', filing())).status).toBe(401);
    expect(await auditCount(test.runtime)).toBe(before);
  });

  it('answers bad input with 400 and writes nothing', async () => {
    const supervisor = world.people.supervisor.token;
    const before = await auditCount(test.runtime);
    const size = before;
    const bodies: [unknown, string][] = [
      [{ ...filing(), extra: 1 }, 'SCHEMA_ADDITIONALPROPERTIES'],
      [{ ...filing(), source: { kind: 'rumour', id: 'x' } }, 'SCHEMA_ENUM'],
      [{ ...filing(), facts: '当事人 11010519491231002X 泄露' }, 'TEXT_HAS_PERSONAL_DATA'],
      [filing([size + 5]), 'CASE_EVIDENCE_UNKNOWN'],
      [{ ...filing(), source: { kind: 'alert', id: 'no-such-alert' } }, 'CASE_SOURCE_NOT_FOUND'],
      [{ ...filing(), title: '' }, 'SCHEMA_MINLENGTH'],
    ];
    for (const [body, code] of bodies) {
      const reply = await post(supervisor, '/cases', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.details!.errors!.map((error) => error.code)).toContain(code);
    }
    expect((await get(supervisor, '/cases?stage=unknown')).status).toBe(400);
    const filed = await post(supervisor, '/cases', filing());
    const afterFiling = await auditCount(test.runtime);
    expect((await post(supervisor, `/cases/${filed.body.id}/investigation`, {})).status).toBe(400);
    expect((await post(supervisor, `/cases/${filed.body.id}/investigation`, { reason: '身份证 11010519491231002X' })).status).toBe(400);
    expect(await auditCount(test.runtime)).toBe(afterFiling);
    expect(afterFiling).toBe(before + 1);
  });

  it('shows a case to its parties, read-only, and to nobody else', async () => {
    const entry = await attributedCase();
    expect(entry.parties.map((party) => party.id)).toEqual(expect.arrayContaining([world.orgs.civil, world.people.civilAdmin.id, world.people.civilConsumer.id]));
    const steps: [string, unknown][] = [
      ['investigation', { reason: '推进' }],
      ['attribution', { reason: '改认定', parties: [{ kind: 'organisation', id: world.orgs.police, role: 'provider' }] }],
      ['statement-request', { reason: '推进' }],
      ['determination', { outcome: 'no_fault', reasons: '无过错', publicSummary: '无过错', evidence: seqs }],
      ['closure', { reason: '结案' }],
    ];
    const before = await auditCount(test.runtime);
    // Parties: the department's administrator, and the end user named in person. They read, and run nothing.
    for (const token of [world.people.civilAdmin.token, world.people.civilConsumer.token]) {
      expect((await get(token, `/cases/${entry.id}`)).status).toBe(200);
      expect((await get<{ bundles: unknown[] }>(token, `/cases/${entry.id}/evidence`)).body.bundles).toHaveLength(seqs.length);
      expect((await get<{ cases: CaseBody[] }>(token, '/cases')).body.cases.map((listed) => listed.id)).toEqual([entry.id]);
      for (const [step, body] of steps) expect((await post(token, `/cases/${entry.id}/${step}`, body)).status, step).toBe(403);
    }
    // Another organisation sees nothing and changes nothing.
    const police = world.people.policeAdmin.token;
    expect((await get(police, `/cases/${entry.id}`)).status).toBe(404);
    expect((await get<{ cases: CaseBody[] }>(police, '/cases')).body.cases).toEqual([]);
    expect((await get(police, `/cases/${entry.id}/evidence`)).status).toBe(404);
    for (const [step, body] of steps) expect((await post(police, `/cases/${entry.id}/${step}`, body)).status, step).toBe(404);
    expect((await post(police, `/cases/${entry.id}/statements`, { party: 'organisation', text: '陈述' })).status).toBe(404);
    expect(await auditCount(test.runtime)).toBe(before);
    // A colleague of the department who is not its representative nor named is not a party either.
    const colleague = await person(world.orgs.civil, 'civil-colleague', ['consumer']);
    expect((await get(colleague, `/cases/${entry.id}`)).status).toBe(404);
    expect((await get<{ cases: CaseBody[] }>(colleague, '/cases')).body.cases).toEqual([]);
    // The authority's auditors read its cases but do not run them.
    const auditor = await person(world.orgs.bureau, 'bureau-auditor', ['auditor']);
    expect((await get(auditor, `/cases/${entry.id}`)).status).toBe(200);
    expect((await post(auditor, `/cases/${entry.id}/statement-request`, { reason: '推进' })).status).toBe(403);
    expect((await get(police, `/cases/not-a-case`)).status).toBe(404);
  });

  it('keeps the order of stages and hears every party once', async () => {
    const supervisor = world.people.supervisor.token;
    const filed = await post(supervisor, '/cases', filing());
    expect((await post(supervisor, `/cases/${filed.body.id}/statement-request`, { reason: '跳过调查' })).body.code).toBe('CASE_STAGE_CONFLICT');
    await post(supervisor, `/cases/${filed.body.id}/investigation`, { reason: '开始调查' });
    expect((await post(supervisor, `/cases/${filed.body.id}/statement-request`, { reason: '未认定' })).body.code).toBe('CASE_ATTRIBUTION_MISSING');
    expect((await post(supervisor, `/cases/${filed.body.id}/determination`, { outcome: 'sanction', reasons: '过早', publicSummary: '过早', sanctions: [{ kind: 'interview', orgId: world.orgs.civil }] })).body.code).toBe('CASE_STAGE_CONFLICT');
    const unknown = await post(supervisor, `/cases/${filed.body.id}/attribution`, { parties: [{ kind: 'person', id: 'nobody', role: 'end-user' }], reason: '改为他人' });
    expect(unknown.body.details!.errors!.map((error) => error.code)).toEqual(['CASE_PARTY_UNKNOWN']);
    await post(supervisor, `/cases/${filed.body.id}/attribution`, { rules: ['consumer-credential'], reason: '确认' });
    expect((await post(world.people.civilAdmin.token, `/cases/${filed.body.id}/statements`, { party: 'organisation', text: '尚未告知即陈述' })).body.code).toBe('CASE_STAGE_CONFLICT');
    await post(supervisor, `/cases/${filed.body.id}/statement-request`, { reason: '告知陈述申辩' });
    expect((await post(world.people.civilAdmin.token, `/cases/${filed.body.id}/statements`, { party: 'organisation', text: '本局陈述' })).status).toBe(200);
    const twice = await post(world.people.civilAdmin.token, `/cases/${filed.body.id}/statements`, { party: 'organisation', text: '再次陈述' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CONFLICT');
    // The end user speaks only for himself, not for the department.
    expect((await post(world.people.civilConsumer.token, `/cases/${filed.body.id}/statements`, { party: 'organisation', text: '代表本局' })).status).toBe(403);
    // Sanctions fall on parties only.
    const stranger = await post(supervisor, `/cases/${filed.body.id}/determination`, { outcome: 'sanction', reasons: '理由', publicSummary: '摘要', sanctions: [{ kind: 'public_criticism', orgId: world.orgs.police }] });
    expect(stranger.body.details!.errors!.map((error) => error.code)).toEqual(['CASE_SANCTION_NOT_PARTY']);
    // Silence waives the defence once the five working days have run out.
    expect((await post(supervisor, `/cases/${filed.body.id}/determination`, { outcome: 'sanction', reasons: '理由', publicSummary: '摘要', sanctions: [{ kind: 'rectification_order', orgId: world.orgs.civil }] })).body.code).toBe('CASE_STATEMENT_PERIOD_OPEN');
    test.clock.set('2026-12-08T01:00:00.000Z');
    const determined = await post(supervisor, `/cases/${filed.body.id}/determination`, { outcome: 'sanction', reasons: '未落实访问控制', publicSummary: '责令整改', sanctions: [{ kind: 'rectification_order', orgId: world.orgs.civil }] });
    expect(determined.status, JSON.stringify(determined.body)).toBe(200);
    expect((await post(supervisor, `/cases/${filed.body.id}/investigation`, { reason: '重新调查' })).body.code).toBe('CASE_STAGE_CONFLICT');
    // A rectification order does not touch the grant.
    expect((await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId })).status).toBe(200);
  });

  it('holds contractor staff’s calls against the contractor and the commissioning department (DSL Art. 40)', async () => {
    const operated = await exchange(test, world, 'query', { subject: RESIDENTS[2]!.residentId }, { user: world.contractorUser.login });
    expect(operated.status).toBe(200);
    const seq = Number(operated.headers['x-custos-audit-seq']);
    const supervisor = world.people.supervisor.token;
    const filed = await post(supervisor, '/cases', { ...filing([seq]), source: { kind: 'leak_report', id: 'LEAK-2026-01' } });
    const investigating = await post(supervisor, `/cases/${filed.body.id}/investigation`, { reason: '开始调查' });
    const proposal = investigating.body.attribution.proposals.find((candidate) => candidate.rule === 'contractor-end-user')!;
    expect(proposal.parties).toEqual([
      { kind: 'organisation', id: world.orgs.contractor, role: 'contractor' },
      { kind: 'organisation', id: world.orgs.civil, role: 'commissioning-department' },
      { kind: 'person', id: world.contractorUser.id, role: 'end-user' },
    ]);
    expect(proposal.evidence).toEqual([seq]);
  });

  it('holds the supervision authority for an alert it left overdue', async () => {
    const detection = new DetectionService(test.runtime.context, test.runtime.services.alerts, test.runtime.services.regions);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId }, { user: 'police-admin' })).status).toBe(403);
    await detection.catchUp();
    const alert = (await get<{ alerts: { id: string; deadlineAt: string }[] }>(world.people.supervisor.token, '/alerts?detector=probing')).body.alerts[0]!;
    const supervisor = world.people.supervisor.token;
    const early = await post(supervisor, '/cases', { ...filing([]), source: { kind: 'overdue_action', id: alert.id } });
    expect(early.body.details!.errors!.map((error) => error.code)).toEqual(['CASE_SOURCE_NOT_OVERDUE']);
    test.clock.set(new Date(Date.parse(alert.deadlineAt) + 60_000));
    expect(await test.runtime.services.alerts.escalateOverdue()).toBe(1);
    const filed = await post(supervisor, '/cases', { ...filing([]), source: { kind: 'overdue_action', id: alert.id } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const investigating = await post(supervisor, `/cases/${filed.body.id}/investigation`, { reason: '核查督办逾期' });
    expect(investigating.body.attribution.proposals).toEqual([expect.objectContaining({ rule: 'overdue-alert', parties: [{ kind: 'organisation', id: world.orgs.bureau, role: 'supervisor' }] })]);
  });
});
