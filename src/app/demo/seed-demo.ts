import type { TrainingRecord } from '../../core/identity/training.ts';
import { TRAINING_COURSES } from '../../core/identity/training.ts';
import type { AppContext } from '../context.ts';
import type { Services } from '../services.ts';
import { DEMO_RESOURCES } from './demo-catalog.ts';
import { demoPopulation, seedDemoDatasets } from './demo-datasets.ts';
import { seedDemoSharing } from './demo-sharing.ts';
import { seedDemoSystems, type DemoSystemCredential } from './demo-systems.ts';
import { DEMO_CONTRACT, DEMO_DUTIES, DEMO_ORGANISATIONS, DEMO_PEOPLE, DEMO_REGION } from './demo-organisations.ts';
import { syntheticUscc } from './synthetic-uscc.ts';

/** How many example citizens and companies `demo-credentials.json` names, for trying the gateway. */
const EXAMPLES = 5;

/** The shape of `demo-credentials.json`. */
export interface DemoCredentials {
  people: {
    name: string;
    login: string;
    org: { id: string; name: string };
    roles: string[];
    token: string;
    password: string;
    totpSecret: string;
  }[];
  /** Department systems with their gateway tokens and live grants. */
  systems: DemoSystemCredential[];
  /** A few people of the county's household register (synthetic), to query and verify. */
  citizens: { residentId: string; name: string }[];
  /** A few companies of the market register (synthetic). */
  companies: { uscc: string; name: string }[];
  /** The citizen view's demo logins: the same citizens and companies, as data subjects. */
  subjects: { kind: 'person' | 'company'; id: string; login: string }[];
}

export type Progress = (done: number, total: number, label: string) => void;

const DAY = 24 * 60 * 60 * 1000;

function training(now: Date, lapsed: boolean): TrainingRecord[] {
  const passedAt = new Date(now.getTime() - (lapsed ? 400 : 200) * DAY).toISOString();
  const expiresAt = new Date(now.getTime() + (lapsed ? -35 : 165) * DAY).toISOString();
  return TRAINING_COURSES.map((course) => ({ course, passedAt, expiresAt }));
}

/**
 * Seeds the demo county: its supervision bureau, six departments, a contractor, the platform,
 * people with training (one lapsed), about fifteen catalog resources, most published, the
 * hosted datasets of 10,000 synthetic citizens and 500 companies, the sharing requests and
 * grants that fill every inbox, and the department systems that call the gateway under them.
 */
export async function seedDemo(context: AppContext, services: Services, progress: Progress = () => {}): Promise<DemoCredentials> {
  const population = demoPopulation();
  const total = 5 + DEMO_ORGANISATIONS.length + DEMO_PEOPLE.length + DEMO_RESOURCES.length + population.datasets.length;
  let done = 0;
  const step = (label: string) => progress(++done, total, label);
  const note = (label: string) => progress(done, total, label);

  await services.regions.create(null, DEMO_REGION);
  for (const duty of DEMO_DUTIES) await services.regions.putDuty(null, { regionCode: DEMO_REGION.code, ...duty });
  step('行政区划与职责清单 / region and duties');

  const organisations = new Map<string, { id: string; name: string }>();
  for (const [index, organisation] of DEMO_ORGANISATIONS.entries()) {
    const contract = organisation.kind === 'contractor' ? { ...DEMO_CONTRACT, commissionedBy: DEMO_CONTRACT.commissionedBy.map((key) => organisations.get(key)!.id) } : null;
    const created = await services.organisations.create(null, {
      name: organisation.name,
      uscc: syntheticUscc(DEMO_REGION.code, index + 1, organisation.authorityAndType),
      regionCode: DEMO_REGION.code,
      kind: organisation.kind,
      duties: organisation.duties,
      contract,
    });
    organisations.set(organisation.key, { id: created.id, name: created.name });
    step(organisation.name);
  }

  const now = context.clock.now();
  const credentials: DemoCredentials = { people: [], systems: [], citizens: [], companies: [], subjects: [] };
  const personIds = new Map<string, string>();
  for (const person of DEMO_PEOPLE) {
    const org = organisations.get(person.org)!;
    const enrolment = await services.people.create(null, { orgId: org.id, login: person.login, name: person.name, roles: person.roles, training: training(now, person.lapsed ?? false) });
    personIds.set(person.login, enrolment.person.id);
    const principal = await services.auth.localPrincipal(person.login);
    const token = await services.auth.createPersonalToken(principal, '演示令牌 / demo token', null);
    credentials.people.push({ name: person.name, login: person.login, org, roles: person.roles, token: token.token, password: enrolment.password, totpSecret: enrolment.totpSecret });
    step(person.login);
  }

  const admin = await services.auth.localPrincipal('admin');
  await services.regions.update(admin, DEMO_REGION.code, { supervisorOrgId: organisations.get('bureau')!.id });
  step('监管部门 / supervision authority');

  const bases = await services.legalBases.list();
  const basisId = ([law, article]: [string, string]) => {
    const found = bases.find((basis) => basis.law === law && basis.article === article);
    if (!found) throw new Error(`demo cites an unregistered legal basis: ${law} ${article}`);
    return found.id;
  };
  const providerLogin = new Map(DEMO_PEOPLE.filter((person) => person.roles.includes('provider_admin')).map((person) => [person.org, person.login]));
  for (const entry of DEMO_RESOURCES) {
    const principal = await services.auth.localPrincipal(providerLogin.get(entry.provider)!);
    const { sharing, ...rest } = entry.draft;
    await services.catalog.create(principal, {
      ...rest,
      sharing: {
        type: sharing.type,
        methods: sharing.methods,
        legalBasisIds: sharing.bases.map(basisId),
        conditions: sharing.conditions.map((condition) => ({ text: condition.text, legalBasisIds: condition.bases.map(basisId), policy: null })),
      },
    });
    if (entry.publish) await services.catalog.publish(principal, entry.draft.code);
    step(entry.draft.name);
  }
  await seedDemoDatasets(services, population.datasets, { step, note });
  await seedDemoSharing(context, services, basisId(['政务数据共享条例', '全文']));
  step('共享申请与授权 / sharing requests and grants');
  credentials.systems = await seedDemoSystems(context, services, organisations, personIds);
  step('部门系统凭证 / department systems');
  // Examples from the household register, so each is found by a query under the household grant.
  credentials.citizens = population.citizens.filter((citizen) => citizen.residentId.startsWith(DEMO_REGION.code)).slice(0, EXAMPLES).map(({ residentId, name }) => ({ residentId, name }));
  credentials.companies = population.companies.slice(0, EXAMPLES).map(({ uscc, name }) => ({ uscc, name }));
  for (const id of [...credentials.citizens.map((citizen) => citizen.residentId), ...credentials.companies.map((company) => company.uscc)]) {
    const { kind, login } = await services.citizenAuth.registerDemoSubject(id, DEMO_REGION.code);
    credentials.subjects.push({ kind, id, login });
  }
  step('完成 / done');
  return credentials;
}
