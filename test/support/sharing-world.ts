import type { Item, ResourceDraft } from '../../src/core/catalog/resource.ts';
import type { SharingRequestDraft } from '../../src/core/sharing/request.ts';
import type { Runtime } from '../../src/main/runtime.ts';
import { conditionalDraft, openDraft } from './drafts.ts';
import { principalFor } from './harness.ts';
import { buildWorld, REGION, type Actor, type World } from './world.ts';

const TRAINED = [
  { course: 'data-security-basics', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' },
  { course: 'personal-information-protection', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' },
];
const LAPSED = TRAINED.map((record) => ({ ...record, passedAt: '2025-01-10T00:00:00.000Z', expiresAt: '2026-01-10T00:00:00.000Z' }));

export interface SharingWorld extends World {
  approver: Actor;
  lapsedApprover: Actor;
  /** A consumer at the supervision bureau itself. */
  bureauConsumer: Actor;
  /** A consumer at the police bureau, which provides the resources. */
  policeConsumer: Actor;
}

const item = (code: string, name: string, grade: Item['grade'], extra: Partial<Item> = {}): Item => ({
  name,
  code,
  dataType: 'string',
  piClass: 'none',
  sensitiveCategory: null,
  grade,
  mask: 'none',
  subjectKey: false,
  ...extra,
});
const residentId = item('resident_id', '公民身份号码', 'general-3', { piClass: 'sensitive', sensitiveCategory: 'specific_identity', mask: 'resident_id', subjectKey: true });

/**
 * Resources the police bureau publishes, one per path of the procedure:
 * - OPEN: unconditional general-1;
 * - COND: conditional general-3 with a name and a resident ID;
 * - HEALTH / BANK: general-4 sensitive PI keyed by resident ID (health, financial account);
 * - IMPORTANT, CORE: graded important and core; CORE also offers verification;
 * - NONE: 不予共享.
 */
export function sharingDrafts(legalBasisId: string): ResourceDraft[] {
  const conditional = (code: string, name: string, items: Item[], methods: ResourceDraft['sharing']['methods'] = ['api', 'dataset']) =>
    conditionalDraft(code, legalBasisId, { name, items, sharing: { type: 'conditional', methods, legalBasisIds: [], conditions: [{ text: '仅限履行法定职责', legalBasisIds: [legalBasisId], policy: null }] } });
  return [
    openDraft('OPEN', '企业名录', '企业名称'),
    conditional('COND', '户籍人口信息', [item('name', '姓名', 'general-2', { piClass: 'personal', mask: 'name' }), residentId, item('address', '住址', 'general-2', { piClass: 'personal', mask: 'address' })]),
    conditional('HEALTH', '就诊记录', [residentId, item('diagnosis', '诊断', 'general-4', { piClass: 'sensitive', sensitiveCategory: 'medical_health', mask: 'redact' })]),
    conditional('BANK', '救助金账户', [residentId, item('account', '银行账号', 'general-4', { piClass: 'sensitive', sensitiveCategory: 'financial_account', mask: 'bank_card' })]),
    conditional('IMPORTANT', '重点人员轨迹', [residentId, item('track', '行动轨迹', 'important', { piClass: 'sensitive', sensitiveCategory: 'whereabouts', mask: 'redact' })]),
    conditional('CORE', '核心人口库', [residentId, item('status', '人口状态', 'core')], ['api', 'verification']),
    { ...conditional('NONE', '侦查案卷', [item('case_no', '案件编号', 'general-3')]), sharing: { type: 'none', methods: ['api'], legalBasisIds: [legalBasisId], conditions: [] } },
  ];
}

/** The test world, with duties and purposes, approvers, and the police bureau's published resources. */
export async function buildSharingWorld(runtime: Runtime): Promise<SharingWorld> {
  const world = await buildWorld(runtime);
  const { services } = runtime;
  for (const [code, name] of [
    ['SOCIAL_ASSISTANCE', '社会救助'],
    ['PUBLIC_SECURITY', '治安管理'],
    ['SUPERVISION', '数据共享监管'],
  ]) {
    await services.regions.putDuty(null, { regionCode: REGION, code: code!, name: name! });
  }
  const admin = await principalFor(runtime, world.people.admin.id);
  await services.organisations.update(admin, world.orgs.civil, { duties: ['SOCIAL_ASSISTANCE'] });
  await services.organisations.update(admin, world.orgs.police, { duties: ['PUBLIC_SECURITY'] });
  await services.sharingPolicy.putPurpose(null, { regionCode: REGION, code: 'MINIMUM_LIVING', name: '低保对象认定', dutyCodes: ['SOCIAL_ASSISTANCE'] });
  await services.sharingPolicy.putPurpose(null, { regionCode: REGION, code: 'PATROL', name: '治安巡查', dutyCodes: ['PUBLIC_SECURITY'] });

  const person = async (orgId: string, login: string, roles: ('approver' | 'consumer')[], training = TRAINED): Promise<Actor> => {
    const enrolment = await services.people.create(null, { orgId, login, name: login, roles, training });
    const principal = await principalFor(runtime, enrolment.person.id);
    const issued = await services.auth.createPersonalToken(principal, 'test', null);
    return { id: enrolment.person.id, orgId, token: issued.token, password: enrolment.password, totpSecret: enrolment.totpSecret, login };
  };
  const approver = await person(world.orgs.police, 'police-approver', ['approver']);
  const lapsedApprover = await person(world.orgs.police, 'police-lapsed', ['approver'], LAPSED);
  const bureauConsumer = await person(world.orgs.bureau, 'bureau-user', ['consumer']);
  const policeConsumer = await person(world.orgs.police, 'police-user', ['consumer']);

  const police = await principalFor(runtime, world.people.policeAdmin.id);
  for (const draft of sharingDrafts(world.legalBasisId)) {
    await services.catalog.create(police, draft);
    await services.catalog.publish(police, draft.code);
  }
  return { ...world, approver, lapsedApprover, bureauConsumer, policeConsumer };
}

/** A request that passes every hard rule for the COND resource, for tests to vary. */
export function requestDraft(world: World, overrides: Partial<SharingRequestDraft> = {}): Record<string, unknown> {
  return {
    resourceCode: 'COND',
    items: ['name', 'resident_id'],
    purposeCode: 'MINIMUM_LIVING',
    purposeText: '核对低保申请人户籍',
    legalBasisId: world.legalBasisId,
    piBasis: { kind: 'statutory_duty', dutyCode: 'SOCIAL_ASSISTANCE', notice: { kind: 'plan', channel: 'letter', content: '民政局为认定低保资格查询您的户籍信息', retention: '认定完成后一年', contact: '民政局 0571-12345678' } },
    period: { from: '2026-11-30', to: '2027-05-29' },
    expectedVolumePerDay: 200,
    rowScope: { type: 'regions', regionCodes: [REGION] },
    method: 'api',
    ...overrides,
  };
}
