import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/demo/seed-demo.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';

for (const dialect of DIALECTS) {
  describe(`the demo's sharing data (${dialect})`, () => {
    let test: TestRuntime;
    let tokens: Map<string, string>;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      const credentials = await seedDemo(test.runtime.context, test.runtime.services);
      tokens = new Map(credentials.people.map((person) => [person.login, person.token]));
    });
    afterAll(() => test.close());

    const inbox = async (login: string) => (await call<{ items: { kind: string; step: string | null; overdue: boolean; escalated: boolean }[] }>(test.app, 'GET', '/api/v1/inbox', { token: tokens.get(login)! })).body.items;

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
  });
}
