/**
 * The bench's gateway world: what a county needs before one department's system may query
 * another's hosted data. Built through the use cases, as an operator and the departments would,
 * so that every rule on the way (training, duties, the approval chain, encryption at load) is the
 * production one; only the system clock and the rate limit (set by the caller) are the bench's.
 */
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import type { Principal } from '../../src/app/context.ts';
import { shanghaiDate } from '../../src/core/calendar/index.ts';
import type { Item, ResourceDraft } from '../../src/core/catalog/resource.ts';
import type { TrainingRecord } from '../../src/core/identity/training.ts';
import { residentIdCheckCharacter } from '../../src/core/pii/resident-id.ts';
import { lastDayWithin } from '../../src/core/sharing/period.ts';
import type { SharingRequestDraft } from '../../src/core/sharing/request.ts';
import type { Runtime } from '../../src/main/runtime.ts';

export const REGION = '331199';
export const RESOURCE_CODE = 'BENCH-HOUSEHOLD';
export const PURPOSE_CODE = 'MINIMUM_LIVING';
/** The grant asks for a daily volume (it becomes the quota, which the ledger counts); far above a bench run. */
const EXPECTED_CALLS_PER_DAY = 10_000_000;

export interface Resident {
  name: string;
  residentId: string;
  address: string;
}

export interface GatewayWorld {
  /** The consumer system's bearer token. */
  token: string;
  /** A trained person of the consumer department, sent as X-Custos-User. */
  userLogin: string;
  grantId: string;
  residents: Resident[];
  loadedRows: number;
  encryptedItems: string[];
}

/** mulberry32 (public domain): reproducible synthetic residents without Math.random. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武洪';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力国春梅鹏斌宇浩凯飞鑫波宁琳雪晨晓欣怡佳俊峰成';
const TOWNS = ['城关镇', '石门乡', '溪口镇', '梅岭乡', '青竹镇', '云峰乡'];
const BIRTH_EPOCH_DAY = Date.UTC(1950, 0, 1) / 86_400_000;

/**
 * `count` residents of the county, each with a valid GB 11643 resident ID (region, a birth date
 * unique to the resident, a sequence, the MOD 11-2 check character): every ID is distinct and
 * every one falls in the grant's row scope.
 */
export function syntheticResidents(count: number, seed = 20261127): Resident[] {
  if (count > 20_000) throw new Error('at most 20,000 residents: one birth date each, 1950–2004');
  const random = seeded(seed);
  const pick = (text: string) => text[Math.floor(random() * text.length)]!;
  const residents: Resident[] = [];
  for (let index = 0; index < count; index += 1) {
    // 7,919 is prime, so index → index·7919 mod 20,000 is a permutation: no birth date repeats.
    const birth = new Date(((BIRTH_EPOCH_DAY + ((index * 7919) % 20_000)) * 86_400_000)).toISOString().slice(0, 10).replaceAll('-', '');
    const body = `${REGION}${birth}${String(1 + Math.floor(random() * 998)).padStart(3, '0')}`;
    const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.7 ? pick(GIVEN) : '');
    const address = `云溪县${TOWNS[Math.floor(random() * TOWNS.length)]}${pick(GIVEN)}${pick(GIVEN)}村${1 + Math.floor(random() * 200)}号`;
    residents.push({ name, residentId: body + residentIdCheckCharacter(body), address });
  }
  return residents;
}

export function residentsCsv(residents: readonly Resident[]): Uint8Array {
  const lines = ['姓名,公民身份号码,住址', ...residents.map((resident) => `${resident.name},${resident.residentId},${resident.address}`)];
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

const item = (code: string, name: string, grade: Item['grade'], extra: Partial<Item>): Item => ({ name, code, dataType: 'string', piClass: 'none', sensitiveCategory: null, grade, mask: 'none', subjectKey: false, ...extra });

/** The police bureau's household register: name and address are personal, the resident ID sensitive; all three stored encrypted. */
function householdDraft(legalBasisId: string): ResourceDraft {
  return {
    code: RESOURCE_CODE,
    classificationCode: 'B02.01',
    name: '户籍人口信息（压测）',
    summary: '户籍人口的姓名、公民身份号码与住址，用于压测交换网关。',
    format: 'database',
    items: [
      item('name', '姓名', 'general-2', { piClass: 'personal', mask: 'name' }),
      item('resident_id', '公民身份号码', 'general-3', { piClass: 'sensitive', sensitiveCategory: 'specific_identity', mask: 'resident_id', subjectKey: true }),
      item('address', '住址', 'general-2', { piClass: 'personal', mask: 'address' }),
    ],
    sharing: { type: 'conditional', methods: ['api', 'dataset'], legalBasisIds: [], conditions: [{ text: '仅限履行法定职责', legalBasisIds: [legalBasisId], policy: null }] },
    openType: 'not_open',
    updateCycle: 'monthly',
    relatedCodes: [],
  };
}

/**
 * Region, supervision bureau, police (provider) and civil affairs (consumer), trained people, the
 * published resource with `residents` loaded, a request from today for five months approved into
 * a grant (name and resident ID, the county as row scope), and a credential allowed from loopback.
 */
export async function buildGatewayWorld(runtime: Runtime, residents: readonly Resident[]): Promise<GatewayWorld> {
  const { services } = runtime;
  const now = runtime.context.clock.now();
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const yearOn = new Date(now.getTime() + 365 * 86_400_000).toISOString();
  const training = (...courses: string[]): TrainingRecord[] => courses.map((course) => ({ course, passedAt: yearAgo, expiresAt: yearOn }));

  await services.regions.create(null, { code: REGION, name: '云溪县（压测）' });
  await services.regions.putDuty(null, { regionCode: REGION, code: 'SOCIAL_ASSISTANCE', name: '社会救助' });
  await services.regions.putDuty(null, { regionCode: REGION, code: 'PUBLIC_SECURITY', name: '治安管理' });
  const organisation = async (name: string, kind: 'department' | 'supervisor' | 'platform', serial: number, duties: string[] = []) =>
    (await services.organisations.create(null, { name, uscc: syntheticUscc(REGION, serial), regionCode: REGION, kind, duties })).id;
  const bureau = await organisation('云溪县大数据局', 'supervisor', 1);
  const police = await organisation('云溪县公安局', 'department', 2, ['PUBLIC_SECURITY']);
  const civil = await organisation('云溪县民政局', 'department', 3, ['SOCIAL_ASSISTANCE']);
  const platform = await organisation('云溪县政务数据共享平台', 'platform', 5);

  const person = async (orgId: string, login: string, roles: ('platform_admin' | 'supervisor' | 'provider_admin' | 'approver' | 'consumer')[], records: TrainingRecord[]): Promise<Principal> => {
    await services.people.create(null, { orgId, login, name: login, roles, training: records });
    return services.auth.localPrincipal(login);
  };
  const admin = await person(platform, 'bench-admin', ['platform_admin'], training('data-security-basics'));
  await services.regions.update(admin, REGION, { supervisorOrgId: bureau });
  const supervisor = await person(bureau, 'bench-supervisor', ['supervisor'], training('data-security-basics', 'supervision-procedure'));
  const policeAdmin = await person(police, 'bench-police-admin', ['provider_admin'], training('data-security-basics'));
  const approver = await person(police, 'bench-police-approver', ['approver'], training('data-security-basics', 'personal-information-protection'));
  const civilAdmin = await person(civil, 'bench-civil-admin', ['provider_admin'], training('data-security-basics'));
  const consumer = await person(civil, 'bench-civil-user', ['consumer'], training('data-security-basics'));
  await services.sharingPolicy.putPurpose(null, { regionCode: REGION, code: PURPOSE_CODE, name: '低保对象认定', dutyCodes: ['SOCIAL_ASSISTANCE'] });

  const legalBasisId = (await services.legalBases.list())[0]!.id;
  await services.catalog.create(policeAdmin, householdDraft(legalBasisId));
  await services.catalog.publish(policeAdmin, RESOURCE_CODE);
  const loaded = await services.datasets.load(policeAdmin, RESOURCE_CODE, { bytes: residentsCsv(residents) }, 'csv');

  const today = shanghaiDate(now);
  const draft: SharingRequestDraft = {
    resourceCode: RESOURCE_CODE,
    items: ['name', 'resident_id'],
    uncataloged: null,
    purposeCode: PURPOSE_CODE,
    purposeText: '核对低保申请人户籍',
    legalBasisId,
    piBasis: { kind: 'statutory_duty', dutyCode: 'SOCIAL_ASSISTANCE', notice: { kind: 'plan', channel: 'letter', content: '民政局为认定低保资格查询您的户籍信息', retention: '认定完成后一年', contact: '民政局 0571-12345678' } },
    // From today, so that the grant is in force now; five months (within what general-3 allows).
    period: { from: today, to: lastDayWithin(today, 5) },
    expectedVolumePerDay: EXPECTED_CALLS_PER_DAY,
    rowScope: { type: 'regions', regionCodes: [REGION] },
    method: 'api',
    credentialId: null,
  };
  let request = await services.requests.submit(consumer, draft);
  // Whatever chain the graded controls and the risk set: the provider's approver, then the bureau.
  for (let step = 0; request.status === 'pending' && step < 5; step += 1) {
    const decider = request.step === 'provider' ? approver : supervisor;
    request = await services.requests.decide(decider, request.id, { decision: 'approve' });
  }
  if (request.status !== 'granted' || request.grantId === null) throw new Error(`the bench request was not granted: ${request.status} ${JSON.stringify(request.refusal ?? request.flags)}`);
  const grant = await services.grants.get(consumer, request.grantId);
  const instant = runtime.context.clock.now().getTime();
  if (Date.parse(grant.startsAt) > instant || Date.parse(grant.expiresAt) <= instant) throw new Error(`the grant is not in force now: ${grant.startsAt}–${grant.expiresAt}`);

  const { secret } = await services.credentials.create(null, { orgId: civil, appId: 'civil-assistance-bench', allowedIps: ['127.0.0.1/32', '::1'], responsiblePersonId: civilAdmin.person.id });
  return { token: secret, userLogin: consumer.person.login, grantId: grant.id, residents: [...residents], loadedRows: loaded.rows, encryptedItems: loaded.encryptedItems };
}
