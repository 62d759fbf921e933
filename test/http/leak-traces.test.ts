import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_WORDS, canarySubject } from '../../src/core/accountability/canary-subject.ts';
import type { Item } from '../../src/core/catalog/resource.ts';
import { residentId } from '../gateway/gateway-world.ts';
import { conditionalDraft } from '../support/drafts.ts';
import { createTestRuntime, DIALECTS, principalFor, type TestRuntime } from '../support/harness.ts';
import { auditCount, call } from '../support/http.ts';
import { buildSharingWorld, type SharingWorld } from '../support/sharing-world.ts';
import { REGION, type Actor } from '../support/world.ts';
import { approved, submitted } from '../sharing/support.ts';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import { xlsx } from '../directory-import/sheets.ts';
import type { LeakCandidate as Candidate } from '../../src/core/accountability/leak-coverage.ts';

interface Trace {
  id: string;
  orgId: string;
  investigatorId: string;
  file: { digest: string; format: string; bytes: number };
  records: number;
  matchedRecords: number;
  canaryRecords: number;
  result: { byIdentifier: number; byValue: number; truncated: boolean; canaries: { grantId: string; consumerOrgId: string; records: number }[]; candidates: Record<'grant' | 'credential' | 'person' | 'answer', Candidate[]> };
  code?: string;
  details?: { errors?: { code: string }[] };
}

type Row = Record<string, string | null>;

const item = (code: string, name: string, extra: Partial<Item> = {}): Item => ({ code, name, dataType: 'string', piClass: 'personal', sensitiveCategory: null, grade: 'general-2', mask: 'none', subjectKey: false, ...extra });
/** A register masked by default; two consumers justify plaintext, which the supervisor approves. */
const PEOPLE_ITEMS: Item[] = [item('name', '姓名', { mask: 'name' }), item('resident_id', '公民身份号码', { subjectKey: true, mask: 'resident_id' }), item('mobile', '手机号码', { mask: 'mobile' })];
const PLAINTEXT = { masks: { name: 'none', resident_id: 'none', mobile: 'none' }, maskJustification: '入户核查须核对完整身份证号与联系电话' };

const SURNAMES = '王李张刘陈杨黄赵吴周';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
/** 60 residents of the test county with distinct names, numbers and phones. */
const PEOPLE = Array.from({ length: 60 }, (_, index) => ({
  name: `${SURNAMES[index % 10]}${GIVEN[index % 20]}${GIVEN[(index * 7 + 3) % 20]}`,
  residentId: residentId(REGION, `19${String(60 + (index % 35)).padStart(2, '0')}${String(1 + (index % 12)).padStart(2, '0')}${String(1 + (index % 28)).padStart(2, '0')}`, 100 + index * 3),
  mobile: `1390571${String(1000 + index * 37).padStart(4, '0')}`,
}));

const encode = (lines: readonly string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);

/** A multipart/form-data body with one file part. */
function upload(name: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----custos-leak-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A deterministic shuffle, so that the leaked records are not in the order they were answered. */
function shuffled<T>(list: readonly T[]): T[] {
  const copy = [...list];
  let state = 7;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

interface Consumer {
  actor: Actor;
  orgId: string;
  purpose: string;
  token: string;
  credentialId: string;
  grantId: string;
}

describe.each(DIALECTS)('leak tracing (%s)', (dialect) => {
  let test: TestRuntime;
  let world: SharingWorld;
  let civil: Consumer;
  let labour: Consumer;
  let medical: Consumer;
  let civilImportant: Consumer;
  let labourImportant: Consumer;
  let civilListingSeq: number;
  let civilAnswer: Row[];
  const medicalAnswers: Row[] = [];
  let otherInvestigator: Actor;
  let auditor: Actor;
  let takenByRealPerson: string;

  async function gateway(consumer: Consumer, resourceCode: string, body: unknown, issue?: string): Promise<{ status: number; records: Row[]; seq: number }> {
    const headers: Record<string, string> = { authorization: `Bearer ${consumer.token}`, 'x-custos-purpose': consumer.purpose, 'x-custos-user': consumer.actor.login, 'content-type': 'application/json' };
    if (issue) headers['x-custos-issue'] = issue;
    const response = await test.app.inject({ method: 'POST', url: `/api/v1/exchange/${resourceCode}/query`, headers, payload: JSON.stringify(body), remoteAddress: '127.0.0.1' });
    const parsed = JSON.parse(response.body) as { records?: Row[] };
    expect(response.statusCode, response.body).toBe(200);
    return { status: response.statusCode, records: parsed.records ?? [], seq: Number(response.headers['x-custos-audit-seq']) };
  }

  async function trace(token: string, name: string, bytes: Uint8Array) {
    const { payload, headers } = upload(name, bytes);
    const response = await test.app.inject({ method: 'POST', url: '/api/v1/leak-traces', headers: { ...headers, authorization: `Bearer ${token}` }, payload });
    return { status: response.statusCode, body: JSON.parse(response.body) as Trace };
  }

  /** A department with a duty, a purpose, a trained consumer and a system credential. */
  async function department(name: string, serial: number, duty: string, purpose: string): Promise<{ orgId: string; actor: Actor }> {
    const { services } = test.runtime;
    const admin = await principalFor(test.runtime, world.people.admin.id);
    const orgId = (await services.organisations.create(null, { name, uscc: syntheticUscc(REGION, serial), regionCode: REGION, kind: 'department' })).id;
    await services.regions.putDuty(null, { regionCode: REGION, code: duty, name: duty });
    await services.organisations.update(admin, orgId, { duties: [duty] });
    await services.sharingPolicy.putPurpose(null, { regionCode: REGION, code: purpose, name: purpose, dutyCodes: [duty] });
    const login = `${purpose.toLowerCase()}-user`;
    const enrolment = await services.people.create(null, {
      orgId,
      login,
      name: login,
      roles: ['consumer'],
      training: [
        { course: 'data-security-basics', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' },
        { course: 'personal-information-protection', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' },
      ],
    });
    const issued = await services.auth.createPersonalToken(await principalFor(test.runtime, enrolment.person.id), 'test', null);
    return { orgId, actor: { id: enrolment.person.id, orgId, token: issued.token, password: enrolment.password, totpSecret: enrolment.totpSecret, login } };
  }

  async function granted(actor: Actor, orgId: string, purpose: string, duty: string, resourceCode: string, items: string[], approval: Record<string, unknown> = {}, supervised = false, overrides: Record<string, unknown> = {}): Promise<Consumer> {
    const request = await submitted(test, world, { ...overrides, resourceCode, items, purposeCode: purpose, piBasis: { kind: 'statutory_duty', dutyCode: duty, notice: { kind: 'plan', channel: 'letter', content: '为履行法定职责查询', retention: '一年', contact: '0571-12345678' } } }, actor);
    let decided = await approved(test, world.approver, request.id, approval);
    if (supervised) decided = await approved(test, world.people.supervisor, request.id);
    const { credential, secret } = await test.runtime.services.credentials.create(null, { orgId, appId: `${resourceCode}-${purpose}`.toLowerCase().replaceAll('_', '-'), allowedIps: ['127.0.0.1/32'], responsiblePersonId: actor.id });
    return { actor, orgId, purpose, token: secret, credentialId: credential.id, grantId: decided.grantId! };
  }

  beforeAll(async () => {
    test = await createTestRuntime(dialect);
    world = await buildSharingWorld(test.runtime);
    const { services } = test.runtime;
    const police = await principalFor(test.runtime, world.people.policeAdmin.id);
    await services.catalog.create(police, conditionalDraft('PEOPLE', world.legalBasisId, { name: '居民联系信息', items: PEOPLE_ITEMS, sharing: { type: 'conditional', methods: ['api', 'dataset'], legalBasisIds: [], conditions: [{ text: '仅限履行法定职责', legalBasisIds: [world.legalBasisId], policy: null }] } }));
    await services.catalog.publish(police, 'PEOPLE');
    await services.datasets.load(police, 'PEOPLE', { bytes: encode(['姓名,公民身份号码,手机号码', ...PEOPLE.map((person) => `${person.name},${person.residentId},${person.mobile}`)]) }, 'csv');
    // IMPORTANT (resident ID and a whereabouts status) is graded important: its grants carry canaries.
    const importantCsv = (ids: readonly string[]) => encode(['公民身份号码,行动轨迹', ...ids.map((id, index) => `${id},${CANARY_WORDS[index % CANARY_WORDS.length]}`)]);
    await services.datasets.load(police, 'IMPORTANT', { bytes: importantCsv(PEOPLE.slice(0, 36).map((person) => person.residentId)) }, 'csv');

    const labourOrg = await department('云溪县人力社保局', 11, 'EMPLOYMENT', 'UNEMPLOYMENT');
    const medicalOrg = await department('云溪县医疗保障局', 12, 'MEDICAL_INSURANCE', 'MEDICAL_AID');
    // Civil affairs holds a dataset grant, so it may list rows without naming a subject.
    civil = await granted(world.people.civilConsumer, world.orgs.civil, 'MINIMUM_LIVING', 'SOCIAL_ASSISTANCE', 'PEOPLE', ['name', 'resident_id', 'mobile'], PLAINTEXT, true, { method: 'dataset' });
    labour = await granted(labourOrg.actor, labourOrg.orgId, 'UNEMPLOYMENT', 'EMPLOYMENT', 'PEOPLE', ['name', 'resident_id', 'mobile'], PLAINTEXT, true);
    // Medical insurance keeps the catalog's masks: it receives 王**, 331199********1234, 139****1234.
    medical = await granted(medicalOrg.actor, medicalOrg.orgId, 'MEDICAL_AID', 'MEDICAL_INSURANCE', 'PEOPLE', ['name', 'resident_id', 'mobile']);
    civilImportant = await granted(world.people.civilConsumer, world.orgs.civil, 'MINIMUM_LIVING', 'SOCIAL_ASSISTANCE', 'IMPORTANT', ['resident_id', 'track'], {}, true);
    // A real resident who holds the number that civil affairs' first canary seed gives: the canary must pass it over.
    const importantItems = (await test.runtime.context.store.read.resources.getByCode('IMPORTANT'))!.items;
    takenByRealPerson = canarySubject(test.runtime.context.vault.keyedHash('canary', `${civilImportant.grantId}/0`), REGION, importantItems).residentId;
    await services.datasets.load(police, 'IMPORTANT', { bytes: importantCsv([...PEOPLE.slice(0, 36).map((person) => person.residentId), takenByRealPerson]) }, 'csv');
    labourImportant = await granted(labourOrg.actor, labourOrg.orgId, 'UNEMPLOYMENT', 'EMPLOYMENT', 'IMPORTANT', ['resident_id', 'track'], {}, true);
    test.clock.set('2026-11-30T02:00:00.000Z');

    // Three consumers, overlapping subjects: civil lists residents 0–39 in one answer, labour asks
    // for 20–59 one by one, medical (masked) for 30–49 one by one.
    const listing = await gateway(civil, 'PEOPLE', { limit: 40 });
    civilListingSeq = listing.seq;
    civilAnswer = listing.records;
    expect(civilAnswer).toHaveLength(40);
    for (let index = 20; index < 60; index += 1) await gateway(labour, 'PEOPLE', { subject: PEOPLE[index]!.residentId });
    for (let index = 30; index < 50; index += 1) medicalAnswers.push(...(await gateway(medical, 'PEOPLE', { subject: PEOPLE[index]!.residentId })).records);

    const auditorEnrolment = await services.people.create(null, { orgId: world.orgs.bureau, login: 'bureau-auditor', name: 'auditor', roles: ['auditor'], training: [] });
    auditor = { id: auditorEnrolment.person.id, orgId: world.orgs.bureau, token: (await services.auth.createPersonalToken(await principalFor(test.runtime, auditorEnrolment.person.id), 'test', null)).token, password: '', totpSecret: '', login: 'bureau-auditor' };
    const bureau = await services.organisations.create(null, { name: '另一监管机构', uscc: syntheticUscc(REGION, 13), regionCode: REGION, kind: 'supervisor' });
    const enrolment = await services.people.create(null, { orgId: bureau.id, login: 'other-investigator', name: 'other', roles: ['supervisor'], training: [] });
    otherInvestigator = { id: enrolment.person.id, orgId: bureau.id, token: (await services.auth.createPersonalToken(await principalFor(test.runtime, enrolment.person.id), 'test', null)).token, password: '', totpSecret: '', login: 'other-investigator' };
  });
  afterAll(async () => test.close());

  const csvOf = (rows: readonly Row[]) => ['姓名,公民身份号码,手机号码', ...rows.map((row) => `${row['name']},${row['resident_id']},${row['mobile']}`)];

  it('ranks first the grant whose answers leaked, with coverage ≥ 0.9, among three consumers with overlapping subjects', async () => {
    // The leak: civil affairs' 40 answered records and 10% noise — valid numbers of people no one was ever given.
    const noise: Row[] = Array.from({ length: 4 }, (_, index) => ({ name: `路人${index}`, resident_id: residentId(REGION, '19991231', 900 + index), mobile: `1377777000${index}` }));
    const before = await auditCount(test.runtime);
    const reply = await trace(world.people.supervisor.token, 'leak.csv', encode(csvOf(shuffled([...civilAnswer, ...noise]))));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const { result } = reply.body;
    expect(reply.body).toMatchObject({ records: 44, matchedRecords: 40, canaryRecords: 0, orgId: world.orgs.bureau, investigatorId: world.people.supervisor.id, file: { format: 'csv' } });
    const [first, second, third] = result.candidates.grant;
    expect(first).toMatchObject({ id: civil.grantId, consumerOrgId: civil.orgId, records: 40, byIdentifier: 40, agreement: 1, answers: 1 });
    expect(first!.coverage).toBeGreaterThanOrEqual(0.9);
    // Labour received residents 20–39 of them, medical (masked) 30–39: each received the subject, less of the values.
    expect(second).toMatchObject({ id: labour.grantId, records: 20 });
    expect(third).toMatchObject({ id: medical.grantId, records: 10 });
    expect(third!.agreement).toBe(0);
    expect(result.candidates.credential[0]).toMatchObject({ id: civil.credentialId, records: 40 });
    expect(result.candidates.person[0]).toMatchObject({ id: world.people.civilConsumer.id, records: 40 });
    expect(result.candidates.answer[0]).toMatchObject({ id: String(civilListingSeq), records: 40, coverage: 40 / 44 });
    expect(first!.firstAccessAt).toBe('2026-11-30T02:00:00.000Z');
    expect(first!.explanation.zh).toContain('40 条');
    expect(first!.explanation.en).toContain('received 40 of the leaked file');
    // Kept and audited with the digest and counts; nothing of the leaked file enters the log.
    const stored = await test.runtime.context.store.auditStore.entries(before, before + 1);
    const entries = stored.map((entry) => JSON.parse(entry.leaf) as { action: string; details: Record<string, unknown> });
    expect(entries.map((entry) => entry.action)).toEqual(['leak_trace.run']);
    const logged = stored.map((entry) => entry.leaf).join('\n');
    for (const row of [...civilAnswer.slice(0, 5), ...noise]) for (const value of Object.values(row)) expect(logged).not.toContain(value);
    expect(entries[0]!.details).toMatchObject({ records: 44, matchedRecords: 40, topGrantIds: [civil.grantId, labour.grantId, medical.grantId], fileDigest: reply.body.file.digest });
    const kept = await call<Trace>(test.app, 'GET', `/api/v1/leak-traces/${reply.body.id}`, { token: world.people.supervisor.token });
    expect(kept.body).toEqual(reply.body);
  });

  it('traces a leak of masked values to the masked grant alone, by the keyed hashes of the values as delivered', async () => {
    expect(medicalAnswers[0]!['resident_id']).toMatch(/^331199\*{8}\d{3}[\dX]$/u);
    const noise: Row[] = [
      { name: '欧**', resident_id: '330102********0017', mobile: '137****0001' },
      { name: '司**', resident_id: '330102********0025', mobile: '137****0002' },
    ];
    const reply = await trace(world.people.supervisor.token, '泄露.csv', encode(csvOf(shuffled([...medicalAnswers, ...noise]))));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ records: 22, matchedRecords: 20, result: { byIdentifier: 0, byValue: 20 } });
    expect(reply.body.result.candidates.grant.map((candidate) => candidate.id)).toEqual([medical.grantId]);
    expect(reply.body.result.candidates.grant[0]).toMatchObject({ records: 20, byValue: 20, agreement: 1, answers: 20 });
    expect(reply.body.result.candidates.grant[0]!.coverage).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the same leak from a GB18030 CSV, a workbook and plain text with other separators', async () => {
    const lines = csvOf(civilAnswer.slice(0, 10)).map((line) => line.replaceAll(',', ' | '));
    const reply = await trace(auditor.token, 'leak.txt', encode(lines));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ records: 10, matchedRecords: 10, file: { format: 'txt' } });
    expect(reply.body.result.candidates.grant[0]).toMatchObject({ id: civil.grantId, coverage: 1 });
    const iconv = (await import('iconv-lite')).default;
    const gb = await trace(world.people.supervisor.token, 'leak.csv', new Uint8Array(iconv.encode(csvOf(civilAnswer.slice(0, 10)).join('\r\n'), 'gb18030')));
    expect(gb.body).toMatchObject({ records: 10, matchedRecords: 10 });
    expect(gb.body.result.candidates.grant[0]).toMatchObject({ id: civil.grantId, coverage: 1, agreement: 1 });
    const workbook = await xlsx([['姓名', '公民身份号码', '手机号码'], ...civilAnswer.slice(0, 10).map((row) => [row['name']!, row['resident_id']!, row['mobile']!])]);
    const sheet = await trace(world.people.supervisor.token, 'leak.xlsx', workbook);
    expect(sheet.body).toMatchObject({ records: 10, matchedRecords: 10, file: { format: 'xlsx' } });
    expect(sheet.body.result.candidates.grant[0]).toMatchObject({ id: civil.grantId, coverage: 1, agreement: 1 });
  });

  it('names its grant alone when a leaked record is that grant’s canary', async () => {
    // Both consumers select the same important rows by a filter; each answer carries its own grant's canary once.
    const answers: Record<'civil' | 'labour', Row[]> = { civil: [], labour: [] };
    for (const word of CANARY_WORDS) {
      answers.civil.push(...(await gateway(civilImportant, 'IMPORTANT', { filters: { track: word } }, '民社〔2026〕1号')).records);
      answers.labour.push(...(await gateway(labourImportant, 'IMPORTANT', { filters: { track: word } }, '人社〔2026〕2号')).records);
    }
    // 37 real rows each, and exactly one synthetic subject each that no other grant was given.
    expect(answers.civil).toHaveLength(38);
    expect(answers.labour).toHaveLength(38);
    const key = (row: Row) => `${row['resident_id']}|${row['track']}`;
    const labourKeys = new Set(answers.labour.map(key));
    const civilOnly = answers.civil.filter((row) => !labourKeys.has(key(row)));
    expect(civilOnly).toHaveLength(1);
    const canary = civilOnly[0]!;
    expect(canary['resident_id']).toMatch(/^331199\*{8}\d{3}[\dX]$/u);
    // The first seed's number belongs to a real resident, whom both consumers received: the canary took the next seed.
    expect((await test.runtime.context.store.read.leakTraces.canary(civilImportant.grantId))?.attempt).toBe(1);
    const realKey = `${takenByRealPerson.slice(0, 6)}********${takenByRealPerson.slice(14)}`;
    expect(answers.labour.map((row) => row['resident_id'])).toContain(realKey);
    expect(answers.civil.map((row) => row['resident_id'])).toContain(realKey);
    // The same canary again at the next listing: it is fixed, not drawn per answer.
    const again: Row[] = [];
    for (const word of CANARY_WORDS) again.push(...(await gateway(civilImportant, 'IMPORTANT', { filters: { track: word } }, '民社〔2026〕1号')).records);
    expect(again.map(key).filter((entry) => entry === key(canary))).toHaveLength(1);

    const shared = answers.civil.filter((row) => labourKeys.has(key(row))).slice(0, 3);
    const reply = await trace(world.people.supervisor.token, 'canary.csv', encode(['公民身份号码,行动轨迹', ...shuffled([canary, ...shared]).map((row) => `${row['resident_id']},${row['track']}`)]));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.canaryRecords).toBe(1);
    expect(reply.body.result.canaries).toEqual([{ grantId: civilImportant.grantId, consumerOrgId: world.orgs.civil, records: 1 }]);
    const [first, second] = reply.body.result.candidates.grant;
    expect(first).toMatchObject({ id: civilImportant.grantId, canaryRecords: 1, records: 4 });
    expect(first!.explanation.en).toContain('canary');
    expect(second).toMatchObject({ id: labourImportant.grantId, canaryRecords: 0, records: 3 });
    // A subject query never returns the canary: only selections of rows do.
    expect((await gateway(civilImportant, 'IMPORTANT', { subject: PEOPLE[0]!.residentId }, '民社〔2026〕1号')).records).toHaveLength(1);
  });

  it('lets only investigators trace, and refuses bad files writing nothing', async () => {
    const bytes = encode(csvOf(civilAnswer.slice(0, 2)));
    const before = await auditCount(test.runtime);
    for (const actor of [world.people.civilAdmin, world.people.civilConsumer, world.people.admin, world.approver]) {
      const denied = await trace(actor.token, 'leak.csv', bytes);
      expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await call<Trace>(test.app, 'GET', '/api/v1/leak-traces', { token: actor.token })).status).toBe(403);
    }
    expect((await trace('not-a-token', 'leak.csv', bytes)).status).toBe(401);
    const empty = await trace(world.people.supervisor.token, 'leak.csv', encode(['姓名,公民身份号码']));
    expect([empty.status, empty.body.details?.errors?.[0]?.code]).toEqual([400, 'LEAK_FILE_EMPTY']);
    const pdf = await trace(world.people.supervisor.token, 'leak.pdf', new TextEncoder().encode('%PDF-1.4\n'));
    expect([pdf.status, pdf.body.code]).toEqual([415, 'FORMAT_UNSUPPORTED']);
    const json = await call<Trace>(test.app, 'POST', '/api/v1/leak-traces', { token: world.people.supervisor.token, body: { rows: [] } });
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    expect(await auditCount(test.runtime)).toBe(before);
  });

  it('shows a trace only to the authority that ran it', async () => {
    const ours = await trace(world.people.supervisor.token, 'leak.csv', encode(csvOf(civilAnswer.slice(0, 3))));
    expect(ours.status).toBe(201);
    const listed = await call<{ traces: Trace[] }>(test.app, 'GET', '/api/v1/leak-traces?limit=200', { token: auditor.token });
    expect(listed.body.traces.map((entry) => entry.id)).toContain(ours.body.id);
    const other = await call<Trace>(test.app, 'GET', `/api/v1/leak-traces/${ours.body.id}`, { token: otherInvestigator.token });
    expect([other.status, other.body.code]).toEqual([404, 'NOT_FOUND']);
    const theirs = await call<{ traces: Trace[] }>(test.app, 'GET', '/api/v1/leak-traces', { token: otherInvestigator.token });
    expect(theirs.body.traces).toEqual([]);
    const paged = await call<{ traces: Trace[]; nextCursor: string | null }>(test.app, 'GET', '/api/v1/leak-traces?limit=1', { token: world.people.supervisor.token });
    expect(paged.body.traces).toHaveLength(1);
    expect(paged.body.nextCursor).toBe(paged.body.traces[0]!.id);
  });
});
