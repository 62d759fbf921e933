import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildWorld, otherRegionSupervisor, REGION, type Actor, type World } from '../support/world.ts';

interface Recipient {
  orgId: string;
  orgName: string;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  response: string | null;
  late: boolean;
  overdue: boolean;
  overdueWorkingDays: number;
}
interface Bulletin {
  id: string;
  regionCode: string;
  authorId: string;
  authorOrgId: string;
  title: string;
  severity: string;
  alertIds: string[];
  publishedAt: string;
  acknowledgeBy: string;
  status: string;
  recipients: Recipient[];
}
interface Tracking {
  acknowledgeBy: string;
  asOf: string;
  counts: Record<'recipients' | 'acknowledged' | 'unacknowledged' | 'overdue' | 'late', number>;
  recipients: Recipient[];
}
interface ErrorBody {
  code: string;
  details?: { errors?: { path: string; code: string }[] };
}

const FINDINGS = '监测发现云溪县某系统凭证在非工作时间批量查询户籍信息，疑似枚举。';
const MEASURES = '立即核查该凭证的使用人和用途，必要时暂停凭证并报告处置结果。';
/** A Shanghai-local instant, as people write deadlines. */
const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();

for (const dialect of DIALECTS) {
  describe(`early-warning bulletins (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    /** A supervisor of another region, with its own authority. */
    let stranger: Actor;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
      stranger = await otherRegionSupervisor(test.runtime);
    });
    afterAll(() => test.close());

    const draft = (changes: Record<string, unknown> = {}) => ({ title: '夜间批量查询预警', findings: FINDINGS, measures: MEASURES, severity: 'high', recipients: [world.orgs.police, world.orgs.civil], alertIds: ['alert-0001'], ...changes });
    const publish = (actor: Actor | undefined, body: unknown) => call<Bulletin & ErrorBody>(test.app, 'POST', '/api/v1/bulletins', { ...(actor ? { token: actor.token } : {}), body });
    const acknowledge = (actor: Actor, id: string, body?: unknown) => call<Bulletin & ErrorBody>(test.app, 'POST', `/api/v1/bulletins/${id}/acknowledge`, { token: actor.token, ...(body === undefined ? {} : { body }) });
    const list = async (actor: Actor, query = '') => (await call<{ bulletins: Bulletin[]; nextCursor: string | null }>(test.app, 'GET', `/api/v1/bulletins${query}`, { token: actor.token })).body;
    const track = (actor: Actor, id: string, query = '') => call<Tracking & ErrorBody>(test.app, 'GET', `/api/v1/bulletins/${id}/recipients${query}`, { token: actor.token });
    const auditOf = (id: string) => test.runtime.context.store.auditStore.search({ object: `bulletin:${id}`, limit: 10 });

    let first: Bulletin;
    let civilOnly: Bulletin;

    it('lets a supervisor publish to departments of its region, due three working days later, over the weekend', async () => {
      // TEST_START is Friday 27 November 2026, 10:00 in Shanghai: Monday, Tuesday and Wednesday count.
      const reply = await publish(world.people.supervisor, draft());
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      first = reply.body;
      expect(first).toMatchObject({ regionCode: REGION, authorId: world.people.supervisor.id, authorOrgId: world.orgs.bureau, severity: 'high', alertIds: ['alert-0001'], status: 'open', acknowledgeBy: shanghai('2026-12-02T23:59:59.999') });
      expect(first.recipients.map((recipient) => recipient.orgId).sort()).toEqual([world.orgs.police, world.orgs.civil].sort());
      expect(first.recipients.every((recipient) => !recipient.acknowledged && !recipient.overdue && recipient.overdueWorkingDays === 0)).toBe(true);

      test.clock.advance(60_000);
      civilOnly = (await publish(world.people.supervisor, draft({ title: '民政数据接口异常调用', severity: 'medium', recipients: [world.orgs.civil], alertIds: undefined }))).body;
      expect(civilOnly.alertIds).toEqual([]);

      // The log keeps ids, counts and digests; the words stay in the bulletin.
      const [event] = await auditOf(first.id);
      expect(event).toMatchObject({ action: 'bulletin.published', actor: { id: world.people.supervisor.id, org: world.orgs.bureau }, details: { regionCode: REGION, severity: 'high', recipients: 2, alertIds: ['alert-0001'], acknowledgeBy: first.acknowledgeBy } });
      expect(event!.details).toMatchObject({ titleDigest: expect.stringMatching(/^[0-9a-f]{64}$/), findingsDigest: expect.stringMatching(/^[0-9a-f]{64}$/), measuresDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      for (const text of ['夜间批量查询预警', FINDINGS, MEASURES]) expect(JSON.stringify(event)).not.toContain(text);
    });

    it('refuses a department, a consumer, a lapsed supervisor and an anonymous caller, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const cases: [Actor | undefined, number, string][] = [
        [world.people.policeAdmin, 403, 'FORBIDDEN'],
        [world.people.civilConsumer, 403, 'FORBIDDEN'],
        [world.people.admin, 403, 'FORBIDDEN'],
        [world.people.lapsedSupervisor, 403, 'TRAINING_EXPIRED'],
        [undefined, 401, 'UNAUTHENTICATED'],
      ];
      for (const [actor, status, code] of cases) {
        const reply = await publish(actor, draft());
        expect(reply.status, actor?.login ?? 'anonymous').toBe(status);
        expect(reply.body.code).toBe(code);
      }
      expect(await auditCount(test.runtime)).toBe(before);
      expect((await list(world.people.supervisor)).bulletins).toHaveLength(2);
    });

    it('refuses bad input with a code per field, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const cases: [Record<string, unknown>, string, string][] = [
        [{ recipients: [world.orgs.police, 'no-such-organisation'] }, '/recipients/1', 'BULLETIN_RECIPIENT_UNKNOWN'],
        [{ recipients: [world.orgs.bureau] }, '/recipients/0', 'BULLETIN_RECIPIENT_NOT_DEPARTMENT'],
        [{ recipients: [world.orgs.contractor] }, '/recipients/0', 'BULLETIN_RECIPIENT_NOT_DEPARTMENT'],
        [{ title: '   ' }, '/title', 'BULLETIN_TEXT_REQUIRED'],
        [{ findings: '涉及身份证号 11010519491231002X 的查询' }, '/findings', 'TEXT_HAS_PERSONAL_DATA'],
        [{ alertIds: ['not an id'] }, '/alertIds/0', 'BULLETIN_ALERT_ID_INVALID'],
        [{ severity: 'urgent' }, '/severity', 'SCHEMA_ENUM'],
        [{ recipients: [] }, '/recipients', 'SCHEMA_MINITEMS'],
        [{ recipients: [world.orgs.police, world.orgs.police] }, '/recipients', 'SCHEMA_UNIQUEITEMS'],
        [{ findings: 'x'.repeat(10_001) }, '/findings', 'SCHEMA_MAXLENGTH'],
        [{ author: 'someone-else' }, '/author', 'SCHEMA_ADDITIONALPROPERTIES'],
      ];
      for (const [changes, path, code] of cases) {
        const reply = await publish(world.people.supervisor, draft(changes));
        expect(reply.status, JSON.stringify(changes)).toBe(400);
        expect(reply.body.code).toBe('VALIDATION_FAILED');
        expect(reply.body.details?.errors?.map((error) => `${error.path} ${error.code}`), JSON.stringify(changes)).toContain(`${path} ${code}`);
        expect(JSON.stringify(reply.body)).not.toContain('11010519491231002X');
      }
      expect(await auditCount(test.runtime)).toBe(before);
      expect((await list(world.people.supervisor)).bulletins).toHaveLength(2);
    });

    it('shows a department only what is addressed to it, and only its own row; the rest is absent', async () => {
      const police = world.people.policeAdmin;
      const seen = await list(police);
      expect(seen.bulletins.map((bulletin) => bulletin.id)).toEqual([first.id]);
      expect(seen.bulletins[0]!.recipients.map((recipient) => recipient.orgId)).toEqual([world.orgs.police]);
      const one = await call<Bulletin>(test.app, 'GET', `/api/v1/bulletins/${first.id}`, { token: police.token });
      expect(one.body.recipients.map((recipient) => recipient.orgId)).toEqual([world.orgs.police]);

      const before = await auditCount(test.runtime);
      const absent = '01900000-0000-7000-8000-000000000000';
      for (const id of [civilOnly.id, absent]) {
        for (const [method, url, body] of [
          ['GET', `/api/v1/bulletins/${id}`, undefined],
          ['POST', `/api/v1/bulletins/${id}/acknowledge`, { response: '已处置' }],
        ] as const) {
          const reply = await call<ErrorBody>(test.app, method, url, { token: police.token, ...(body ? { body } : {}) });
          expect(reply.status, `${method} ${url}`).toBe(404);
          expect(reply.body.code).toBe('NOT_FOUND');
        }
      }
      // Tracking is the supervisor's; a consumer reads no bulletin at all.
      expect((await track(police, first.id)).body.code).toBe('FORBIDDEN');
      expect((await call<ErrorBody>(test.app, 'GET', '/api/v1/bulletins', { token: world.people.civilConsumer.token })).body.code).toBe('FORBIDDEN');
      expect((await acknowledge(world.people.civilConsumer, first.id)).body.code).toBe('FORBIDDEN');
      // A supervisor of another region: nothing of this region is visible.
      expect((await list(stranger)).bulletins).toEqual([]);
      expect((await call<ErrorBody>(test.app, 'GET', `/api/v1/bulletins/${first.id}`, { token: stranger.token })).body.code).toBe('NOT_FOUND');
      expect((await track(stranger, first.id)).body.code).toBe('NOT_FOUND');
      expect(await auditCount(test.runtime)).toBe(before);
      const outside = await publish(stranger, draft({ recipients: [world.orgs.police] }));
      expect(outside.body.details?.errors?.map((error) => error.code)).toEqual(['BULLETIN_RECIPIENT_OUTSIDE_REGION']);
      expect((await track(world.people.supervisor, civilOnly.id)).body.counts).toMatchObject({ acknowledged: 0, unacknowledged: 1 });
    });

    it('takes a recipient’s acknowledgement once, in time', async () => {
      test.clock.set(shanghai('2026-12-01T10:00:00'));
      const response = '已暂停该凭证，核查使用人并完成整改。';
      const reply = await acknowledge(world.people.policeAdmin, first.id, { response });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      // The department's view: its own row and its own status.
      expect(reply.body.status).toBe('acknowledged');
      expect(reply.body.recipients).toEqual([
        { orgId: world.orgs.police, orgName: '云溪县公安局', acknowledged: true, acknowledgedAt: shanghai('2026-12-01T10:00:00'), acknowledgedBy: world.people.policeAdmin.id, response, late: false, overdue: false, overdueWorkingDays: 0 },
      ]);
      const supervisorView = await call<Bulletin>(test.app, 'GET', `/api/v1/bulletins/${first.id}`, { token: world.people.supervisor.token });
      expect(supervisorView.body.status).toBe('open');

      const before = await auditCount(test.runtime);
      const again = await acknowledge(world.people.policeAdmin, first.id, { response: '再次签收' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CONFLICT');
      expect(await auditCount(test.runtime)).toBe(before);

      const events = await auditOf(first.id);
      const acknowledged = events.find((event) => event.action === 'bulletin.acknowledged');
      expect(acknowledged).toMatchObject({ actor: { id: world.people.policeAdmin.id, org: world.orgs.police }, details: { orgId: world.orgs.police, late: false, overdueWorkingDays: 0, remaining: 1, responseDigest: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(JSON.stringify(acknowledged)).not.toContain(response);
    });

    it('tracks who is overdue and by how many working days, and marks a late acknowledgement', async () => {
      // Monday 7 December: Thursday 3rd, Friday 4th and Monday 7th are past the deadline.
      test.clock.set(shanghai('2026-12-07T10:00:00'));
      const tracking = await track(world.people.supervisor, first.id);
      expect(tracking.status).toBe(200);
      expect(tracking.body).toMatchObject({ acknowledgeBy: first.acknowledgeBy, asOf: shanghai('2026-12-07T10:00:00'), counts: { recipients: 2, acknowledged: 1, unacknowledged: 1, overdue: 1, late: 0 } });
      const overdue = await track(world.people.supervisor, first.id, '?state=overdue');
      expect(overdue.body.recipients).toMatchObject([{ orgId: world.orgs.civil, acknowledged: false, overdue: true, overdueWorkingDays: 3 }]);
      expect((await track(world.people.supervisor, first.id, '?state=unknown')).body.code).toBe('VALIDATION_FAILED');

      const ids = (bulletins: Bulletin[]) => bulletins.map((bulletin) => bulletin.id);
      expect(ids((await list(world.people.supervisor, '?overdue=true')).bulletins)).toEqual([civilOnly.id, first.id]);
      expect(ids((await list(world.people.civilAdmin, '?overdue=true')).bulletins)).toEqual([civilOnly.id, first.id]);
      expect(ids((await list(world.people.policeAdmin, '?overdue=true')).bulletins)).toEqual([]);
      expect(ids((await list(world.people.policeAdmin, '?status=acknowledged')).bulletins)).toEqual([first.id]);
      const page = await list(world.people.supervisor, '?limit=1');
      expect(ids(page.bulletins)).toEqual([civilOnly.id]);
      expect(ids((await list(world.people.supervisor, `?limit=1&cursor=${page.nextCursor}`)).bulletins)).toEqual([first.id]);

      const late = await acknowledge(world.people.civilAdmin, first.id);
      expect(late.status).toBe(200);
      expect(late.body.recipients).toMatchObject([{ orgId: world.orgs.civil, acknowledged: true, response: null, late: true, overdue: false, overdueWorkingDays: 3 }]);
      const closed = await call<Bulletin>(test.app, 'GET', `/api/v1/bulletins/${first.id}`, { token: world.people.supervisor.token });
      expect(closed.body.status).toBe('acknowledged');
      expect((await track(world.people.supervisor, first.id, '?state=late')).body.recipients.map((recipient) => recipient.orgId)).toEqual([world.orgs.civil]);
      expect(ids((await list(world.people.supervisor, '?status=acknowledged')).bulletins)).toEqual([first.id]);
      expect(ids((await list(world.people.supervisor, '?overdue=true')).bulletins)).toEqual([civilOnly.id]);
      const [, acknowledged] = (await auditOf(first.id)).filter((event) => event.action === 'bulletin.acknowledged');
      expect(acknowledged).toMatchObject({ details: { orgId: world.orgs.civil, late: true, overdueWorkingDays: 3, remaining: 0 } });
      expect(acknowledged!.details).not.toHaveProperty('responseDigest');
    });

    it('closes a bulletin once when its departments acknowledge at the same moment', async () => {
      const bulletin = (await publish(world.people.supervisor, draft({ title: '并发签收' }))).body;
      const replies = await Promise.all([acknowledge(world.people.policeAdmin, bulletin.id, { response: '已核查' }), acknowledge(world.people.civilAdmin, bulletin.id, { response: '已核查' })]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
      const closed = await call<Bulletin>(test.app, 'GET', `/api/v1/bulletins/${bulletin.id}`, { token: world.people.supervisor.token });
      expect(closed.body.status).toBe('acknowledged');
      expect(closed.body.recipients.every((recipient) => recipient.acknowledged && !recipient.late)).toBe(true);
    });

    it('counts the deadline in the region’s calendar, across a holiday', async () => {
      // The region's 2027 元旦 (1–3 January); published Thursday 31 December 2026.
      const schedule = { source: '测试用节假日安排 / a test schedule', holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], makeUpWorkdays: [] };
      expect((await call(test.app, 'PUT', `/api/v1/regions/${REGION}/calendar/2027`, { token: world.people.admin.token, body: schedule })).status).toBe(204);
      test.clock.set(shanghai('2026-12-31T10:00:00'));
      const reply = await publish(world.people.supervisor, draft({ recipients: [world.orgs.police] }));
      expect(reply.status).toBe(201);
      // Monday 4th, Tuesday 5th, Wednesday 6th; weekends alone would have given Tuesday 5th.
      expect(reply.body.acknowledgeBy).toBe(shanghai('2027-01-06T23:59:59.999'));
    });
  });
}
