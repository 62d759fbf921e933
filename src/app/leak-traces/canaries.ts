import { canarySubject, carriesCanary } from '../../core/accountability/canary-subject.ts';
import { rowScopePrefixes } from '../../core/exchange/row-scope.ts';
import { isProvinceCode } from '../../core/pii/province-codes.ts';
import { blindIndexInput } from '../../core/pii/subject-identifier.ts';
import type { Grant } from '../../core/sharing/grant.ts';
import type { LeakCanary } from '../../storage/repositories/leak-traces.ts';
import type { AppContext } from '../context.ts';

/** A canary as the gateway delivers it: a subject only one grant receives, with a value per catalog item. */
export interface CanaryRow {
  subjectIndex: string;
  regionCode: string;
  values: Record<string, string>;
}

/** Seeds tried before giving up: each one is rejected only if a real subject or another grant's canary has its number. */
const MOST_ATTEMPTS = 32;

/** The region a canary is born in when neither the grant's scope nor the dataset says: the provider's. */
function sixDigits(code: string | null | undefined): string | null {
  return code && /^\d{6}$/u.test(code) && isProvinceCode(code.slice(0, 2)) ? code : null;
}

/**
 * Canary records of grants of important and core data (issue #8 §3). The subject of a grant is
 * derived from a keyed hash of the grant id and an attempt number (deterministic, and unknowable
 * without the deployment's key); an attempt is passed over when its resident ID is a real
 * subject's in the dataset or another grant's canary, and the attempt taken is fixed in
 * `leak_canaries` at the grant's first listing answer, so that the canary never changes.
 * Only resources keyed by a resident ID get one: a canary is a person.
 */
export class Canaries {
  private readonly context: AppContext;

  constructor(context: AppContext) {
    this.context = context;
  }

  async forGrant(grant: Grant): Promise<CanaryRow | null> {
    if (!carriesCanary(grant.grade)) return null;
    const read = this.context.store.read;
    const resource = await read.resources.getByCode(grant.resourceCode);
    const key = resource?.items.find((item) => item.subjectKey);
    if (!resource || key?.mask !== 'resident_id') return null;
    const fixed = await read.leakTraces.canary(grant.id);
    if (fixed) return this.rowOf(fixed, resource.items);
    const regionCode = await this.regionFor(grant);
    if (regionCode === null) return null;
    for (let attempt = 0; attempt < MOST_ATTEMPTS; attempt += 1) {
      const row = this.candidate(grant.id, attempt, regionCode, resource.items);
      const real = await read.datasets.find(grant.resourceCode, { terms: [], subjectIndex: row.subjectIndex, regionPrefixes: null, afterRow: 0, limit: 1 });
      if (real.length > 0 || (await read.leakTraces.canaryTaken(row.subjectIndex))) continue;
      const canary: LeakCanary = { grantId: grant.id, subjectIndex: row.subjectIndex, attempt, regionCode, createdAt: this.context.clock.now().toISOString() };
      const kept = await this.context.store.transaction((repositories) => repositories.leakTraces.fixCanary(canary));
      if (kept) return kept.attempt === attempt ? row : this.rowOf(kept, resource.items);
    }
    return null;
  }

  private rowOf(canary: LeakCanary, items: Parameters<typeof canarySubject>[2]): CanaryRow {
    return this.candidate(canary.grantId, canary.attempt, canary.regionCode, items);
  }

  private candidate(grantId: string, attempt: number, regionCode: string, items: Parameters<typeof canarySubject>[2]): CanaryRow {
    const seed = this.context.vault.keyedHash('canary', `${grantId}/${attempt}`);
    const subject = canarySubject(seed, regionCode, items);
    return { subjectIndex: this.context.blindIndex(blindIndexInput({ kind: 'resident_id', normalized: subject.residentId })), regionCode, values: subject.values };
  }

  /** A region the grant's rows come from: its scope's first county, else a row of the dataset in scope, else the provider's. */
  private async regionFor(grant: Grant): Promise<string | null> {
    const prefixes = rowScopePrefixes(grant.rowScope);
    const scoped = sixDigits(prefixes?.find((prefix) => prefix.length === 6));
    if (scoped) return scoped;
    const read = this.context.store.read;
    const [row] = await read.datasets.find(grant.resourceCode, { terms: [], subjectIndex: null, regionPrefixes: prefixes, afterRow: 0, limit: 1 });
    const fromRow = sixDigits(row?.regionCode);
    if (fromRow) return fromRow;
    return sixDigits((await read.organisations.get(grant.providerOrgId))?.regionCode);
  }
}
