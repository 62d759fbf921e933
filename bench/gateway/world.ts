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
import { syntheticCitizens } from '../../src/app/demo/synthetic-population.ts';
import { lastDayWithin } from '../../src/core/sharing/period.ts';
import type { SharingRequestDraft } from '../../src/core/sharing/request.ts';
import type { Runtime } from '../../src/main/runtime.ts';

export const REGION = '331199';
export const RESOURCE_CODE = 'BENCH-HOUSEHOLD';
export const PURPOSE_CODE = 'MINIMUM_LIVING';
/** The grant asks for a daily volume (it becomes the quota, which the ledger counts); far above a bench run. */
const EXPECTED_CALLS_PER_DAY = 10_000_000;
/** Divides the bench's 20,000 residents: each clerk asks about the same 200 again and again. */
const CLERKS = 100;

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
  /**
   * The department's clerks, sent in turn as X-Custos-User under load: one person looking up
   * thousands of people a minute is an enumeration, and active defence would contain the system
   * mid-run (docs/active-defence.md). Spread over the clerks, each sees a few hundred a day.
   */
  clerkLogins: string[];
  grantId: string;
  residents: Resident[];
  loadedRows: number;
  encryptedItems: string[];
}

/**
 * `count` residents of the county, each with a valid GB 11643 resident ID, all distinct and all in
 * the grant's row scope: the demo's synthetic population (a fixed seed), its residents of 331199.
 */
export function syntheticResidents(count: number, seed = 20261127): Resident[] {
  // About nine in ten of the synthetic population live in the county; draw enough to keep `count`.
  const citizens = syntheticCitizens(Math.ceil(count * 1.3), seed).filter((citizen) => citizen.residentId.startsWith(REGION));
  if (citizens.length < count) throw new Error(`only ${citizens.length} residents of ${REGION} drawn; raise the draw`);
  return citizens.slice(0, count).map((citizen) => ({ name: citizen.name, residentId: citizen.residentId, address: citizen.address }));
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
  const clerkLogins: string[] = [];
  for (let clerk = 1; clerk <= CLERKS; clerk += 1) clerkLogins.push((await person(civil, `bench-clerk-${clerk}`, ['consumer'], training('data-security-basics'))).person.login);
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
  return { token: secret, userLogin: consumer.person.login, clerkLogins, grantId: grant.id, residents: [...residents], loadedRows: loaded.rows, encryptedItems: loaded.encryptedItems };
}
