import type { Resource } from '../../core/catalog/resource.ts';
import { subjectRegionCode } from '../../core/exchange/subject-region.ts';
import type { Organisation } from '../../core/identity/organisation.ts';
import type { Credential, PersonWithTraining } from '../../core/identity/person.ts';
import { blindIndexInput, subjectIdentifier } from '../../core/pii/subject-identifier.ts';
import type { Grant } from '../../core/sharing/grant.ts';
import { hashToken } from '../../crypto/secrets.ts';
import type { Dataset, StoredRow } from '../../storage/repositories/datasets.ts';
import type { AppContext } from '../context.ts';
import type { DataKeys } from './data-keys.ts';
import { ExchangeLedger, type LedgerEntry, type LedgerOutcome } from './exchange-ledger.ts';
import { RateLimiter } from './rate-limiter.ts';
import { CONTAINED_RATE_PER_SECOND, type ContainmentAction } from '../../core/defence/containment.ts';
import { forwardUpstream, type UpstreamAnswer, type UpstreamRequest } from './upstream.ts';
import { termDomain, valueContext } from './stored-form.ts';
import { Canaries, type CanaryRow } from '../leak-traces/canaries.ts';
import { deliveredHash } from './delivered-hash.ts';

export type { Dataset, StoredRow, CanaryRow };

export interface EndUser {
  person: PersonWithTraining;
  org: Organisation;
}

export interface Subject {
  index: string;
  regionCode: string;
}

export interface Selection {
  subjectIndex: string | null;
  filters: readonly { itemCode: string; value: string }[];
  regionPrefixes: readonly string[] | null;
  afterRow: number;
  limit: number;
}

/**
 * What the gateway (src/gateway) needs from storage and crypto, behind one port: credentials,
 * grants, end users and resources compiled into memory and dropped whenever the policy version
 * moves — one indexed read a call, so a revocation in any server process takes effect on the next
 * call in every other — and the rows, keys and ledger of the exchange.
 */
export class ExchangeService {
  private readonly context: AppContext;
  private readonly dataKeys: DataKeys;
  private readonly ledger: ExchangeLedger;
  private readonly limiter: RateLimiter;
  private policyVersion = -1;
  private credentials = new Map<string, Credential>();
  private grants = new Map<string, Grant[]>();
  private users = new Map<string, EndUser>();
  private resources = new Map<string, { resource: Resource; dataset: Dataset | null }>();
  private readonly usage = new Map<string, { day: string; calls: number }>();
  /** Containments in force (issue #7 §4), reloaded with everything else when the policy version moves. */
  private contained = { credentials: new Set<string>(), grants: new Set<string>(), slowed: new Set<string>() };
  private readonly slowLimiter = new RateLimiter(CONTAINED_RATE_PER_SECOND);
  private readonly canaries: Canaries;
  /** Each grant's canary (leak tracing), or null when it has none; dropped with everything else when the policy version moves. */
  private canaryRows = new Map<string, CanaryRow | null>();

  constructor(context: AppContext, dataKeys: DataKeys) {
    this.context = context;
    this.dataKeys = dataKeys;
    this.ledger = new ExchangeLedger(context.store);
    this.limiter = new RateLimiter(context.settings.gatewayRatePerSecond);
    this.canaries = new Canaries(context);
  }

  now(): Date {
    return this.context.clock.now();
  }

  /** Reads the policy version, and forgets everything compiled when it has moved. */
  async refresh(): Promise<void> {
    const version = await this.context.store.read.grants.policyVersion();
    if (version === this.policyVersion) return;
    this.policyVersion = version;
    this.credentials = new Map();
    this.grants = new Map();
    this.users = new Map();
    this.resources = new Map();
    this.canaryRows = new Map();
    const inForce = await this.context.store.read.containments.inForce();
    const targets = (action: ContainmentAction) => new Set(inForce.filter((containment) => containment.action === action).map((containment) => containment.targetId));
    this.contained = { credentials: targets('suspend-credential'), grants: targets('suspend-grant'), slowed: targets('rate-limit') };
  }

  /** Whether active defence has suspended this credential or grant. */
  isContained(kind: 'credential' | 'grant', id: string): boolean {
    return (kind === 'credential' ? this.contained.credentials : this.contained.grants).has(id);
  }

  /** The credential a bearer token belongs to: its SHA-256 looked up, never a KDF per call. Unknown tokens are not remembered. */
  async credential(token: string): Promise<Credential | undefined> {
    const hash = hashToken(token);
    const cached = this.credentials.get(hash);
    if (cached) return cached;
    const found = await this.context.store.read.credentials.getBySecretHash(hash);
    if (found) this.credentials.set(hash, found);
    return found;
  }

  allowCall(credentialId: string): boolean {
    const now = this.now().getTime();
    if (this.contained.slowed.has(credentialId) && !this.slowLimiter.take(credentialId, now)) return false;
    return this.limiter.take(credentialId, now);
  }

  async grantsFor(consumerOrgId: string, resourceCode: string): Promise<Grant[]> {
    const key = `${consumerOrgId}\u0000${resourceCode}`;
    let grants = this.grants.get(key);
    if (!grants) {
      grants = await this.context.store.read.grants.forGateway(consumerOrgId, resourceCode);
      this.grants.set(key, grants);
    }
    return grants;
  }

  async endUser(login: string): Promise<EndUser | undefined> {
    const cached = this.users.get(login);
    if (cached) return cached;
    const read = this.context.store.read;
    const person = await read.people.getByLogin(login);
    if (!person || person.status !== 'active') return undefined;
    const org = await read.organisations.get(person.orgId);
    if (!org) return undefined;
    const { passwordHash: _password, totpSecret: _totp, lastTotpStep: _step, ...plain } = person;
    const user: EndUser = { person: { ...plain, training: await read.people.training(person.id) }, org };
    this.users.set(login, user);
    return user;
  }

  async resource(resourceCode: string): Promise<{ resource: Resource; dataset: Dataset | null } | undefined> {
    const cached = this.resources.get(resourceCode);
    if (cached) return cached;
    const read = this.context.store.read;
    const resource = await read.resources.getByCode(resourceCode);
    if (!resource) return undefined;
    const entry = { resource, dataset: (await read.datasets.get(resourceCode)) ?? null };
    this.resources.set(resourceCode, entry);
    return entry;
  }

  /** A raw identifier as a subject: its blind index and region, or null when it is no identifier. */
  subject(raw: string): Subject | null {
    const identifier = subjectIdentifier(raw);
    return identifier && { index: this.context.blindIndex(blindIndexInput(identifier)), regionCode: subjectRegionCode(identifier) };
  }

  /**
   * The grant's calls that day as last seen at a commit in this process (every process's calls
   * included): a cheap early refusal once the quota is used up. The commit counts exactly.
   */
  callsToday(grantId: string, day: string): number {
    const usage = this.usage.get(grantId);
    return usage?.day === day ? usage.calls : 0;
  }

  /** Step 6: the in-force rows selected, by blind index and filter terms, never by plaintext. */
  select(resourceCode: string, selection: Selection): Promise<StoredRow[]> {
    const terms = selection.filters.map((filter) => ({ itemCode: filter.itemCode, term: this.context.vault.keyedHash(termDomain(resourceCode, filter.itemCode), filter.value.trim()) }));
    return this.context.store.read.datasets.find(resourceCode, { ...selection, terms });
  }

  /** Step 7: the values of `itemCodes` in a row, decrypting only those. */
  async open(resourceCode: string, row: StoredRow, itemCodes: readonly string[]): Promise<Record<string, string | null>> {
    const values: Record<string, string | null> = {};
    for (const code of itemCodes) {
      const sealed = row.sealed[code];
      values[code] = sealed === undefined ? (row.plain[code] ?? null) : (await this.dataKeys.cipherFor(resourceCode)).decrypt(sealed, valueContext(resourceCode, code, row.version, row.rowNumber));
    }
    return values;
  }

  /** PIPL Art. 13(1): of these subjects, those whose consent to this consumer and purpose is in force. */
  consenting(subjectIndexes: string[], grant: Grant): Promise<Set<string>> {
    return this.context.store.read.consents.activeSubjects(subjectIndexes, grant.consumerOrgId, grant.purposeCode, grant.resourceCode, this.now());
  }

  /** The keyed_hash mask of one consumer: the same subject looks the same to it, and different to everyone else. */
  pseudonym(consumerOrgId: string): (value: string) => string {
    return (value) => this.context.vault.keyedHash(`pseudonym/${consumerOrgId}`, value);
  }

  /**
   * The grant's canary record (issue #8 §3), for grants of important and core data: read once per
   * policy version; fixed, with one small write, the first time the grant lists rows.
   */
  async canary(grant: Grant): Promise<CanaryRow | null> {
    if (this.canaryRows.has(grant.id)) return this.canaryRows.get(grant.id) ?? null;
    const row = await this.canaries.forGrant(grant);
    this.canaryRows.set(grant.id, row);
    return row;
  }

  /** What an access record keeps of a delivered value: a keyed hash leak tracing can match. */
  deliveredHash(itemCode: string, value: string): string {
    return deliveredHash(this.context.vault, itemCode, value);
  }

  /** Proxy mode: the provider's own API answers; null when it did not answer properly. */
  forward(url: string, request: UpstreamRequest, headers: Record<string, string>): Promise<UpstreamAnswer | null> {
    return forwardUpstream(url, request, headers);
  }

  newId(): string {
    return this.context.ids.next();
  }

  hash(data: Uint8Array | string): Uint8Array {
    return this.context.hash(data);
  }

  async commit(entry: LedgerEntry): Promise<LedgerOutcome> {
    const outcome = await this.ledger.commit(entry);
    if (entry.quota && outcome.callsToday !== null) {
      const known = this.usage.get(entry.quota.grantId);
      const calls = known?.day === entry.quota.day ? Math.max(known.calls, outcome.callsToday) : outcome.callsToday;
      this.usage.set(entry.quota.grantId, { day: entry.quota.day, calls });
    }
    return outcome;
  }
}
