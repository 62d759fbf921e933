import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';
import { buildSharingWorld, type SharingWorld } from '../support/sharing-world.ts';
import { approved, grantOf, submitted, type ErrorBody, type GrantBody } from './support.ts';

for (const dialect of DIALECTS) {
  describe(`grants (${dialect})`, () => {
    let test: TestRuntime;
    let world: SharingWorld;
    beforeEach(async () => {
      test = await createTestRuntime(dialect);
      world = await buildSharingWorld(test.runtime);
    });
    afterEach(() => test.close());

    /** A live COND grant to the civil affairs bureau, for a year. */
    const grant = async (overrides: Record<string, unknown> = {}): Promise<GrantBody> => {
      const request = await submitted(test, world, { period: { from: '2026-11-30', to: '2027-11-29' }, ...overrides });
      return grantOf(test, world.approver, (await approved(test, world.approver, request.id)).grantId!);
    };
    const change = (token: string, id: string, action: string, reason?: string) =>
      call<GrantBody & ErrorBody>(test.app, 'POST', `/api/v1/grants/${id}/${action}`, { token, body: reason === undefined ? {} : { reason } });
    const policyVersion = async () => (await call<{ version: number }>(test.app, 'GET', '/api/v1/grants/policy-version', { token: world.people.civilConsumer.token })).body.version;

    it('revokes at once with actor and reason, bumping the policy version', async () => {
      const live = await grant();
      const before = await policyVersion();
      expect((await change(world.approver.token, live.id, 'revoke')).status).toBe(400);
      expect((await change(world.people.civilConsumer.token, live.id, 'revoke', '不再需要')).body.code).toBe('FORBIDDEN');
      expect((await change(world.people.admin.token, live.id, 'revoke', '越权')).status).toBe(404);
      const revoked = await change(world.approver.token, live.id, 'revoke', '用途已完成');
      expect(revoked.body).toMatchObject({ status: 'revoked', statusCode: 'REVOKED' });
      expect(revoked.body.history.at(-1)).toMatchObject({ action: 'revoked', code: 'REVOKED', reason: '用途已完成' });
      expect(await policyVersion()).toBeGreaterThan(before);
      expect((await change(world.approver.token, live.id, 'resume', '恢复')).body.code).toBe('GRANT_STATUS_CONFLICT');
    });

    it('lets the provider suspend and resume, but not lift the supervisor’s suspension', async () => {
      const live = await grant();
      expect((await change(world.approver.token, live.id, 'suspend', '核查数据质量')).body).toMatchObject({ status: 'suspended', statusCode: 'SUSPENDED' });
      expect((await change(world.approver.token, live.id, 'resume', '核查完毕')).body.status).toBe('active');
      expect((await change(world.people.supervisor.token, live.id, 'suspend', '调查异常访问')).body.statusCode).toBe('SUSPENDED_BY_SUPERVISOR');
      expect((await change(world.approver.token, live.id, 'resume', '恢复')).body.code).toBe('FORBIDDEN');
      expect((await change(world.people.supervisor.token, live.id, 'resume', '调查结束')).body.status).toBe('active');
    });

    it('suspends a grant left unreviewed ten working days after its review date, until the supervisor recertifies it', async () => {
      const live = await grant();
      expect(live.reviewDueAt).toBe('2027-05-27T15:59:59.999Z');
      // 2027 has no holiday schedule yet, so only weekends count: ten working days end on 10 June.
      test.clock.set('2027-06-10T15:00:00.000Z');
      expect((await test.runtime.services.sharingSweep.run()).suspendedForReview).toBe(0);
      const inbox = await call<{ items: { kind: string; grantId: string; overdue: boolean }[] }>(test.app, 'GET', '/api/v1/inbox', { token: world.people.supervisor.token });
      expect(inbox.body.items).toContainEqual(expect.objectContaining({ kind: 'grant_review', grantId: live.id, overdue: true }));

      test.clock.set('2027-06-11T01:00:00.000Z');
      expect((await test.runtime.services.sharingSweep.run()).suspendedForReview).toBe(1);
      const suspended = await grantOf(test, world.people.civilConsumer, live.id);
      expect(suspended).toMatchObject({ status: 'suspended', statusCode: 'REVIEW_OVERDUE' });
      expect(suspended.history.at(-1)!.reason).toContain('2027-05-27');
      // The fixture's training ran out in January 2027; the approver and the supervisor have since retrained.
      for (const [person, course] of [
        [world.approver.id, 'data-security-basics'],
        [world.approver.id, 'personal-information-protection'],
        [world.people.supervisor.id, 'data-security-basics'],
        [world.people.supervisor.id, 'supervision-procedure'],
      ] as const) {
        await test.runtime.context.store.read.people.addTraining(person, { id: `retrained-${person}-${course}`, course, passedAt: '2027-01-05T00:00:00.000Z', expiresAt: '2028-01-05T00:00:00.000Z' });
      }
      expect((await change(world.approver.token, live.id, 'resume', '恢复')).body.code).toBe('GRANT_NEEDS_REVIEW');
      expect((await change(world.people.lapsedSupervisor.token, live.id, 'recertify', '复核通过')).body.code).toBe('TRAINING_EXPIRED');
      const recertified = await change(world.people.supervisor.token, live.id, 'recertify', '复核通过');
      // Six months on would fall after the grant ends on 29 November, so no further review is due.
      expect(recertified.body).toMatchObject({ status: 'active', statusCode: null, reviewDueAt: null });
    });

    it('expires grants at the end of their period, suspended ones too', async () => {
      const live = await grant({ period: { from: '2026-11-30', to: '2026-12-31' } });
      const suspended = await grant({ items: ['address'], period: { from: '2026-11-30', to: '2026-12-31' } });
      await change(world.approver.token, suspended.id, 'suspend', '核查数据质量');
      test.clock.set('2026-12-31T15:00:00.000Z');
      expect((await test.runtime.services.sharingSweep.run()).expired).toBe(0);
      test.clock.set('2026-12-31T16:00:00.000Z');
      expect((await test.runtime.services.sharingSweep.run()).expired).toBe(2);
      expect(await grantOf(test, world.people.civilConsumer, live.id)).toMatchObject({ status: 'expired', statusCode: 'EXPIRED' });
      expect(await grantOf(test, world.people.civilConsumer, suspended.id)).toMatchObject({ status: 'expired', statusCode: 'EXPIRED' });
    });

    it('announces a periodic review once, when its date comes', async () => {
      const live = await grant();
      test.clock.set('2027-05-28T02:00:00.000Z');
      expect((await test.runtime.services.sharingSweep.run()).reviewDue).toBe(1);
      expect((await test.runtime.services.sharingSweep.run()).reviewDue).toBe(0);
      expect((await grantOf(test, world.people.supervisor, live.id)).history.at(-1)).toMatchObject({ action: 'review_due', code: 'PERIODIC' });
    });

    it('will not recertify a grant whose items were graded higher: the consumer applies again', async () => {
      const live = await grant();
      await test.runtime.services.catalog.regrade(await principalFor(test.runtime, world.people.supervisor.id), 'COND', { grades: { name: 'general-4' } });
      const refused = await change(world.people.supervisor.token, live.id, 'recertify', '复核');
      expect([refused.status, refused.body.code]).toEqual([409, 'GRANT_NEEDS_NEW_REQUEST']);
    });

    it('sends a re-graded resource’s live grants to review at once', async () => {
      const live = await grant();
      const supervisor = await principalFor(test.runtime, world.people.supervisor.id);
      await test.runtime.services.catalog.regrade(supervisor, 'COND', { grades: { name: 'general-3' } });
      const reviewed = await grantOf(test, world.people.supervisor, live.id);
      expect(reviewed).toMatchObject({ reviewReason: 'regraded', reviewDueAt: '2026-11-27T02:00:00.000Z', status: 'active' });
      expect(reviewed.history.at(-1)).toMatchObject({ action: 'review_due', code: 'REGRADED' });
    });

    it('shows each organisation only its own grants and requests', async () => {
      const live = await grant();
      const police = await call<{ grants: GrantBody[] }>(test.app, 'GET', '/api/v1/grants', { token: world.approver.token });
      expect(police.body.grants.map((one) => one.id)).toEqual([live.id]);
      const contractor = await call<{ grants: GrantBody[] }>(test.app, 'GET', '/api/v1/grants', { token: world.people.admin.token });
      expect(contractor.body.grants).toEqual([]);
      expect((await call(test.app, 'GET', `/api/v1/grants/${live.id}`, { token: world.people.admin.token })).status).toBe(404);
      expect((await call(test.app, 'GET', `/api/v1/grants/${live.id}/notices`, { token: world.people.admin.token })).status).toBe(404);
    });

    it('exports the sharing ledger as XLSX with basis, approvers, risk and status', async () => {
      const live = await grant();
      const response = await test.app.inject({ method: 'GET', url: '/api/v1/grants/ledger', headers: { authorization: `Bearer ${world.people.supervisor.token}` } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
      const sheet = workbook.getWorksheet('共享台账')!;
      expect(sheet.rowCount).toBe(2);
      const row = sheet.getRow(2).values as string[];
      expect(row).toEqual(expect.arrayContaining([live.id, 'COND', '户籍人口信息', '云溪县公安局', '云溪县民政局', 'active']));
      expect(row.join('|')).toContain('police-approver');
      const empty = await test.app.inject({ method: 'GET', url: '/api/v1/grants/ledger', headers: { authorization: `Bearer ${world.people.admin.token}` } });
      const other = new ExcelJS.Workbook();
      await other.xlsx.load(new Uint8Array(empty.rawPayload).buffer);
      expect(other.getWorksheet('共享台账')!.rowCount).toBe(1);
    });

    it('lists each person’s pending actions with deadlines', async () => {
      const request = await submitted(test, world);
      const approver = await call<{ items: { kind: string; requestId: string; dueAt: string }[] }>(test.app, 'GET', '/api/v1/inbox', { token: world.approver.token });
      expect(approver.body.items).toEqual([expect.objectContaining({ kind: 'request_step', requestId: request.id, dueAt: '2026-12-04T15:59:59.999Z' })]);
      const consumer = await call<{ items: unknown[] }>(test.app, 'GET', '/api/v1/inbox', { token: world.people.civilConsumer.token });
      expect(consumer.body.items).toEqual([]);
      const supervisor = await call<{ items: unknown[] }>(test.app, 'GET', '/api/v1/inbox', { token: world.people.supervisor.token });
      expect(supervisor.body.items).toEqual([]);
    });
  });
}
