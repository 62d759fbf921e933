import type { Actor } from '../core/audit/audit-log.ts';
import type { CitizenSettings } from './citizen/citizen-settings.ts';
import type { HashFunction } from '../core/audit/merkle/index.ts';
import type { Organisation } from '../core/identity/organisation.ts';
import type { Person } from '../core/identity/person.ts';
import type { Role } from '../core/identity/roles.ts';
import type { Clock } from '../core/shared/clock.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import type { IdGenerator, RandomSource } from '../core/shared/id-generator.ts';
import type { BlindIndexer } from '../crypto/blind-index.ts';
import type { CipherSuite } from '../crypto/cipher-suite.ts';
import type { KeyedHasher } from '../crypto/keyed-hash.ts';
import type { KeyStore } from '../crypto/key-store.ts';
import type { Store } from '../storage/store.ts';

export interface AppSettings {
  /** How long a login session lives, in minutes. */
  sessionMinutes: number;
  /** Calls a second one system credential may make through the gateway (a token bucket per process). */
  gatewayRatePerSecond: number;
  /** The citizen view's sessions and identity provider; absent: defaults, with OIDC off. */
  citizen?: CitizenSettings;
}

/** The deployment's cryptography for data at rest and the exchange. */
export interface Vault {
  suite: CipherSuite;
  /** Holds the key-encryption keys, apart from the database. */
  keyStore: KeyStore;
  keyedHash: KeyedHasher;
}

/** What every use case is given: storage, time, identifiers, randomness and its slice of config. */
export interface AppContext {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  random: RandomSource;
  blindIndex: BlindIndexer;
  /** The suite's hash: SHA-256 (intl) or SM3 (gm), for the audit tree. */
  hash: HashFunction;
  vault: Vault;
  settings: AppSettings;
}

/** The authenticated caller of a use case. */
export interface Principal {
  person: Person;
  org: Organisation;
  tokenId: string;
  /** Acting through the server's command line (`--as`), not through a login. */
  local?: boolean;
}

export function actorOf(principal: Principal): Actor {
  return { type: 'person', id: principal.person.id, org: principal.org.id, ...(principal.local ? { via: 'local' as const } : {}) };
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((role) => principal.person.roles.includes(role));
}

export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!hasRole(principal, ...roles)) {
    throw new DomainError('FORBIDDEN', `需要以下角色之一：${roles.join(', ')} / requires one of the roles: ${roles.join(', ')}`, { details: { requiredRoles: roles } });
  }
}

/** Supervisors and auditors of the supervision authority may see every organisation's records. */
export function isInvestigator(principal: Principal): boolean {
  return principal.org.kind === 'supervisor' && hasRole(principal, 'supervisor', 'auditor');
}

export function notFound(zh: string, en: string): DomainError<'NOT_FOUND'> {
  // The same answer for "absent" and "not yours": another organisation learns nothing.
  return new DomainError('NOT_FOUND', `${zh}不存在 / ${en} not found`);
}

export function nowIso(context: Pick<AppContext, 'clock'>): string {
  return context.clock.now().toISOString();
}

/**
 * What the audit log keeps of free text an official wrote (a reason, a justification): its hash
 * in the deployment's suite. The text stays in the record it belongs to; the log proves it was not
 * changed afterwards, without holding words that may name a person (DESIGN §7).
 */
export function textDigest(context: Pick<AppContext, 'hash'>, text: string): string {
  return Buffer.from(context.hash(text.normalize('NFC'))).toString('hex');
}
