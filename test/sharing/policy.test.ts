import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildSharingWorld, type SharingWorld } from '../support/sharing-world.ts';
import { REGION } from '../support/world.ts';
import { basisOfKind, submitted, type ErrorBody } from './support.ts';

interface PolicyBody {
  overrides: Record<string, unknown>;
  profile: Record<string, { approval: string[]; maxGrantMonths: number }>;
}

for (const dialect of DIALECTS) {
  describe(`sharing policy (${dialect})`, () => {
    let test: TestRuntime;
    let world: SharingWorld;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildSharingWorld(test.runtime);
    });
    afterAll(() => test.close());

    const policy = `/api/v1/regions/${REGION}/policy`;

    it('serves the DESIGN §5 matrix as the default profile to any signed-in person', async () => {
      const reply = await call<PolicyBody>(test.app, 'GET', policy, { token: world.people.civilConsumer.token });
      expect(reply.status).toBe(200);
      expect(reply.body.overrides).toEqual({});
      expect(reply.body.profile['general-4']).toMatchObject({ approval: ['provider', 'supervisor'], maxGrantMonths: 6 });
      expect((await call(test.app, 'GET', policy)).status).toBe(401);
    });

    it('refuses a profile below the legal floor, and anyone but the region’s trained supervisor, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const weakened = await call<ErrorBody>(test.app, 'PUT', policy, {
        token: world.people.supervisor.token,
        body: { core: { masking: 'none' }, 'general-3': { maxGrantMonths: 24 }, 'general-4': { approval: ['provider'] }, 'general-2': { reviewMonths: null } },
      });
      expect(weakened.status).toBe(400);
      expect(weakened.body.details?.errors?.map((error) => [error.path, error.code])).toEqual([
        ['/general-2/reviewMonths', 'POLICY_LAXER_THAN_INHERITED'],
        ['/general-3/maxGrantMonths', 'POLICY_LAXER_THAN_INHERITED'],
        ['/general-4/approval', 'POLICY_LAXER_THAN_INHERITED'],
        ['/core/masking', 'POLICY_LAXER_THAN_INHERITED'],
      ]);
      // Stricter, but out of order: general-3 may not become stricter than general-4 is.
      const unordered = await call<ErrorBody>(test.app, 'PUT', policy, { token: world.people.supervisor.token, body: { 'general-3': { maxGrantMonths: 2 } } });
      expect(unordered.body.details?.errors).toEqual([expect.objectContaining({ path: '/general-4/maxGrantMonths', code: 'POLICY_NOT_MONOTONIC' })]);
      for (const [token, code] of [
        [world.people.civilAdmin.token, 'FORBIDDEN'],
        [world.people.admin.token, 'FORBIDDEN'],
        [world.people.lapsedSupervisor.token, 'TRAINING_EXPIRED'],
      ] as const) {
        const reply = await call<ErrorBody>(test.app, 'PUT', policy, { token, body: { 'general-3': { maxGrantMonths: 6 } } });
        expect([reply.status, reply.body.code]).toEqual([403, code]);
      }
      expect(await auditCount(test.runtime)).toBe(before);
    });

    it('applies a stricter region profile to new requests', async () => {
      const stricter = await call<PolicyBody>(test.app, 'PUT', policy, { token: world.people.supervisor.token, body: { 'general-3': { approval: ['provider', 'supervisor'], maxGrantMonths: 6 } } });
      expect(stricter.status).toBe(200);
      expect(stricter.body.profile['general-3']).toMatchObject({ approval: ['provider', 'supervisor'], maxGrantMonths: 6 });
      const request = await submitted(test, world);
      expect(request).toMatchObject({ step: 'provider', remaining: ['supervisor'] });
    });

    it('keeps the purpose list, each purpose mapped to duties on the region’s list', async () => {
      const list = await call<{ purposes: { code: string; dutyCodes: string[] }[] }>(test.app, 'GET', `/api/v1/regions/${REGION}/purposes`, { token: world.people.civilConsumer.token });
      expect(list.body.purposes).toContainEqual(expect.objectContaining({ code: 'MINIMUM_LIVING', dutyCodes: ['SOCIAL_ASSISTANCE'] }));
      const unknown = await call<ErrorBody>(test.app, 'PUT', `/api/v1/regions/${REGION}/purposes/HOUSING`, { token: world.people.supervisor.token, body: { name: '住房保障', dutyCodes: ['NO_SUCH_DUTY'] } });
      expect(unknown.body.details?.errors).toEqual([expect.objectContaining({ path: '/dutyCodes/0', code: 'DUTY_UNKNOWN' })]);
      const forbidden = await call<ErrorBody>(test.app, 'PUT', `/api/v1/regions/${REGION}/purposes/HOUSING`, { token: world.people.civilAdmin.token, body: { name: '住房保障', dutyCodes: ['SOCIAL_ASSISTANCE'] } });
      expect(forbidden.status).toBe(403);
      const added = await call(test.app, 'PUT', `/api/v1/regions/${REGION}/purposes/HOUSING`, { token: world.people.supervisor.token, body: { name: '住房保障', dutyCodes: ['SOCIAL_ASSISTANCE'] } });
      expect(added.status).toBe(200);
      expect((await call(test.app, 'GET', '/api/v1/regions/339999/purposes', { token: world.people.civilConsumer.token })).status).toBe(404);
    });

    it('never lets a supervision authority supervise its own request', async () => {
      const own = await call<ErrorBody>(test.app, 'POST', '/api/v1/sharing-requests', {
        token: world.bureauConsumer.token,
        body: { resourceCode: 'OPEN', items: ['enterprise_name'], purposeCode: 'PATROL', purposeText: '监管抽查', legalBasisId: world.legalBasisId, piBasis: null, period: { from: '2026-11-30', to: '2027-05-29' }, expectedVolumePerDay: 0, rowScope: { type: 'all' }, method: 'api' },
      });
      expect([own.status, own.body.code]).toEqual([409, 'NO_SUPERVISOR']);

      // With another authority configured, the bureau's request goes there, and the bureau's own
      // supervisor cannot decide it (this changes the region; it runs last).
      const other = await test.runtime.services.organisations.create(null, { name: '云溪县数据监管中心', uscc: syntheticUscc(REGION, 9), regionCode: REGION, kind: 'supervisor' });
      await test.runtime.services.regions.update(await principalFor(test.runtime, world.people.admin.id), REGION, { supervisorOrgId: other.id });
      const submitted = await call<{ id: string; supervisorOrgId: string }>(test.app, 'POST', '/api/v1/sharing-requests', {
        token: world.bureauConsumer.token,
        body: { resourceCode: 'NONE', items: ['case_no'], purposeCode: 'PATROL', purposeText: '监管抽查', legalBasisId: await basisOfKind(test, ['law']), piBasis: null, period: { from: '2026-11-30', to: '2027-05-29' }, expectedVolumePerDay: 10, rowScope: { type: 'all' }, method: 'api' },
      });
      expect(submitted.body.supervisorOrgId).toBe(other.id);
      const self = await call<ErrorBody>(test.app, 'POST', `/api/v1/sharing-requests/${submitted.body.id}/decisions`, { token: world.people.supervisor.token, body: { decision: 'approve' } });
      expect([self.status, self.body.code]).toEqual([403, 'SELF_APPROVAL_FORBIDDEN']);
    });
  });
}
