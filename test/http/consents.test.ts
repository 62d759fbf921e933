import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blindIndexInput, residentIdCheckCharacter, subjectIdentifier } from '../../src/core/pii/index.ts';
import { createTestRuntime, DIALECTS, principalFor, TEST_START, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildWorld, REGION, type Actor, type World } from '../support/world.ts';

interface ErrorBody {
  code: string;
  details?: { errors?: { path: string; code: string }[] };
}
interface ConsentBody {
  id: string;
  purposeCode: string;
  resourceCode: string | null;
  givenAt: string;
  withdrawnAt: string | null;
}

/** A synthetic resident ID: 17 digits of region, birth date and serial, then the GB 11643 MOD 11-2 check. */
function residentId(region: string, birthDate: string, serial: number): string {
  const body = `${region}${birthDate}${String(serial).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

const HOUR = 3_600_000;
const PURPOSE = 'MZ.SUBSIDY';

for (const dialect of DIALECTS) {
  describe(`consent registry (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    let contractorOperator: Actor;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
      // Consent is given for a purpose on the region's list.
      await test.runtime.services.regions.putDuty(null, { regionCode: REGION, code: 'SOCIAL_ASSISTANCE', name: '社会救助' });
      for (const code of [PURPOSE, 'MZ.CARE', 'MZ.HOUSING', 'MZ.DATED', 'MZ.TIMED', 'MZ.BATCH']) {
        await test.runtime.services.sharingPolicy.putPurpose(null, { regionCode: REGION, code, name: code, dutyCodes: ['SOCIAL_ASSISTANCE'] });
      }
      const enrolment = await test.runtime.services.people.create(null, { orgId: world.orgs.contractor, login: 'ops', name: 'ops', roles: ['operator'], training: [] });
      const issued = await test.runtime.services.auth.createPersonalToken(await principalFor(test.runtime, enrolment.person.id), 'test', null);
      contractorOperator = { id: enrolment.person.id, orgId: world.orgs.contractor, token: issued.token, password: '', totpSecret: '', login: 'ops' };
    });
    afterAll(() => test.close());

    const consumer = () => world.people.civilConsumer.token;
    const consentRows = () => test.runtime.context.store.database.db.selectFrom('consents').selectAll().execute();
    const indexOf = (identifier: string) => test.runtime.context.blindIndex(blindIndexInput(subjectIdentifier(identifier)!));
    const record = (token: string, subjectId: string, extra: Record<string, unknown> = {}) =>
      call<ConsentBody & ErrorBody>(test.app, 'POST', '/api/v1/consents', { token, body: { subjectId, purposeCode: PURPOSE, givenAt: TEST_START, evidence: '民政同意〔2026〕第 17 号', ...extra } });

    it('records a consent for a consumer or provider admin of a department, and for no one else', async () => {
      const subject = residentId('331125', '19900307', 11);
      const created = await record(consumer(), subject, { resourceCode: 'MZ-DIBAO' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), purposeCode: PURPOSE, resourceCode: 'MZ-DIBAO', givenAt: TEST_START, withdrawnAt: null, createdAt: TEST_START });
      expect((await record(world.people.civilAdmin.token, residentId('331125', '19900307', 12))).status).toBe(201);

      const rows = (await consentRows()).length;
      const events = await auditCount(test.runtime);
      for (const token of [contractorOperator.token, world.people.admin.token, world.people.supervisor.token]) {
        const refused = await record(token, residentId('331125', '19900307', 13));
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
      }
      expect((await call(test.app, 'POST', '/api/v1/consents', { body: { subjectId: subject } })).status).toBe(401);
      expect((await consentRows()).length).toBe(rows);
      expect(await auditCount(test.runtime)).toBe(events);
    });

    it('refuses an invalid identifier, a future consent and personal data in the evidence, writing nothing and echoing nothing', async () => {
      const rows = (await consentRows()).length;
      const events = await auditCount(test.runtime);
      const good = residentId('331125', '19850615', 21);
      const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const invalid = await record(consumer(), badCheck);
      expect(invalid.status).toBe(400);
      expect(invalid.body.details?.errors).toEqual([expect.objectContaining({ path: '/subjectId', code: 'SUBJECT_ID_INVALID' })]);
      expect(JSON.stringify(invalid.body)).not.toContain(badCheck.slice(0, 17));

      const future = await record(consumer(), good, { givenAt: new Date(Date.parse(TEST_START) + HOUR).toISOString() });
      expect(future.body.details?.errors?.map((error) => error.code)).toEqual(['CONSENT_IN_FUTURE']);

      const other = residentId('110101', '19900307', 1);
      for (const evidence of [`身份证 ${other}`, '联系 +86 138-0013-8000', `编号 ${good.slice(0, 6)} ${good.slice(6)}`, `REF${other}A`]) {
        const leaking = await record(consumer(), good, { evidence });
        expect(leaking.status, evidence).toBe(400);
        expect(leaking.body.details?.errors?.map((error) => error.code)).toEqual(['EVIDENCE_HAS_PERSONAL_DATA']);
        expect(JSON.stringify(leaking.body)).not.toContain(other.slice(0, 17));
      }
      const both = await record(consumer(), 'not-an-id', { purposeCode: 'lower case', evidence: '' });
      expect(both.body.details?.errors?.map((error) => error.code).sort()).toEqual(['EVIDENCE_INVALID', 'PURPOSE_CODE_INVALID', 'SUBJECT_ID_INVALID']);
      const unlisted = await record(consumer(), good, { purposeCode: 'MZ.UNLISTED' });
      expect(unlisted.body.details?.errors).toEqual([expect.objectContaining({ path: '/purposeCode', code: 'PURPOSE_UNKNOWN' })]);

      expect((await consentRows()).length).toBe(rows);
      expect(await auditCount(test.runtime)).toBe(events);
      // An ordinary document number with dates and serials is not mistaken for personal data.
      expect((await record(consumer(), good, { evidence: '云民〔2026-11-20〕第 2026112000017 号 电子签章 20261120' })).status).toBe(201);
    });

    it('treats every spelling of one subject as one, and refuses a second unwithdrawn consent', async () => {
      // GB 11643-1999's example: the 15-digit form upgrades to 11010519491231002X.
      const first = await record(consumer(), '11010519491231002x');
      expect(first.status).toBe(201);
      const again = await record(consumer(), '110105491231002');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CONSENT_EXISTS');
      // A resource-specific consent is a different consent from the purpose-wide one.
      expect((await record(consumer(), '１１０１０５１９４９１２３１００２Ｘ', { resourceCode: 'MZ-DIBAO' })).status).toBe(201);
    });

    it('never stores, audits or returns the identifier', async () => {
      const subject = residentId('331125', '19770101', 31);
      const uscc = '914403001922038216';
      expect((await record(consumer(), ` ${subject.toLowerCase()} `)).status).toBe(201);
      expect((await record(consumer(), uscc)).status).toBe(201);
      const consents = await consentRows();
      const leaves = await test.runtime.context.store.database.db.selectFrom('audit_entries').select(['leaf', 'object', 'action']).execute();
      const texts = [...consents.flatMap((row) => Object.values(row).filter((value): value is string => typeof value === 'string')), ...leaves.flatMap((row) => [row.leaf, row.object])];
      // The whole identifiers, and their digits without the check character or the region prefix.
      const secrets = [subject, subject.slice(0, 17), subject.slice(6, 17), uscc, uscc.slice(2, 17)];
      for (const text of texts) {
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
      // The blind index is the only trace, and it is kept out of the audit trail.
      expect(consents.some((row) => row.subject_index === indexOf(subject))).toBe(true);
      expect(leaves.some((row) => row.leaf.includes(indexOf(subject)))).toBe(false);
      const recorded = leaves.filter((row) => row.action === 'consent.recorded');
      expect(recorded.length).toBeGreaterThan(0);
    });

    it('hides one department’s consents from another, and lets an investigator see them', async () => {
      const subject = residentId('331125', '19660606', 41);
      const created = await record(consumer(), subject, { purposeCode: 'MZ.CARE' });
      const police = world.people.policeAdmin.token;
      const list = await call<{ consents: ConsentBody[] }>(test.app, 'GET', '/api/v1/consents', { token: police });
      expect(list.body.consents.map((consent) => consent.id)).not.toContain(created.body.id);
      expect((await call<ErrorBody>(test.app, 'GET', `/api/v1/consents?orgId=${world.orgs.civil}`, { token: police })).status).toBe(403);
      const withdraw = await call<ErrorBody>(test.app, 'POST', `/api/v1/consents/${created.body.id}/withdraw`, { token: police });
      expect(withdraw.status).toBe(404);
      expect(withdraw.body.code).toBe('NOT_FOUND');
      const check = await call<{ consented: boolean }>(test.app, 'POST', '/api/v1/consents/check', { token: police, body: { subjectId: subject, purposeCode: 'MZ.CARE' } });
      expect(check.body).toEqual({ consented: false });

      const investigator = await call<{ consents: ConsentBody[] }>(test.app, 'GET', `/api/v1/consents?orgId=${world.orgs.civil}&purposeCode=MZ.CARE`, { token: world.people.supervisor.token });
      expect(investigator.status).toBe(200);
      expect(investigator.body.consents.map((consent) => consent.id)).toEqual([created.body.id]);
      expect(JSON.stringify(investigator.body)).not.toMatch(/subject/i);
    });

    it('pages its own registry newest first', async () => {
      const all = await call<{ consents: ConsentBody[]; nextCursor: string | null }>(test.app, 'GET', '/api/v1/consents?limit=200', { token: consumer() });
      expect(all.body.consents.length).toBeGreaterThan(3);
      const first = await call<{ consents: ConsentBody[]; nextCursor: string }>(test.app, 'GET', '/api/v1/consents?limit=2', { token: consumer() });
      const second = await call<{ consents: ConsentBody[] }>(test.app, 'GET', `/api/v1/consents?limit=2&cursor=${first.body.nextCursor}`, { token: consumer() });
      expect([...first.body.consents, ...second.body.consents].map((consent) => consent.id)).toEqual(all.body.consents.slice(0, 4).map((consent) => consent.id));
    });

    it('answers check before and after withdrawal, by record and by the subject', async () => {
      const subject = residentId('331125', '19880808', 51);
      const purpose = 'MZ.HOUSING';
      const checkNow = async (resourceCode?: string) =>
        (await call<{ consented: boolean }>(test.app, 'POST', '/api/v1/consents/check', { token: consumer(), body: { subjectId: subject, purposeCode: purpose, ...(resourceCode ? { resourceCode } : {}) } })).body.consented;
      expect(await checkNow('MZ-HOUSE')).toBe(false);
      const created = await record(consumer(), subject, { purposeCode: purpose, resourceCode: 'MZ-HOUSE' });
      expect(await checkNow('MZ-HOUSE')).toBe(true);
      expect(await checkNow('MZ-OTHER')).toBe(false);

      test.clock.advance(HOUR);
      const withdrawn = await call<ConsentBody>(test.app, 'POST', `/api/v1/consents/${created.body.id}/withdraw`, { token: consumer() });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.withdrawnAt).toBe(test.clock.now().toISOString());
      expect(await checkNow('MZ-HOUSE')).toBe(false);
      const twice = await call<ErrorBody>(test.app, 'POST', `/api/v1/consents/${created.body.id}/withdraw`, { token: consumer() });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('CONSENT_WITHDRAWN');

      // A purpose-wide consent covers every resource of the purpose, until the subject withdraws it.
      await record(consumer(), subject, { purposeCode: purpose });
      await record(consumer(), subject, { purposeCode: purpose, resourceCode: 'MZ-HOUSE' });
      expect(await checkNow('MZ-OTHER')).toBe(true);
      const events = await auditCount(test.runtime);
      const bySubject = await call<{ withdrawn: number }>(test.app, 'POST', '/api/v1/consents/withdrawals', { token: consumer(), body: { subjectId: subject, purposeCode: purpose } });
      expect(bySubject.body).toEqual({ withdrawn: 2 });
      expect(await auditCount(test.runtime)).toBe(events + 2);
      expect(await checkNow('MZ-OTHER')).toBe(false);
      expect(await checkNow('MZ-HOUSE')).toBe(false);
    });

    it('refuses a withdrawal dated in the future or before the consent', async () => {
      const created = await record(consumer(), residentId('331125', '19700101', 61), { purposeCode: 'MZ.DATED' });
      const now = test.clock.now().getTime();
      for (const [withdrawnAt, code] of [
        [new Date(now + HOUR).toISOString(), 'WITHDRAWAL_IN_FUTURE'],
        [new Date(Date.parse(TEST_START) - HOUR).toISOString(), 'WITHDRAWAL_BEFORE_CONSENT'],
      ] as const) {
        const reply = await call<ErrorBody>(test.app, 'POST', `/api/v1/consents/${created.body.id}/withdraw`, { token: consumer(), body: { withdrawnAt } });
        expect(reply.body.details?.errors?.map((error) => error.code)).toEqual([code]);
      }
    });

    it('bounds a consent in time: in force from when it was given until it was withdrawn', async () => {
      const subject = residentId('331125', '19921212', 71);
      const now = test.clock.now().getTime();
      const givenAt = new Date(now - 2 * HOUR);
      const created = await record(consumer(), subject, { purposeCode: 'MZ.TIMED', givenAt: givenAt.toISOString() });
      const withdrawnAt = new Date(now - HOUR);
      expect((await call(test.app, 'POST', `/api/v1/consents/${created.body.id}/withdraw`, { token: consumer(), body: { withdrawnAt: withdrawnAt.toISOString() } })).status).toBe(200);
      const consents = test.runtime.context.store.read.consents;
      const activeAt = (at: number) => consents.activeFor(indexOf(subject), world.orgs.civil, 'MZ.TIMED', null, new Date(at));
      expect(await activeAt(now - 3 * HOUR)).toBe(false);
      expect(await activeAt(givenAt.getTime())).toBe(true);
      expect(await activeAt(now - 90 * 60_000)).toBe(true);
      expect(await activeAt(withdrawnAt.getTime())).toBe(false);
      expect(await activeAt(now)).toBe(false);
      // A purpose-wide consent answers for any resource; a resource-specific question still needs one.
      expect(await consents.activeFor(indexOf(subject), world.orgs.civil, 'MZ.TIMED', 'MZ-ANY', new Date(now - 90 * 60_000))).toBe(true);
    });

    it('filters a batch of subjects for the gateway (ConsentPort)', async () => {
      const purpose = 'MZ.BATCH';
      const subjects = Array.from({ length: 6 }, (_, serial) => residentId('331125', '19950505', 100 + serial));
      await record(consumer(), subjects[0]!, { purposeCode: purpose });
      await record(consumer(), subjects[1]!, { purposeCode: purpose, resourceCode: 'MZ-BATCH' });
      await record(consumer(), subjects[2]!, { purposeCode: purpose, resourceCode: 'MZ-ELSE' });
      const withdrawn = await record(consumer(), subjects[3]!, { purposeCode: purpose });
      await call(test.app, 'POST', `/api/v1/consents/${withdrawn.body.id}/withdraw`, { token: consumer() });
      await record(world.people.policeAdmin.token, subjects[4]!, { purposeCode: purpose });
      test.clock.advance(HOUR);
      await record(consumer(), subjects[5]!, { purposeCode: purpose, givenAt: test.clock.now().toISOString() });

      // More than two chunks of 500, with the real subjects in the last one.
      const strangers = Array.from({ length: 1100 }, (_, serial) => indexOf(residentId('331125', '20000101', serial % 1000)));
      const batch = [...strangers, ...subjects.map(indexOf)];
      const port = test.runtime.services.consents;
      const before = new Date(test.clock.now().getTime() - 30 * 60_000);
      expect(await port.activeSubjects(batch, world.orgs.civil, purpose, 'MZ-BATCH', before)).toEqual(new Set([indexOf(subjects[0]!), indexOf(subjects[1]!)]));
      expect(await port.activeSubjects(batch, world.orgs.civil, purpose, 'MZ-BATCH', test.clock.now())).toEqual(new Set([indexOf(subjects[0]!), indexOf(subjects[1]!), indexOf(subjects[5]!)]));
      expect(await port.activeSubjects([], world.orgs.civil, purpose, 'MZ-BATCH', test.clock.now())).toEqual(new Set());
    });
  });
}
