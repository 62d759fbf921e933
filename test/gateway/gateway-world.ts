import { residentIdCheckCharacter } from '../../src/core/pii/resident-id.ts';
import type { TestRuntime } from '../support/harness.ts';
import { principalFor } from '../support/harness.ts';
import { call, type Reply } from '../support/http.ts';
import { buildSharingWorld, type SharingWorld } from '../support/sharing-world.ts';
import type { Actor } from '../support/world.ts';
import { approved, grantOf, submitted, type GrantBody } from '../sharing/support.ts';

export interface Resident {
  name: string;
  residentId: string;
  address: string;
}

/** A valid resident ID: the region, a birth date and a serial, with its GB 11643 check character. */
export function residentId(region: string, birth: string, serial: number): string {
  const body = `${region}${birth}${String(serial).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

/** Three residents of the test county and one from elsewhere (outside a county row scope). */
export const RESIDENTS: Resident[] = [
  { name: '王小明', residentId: residentId('331199', '19800101', 11), address: '云溪县城关镇人民路1号' },
  { name: '李红', residentId: residentId('331199', '19920304', 22), address: '云溪县城关镇解放路8号' },
  { name: '张伟', residentId: residentId('331199', '19751212', 31), address: '云溪县石门乡中心村5号' },
  { name: '赵敏', residentId: residentId('330102', '19880808', 42), address: '杭州市上城区清波街2号' },
];

export function residentsCsv(residents: readonly Resident[] = RESIDENTS): Uint8Array {
  const lines = ['姓名,公民身份号码,住址', ...residents.map((resident) => `${resident.name},${resident.residentId},${resident.address}`)];
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** A Monday morning within the grant's period. */
export const GRANT_IN_FORCE = '2026-11-30T02:00:00.000Z';

export interface GatewayWorld extends SharingWorld {
  grant: GrantBody;
  /** The civil affairs bureau's system credential. */
  token: string;
  credentialId: string;
  contractorUser: Actor;
}

/**
 * The sharing world, plus: the police bureau's COND dataset loaded, the civil affairs bureau's
 * grant on it (api, name and resident ID, county row scope), and a credential for its system,
 * run by the contractor, allowed from loopback.
 */
export async function buildGatewayWorld(test: TestRuntime, requestOverrides: Record<string, unknown> = {}, approval: Record<string, unknown> = {}): Promise<GatewayWorld> {
  const { runtime } = test;
  const world = await buildSharingWorld(runtime);
  const police = await principalFor(runtime, world.people.policeAdmin.id);
  await runtime.services.datasets.load(police, 'COND', { bytes: residentsCsv() }, 'csv');
  const request = await submitted(test, world, requestOverrides);
  const grant = await grantOf(test, world.approver, (await approved(test, world.approver, request.id, approval)).grantId!);
  const operatorEnrolment = await runtime.services.people.create(null, {
    orgId: world.orgs.contractor,
    login: 'contractor-operator',
    name: '运维工程师',
    roles: ['operator'],
    training: [{ course: 'data-security-basics', passedAt: '2026-01-10T00:00:00.000Z', expiresAt: '2027-01-10T00:00:00.000Z' }],
  });
  const contractorUser: Actor = { id: operatorEnrolment.person.id, orgId: world.orgs.contractor, token: '', password: operatorEnrolment.password, totpSecret: operatorEnrolment.totpSecret, login: 'contractor-operator' };
  const { credential, secret } = await runtime.services.credentials.create(null, {
    orgId: world.orgs.civil,
    appId: 'civil-assistance',
    allowedIps: ['127.0.0.1/32', '::1'],
    responsiblePersonId: world.people.civilAdmin.id,
    contractorOrgId: world.orgs.contractor,
  });
  // The requested period starts on Monday 2026-11-30.
  test.clock.set(GRANT_IN_FORCE);
  return { ...world, grant, token: secret, credentialId: credential.id, contractorUser };
}

export interface ExchangeHeaders {
  token?: string;
  purpose?: string;
  user?: string;
  issue?: string;
  ip?: string;
}

/** One gateway call, with the headers a consumer system sends. */
export async function exchange<Body = Record<string, unknown>>(test: TestRuntime, world: GatewayWorld, operation: 'query' | 'verify' | 'export', body: unknown, headers: ExchangeHeaders = {}, resourceCode = 'COND'): Promise<Reply<Body> & { headers: Record<string, unknown> }> {
  const sent: Record<string, string> = {
    authorization: `Bearer ${headers.token ?? world.token}`,
    'x-custos-purpose': headers.purpose ?? 'MINIMUM_LIVING',
    'x-custos-user': headers.user ?? world.people.civilConsumer.login,
    'content-type': 'application/json',
  };
  if (headers.issue !== undefined) sent['x-custos-issue'] = headers.issue;
  const response = await test.app.inject({ method: 'POST', url: `/api/v1/exchange/${resourceCode}/${operation}`, headers: sent, payload: JSON.stringify(body), remoteAddress: headers.ip ?? '127.0.0.1' });
  const text = response.body;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // NDJSON exports are read as text.
  }
  return { status: response.statusCode, body: parsed as Body, headers: response.headers };
}

export { call };
