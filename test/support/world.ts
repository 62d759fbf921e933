import type { Role } from '../../src/core/identity/roles.ts';
import { syntheticUscc } from '../../src/app/demo/synthetic-uscc.ts';
import type { Runtime } from '../../src/main/runtime.ts';
import { principalFor } from './harness.ts';

export const REGION = '331199';

const TRAINED = [
  { course: 'data-security-basics', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' },
  { course: 'supervision-procedure', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' },
  { course: 'personal-information-protection', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' },
];
const EXPIRED = TRAINED.map((record) => ({ ...record, passedAt: '2025-01-10T00:00:00.000Z', expiresAt: '2026-01-10T00:00:00.000Z' }));

export interface Actor {
  id: string;
  orgId: string;
  token: string;
  password: string;
  totpSecret: string;
  login: string;
}

export interface World {
  orgs: { bureau: string; police: string; civil: string; contractor: string; platform: string };
  people: { admin: Actor; supervisor: Actor; lapsedSupervisor: Actor; policeAdmin: Actor; civilAdmin: Actor; civilConsumer: Actor };
  legalBasisId: string;
}

/** A small region: a supervision bureau, two departments, a contractor, the platform, and their people. */
export async function buildWorld(runtime: Runtime): Promise<World> {
  const { services } = runtime;
  await services.regions.create(null, { code: REGION, name: '云溪县' });
  const org = async (name: string, kind: 'department' | 'supervisor' | 'contractor' | 'platform', serial: number, extra: object = {}) =>
    (await services.organisations.create(null, { name, uscc: syntheticUscc(REGION, serial), regionCode: REGION, kind, ...extra })).id;
  const bureau = await org('云溪县大数据局', 'supervisor', 1);
  const police = await org('云溪县公安局', 'department', 2);
  const civil = await org('云溪县民政局', 'department', 3);
  const contractor = await org('云溪信息技术有限公司', 'contractor', 4, { contract: { commissionedBy: [civil], start: '2026-01-01T00:00:00.000Z', end: '2027-12-31T00:00:00.000Z' } });
  const platform = await org('云溪县政务数据共享平台', 'platform', 5);
  await services.regions.update(await platformPrincipal(runtime, platform), REGION, { supervisorOrgId: bureau });

  const person = (orgId: string, login: string, roles: Role[], training = TRAINED) => enrol(runtime, orgId, login, roles, training);
  const people = {
    admin: await person(platform, 'admin', ['platform_admin']),
    supervisor: await person(bureau, 'supervisor', ['supervisor']),
    lapsedSupervisor: await person(bureau, 'lapsed', ['supervisor'], EXPIRED),
    policeAdmin: await person(police, 'police-admin', ['provider_admin']),
    civilAdmin: await person(civil, 'civil-admin', ['provider_admin']),
    civilConsumer: await person(civil, 'civil-user', ['consumer']),
  };
  const legalBasisId = (await services.legalBases.list())[0]!.id;
  return { orgs: { bureau, police, civil, contractor, platform }, people, legalBasisId };
}

/** A person with a personal token, for the tests to act as. */
async function enrol(runtime: Runtime, orgId: string, login: string, roles: Role[], training = TRAINED): Promise<Actor> {
  const { services } = runtime;
  const enrolment = await services.people.create(null, { orgId, login, name: login, roles, training });
  const issued = await services.auth.createPersonalToken(await principalFor(runtime, enrolment.person.id), 'test', null);
  return { id: enrolment.person.id, orgId, token: issued.token, password: enrolment.password, totpSecret: enrolment.totpSecret, login };
}

/** A second region (莲都区) with its own supervision authority and supervisor: it must see and change nothing of REGION's. */
export async function otherRegionSupervisor(runtime: Runtime): Promise<Actor> {
  const { services } = runtime;
  const code = '331102';
  await services.regions.create(null, { code, name: '莲都区' });
  const authority = await services.organisations.create(null, { name: '莲都区大数据局', uscc: syntheticUscc(code, 1), regionCode: code, kind: 'supervisor' });
  return enrol(runtime, authority.id, 'liandu-supervisor', ['supervisor']);
}

/** Before any person exists, the platform organisation acts through a synthetic admin principal. */
async function platformPrincipal(runtime: Runtime, platform: string) {
  const organisation = await runtime.context.store.read.organisations.get(platform);
  return {
    person: { id: 'setup', orgId: platform, login: 'setup', name: 'setup', roles: ['platform_admin' as const], status: 'active' as const, createdAt: '', updatedAt: '' },
    org: organisation!,
    tokenId: 'setup',
  };
}

export function bearer(actor: Actor): { authorization: string } {
  return { authorization: `Bearer ${actor.token}` };
}
