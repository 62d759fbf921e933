import type { AppContext } from '../context.ts';
import type { Services } from '../services.ts';
import { DEMO_PEOPLE } from './demo-organisations.ts';

/** One department system of the demo: who owns it, who answers for it, and who runs it. */
interface DemoSystemPlan {
  /** The department's key in DEMO_ORGANISATIONS. */
  org: string;
  appId: string;
  /** A person of the department who answers for the system (DESIGN §4). */
  responsible: string;
  /** The contractor's key when the contractor runs the system for the department (数据安全法 Art. 40); null when the department runs it. */
  contractor: string | null;
}

/**
 * One system per consumer department with live grants. Civil affairs' assistance system is built
 * and run by the county's contractor, as many county systems are, so the demo shows a
 * contractor's staff calling the gateway on a department's behalf; human resources runs its own.
 */
export const DEMO_SYSTEMS: DemoSystemPlan[] = [
  { org: 'civil', appId: 'civil-assistance', responsible: 'civil.admin', contractor: 'contractor' },
  { org: 'hrss', appId: 'hrss-employment', responsible: 'hrss.admin', contractor: null },
];

/**
 * The demo server listens on the loopback interface, so that is where its callers are. The gateway
 * admits no other source (GB/T 39477: access bound to the consumer's registered systems).
 */
const LOOPBACK = ['127.0.0.1/32', '::1'];

/** A system's entry in `demo-credentials.json`: the shape, plus who runs it and who may be named as its user. */
export interface DemoSystemCredential {
  org: { id: string; name: string };
  appId: string;
  token: string;
  grants: { grantId: string; resourceCode: string; purpose: string; items: string[]; method: string }[];
  /** The contractor running the system, or null when the department runs it itself. */
  contractor: { id: string; name: string } | null;
  /** Logins the gateway accepts in X-Custos-User for this system: the department's consumers and, where it runs the system, the contractor's staff. */
  users: string[];
}

/**
 * Creates the demo systems' credentials, after the grants exist, and lists each with the live
 * grants of its department. The grants are bound to no one system (credentialId null), so the
 * department's system may use them all.
 */
export async function seedDemoSystems(context: AppContext, services: Services, organisations: ReadonlyMap<string, { id: string; name: string }>, personIds: ReadonlyMap<string, string>): Promise<DemoSystemCredential[]> {
  const systems: DemoSystemCredential[] = [];
  for (const plan of DEMO_SYSTEMS) {
    const org = organisations.get(plan.org)!;
    const contractor = plan.contractor === null ? null : organisations.get(plan.contractor)!;
    const { secret } = await services.credentials.create(null, { orgId: org.id, appId: plan.appId, allowedIps: LOOPBACK, responsiblePersonId: personIds.get(plan.responsible)!, contractorOrgId: contractor?.id ?? null });
    const grants = (await context.store.read.grants.heldByConsumer(org.id)).filter((grant) => grant.status === 'active');
    const users = DEMO_PEOPLE.filter((person) => !person.lapsed && ((person.org === plan.org && person.roles.includes('consumer')) || person.org === plan.contractor)).map((person) => person.login);
    systems.push({
      org,
      appId: plan.appId,
      token: secret,
      grants: grants.map((grant) => ({ grantId: grant.id, resourceCode: grant.resourceCode, purpose: grant.purposeCode, items: grant.items.map((item) => item.code), method: grant.method })),
      contractor,
      users,
    });
  }
  return systems;
}
