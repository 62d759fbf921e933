import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DetectionService } from '../../src/app/defence/detection-service.ts';
import { enumerationProfile } from '../support/detection-profiles.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildGatewayWorld, exchange, RESIDENTS, type GatewayWorld } from './gateway-world.ts';

interface AlertBody {
  id: string;
  detector: string;
  severity: string;
  status: string;
  principal: { kind: string; id: string };
  evidence: number[];
  deadlineAt: string;
  raisedAt: string;
  escalatedAt: string | null;
  assigneeOrgId: string | null;
}
interface DetailBody {
  alert: AlertBody;
  steps: { from: string; to: string; actor: { type: string }; reason: string }[];
  containments: { id: string; action: string; targetId: string; status: string; confirmBy: string }[];
}

/** Enumeration at three distinct subjects an hour is critical: small enough for the four test residents. */
const TIGHT = enumerationProfile(2, 3);

describe.each(DIALECTS)('active defence over the gateway (%s)', (dialect) => {
  let test: TestRuntime;
  let world: GatewayWorld;
  let detection: DetectionService;

  beforeEach(async () => {
    test = await createTestRuntime(dialect);
    world = await buildGatewayWorld(test);
    const { services, context } = test.runtime;
    detection = new DetectionService(context, services.alerts, services.regions, TIGHT);
  });
  afterEach(async () => {
    await test.close();
  });

  /** Three county residents looked up one after another by the civil affairs consumer. */
  async function harvest(): Promise<number[]> {
    const seqs: number[] = [];
    for (const resident of RESIDENTS.slice(0, 3)) {
      const reply = await exchange(test, world, 'query', { subject: resident.residentId });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      seqs.push(Number(reply.headers['x-custos-audit-seq']));
    }
    await detection.catchUp();
    return seqs;
  }

  const actions = async (action: string) => (await test.runtime.context.store.auditStore.search({ action, limit: 1000 })).length;
  const alerts = (token: string, query = '') => call<{ alerts: AlertBody[]; nextCursor: string | null }>(test.app, 'GET', `/api/v1/alerts${query}`, { token });

  it('raises a critical alert from gateway calls, contains the credential, and the very next call is denied with the containment code', async () => {
    const seqs = await harvest();
    const listed = await alerts(world.people.supervisor.token);
    expect(listed.status).toBe(200);
    const alert = listed.body.alerts.find((candidate) => candidate.detector === 'enumeration')!;
    expect(alert).toMatchObject({ severity: 'critical', status: 'contained', principal: { kind: 'person', id: world.people.civilConsumer.id }, assigneeOrgId: world.orgs.bureau });
    expect(seqs).toContain(alert.evidence.at(-1));
    // Critical: one hour from the event that raised it.
    expect(Date.parse(alert.deadlineAt) - Date.parse(alert.raisedAt)).toBe(3_600_000);

    const denied = await exchange<{ code: string }>(test, world, 'query', { subject: RESIDENTS[0]!.residentId });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('CREDENTIAL_CONTAINED');

    const detail = await call<DetailBody>(test.app, 'GET', `/api/v1/alerts/${alert.id}`, { token: world.people.supervisor.token });
    expect(detail.body.containments).toEqual([expect.objectContaining({ action: 'suspend-credential', targetId: world.credentialId, status: 'active' })]);
    expect(detail.body.steps).toEqual([expect.objectContaining({ from: 'open', to: 'contained', actor: expect.objectContaining({ type: 'process' }) })]);
    const containment = detail.body.containments[0]!;
    expect(Date.parse(containment.confirmBy) - test.clock.now().getTime()).toBe(4 * 3_600_000);
    expect(await actions('alert.raised')).toBeGreaterThan(0);
    expect(await actions('containment.applied')).toBe(1);

    // Lifting it gives the system back its access at once.
    const lifted = await call<{ status: string }>(test.app, 'POST', `/api/v1/containments/${containment.id}/lift`, { token: world.people.supervisor.token, body: { reason: '已核实为测试账号批量核验，解除' } });
    expect(lifted.body.status).toBe('lifted');
    expect((await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId })).status).toBe(200);
    const again = await call<{ code: string }>(test.app, 'POST', `/api/v1/containments/${containment.id}/confirm`, { token: world.people.supervisor.token, body: { reason: '确认' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONTAINMENT_DECIDED');
  });

  it('moves an alert through its lifecycle with actor and reason, and refuses steps the lifecycle does not allow', async () => {
    await harvest();
    const alert = (await alerts(world.people.supervisor.token, '?detector=enumeration')).body.alerts[0]!;
    const step = (to: string, reason = '已电话核实 / checked by phone') => call<DetailBody & { code?: string }>(test.app, 'POST', `/api/v1/alerts/${alert.id}/steps`, { token: world.people.supervisor.token, body: { to, reason } });
    expect((await step('acknowledged')).status).toBe(409);
    const resolved = await step('resolved');
    expect(resolved.status).toBe(200);
    expect(resolved.body.alert.status).toBe('resolved');
    expect(resolved.body.steps.map((entry) => entry.to)).toEqual(['contained', 'resolved']);
    expect((await step('false_positive')).body.code).toBe('ALERT_TRANSITION_INVALID');
    expect(await actions('alert.resolved')).toBe(1);
    const written = await test.runtime.context.store.auditStore.search({ action: 'alert.resolved', limit: 1 });
    expect(JSON.stringify(written)).not.toContain('已电话核实');
  });

  it('validates steps and writes nothing for bad input', async () => {
    await harvest();
    const alert = (await alerts(world.people.supervisor.token)).body.alerts[0]!;
    const before = await auditCount(test.runtime);
    for (const body of [{ to: 'open', reason: 'x' }, { to: 'resolved' }, { to: 'resolved', reason: '' }, { to: 'acknowledged', reason: 'x', action: 'suspend-grant' }, { to: 'resolved', reason: 'x', extra: 1 }]) {
      const reply = await call<{ code: string }>(test.app, 'POST', `/api/v1/alerts/${alert.id}/steps`, { token: world.people.supervisor.token, body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
    expect((await alerts(world.people.supervisor.token, '?severity=urgent')).status).toBe(400);
    expect(await auditCount(test.runtime)).toBe(before);
  });

  it('shows a department only its own alerts, read-only, and hides them from everyone else', async () => {
    await harvest();
    const alert = (await alerts(world.people.supervisor.token)).body.alerts[0]!;
    const civilAuditor = await test.runtime.services.people.create(null, { orgId: world.orgs.civil, login: 'civil-auditor', name: '民政审计', roles: ['auditor'], training: [] });
    const token = (await test.runtime.services.auth.createPersonalToken(await principalFor(test.runtime, civilAuditor.person.id), 'test', null)).token;
    const policeAuditor = await test.runtime.services.people.create(null, { orgId: world.orgs.police, login: 'police-auditor', name: '公安审计', roles: ['auditor'], training: [] });
    const policeToken = (await test.runtime.services.auth.createPersonalToken(await principalFor(test.runtime, policeAuditor.person.id), 'test', null)).token;

    expect((await alerts(token)).body.alerts.map((entry) => entry.id)).toContain(alert.id);
    expect((await call(test.app, 'GET', `/api/v1/alerts/${alert.id}`, { token })).status).toBe(200);
    expect((await call(test.app, 'POST', `/api/v1/alerts/${alert.id}/steps`, { token, body: { to: 'resolved', reason: '自行办结' } })).status).toBe(403);
    expect((await alerts(policeToken)).body.alerts).toEqual([]);
    expect((await call(test.app, 'GET', `/api/v1/alerts/${alert.id}`, { token: policeToken })).status).toBe(404);
    expect((await call(test.app, 'POST', `/api/v1/alerts/${alert.id}/steps`, { token: world.people.policeAdmin.token, body: { to: 'resolved', reason: 'x' } })).status).toBe(404);
    expect((await alerts(world.people.civilConsumer.token)).status).toBe(403);
    expect((await call(test.app, 'GET', '/api/v1/alerts')).status).toBe(401);
  });

  it('escalates an alert left past its deadline, recording the authority’s delay', async () => {
    // Probing: five refused calls in ten minutes with a user the department does not have.
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId }, { user: 'police-admin' })).status).toBe(403);
    await detection.catchUp();
    const alert = (await alerts(world.people.supervisor.token, '?detector=probing')).body.alerts[0]!;
    expect(alert.status).toBe('open');
    expect(await test.runtime.services.alerts.escalateOverdue()).toBe(0);
    test.clock.set(new Date(Date.parse(alert.deadlineAt) + 60_000));
    expect((await alerts(world.people.supervisor.token, '?overdue=true')).body.alerts.map((entry) => entry.id)).toEqual([alert.id]);
    expect(await test.runtime.services.alerts.escalateOverdue()).toBe(1);
    expect(await test.runtime.services.alerts.escalateOverdue()).toBe(0);
    const escalated = await call<DetailBody>(test.app, 'GET', `/api/v1/alerts/${alert.id}`, { token: world.people.supervisor.token });
    expect(escalated.body.alert.escalatedAt).toBe(test.clock.now().toISOString());
    const [entry] = await test.runtime.context.store.auditStore.search({ action: 'alert.escalated', limit: 1 });
    expect(entry!.details).toMatchObject({ assigneeOrgId: world.orgs.bureau, delayMinutes: 1 });
  });

  it('rebuilds the same detector state by replaying the audit log, or from a snapshot', async () => {
    await harvest();
    const { services, context } = test.runtime;
    await detection.catchUp();
    const snapshots = test.runtime.context.store.read.detectionSnapshots;
    await detection.saveSnapshot();
    const live = (await snapshots.load())!;
    const replayed = new DetectionService(context, services.alerts, services.regions, TIGHT);
    await replayed.catchUp();
    expect(await replayed.status()).toEqual(await detection.status());
    await replayed.saveSnapshot();
    expect((await snapshots.load())!.state).toBe(live.state);
    // No alert twice: the same findings land on the same dedup keys.
    expect((await alerts(world.people.supervisor.token, '?detector=enumeration')).body.alerts).toHaveLength(1);

    const restored = new DetectionService(context, services.alerts, services.regions, TIGHT);
    expect(await restored.load()).toBe('restored');
    expect((await restored.status()).position).toBe(live.lastSeq);
    // A snapshot taken under another profile is not trusted: the log is replayed instead.
    expect(await new DetectionService(context, services.alerts, services.regions).load()).toBe('replay');
  });

  it('reports detection progress to supervisors only', async () => {
    await exchange(test, world, 'query', { subject: RESIDENTS[0]!.residentId });
    const status = () => call<{ position: number | null; head: number }>(test.app, 'GET', '/api/v1/detection/status', { token: world.people.supervisor.token });
    const before = await status();
    expect(before.status).toBe(200);
    expect(before.body.position).toBeNull();
    await test.runtime.services.detection.catchUp();
    const after = await status();
    expect(after.body.position).toBe(after.body.head);
    expect((await call(test.app, 'GET', '/api/v1/detection/status', { token: world.people.civilConsumer.token })).status).toBe(403);
  });
});
