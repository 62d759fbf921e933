import { shanghaiDate, type CalendarDate } from '../../core/calendar/index.ts';
import { TRAINING_COURSES, type TrainingRecord } from '../../core/identity/training.ts';
import { lastDayWithin } from '../../core/sharing/period.ts';
import type { SharingRequestDraft } from '../../core/sharing/request.ts';
import type { AppContext, Principal } from '../../app/context.ts';
import type { Services } from '../../app/services.ts';
import { demoPopulation } from '../../app/demo/demo-datasets.ts';
import { DEMO_PEOPLE, DEMO_REGION } from '../../app/demo/demo-organisations.ts';
import { seedDemo, type DemoCredentials, type Progress } from '../../app/demo/seed-demo.ts';
import { GRANTS, groupLogin, SIMULATION_PURPOSES, SYSTEMS, USER_GROUPS, type GrantPlan, type OrgKey } from './world-plan.ts';
import { townOf, type SimulatedPerson, type SimulatedSubject, type SimulatedSystem, type SimulationWorld } from './world.ts';

/** People enrolled at once: password hashing (scrypt) runs on the thread pool, so a few overlap. */
const ENROLMENT_CONCURRENCY = 4;
const DAY = 86_400_000;
/** Who decides a provider step, by the provider's code in the resource code (331199-GA-0001 → GA). */
const PROVIDER_ADMINS: Record<string, string> = { GA: 'police.admin', MZ: 'civil.admin', RS: 'hrss.admin', WJ: 'health.admin', SW: 'tax.admin', SC: 'market.admin' };
const SUPERVISOR = 'supervisor.wang';

/** What the simulator keeps from setup besides the world: the supervisor's token, to read alerts. */
export interface EnrolledWorld {
  world: SimulationWorld;
  supervisorToken: string;
}

function training(now: Date): TrainingRecord[] {
  const passedAt = new Date(now.getTime() - 200 * DAY).toISOString();
  const expiresAt = new Date(now.getTime() + 165 * DAY).toISOString();
  return TRAINING_COURSES.map((course) => ({ course, passedAt, expiresAt }));
}

async function eachLimited<Input>(inputs: readonly Input[], limit: number, work: (input: Input) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) await work(inputs[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
}

/** The subjects of each pool, from the same synthetic population the demo's datasets were loaded from. */
export function subjectPools(): SimulationWorld['pools'] {
  const population = demoPopulation();
  const rows = (code: string) => population.datasets.find((dataset) => dataset.resourceCode === code)?.rows ?? [];
  const residents = new Map(population.citizens.map((citizen) => [citizen.residentId, citizen]));
  const resident = (id: string): SimulatedSubject => {
    const citizen = residents.get(id)!;
    return { id, name: citizen.name, town: townOf(citizen.address), region: id.slice(0, 6) };
  };
  return {
    household: rows('331199-GA-0001').map((row) => resident(row['resident_id']!)),
    floating: rows('331199-GA-0003').map((row) => resident(row['resident_id']!)),
    companies: population.companies.map((company) => ({ id: company.uscc, name: company.name, town: townOf(company.registeredAddress), region: DEMO_REGION.code })),
  };
}

/**
 * Seeds the demo county, then enrols the simulation on top of it through the same use cases a
 * county would use: purposes, end users with current training, one credential per system, and
 * sharing requests approved step by step into grants. The clock stands on a working morning
 * before day 1, so that none of these administrative acts is itself off-hours.
 */
export async function enrolWorld(context: AppContext, services: Services, options: { start: number; days: number }, progress: { seed: Progress; enrol: Progress }): Promise<EnrolledWorld> {
  const demo = await seedDemo(context, services, progress.seed);
  const now = context.clock.now();
  const organisations = organisationIds(demo);
  const personIds = new Map<string, string>();
  for (const person of DEMO_PEOPLE) personIds.set(person.login, (await services.auth.localPrincipal(person.login)).person.id);

  for (const purpose of SIMULATION_PURPOSES) await services.sharingPolicy.putPurpose(null, { regionCode: DEMO_REGION.code, ...purpose });

  const people: SimulatedPerson[] = [];
  const enrolments: { login: string; org: OrgKey; post: string; group: string; system: string }[] = [];
  for (const group of USER_GROUPS) {
    for (const login of group.existing) people.push({ login, id: personIds.get(login)!, group: group.key, system: group.system });
    for (let index = 1; index <= group.count; index += 1) enrolments.push({ login: groupLogin(group, index), org: group.org, post: group.post, group: group.key, system: group.system });
  }
  let enrolled = 0;
  await eachLimited(enrolments, ENROLMENT_CONCURRENCY, async (entry) => {
    const roles = entry.org === 'contractor' ? (['operator'] as const) : (['consumer'] as const);
    const { person } = await services.people.create(null, { orgId: organisations.get(entry.org)!, login: entry.login, name: `${entry.post}${entry.login.slice(-2)}`, roles: [...roles], training: training(now) });
    personIds.set(entry.login, person.id);
    enrolled += 1;
    progress.enrol(enrolled, enrolments.length + 1, `模拟人员 / simulated staff ${enrolled}/${enrolments.length}`);
  });
  for (const entry of enrolments) people.push({ login: entry.login, id: personIds.get(entry.login)!, group: entry.group, system: entry.system });

  const systems: Record<string, SimulatedSystem> = {};
  for (const plan of SYSTEMS) {
    const { credential, secret } = await services.credentials.create(null, {
      orgId: organisations.get(plan.org)!,
      appId: plan.key,
      allowedIps: [plan.subnet],
      responsiblePersonId: personIds.get(plan.responsible)!,
      contractorOrgId: plan.contractor ? organisations.get('contractor')! : null,
    });
    systems[plan.key] = { key: plan.key, credentialId: credential.id, token: secret, servers: [...plan.servers] };
  }

  const legalBasisId = await sharingBasis(services);
  const from = shanghaiDate(now);
  for (const grant of GRANTS) if (grant.request) await requestGrant(services, grant, { legalBasisId, from, credentialId: systems[grant.request.system]!.credentialId });
  progress.enrol(enrolments.length + 1, enrolments.length + 1, '授权就绪 / grants in force');

  const supervisorToken = demo.people.find((person) => person.login === SUPERVISOR)!.token;
  const calendar = await services.regions.calendar(DEMO_REGION.code);
  return { world: { region: DEMO_REGION.code, calendar, start: options.start, days: options.days, systems, people, pools: subjectPools() }, supervisorToken };
}

function organisationIds(demo: DemoCredentials): Map<OrgKey, string> {
  const ids = new Map<OrgKey, string>();
  for (const person of DEMO_PEOPLE) {
    const enrolled = demo.people.find((candidate) => candidate.login === person.login);
    if (enrolled) ids.set(person.org as OrgKey, enrolled.org.id);
  }
  return ids;
}

async function sharingBasis(services: Services): Promise<string> {
  const basis = (await services.legalBases.list()).find((candidate) => candidate.law === '政务数据共享条例' && candidate.article === '全文');
  if (!basis) throw new Error('the 政务数据共享条例 is not registered');
  return basis.id;
}

/** Submits the department's request and approves it step by step, as the provider and the supervisor would. */
async function requestGrant(services: Services, plan: GrantPlan, common: { legalBasisId: string; from: CalendarDate; credentialId: string }): Promise<void> {
  const request = plan.request!;
  const piBasis: SharingRequestDraft['piBasis'] =
    request.duty === null
      ? null
      : {
          kind: 'statutory_duty',
          dutyCode: request.duty,
          notice: { kind: 'plan', channel: 'website', content: `为依法履行职责（${request.purposeText}），本部门将通过政务数据共享平台查询您的相关信息，仅用于该项工作。`, retention: '业务办结后三年', contact: '云溪县政务服务中心' },
        };
  const draft: SharingRequestDraft = {
    resourceCode: plan.resourceCode,
    items: request.items,
    uncataloged: null,
    purposeCode: plan.purposeCode,
    purposeText: request.purposeText,
    legalBasisId: common.legalBasisId,
    piBasis,
    period: { from: common.from, to: lastDayWithin(common.from, 6) },
    expectedVolumePerDay: plan.quotaPerDay,
    rowScope: request.rowScope === 'all' ? { type: 'all' } : { type: 'regions', regionCodes: [DEMO_REGION.code] },
    method: request.method,
    credentialId: common.credentialId,
  };
  let submitted = await services.requests.submit(await services.auth.localPrincipal(request.applicant), draft);
  const provider = PROVIDER_ADMINS[plan.resourceCode.split('-')[1]!]!;
  for (let round = 0; submitted.status === 'pending' && round < 4; round += 1) {
    const decider: Principal = await services.auth.localPrincipal(submitted.step === 'provider' ? provider : SUPERVISOR);
    submitted = await services.requests.decide(decider, submitted.id, { decision: 'approve' });
  }
  if (submitted.status !== 'granted') throw new Error(`the simulated request for ${plan.key} ended ${submitted.status} at ${submitted.step ?? 'no step'}`);
}
