import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_HOLIDAY_SCHEDULES } from '../../src/core/calendar/index.ts';
import { buildHttpApp } from '../../src/http/build-app.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call, type Reply } from '../support/http.ts';
import { buildWorld, otherRegionSupervisor, REGION, type Actor, type World } from '../support/world.ts';

interface Handling {
  supervisionAuthority: { id: string; name: string };
  department: { id: string; name: string } | null;
}
interface Remedy {
  route: string;
  body: string;
  basis: string;
}
interface Receipt {
  trackingNumber: string;
  queryCode: string;
  kind: string;
  status: string;
  filedAt: string;
  acknowledgeBy: string;
  answerBy: string;
  handling: Handling;
  remedies: Remedy[];
}
interface Status extends Omit<Receipt, 'queryCode'> {
  outcome: string | null;
  answer: string | null;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  caseOpened: boolean;
  reward: { decision: string; amountYuan: number } | null;
}
interface Complaint {
  id: string;
  trackingNumber: string;
  kind: string;
  summary: string;
  details: string;
  contact?: string | null;
  namedDepartmentId: string | null;
  departmentId: string | null;
  status: string;
  acknowledgeBy: string;
  answerBy: string;
  acknowledgeOverdueDays: number | null;
  answerOverdueDays: number | null;
  outcome: string | null;
  caseId: string | null;
  reward?: { decision: string; amountYuan: number; reason: string } | null;
  handling: Handling;
  standing: { acknowledgementOverdue: boolean; answerOverdue: boolean; overdueWorkingDays: number };
}
interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: { errors?: { path: string; code: string }[]; retryAfterSeconds?: number };
}

/** A Shanghai-local instant, as people write deadlines. */
const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();
const DETAILS = '本人张三，身份证号 11010519491231002X，发现民政局低保数据被第三方公司用于电话营销。';
const CONTACT = '张三 13800138000';
const ANSWER = '经查，民政局向外包公司超范围提供数据属实，已立案问责。';

for (const dialect of DIALECTS) {
  describe(`complaints and reports (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    /** A supervisor of another region's authority. */
    let stranger: Actor;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
      stranger = await otherRegionSupervisor(test.runtime);
      // The region keeps Monday 30 November 2026 as a local holiday: deadlines follow the region's calendar.
      const national = NATIONAL_HOLIDAY_SCHEDULES.find((schedule) => schedule.year === 2026)!;
      await test.runtime.services.regions.putSchedule(await principalFor(test.runtime, world.people.admin.id), REGION, {
        ...national,
        source: `${national.source}；云溪县 11 月 30 日地方假日`,
        holidays: [...national.holidays, '2026-11-30'],
      });
    });
    afterAll(() => test.close());

    /** Public calls carry no token; each names the source address it comes from. */
    const publicCall = async <Body>(url: string, body: unknown, address: string): Promise<Reply<Body>> => {
      const response = await test.app.inject({ method: 'POST', url, remoteAddress: address, payload: body as object });
      return { status: response.statusCode, body: response.json() as Body };
    };
    const file = (body: unknown, address = '198.51.100.1') => publicCall<Receipt & ErrorBody>('/api/v1/complaints', body, address);
    const lookup = (trackingNumber: string, queryCode: string, address = '198.51.100.2') => publicCall<Status & ErrorBody>('/api/v1/complaints/status', { trackingNumber, queryCode }, address);
    const list = (actor: Actor, query = '') => call<{ complaints: Complaint[]; nextCursor: string | null } & ErrorBody>(test.app, 'GET', `/api/v1/complaints${query}`, { token: actor.token });
    const get = (actor: Actor, id: string) => call<Complaint & ErrorBody>(test.app, 'GET', `/api/v1/complaints/${id}`, { token: actor.token });
    const act = (actor: Actor, id: string, step: 'acknowledge' | 'answer' | 'reward', body?: unknown) =>
      call<Complaint & ErrorBody>(test.app, 'POST', `/api/v1/complaints/${id}/${step}`, { token: actor.token, ...(body === undefined ? {} : { body }) });
    const auditOf = (id: string) => test.runtime.context.store.auditStore.search({ object: `complaint:${id}`, limit: 10 });

    const report = () => ({ regionCode: REGION, kind: 'report', category: 'unlawful_sharing', summary: '低保数据被用于营销', details: DETAILS, departmentId: world.orgs.civil });
    const complaint = () => ({ regionCode: REGION, kind: 'complaint', category: 'leak', summary: '我的信息被泄露', details: DETAILS, contact: CONTACT });

    let tip: Receipt;
    let own: Receipt;
    let tipId: string;
    let ownId: string;

    it('lets anyone file without a token, answering with a tracking number, a query code, the deadlines on the region’s calendar and where to turn', async () => {
      // Friday 27 November, 10:00; Monday is the region's holiday, so Tuesday 1 December is the first working day after receipt.
      const reply = await file(report());
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      tip = reply.body;
      expect(tip).toMatchObject({ trackingNumber: 'TS-2026-000001', kind: 'report', status: 'received', acknowledgeBy: shanghai('2026-12-01T23:59:59.999'), answerBy: shanghai('2026-12-21T23:59:59.999') });
      expect(tip.queryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(tip.handling).toEqual({ supervisionAuthority: { id: world.orgs.bureau, name: '云溪县大数据局' }, department: { id: world.orgs.civil, name: '云溪县民政局' } });
      expect(tip.remedies.map((remedy) => [remedy.route, remedy.body])).toEqual([
        ['department', '云溪县民政局'],
        ['supervision_authority', '云溪县大数据局'],
        ['peoples_court', '有管辖权的人民法院 / the people’s court with jurisdiction'],
      ]);
      expect(tip.remedies[2]!.basis).toContain('第五十条');

      const second = await file(complaint(), '198.51.100.3');
      expect(second.status).toBe(201);
      own = second.body;
      expect(own.trackingNumber).toBe('TS-2026-000002');
      expect(own.queryCode).not.toBe(tip.queryCode);
      expect(own.handling.department).toBeNull();
      expect(own.remedies.map((remedy) => remedy.route)).toEqual(['supervision_authority', 'peoples_court']);

      // The code is kept only as a keyed hash; the words and the contact stay out of the log, and so does the address.
      const stored = await test.runtime.context.store.read.complaints.byTrackingNumber(tip.trackingNumber);
      tipId = stored!.complaint.id;
      ownId = (await test.runtime.context.store.read.complaints.byTrackingNumber(own.trackingNumber))!.complaint.id;
      expect(stored!.queryCodeHash).toMatch(/^[0-9a-f]{32}$/);
      expect(stored!.queryCodeHash).not.toContain(tip.queryCode.replace(/-/g, ''));
      const [filed] = await auditOf(tipId);
      expect(filed).toMatchObject({ action: 'complaint.filed', actor: { type: 'anonymous', org: null }, details: { trackingNumber: tip.trackingNumber, regionCode: REGION, kind: 'report', departmentId: world.orgs.civil, supervisorOrgId: world.orgs.bureau, identified: false } });
      expect(filed!.details).toMatchObject({ summaryDigest: expect.stringMatching(/^[0-9a-f]{64}$/), detailsDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const [ownFiled] = await auditOf(ownId);
      expect(ownFiled!.details).toMatchObject({ identified: true });
      for (const event of [filed, ownFiled]) {
        const text = JSON.stringify(event);
        for (const secret of [DETAILS, '11010519491231002X', CONTACT, '13800138000', '低保数据被用于营销', '198.51.100', tip.queryCode, own.queryCode]) expect(text).not.toContain(secret);
      }
    });

    it('refuses bad input with a code per field, and a region with no supervision authority, writing nothing', async () => {
      const before = await auditCount(test.runtime);
      const cases: [Record<string, unknown>, number, string, string | undefined][] = [
        [{ ...report(), regionCode: '339999' }, 400, 'VALIDATION_FAILED', 'COMPLAINT_REGION_UNKNOWN'],
        [{ ...report(), departmentId: world.orgs.contractor }, 400, 'VALIDATION_FAILED', 'COMPLAINT_DEPARTMENT_NOT_DEPARTMENT'],
        [{ ...report(), departmentId: 'no-such-organisation' }, 400, 'VALIDATION_FAILED', 'COMPLAINT_DEPARTMENT_UNKNOWN'],
        [{ ...report(), departmentId: stranger.orgId }, 400, 'VALIDATION_FAILED', 'COMPLAINT_DEPARTMENT_OUTSIDE_REGION'],
        [{ ...report(), summary: '   ' }, 400, 'VALIDATION_FAILED', 'COMPLAINT_TEXT_REQUIRED'],
        [{ ...report(), kind: 'petition' }, 400, 'VALIDATION_FAILED', 'SCHEMA_ENUM'],
        [{ ...report(), reporterIp: '1.2.3.4' }, 400, 'VALIDATION_FAILED', 'SCHEMA_ADDITIONALPROPERTIES'],
        [{ ...report(), details: 'x'.repeat(10_001) }, 400, 'VALIDATION_FAILED', 'SCHEMA_MAXLENGTH'],
        [{ ...report(), regionCode: '331102', departmentId: undefined }, 409, 'NO_SUPERVISOR', undefined],
      ];
      let index = 0;
      for (const [body, status, code, fieldCode] of cases) {
        const reply = await file(body, `203.0.113.${(index += 1)}`);
        expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(status);
        expect(reply.body.code).toBe(code);
        if (fieldCode) expect(reply.body.details?.errors?.map((error) => error.code)).toContain(fieldCode);
        // A refusal never echoes the words sent.
        expect(JSON.stringify(reply.body)).not.toContain('11010519491231002X');
      }
      expect(await auditCount(test.runtime)).toBe(before);
      expect(await test.runtime.context.store.read.complaints.byTrackingNumber('TS-2026-000003')).toBeUndefined();
    });

    it('shows the filer the progress with the number and the code, however the code is typed', async () => {
      const reply = await lookup(tip.trackingNumber, tip.queryCode);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toMatchObject({ trackingNumber: tip.trackingNumber, status: 'received', outcome: null, answer: null, caseOpened: false, reward: null, acknowledgeBy: tip.acknowledgeBy, answerBy: tip.answerBy, handling: tip.handling });
      expect(reply.body.remedies).toEqual(tip.remedies);
      // The filer's own words are not sent back: whoever holds the code learns only the progress.
      expect(JSON.stringify(reply.body)).not.toContain('11010519491231002X');
      expect((await lookup(tip.trackingNumber, tip.queryCode.toLowerCase().replace(/-/g, ' '))).status).toBe(200);
    });

    it('answers a wrong code and an unknown number alike, so numbers cannot be probed', async () => {
      const wrongCode = await lookup(tip.trackingNumber, own.queryCode);
      const unknown = await lookup('TS-2026-000999', tip.queryCode);
      const malformedCode = await lookup(tip.trackingNumber, 'not-a-code');
      for (const reply of [wrongCode, unknown, malformedCode]) {
        expect(reply.status).toBe(404);
        expect({ code: reply.body.code, message: reply.body.message, details: reply.body.details }).toEqual({ code: 'NOT_FOUND', message: wrongCode.body.message, details: undefined });
      }
      // A code opens only the complaint it was issued for.
      expect((await lookup(own.trackingNumber, tip.queryCode)).status).toBe(404);
      expect((await lookup(own.trackingNumber, own.queryCode)).status).toBe(200);
    });

    it('limits status lookups per source address, the right code included, until the window passes', async () => {
      const address = '192.0.2.50';
      for (let attempt = 0; attempt < 9; attempt += 1) expect((await lookup(tip.trackingNumber, own.queryCode, address)).status).toBe(404);
      expect((await lookup(tip.trackingNumber, tip.queryCode, address)).status).toBe(200);
      const limited = await lookup(tip.trackingNumber, tip.queryCode, address);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(limited.body.details?.retryAfterSeconds).toBe(600);
      // Another address is not held back, and the window reopens after ten minutes.
      expect((await lookup(tip.trackingNumber, tip.queryCode, '192.0.2.51')).status).toBe(200);
      test.clock.advance(10 * 60_000);
      expect((await lookup(tip.trackingNumber, tip.queryCode, address)).status).toBe(200);
    });

    it('limits filings per source address, writing nothing when refused', async () => {
      const address = '192.0.2.60';
      for (let attempt = 0; attempt < 5; attempt += 1) expect((await file({ ...complaint(), summary: `重复投诉 ${attempt}` }, address)).status).toBe(201);
      const before = await auditCount(test.runtime);
      const refused = await file(complaint(), address);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(await auditCount(test.runtime)).toBe(before);
      expect(await test.runtime.context.store.read.complaints.byTrackingNumber('TS-2026-000008')).toBeUndefined();
    });

    it('lists overdue complaints for the supervisor, by working days on the region’s calendar', async () => {
      // Wednesday 2 December, 10:00: one working day past Tuesday's acknowledgement limit.
      test.clock.set(shanghai('2026-12-02T10:00:00'));
      const overdue = await list(world.people.supervisor, '?overdue=true&limit=200');
      expect(overdue.status).toBe(200);
      const tipView = overdue.body.complaints.find((entry) => entry.id === tipId)!;
      expect(tipView.standing).toEqual({ acknowledgementOverdue: true, answerOverdue: false, overdueWorkingDays: 1 });
      expect(overdue.body.complaints.map((entry) => entry.trackingNumber)).toEqual(expect.arrayContaining([tip.trackingNumber, own.trackingNumber]));
      // The authority sees how to reach an identified filer; the anonymous one left nothing.
      expect(overdue.body.complaints.find((entry) => entry.id === ownId)!.contact).toBe(CONTACT);
      expect(tipView.contact).toBeNull();
    });

    it('shows a department only what is routed to it, without the filer’s contact, and keeps other authorities out', async () => {
      const civil = await list(world.people.civilAdmin);
      expect(civil.status).toBe(200);
      expect(civil.body.complaints.map((entry) => entry.id)).toEqual([tipId]);
      expect(civil.body.complaints[0]).not.toHaveProperty('contact');
      expect(civil.body.complaints[0]).not.toHaveProperty('reward');
      expect((await list(world.people.policeAdmin)).body.complaints).toEqual([]);
      expect((await get(world.people.policeAdmin, tipId)).status).toBe(404);
      expect((await get(world.people.policeAdmin, ownId)).status).toBe(404);
      expect((await list(world.people.civilConsumer)).status).toBe(403);
      expect((await list(stranger)).body.complaints).toEqual([]);
      expect((await get(stranger, tipId)).status).toBe(404);
      const before = await auditCount(test.runtime);
      expect((await act(stranger, tipId, 'acknowledge')).status).toBe(404);
      expect((await act(stranger, tipId, 'answer', { outcome: 'unsubstantiated', answer: '不属实' })).status).toBe(404);
      expect((await act(world.people.civilAdmin, tipId, 'acknowledge')).body.code).toBe('FORBIDDEN');
      expect((await act(world.people.lapsedSupervisor, tipId, 'acknowledge')).body.code).toBe('TRAINING_EXPIRED');
      expect(await auditCount(test.runtime)).toBe(before);
      expect((await get(world.people.supervisor, tipId)).body.status).toBe('received');
    });

    it('acknowledges late and routes to another department only with a reason, which the log keeps as a digest', async () => {
      const before = await auditCount(test.runtime);
      const bare = await act(world.people.supervisor, tipId, 'acknowledge', { departmentId: world.orgs.police });
      expect(bare.status).toBe(400);
      expect(bare.body.details?.errors?.map((error) => error.code)).toEqual(['COMPLAINT_REROUTE_REASON_REQUIRED']);
      expect((await act(world.people.supervisor, tipId, 'answer', { outcome: 'substantiated', answer: ANSWER })).body.code).toBe('COMPLAINT_STATUS_CONFLICT');
      expect(await auditCount(test.runtime)).toBe(before);

      const reason = '数据系公安局接口流出，应由公安局说明';
      const routed = await act(world.people.supervisor, tipId, 'acknowledge', { departmentId: world.orgs.police, reason });
      expect(routed.status, JSON.stringify(routed.body)).toBe(200);
      expect(routed.body).toMatchObject({ status: 'acknowledged', namedDepartmentId: world.orgs.civil, departmentId: world.orgs.police, acknowledgeOverdueDays: 1, handling: { department: { id: world.orgs.police, name: '云溪县公安局' } } });
      expect(routed.body.standing.acknowledgementOverdue).toBe(false);
      const events = await auditOf(tipId);
      expect(events[1]).toMatchObject({ action: 'complaint.acknowledged', actor: { id: world.people.supervisor.id }, details: { departmentId: world.orgs.police, rerouted: true, late: true, overdueWorkingDays: 1, reasonDigest: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(JSON.stringify(events[1])).not.toContain(reason);
      expect((await act(world.people.supervisor, tipId, 'acknowledge')).body.code).toBe('COMPLAINT_STATUS_CONFLICT');

      // Routed away, the complaint leaves the named department's view and reaches the new one's.
      expect((await list(world.people.civilAdmin)).body.complaints).toEqual([]);
      expect((await get(world.people.policeAdmin, tipId)).body.departmentId).toBe(world.orgs.police);

      // With no department named, triage chooses one, and needs no reason; an empty body keeps it unrouted.
      const chosen = await act(world.people.supervisor, ownId, 'acknowledge', { departmentId: world.orgs.civil });
      expect(chosen.body).toMatchObject({ status: 'acknowledged', namedDepartmentId: null, departmentId: world.orgs.civil });
    });

    it('answers a substantiated report, records its reward once, and tells the filer', async () => {
      const answered = await act(world.people.supervisor, tipId, 'answer', { outcome: 'substantiated', answer: ANSWER });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
      expect(answered.body).toMatchObject({ status: 'answered', outcome: 'substantiated', answerOverdueDays: 0 });
      // The substantiation opened an accountability case from the complaint, citing its audit entries as evidence.
      const caseId = answered.body.caseId!;
      expect(caseId).toEqual(expect.any(String));
      const opened = await test.runtime.services.cases.get(await principalFor(test.runtime, world.people.supervisor.id), caseId);
      expect(opened).toMatchObject({ source: { kind: 'complaint', id: tipId }, stage: 'filed', authorityOrgId: world.orgs.bureau });
      expect(opened.title).toContain(tip.trackingNumber);
      expect(opened.evidence).toHaveLength(3);
      expect(JSON.stringify(opened)).not.toContain('11010519491231002X');
      expect((await act(world.people.supervisor, tipId, 'answer', { outcome: 'unsubstantiated', answer: '不属实' })).body.code).toBe('COMPLAINT_STATUS_CONFLICT');

      const badReward = await act(world.people.supervisor, tipId, 'reward', { decision: 'granted', amountYuan: 0, reason: '线索属实' });
      expect(badReward.body.details?.errors?.map((error) => error.code)).toEqual(['REWARD_AMOUNT_REQUIRED']);
      expect((await act(world.people.policeAdmin, tipId, 'reward', { decision: 'granted', amountYuan: 500, reason: '线索属实' })).body.code).toBe('FORBIDDEN');
      const rewarded = await act(world.people.supervisor, tipId, 'reward', { decision: 'granted', amountYuan: 500, reason: '线索属实，依规给予奖励' });
      expect(rewarded.status, JSON.stringify(rewarded.body)).toBe(200);
      expect(rewarded.body.reward).toMatchObject({ decision: 'granted', amountYuan: 500, reason: '线索属实，依规给予奖励' });
      expect((await act(world.people.supervisor, tipId, 'reward', { decision: 'declined', amountYuan: 0, reason: '重复' })).body.code).toBe('CONFLICT');

      const events = await auditOf(tipId);
      expect(events.map((event) => event.action)).toEqual(['complaint.filed', 'complaint.acknowledged', 'complaint.answered', 'complaint.case.opened', 'complaint.reward.decided']);
      expect(events[2]!.details).toMatchObject({ outcome: 'substantiated', late: false, answerDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(events[3]!.details).toEqual({ trackingNumber: tip.trackingNumber, caseId });
      expect(opened.evidence).toEqual(events.slice(0, 3).map((event) => event.seq));
      expect(events[4]!.details).toMatchObject({ decision: 'granted', amountYuan: 500, reasonDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(JSON.stringify(events)).not.toContain(ANSWER);

      const status = await lookup(tip.trackingNumber, tip.queryCode, '198.51.100.9');
      expect(status.body).toMatchObject({ status: 'answered', outcome: 'substantiated', answer: ANSWER, caseOpened: true, reward: { decision: 'granted', amountYuan: 500 } });
      expect(status.body.handling.department).toEqual({ id: world.orgs.police, name: '云溪县公安局' });
      expect(status.body.remedies[0]).toMatchObject({ route: 'department', body: '云溪县公安局' });
    });

    it('lists an unanswered complaint as overdue past 15 working days, and records the lateness of the answer', async () => {
      // Tuesday 22 December: the answer was due on Monday 21 December.
      test.clock.set(shanghai('2026-12-22T09:00:00'));
      const overdue = await list(world.people.supervisor, '?overdue=true&status=acknowledged');
      expect(overdue.body.complaints.map((entry) => entry.id)).toEqual([ownId]);
      expect(overdue.body.complaints[0]!.standing).toEqual({ acknowledgementOverdue: false, answerOverdue: true, overdueWorkingDays: 1 });

      test.clock.set(shanghai('2026-12-23T16:00:00'));
      const answered = await act(world.people.supervisor, ownId, 'answer', { outcome: 'unsubstantiated', answer: '经查未发现泄露。' });
      expect(answered.body).toMatchObject({ status: 'answered', outcome: 'unsubstantiated', caseId: null, answerOverdueDays: 2, standing: { answerOverdue: false, overdueWorkingDays: 2 } });
      expect((await auditOf(ownId)).at(-1)).toMatchObject({ action: 'complaint.answered', details: { late: true, overdueWorkingDays: 2 } });
      expect((await list(world.people.supervisor, '?overdue=true&status=acknowledged')).body.complaints).toEqual([]);
      // A complaint, not a report, and not substantiated: no reward.
      expect((await act(world.people.supervisor, ownId, 'reward', { decision: 'declined', amountYuan: 0, reason: '非举报' })).body.code).toBe('REWARD_NOT_ALLOWED');
    });

    it('pages the authority’s list newest first', async () => {
      const first = await list(world.people.supervisor, '?limit=3');
      expect(first.body.complaints).toHaveLength(3);
      expect(first.body.nextCursor).toBe(first.body.complaints[2]!.id);
      const rest = await list(world.people.supervisor, `?limit=200&cursor=${first.body.nextCursor}`);
      const all = [...first.body.complaints, ...rest.body.complaints];
      // Ids are UUIDv7: ordered by the millisecond of filing, and within one millisecond by their random bits.
      expect(all.map((entry) => entry.id)).toEqual(all.map((entry) => entry.id).sort().reverse());
      expect(all.map((entry) => entry.trackingNumber).sort()).toEqual(['TS-2026-000001', 'TS-2026-000002', 'TS-2026-000003', 'TS-2026-000004', 'TS-2026-000005', 'TS-2026-000006', 'TS-2026-000007']);
      expect(rest.body.nextCursor).toBeNull();
    });

    it('keeps the filer’s address, words and code out of the server log', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
      const app = await buildHttpApp({ services: test.runtime.services, logger, bodyLimit: 1_048_576, nextRequestId: () => test.runtime.context.ids.next() });
      try {
        const filed = await app.inject({ method: 'POST', url: '/api/v1/complaints', remoteAddress: '192.0.2.99', payload: complaint() });
        expect(filed.statusCode).toBe(201);
        const { trackingNumber, queryCode } = filed.json<Receipt>();
        expect((await app.inject({ method: 'POST', url: '/api/v1/complaints/status', remoteAddress: '192.0.2.99', payload: { trackingNumber, queryCode } })).statusCode).toBe(200);
        // The log still works for the authenticated routes.
        expect((await app.inject({ method: 'GET', url: '/api/v1/complaints', headers: { authorization: `Bearer ${world.people.supervisor.token}` } })).statusCode).toBe(200);
        expect(lines.some((line) => line.includes('/api/v1/complaints'))).toBe(true);
        const log = lines.join('');
        for (const secret of ['192.0.2.99', '11010519491231002X', CONTACT, queryCode, trackingNumber]) expect(log).not.toContain(secret);
      } finally {
        await app.close();
      }
    });

    it('gives filings made at the same moment distinct, consecutive tracking numbers', async () => {
      const replies = await Promise.all([1, 2, 3, 4].map((index) => file({ ...complaint(), summary: `同时投诉 ${index}` }, `192.0.2.${70 + index}`)));
      expect(replies.map((reply) => reply.status)).toEqual([201, 201, 201, 201]);
      expect(replies.map((reply) => reply.body.trackingNumber).sort()).toEqual(['TS-2026-000009', 'TS-2026-000010', 'TS-2026-000011', 'TS-2026-000012']);
      expect(new Set(replies.map((reply) => reply.body.queryCode)).size).toBe(4);
    });
  });
}
