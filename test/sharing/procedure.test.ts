import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildSharingWorld, type SharingWorld } from '../support/sharing-world.ts';
import { REGION } from '../support/world.ts';
import { approved, basisOfKind, decide, grantOf, submit, submitted, type ErrorBody, type RequestBody } from './support.ts';

const HEALTH = { resourceCode: 'HEALTH', items: ['resident_id', 'diagnosis'] };

for (const dialect of DIALECTS) {
  describe(`sharing procedure (${dialect})`, () => {
    let test: TestRuntime;
    let world: SharingWorld;
    beforeEach(async () => {
      test = await createTestRuntime(dialect);
      world = await buildSharingWorld(test.runtime);
    });
    afterEach(() => test.close());

    it('grants an unconditional general-1 request at once, once the automatic compliance check passes', async () => {
      const request = await submitted(test, world, { resourceCode: 'OPEN', items: ['enterprise_name'], piBasis: null, expectedVolumePerDay: 0, rowScope: { type: 'all' } });
      expect(request).toMatchObject({ status: 'granted', step: null, remaining: [] });
      expect(request.steps).toMatchObject([{ step: 'compliance', decision: 'passed', decidedBy: null }]);
      const grant = await grantOf(test, world.people.civilConsumer, request.grantId!);
      expect(grant).toMatchObject({ status: 'active', method: 'api', items: [{ code: 'enterprise_name', mask: 'none' }], quotaPerDay: null, reviewDueAt: null });
    });

    it('sends a conditional request to the provider with a five-working-day deadline, and grants on approval with masks and a notice', async () => {
      const request = await submitted(test, world);
      // Friday 27 Nov 2026: five working days later is Friday 4 Dec, ending 24:00 Shanghai time.
      expect(request).toMatchObject({ status: 'pending', step: 'provider', stepDueAt: '2026-12-04T15:59:59.999Z', grade: 'general-3' });
      expect(request.risk!.factors.map((factor) => factor.code)).toContain('PERSONAL_INFO');

      const granted = await approved(test, world.approver, request.id);
      expect(granted.status).toBe('granted');
      const grant = await grantOf(test, world.people.civilConsumer, granted.grantId!);
      expect(grant).toMatchObject({
        status: 'active',
        items: [
          { code: 'name', mask: 'name' },
          { code: 'resident_id', mask: 'resident_id' },
        ],
        quotaPerDay: 200,
        expiresAt: '2027-05-29T15:59:59.999Z',
        reviewDueAt: '2027-05-27T15:59:59.999Z',
        approvals: [{ step: 'provider', by: world.approver.id }],
      });
      const notices = await call<{ notices: { notice: { kind: string; channel: string }; itemNames: string[] }[] }>(test.app, 'GET', `/api/v1/grants/${grant.id}/notices`, { token: world.people.civilConsumer.token });
      expect(notices.body.notices).toMatchObject([{ notice: { kind: 'plan', channel: 'letter' }, itemNames: ['姓名', '公民身份号码'] }]);
    });

    it('refuses only with a reason, and records the refusal with its code', async () => {
      const request = await submitted(test, world);
      const bare = await decide(test, world.approver, request.id, { decision: 'refuse' });
      expect(bare.status).toBe(400);
      expect(bare.body.details?.errors).toEqual([expect.objectContaining({ path: '/reason', code: 'REFUSAL_REASON_REQUIRED' })]);
      const refused = await decide(test, world.approver, request.id, { decision: 'refuse', reason: '申请的信息项超出低保认定所需' });
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ status: 'refused', refusal: { step: 'provider', code: 'REFUSED_BY_PROVIDER', reason: '申请的信息项超出低保认定所需' } });
      const again = await decide(test, world.approver, request.id, { decision: 'approve' });
      expect(again.body.code).toBe('REQUEST_STATUS_CONFLICT');
    });

    it('keeps resident IDs and mobile numbers out of reasons and purposes, writing nothing', async () => {
      const request = await submitted(test, world);
      const before = await auditCount(test.runtime);
      const refusal = await decide(test, world.approver, request.id, { decision: 'refuse', reason: '申请人11010519491231002X不在辖区' });
      expect(refusal.body.details?.errors).toEqual([expect.objectContaining({ path: '/reason', code: 'TEXT_HAS_PERSONAL_DATA' })]);
      const purpose = await submit(test, world, { purposeText: '核对 138 0013 8000 的户籍' });
      expect(purpose.body.details?.errors).toContainEqual(expect.objectContaining({ path: '/purposeText', code: 'TEXT_HAS_PERSONAL_DATA' }));
      expect(await auditCount(test.runtime)).toBe(before);
    });

    it('lets only the provider’s trained approvers decide, and nobody their own request', async () => {
      const request = await submitted(test, world);
      const cases: [string, number, string][] = [
        [world.people.policeAdmin.token, 403, 'NOT_YOUR_STEP'],
        [world.lapsedApprover.token, 403, 'TRAINING_EXPIRED'],
        [world.people.civilConsumer.token, 403, 'SELF_APPROVAL_FORBIDDEN'],
        [world.people.supervisor.token, 403, 'NOT_YOUR_STEP'],
      ];
      for (const [token, status, code] of cases) {
        const reply = await call<ErrorBody>(test.app, 'POST', `/api/v1/sharing-requests/${request.id}/decisions`, { token, body: { decision: 'approve' } });
        expect([reply.status, reply.body.code]).toEqual([status, code]);
      }
      const platform = await call<ErrorBody>(test.app, 'GET', `/api/v1/sharing-requests/${request.id}`, { token: world.people.admin.token });
      expect(platform.status).toBe(404);
      const anonymous = await call<ErrorBody>(test.app, 'GET', `/api/v1/sharing-requests/${request.id}`);
      expect(anonymous.status).toBe(401);
    });

    it('refuses 不予共享 without a statute, and sends it to the supervisor as a special procedure with one', async () => {
      const plain = await submitted(test, world, { resourceCode: 'NONE', items: ['case_no'], piBasis: null, legalBasisId: await basisOfKind(test, ['national_standard', 'departmental_rule', 'policy']) });
      expect(plain).toMatchObject({ status: 'refused', refusal: { code: 'NOT_SHARED', step: 'compliance' } });

      const special = await submitted(test, world, { resourceCode: 'NONE', items: ['case_no'], piBasis: null, legalBasisId: await basisOfKind(test, ['law']) });
      expect(special).toMatchObject({ status: 'pending', step: 'supervisor', remaining: [] });
      expect(special.controls.approval).toEqual(['supervisor']);
      const provider = await decide(test, world.approver, special.id, { decision: 'approve' });
      expect(provider.body.code).toBe('NOT_YOUR_STEP');
      expect((await approved(test, world.people.supervisor, special.id)).status).toBe('granted');
    });

    // One resource per test: holding both grants would aggregate them (see the aggregation test).
    for (const overrides of [HEALTH, { resourceCode: 'IMPORTANT', items: ['resident_id', 'track'] }]) {
      it(`adds the supervisor’s review after the provider for ${overrides.resourceCode}`, async () => {
        const request = await submitted(test, world, overrides);
        expect(request).toMatchObject({ step: 'provider', remaining: ['supervisor'] });
        const afterProvider = await approved(test, world.approver, request.id);
        expect(afterProvider).toMatchObject({ status: 'pending', step: 'supervisor' });
        const lapsed = await decide(test, world.people.lapsedSupervisor, request.id, { decision: 'approve' });
        expect(lapsed.body.code).toBe('TRAINING_EXPIRED');
        const granted = await approved(test, world.people.supervisor, request.id);
        const grant = await grantOf(test, world.people.supervisor, granted.grantId!);
        expect(grant.caseNumberRequired).toBe(true);
        expect(grant.approvals.map((approval) => approval.step)).toEqual(['provider', 'supervisor']);
      });
    }

    it('allows core data only as verification, through the supervisor alone', async () => {
      const period = { from: '2026-11-30', to: '2027-02-27' };
      const api = await submit(test, world, { resourceCode: 'CORE', items: ['resident_id', 'status'], period });
      expect(api.status).toBe(400);
      expect(api.body.details?.errors).toContainEqual(expect.objectContaining({ path: '/method', code: 'METHOD_VERIFICATION_ONLY' }));
      const tooLong = await submit(test, world, { resourceCode: 'CORE', items: ['resident_id', 'status'], method: 'verification' });
      expect(tooLong.body.details?.errors).toContainEqual(expect.objectContaining({ path: '/period/to', code: 'PERIOD_TOO_LONG' }));

      const request = await submitted(test, world, { resourceCode: 'CORE', items: ['resident_id', 'status'], method: 'verification', period });
      expect(request).toMatchObject({ step: 'supervisor', grade: 'core', remaining: [] });
      const granted = await approved(test, world.people.supervisor, request.id);
      const grant = await grantOf(test, world.people.civilConsumer, granted.grantId!);
      expect(grant).toMatchObject({ method: 'verification', caseNumberRequired: true, items: [{ code: 'resident_id', mask: 'redact' }, { code: 'status', mask: 'redact' }] });
    });

    it('refuses bulk export of important data and every other hard rule, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const cases: [Record<string, unknown>, string, string][] = [
        [{ resourceCode: 'IMPORTANT', items: ['resident_id', 'track'], method: 'dataset' }, '/method', 'BULK_EXPORT_FORBIDDEN'],
        [{ items: ['name', 'nope'] }, '/items/1', 'ITEM_UNKNOWN'],
        [{ purposeCode: 'UNLISTED' }, '/purposeCode', 'PURPOSE_UNKNOWN'],
        [{ piBasis: null }, '/piBasis', 'PI_BASIS_REQUIRED'],
        [{ piBasis: { kind: 'statutory_duty', dutyCode: 'PUBLIC_SECURITY', notice: { kind: 'exemption', ground: 'impedes_duties', reason: '影响履职' } } }, '/piBasis/dutyCode', 'PI_DUTY_NOT_HELD'],
        [{ period: { from: '2026-11-30', to: '2028-01-01' } }, '/period/to', 'PERIOD_TOO_LONG'],
        [{ period: { from: '2026-11-01', to: '2027-01-01' } }, '/period/from', 'PERIOD_IN_PAST'],
        [{ expectedVolumePerDay: 0 }, '/expectedVolumePerDay', 'VOLUME_REQUIRED'],
        [{ method: 'verification' }, '/method', 'METHOD_NOT_OFFERED'],
        [{ rowScope: { type: 'regions', regionCodes: ['999999'] } }, '/rowScope/regionCodes/0', 'REGION_CODE_INVALID'],
        [{ legalBasisId: 'no-such-basis' }, '/legalBasisId', 'LEGAL_BASIS_UNKNOWN'],
      ];
      for (const [overrides, path, code] of cases) {
        const reply = await submit(test, world, overrides);
        expect(reply.status, code).toBe(400);
        expect(reply.body.details?.errors, code).toContainEqual(expect.objectContaining({ path, code }));
      }
      const own = await submit(test, world, {}, world.policeConsumer);
      expect(own.body.details?.errors).toEqual([expect.objectContaining({ path: '/resourceCode', code: 'REQUEST_OWN_RESOURCE' })]);
      const notConsumer = await submit(test, world, {}, world.people.policeAdmin);
      expect([notConsumer.status, notConsumer.body.code]).toEqual([403, 'FORBIDDEN']);
      const missing = await submit(test, world, { resourceCode: 'NO-SUCH' });
      expect(missing.status).toBe(404);
      expect(await auditCount(test.runtime)).toBe(before);
      const list = await call<{ requests: unknown[] }>(test.app, 'GET', '/api/v1/sharing-requests', { token: world.people.civilConsumer.token });
      expect(list.body.requests).toEqual([]);
    });

    it('lets the provider strengthen masks without the supervisor', async () => {
      const stronger = await submitted(test, world);
      const granted = await approved(test, world.approver, stronger.id, { masks: { name: 'redact' } });
      expect((await grantOf(test, world.approver, granted.grantId!)).items).toContainEqual({ code: 'name', mask: 'redact' });
    });

    it('sends a weakened mask, with its justification, to the supervisor', async () => {
      const weaker = await submitted(test, world, { items: ['resident_id', 'address'] });
      const unjustified = await decide(test, world.approver, weaker.id, { decision: 'approve', masks: { resident_id: 'none' } });
      expect(unjustified.body.details?.errors).toEqual([expect.objectContaining({ path: '/maskJustification', code: 'MASK_JUSTIFICATION_REQUIRED' })]);
      const justified = await approved(test, world.approver, weaker.id, { masks: { resident_id: 'none' }, maskJustification: '入户核查须完整身份号码' });
      expect(justified).toMatchObject({ status: 'pending', step: 'supervisor' });
      const grant = await grantOf(test, world.people.supervisor, (await approved(test, world.people.supervisor, weaker.id)).grantId!);
      expect(grant.items).toContainEqual({ code: 'resident_id', mask: 'none' });
    });

    it('flags a request for data the consumer already receives, for the supervisor’s compliance check', async () => {
      await approved(test, world.approver, (await submitted(test, world)).id);
      const duplicate = await submitted(test, world, { items: ['name'] });
      expect(duplicate.flags).toMatchObject([{ code: 'DUPLICATE_COLLECTION' }]);
      // The compliance check gets two working days: Friday → Tuesday.
      expect(duplicate).toMatchObject({ status: 'pending', step: 'compliance', stepDueAt: '2026-12-01T15:59:59.999Z' });
      const passed = await approved(test, world.people.supervisor, duplicate.id);
      expect(passed).toMatchObject({ step: 'provider' });
    });

    it('lets the consumer dispute a refusal once, and the supervisor overturn or uphold it', async () => {
      const first = await submitted(test, world);
      await decide(test, world.approver, first.id, { decision: 'refuse', reason: '无法核实用途' });
      const stranger = await call<ErrorBody>(test.app, 'POST', `/api/v1/sharing-requests/${first.id}/dispute`, { token: world.approver.token, body: { reason: '不服' } });
      expect(stranger.status).toBe(403);
      const disputed = await call<RequestBody>(test.app, 'POST', `/api/v1/sharing-requests/${first.id}/dispute`, { token: world.people.civilConsumer.token, body: { reason: '用途已在申请中说明' } });
      // Ten working days from Friday 27 Nov 2026: Friday 11 Dec.
      expect(disputed.body).toMatchObject({ status: 'pending', step: 'dispute', stepDueAt: '2026-12-11T15:59:59.999Z', dispute: { reason: '用途已在申请中说明', by: world.people.civilConsumer.id } });
      const overturned = await approved(test, world.people.supervisor, first.id);
      expect(overturned).toMatchObject({ status: 'granted' });
      expect(overturned.steps.at(-1)).toMatchObject({ step: 'dispute', decision: 'overturned' });

      const second = await submitted(test, world, { items: ['address'] });
      await decide(test, world.approver, second.id, { decision: 'refuse', reason: '无法核实用途' });
      await call(test.app, 'POST', `/api/v1/sharing-requests/${second.id}/dispute`, { token: world.people.civilConsumer.token, body: { reason: '不服' } });
      const upheld = await decide(test, world.people.supervisor, second.id, { decision: 'refuse', reason: '维持原决定' });
      expect(upheld.body).toMatchObject({ status: 'refused', refusal: { code: 'DISPUTE_UPHELD' } });
      const twice = await call<ErrorBody>(test.app, 'POST', `/api/v1/sharing-requests/${second.id}/dispute`, { token: world.people.civilConsumer.token, body: { reason: '再次不服' } });
      expect([twice.status, twice.body.code]).toEqual([409, 'DISPUTE_EXISTS']);
    });

    it('escalates an overdue provider step across a holiday, a weekend and a 调休 working day, naming whose delay it was', async () => {
      // Tuesday 29 Sep 2026, 10:00 Shanghai. The 国庆 holiday runs 1–7 Oct; Saturday 10 Oct is worked.
      test.clock.set('2026-09-29T02:00:00.000Z');
      const request = await submitted(test, world);
      // Working days: 30 Sep, 8 Oct, 9 Oct, 10 Oct (调休), 12 Oct.
      expect(request.stepDueAt).toBe('2026-10-12T15:59:59.999Z');

      test.clock.set('2026-10-12T15:00:00.000Z');
      expect((await test.runtime.services.sharingSweep.run()).escalated).toBe(0);
      test.clock.set('2026-10-14T02:00:00.000Z');
      expect((await test.runtime.services.sharingSweep.run()).escalated).toBe(1);
      expect((await test.runtime.services.sharingSweep.run()).escalated).toBe(0);

      const escalated = await call<RequestBody>(test.app, 'GET', `/api/v1/sharing-requests/${request.id}`, { token: world.people.supervisor.token });
      expect(escalated.body.steps.at(-1)).toMatchObject({ step: 'provider', orgId: world.orgs.police, escalatedAt: '2026-10-14T02:00:00.000Z', overdueWorkingDays: 2 });
      const inbox = await call<{ items: { requestId: string; escalated: boolean; overdue: boolean }[] }>(test.app, 'GET', '/api/v1/inbox', { token: world.people.supervisor.token });
      expect(inbox.body.items).toContainEqual(expect.objectContaining({ requestId: request.id, escalated: true, overdue: true }));

      test.clock.set('2026-10-15T02:00:00.000Z');
      const late = await approved(test, world.approver, request.id);
      expect(late.steps.find((step) => step.step === 'provider')).toMatchObject({ decision: 'approved', overdueWorkingDays: 3 });
    });

    it('assesses a request at a higher grade when it would join three sensitive categories on the same subjects', async () => {
      for (const overrides of [HEALTH, { resourceCode: 'BANK', items: ['resident_id', 'account'] }]) {
        const request = await submitted(test, world, overrides);
        await approved(test, world.approver, request.id);
        await approved(test, world.people.supervisor, request.id);
      }
      const joined = await submitted(test, world, { items: ['resident_id', 'address'] });
      expect(joined.risk!.aggregationGrade).toBe('important');
      expect(joined.grade).toBe('important');
      expect(joined.risk!.factors.find((factor) => factor.code === 'AGGREGATION')?.reason).toContain('HEALTH');
      expect(joined).toMatchObject({ step: 'provider', remaining: ['supervisor'] });
    });

    it('gives the provider ten working days to answer a request for uncataloged data with a catalog resource', async () => {
      // A year: longer than general-4 allows, which the consumer could not know before the answer.
      const uncataloged = { resourceCode: null, items: [], period: { from: '2026-11-30', to: '2027-11-29' }, uncataloged: { providerOrgId: world.orgs.police, description: '低保申请家庭成员的户籍与身份信息' } };
      const before = await auditCount(test.runtime);
      const bad = await submit(test, world, { ...uncataloged, items: ['name'], uncataloged: { providerOrgId: world.orgs.civil, description: '自己的数据' } });
      expect(bad.body.details?.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: '/items', code: 'ITEMS_NOT_CATALOGED' }), expect.objectContaining({ path: '/uncataloged/providerOrgId', code: 'PROVIDER_INVALID' })]),
      );
      expect(await auditCount(test.runtime)).toBe(before);

      const request = await submitted(test, world, uncataloged);
      // Ten working days from Friday 27 Nov 2026: Friday 11 Dec.
      expect(request).toMatchObject({ status: 'pending', step: 'provider', stepDueAt: '2026-12-11T15:59:59.999Z', grade: null, risk: null });
      const unanswered = await decide(test, world.approver, request.id, { decision: 'approve' });
      expect(unanswered.body.details?.errors).toEqual([expect.objectContaining({ code: 'CATALOG_ANSWER_REQUIRED' })]);
      const answered = await approved(test, world.approver, request.id, { resourceCode: 'HEALTH', items: ['resident_id', 'diagnosis'] });
      expect(answered).toMatchObject({ status: 'pending', step: 'supervisor', grade: 'general-4', remaining: [], period: { from: '2026-11-30', to: '2027-05-29' } });
      expect(answered.risk?.score).toBeGreaterThan(0);
      const granted = await approved(test, world.people.supervisor, request.id);
      expect((await grantOf(test, world.people.civilConsumer, granted.grantId!)).items.map((item) => item.code)).toEqual(['resident_id', 'diagnosis']);
    });

    it('sends an uncataloged request whose refusal is overturned back to its provider to answer', async () => {
      const request = await submitted(test, world, { resourceCode: null, items: [], uncataloged: { providerOrgId: world.orgs.police, description: '低保家庭成员住址' } });
      await decide(test, world.approver, request.id, { decision: 'refuse', reason: '无对应数据' });
      await call(test.app, 'POST', `/api/v1/sharing-requests/${request.id}/dispute`, { token: world.people.civilConsumer.token, body: { reason: '户籍库中有住址' } });
      const overturned = await approved(test, world.people.supervisor, request.id);
      expect(overturned).toMatchObject({ status: 'pending', step: 'provider', resourceCode: null });
      expect((await approved(test, world.approver, request.id, { resourceCode: 'COND', items: ['address'] })).status).toBe('granted');
    });

    it('reads the consumer’s open alerts and past sanctions into the risk assessment', async () => {
      const db = test.runtime.context.store.database.db;
      const alert = (id: string, status: string) => ({
        id,
        dedup_key: `volume:person:p:${id}`,
        detector: 'volume',
        severity: 'high',
        status,
        principal_kind: 'person',
        principal_id: 'p',
        org_id: world.orgs.civil,
        region_code: REGION,
        assignee_org_id: null,
        credential_id: null,
        grant_id: null,
        evidence: '[]',
        summary_zh: '',
        summary_en: '',
        raised_at: '2026-11-20T00:00:00.000Z',
        last_seen_at: '2026-11-20T00:00:00.000Z',
        occurrences: 1,
        deadline_at: '2026-11-20T04:00:00.000Z',
        escalated_at: null,
        updated_at: '2026-11-20T00:00:00.000Z',
      });
      await db.insertInto('alerts').values(alert('alert-1', 'acknowledged')).execute();
      await db.insertInto('alerts').values(alert('alert-2', 'resolved')).execute();
      await db.insertInto('sanctions').values({ id: 'sanction-1', org_id: world.orgs.civil, person_id: null, kind: 'notice_of_criticism', document: '{}', decided_at: '2025-06-01T00:00:00.000Z' }).execute();
      const request = await submitted(test, world);
      const factors = Object.fromEntries(request.risk!.factors.map((factor) => [factor.code, factor.reason]));
      expect(factors['OPEN_ALERTS']).toContain('1');
      expect(factors['PAST_SANCTIONS']).toContain('1');
    });

    it('tells the departments’ systems of each step by signed webhook', async () => {
      const hook = await call<{ webhook: { id: string } }>(test.app, 'POST', '/api/v1/webhooks', { token: world.people.policeAdmin.token, body: { url: 'https://ga.example.gov.cn/custos', events: ['request.submitted', 'request.step_started', 'request.granted'] } });
      expect(hook.status).toBe(201);
      const request = await submitted(test, world);
      await approved(test, world.approver, request.id);
      const deliveries = await call<{ deliveries: { eventType: string; status: string }[] }>(test.app, 'GET', `/api/v1/webhooks/${hook.body.webhook.id}/deliveries`, { token: world.people.policeAdmin.token });
      expect(deliveries.body.deliveries.map((delivery) => delivery.eventType).sort()).toEqual(['request.granted', 'request.step_started', 'request.submitted']);
    });

    it('assesses a pending request again when its resource is re-graded before the decision', async () => {
      const supervisor = await principalFor(test.runtime, world.people.supervisor.id);
      const raised = await submitted(test, world);
      await test.runtime.services.catalog.regrade(supervisor, 'COND', { grades: { name: 'general-4' } });
      // Now general-4: after the provider, the supervisor must review too.
      const afterProvider = await approved(test, world.approver, raised.id);
      expect(afterProvider).toMatchObject({ status: 'pending', step: 'supervisor', grade: 'general-4' });

      const granted = await approved(test, world.people.supervisor, raised.id);
      expect((await grantOf(test, world.people.supervisor, granted.grantId!)).caseNumberRequired).toBe(true);
    });

    it('ends a request that no longer qualifies after a re-grading with NO_LONGER_ELIGIBLE', async () => {
      const request = await submitted(test, world, { items: ['name', 'address'] });
      await test.runtime.services.catalog.regrade(await principalFor(test.runtime, world.people.supervisor.id), 'COND', { grades: { address: 'core' } });
      const ended = await approved(test, world.approver, request.id);
      expect(ended).toMatchObject({ status: 'refused', grantId: null, refusal: { code: 'NO_LONGER_ELIGIBLE' } });
      expect(ended.refusal!.reason).toContain('METHOD_VERIFICATION_ONLY');
    });

    it('does not let a dispute open 不予共享 data, nor the person who refused settle a dispute', async () => {
      const plain = await submitted(test, world, { resourceCode: 'NONE', items: ['case_no'], piBasis: null, legalBasisId: await basisOfKind(test, ['national_standard', 'departmental_rule', 'policy']) });
      const notShared = await call<ErrorBody>(test.app, 'POST', `/api/v1/sharing-requests/${plain.id}/dispute`, { token: world.people.civilConsumer.token, body: { reason: '确有需要' } });
      expect([notShared.status, notShared.body.code]).toEqual([409, 'DISPUTE_NOT_ALLOWED']);

      const health = await submitted(test, world, HEALTH);
      await approved(test, world.approver, health.id);
      await decide(test, world.people.supervisor, health.id, { decision: 'refuse', reason: '风险过高' });
      await call(test.app, 'POST', `/api/v1/sharing-requests/${health.id}/dispute`, { token: world.people.civilConsumer.token, body: { reason: '已采取脱敏措施' } });
      const self = await decide(test, world.people.supervisor, health.id, { decision: 'approve' });
      expect([self.status, self.body.code]).toEqual([403, 'SELF_REVIEW_FORBIDDEN']);
    });

    it('ends an uncataloged request whose answer does not fit what was asked with ANSWER_INCOMPATIBLE', async () => {
      const request = await submitted(test, world, { resourceCode: null, items: [], piBasis: null, uncataloged: { providerOrgId: world.orgs.police, description: '低保家庭成员住址' } });
      const answered = await approved(test, world.approver, request.id, { resourceCode: 'COND', items: ['address'] });
      expect(answered).toMatchObject({ status: 'refused', refusal: { step: 'provider', code: 'ANSWER_INCOMPATIBLE' } });
      expect(answered.refusal!.reason).toContain('PI_BASIS_REQUIRED');
      const unknownItem = await submitted(test, world, { resourceCode: null, items: [], uncataloged: { providerOrgId: world.orgs.police, description: '低保家庭成员住址' } });
      const bad = await decide(test, world.approver, unknownItem.id, { decision: 'approve', resourceCode: 'COND', items: ['nope'] });
      expect(bad.body.details?.errors).toContainEqual(expect.objectContaining({ code: 'ITEM_UNKNOWN' }));
    });

    it('keeps reasons out of the audit log, as digests of the recorded text', async () => {
      const request = await submitted(test, world);
      await decide(test, world.approver, request.id, { decision: 'refuse', reason: '申请人张三的住址不在本辖区' });
      const rows = await test.runtime.context.store.database.db.selectFrom('audit_entries').select(['action', 'leaf']).execute();
      const refusals = rows.filter((row) => row.action === 'sharing.request.refused');
      expect(refusals).toHaveLength(1);
      expect((JSON.parse(refusals[0]!.leaf) as { details: unknown }).details).toMatchObject({ code: 'REFUSED_BY_PROVIDER', reasonDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(rows.some((row) => row.leaf.includes('张三'))).toBe(false);
    });

    it('writes only one of two simultaneous decisions on a request', async () => {
      const request = await submitted(test, world);
      const replies = await Promise.all([decide(test, world.approver, request.id, { decision: 'approve' }), decide(test, world.approver, request.id, { decision: 'approve' })]);
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
      const grants = await call<{ grants: unknown[] }>(test.app, 'GET', '/api/v1/grants', { token: world.people.civilConsumer.token });
      expect(grants.body.grants).toHaveLength(1);
    });

    it('lets the consumer withdraw a pending request, and nobody else', async () => {
      const request = await submitted(test, world);
      const other = await call<ErrorBody>(test.app, 'POST', `/api/v1/sharing-requests/${request.id}/withdraw`, { token: world.approver.token });
      expect(other.status).toBe(403);
      const withdrawn = await call<RequestBody>(test.app, 'POST', `/api/v1/sharing-requests/${request.id}/withdraw`, { token: world.people.civilConsumer.token });
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', step: null });
    });
  });
}
