import type { AuditEvent } from '../../core/audit/audit-log.ts';
import { BatchQueue } from '../../storage/batch-queue.ts';
import type { AccessRecord } from '../../storage/repositories/access-records.ts';
import type { Repositories, Store } from '../../storage/store.ts';

/** An access record before its audit entry exists. */
export type AccessDraft = Omit<AccessRecord, 'auditSeq'>;

export interface LedgerEntry {
  /** The permit (or denial) to append. */
  event: AuditEvent;
  access: AccessDraft[];
  /** Counted against the grant's daily quota at commit; over it, `overQuota` is appended instead. */
  quota: { grantId: string; day: string; limit: number | null } | null;
  overQuota: AuditEvent | null;
}

export interface LedgerOutcome {
  seq: number;
  /** The quota was used up by the time this call was counted: nothing may be answered. */
  overQuota: boolean;
  /** The grant's calls that day after this batch, in every process; null when not counted. */
  callsToday: number | null;
}

/**
 * Steps 9 and 10 of the pipeline, by group commit: the quota count, the audit entry and the access
 * records of many calls go into one transaction. A call is answered only after its transaction
 * commits; if it fails, every call in it fails and no data leaves (fail closed, DESIGN §3.4).
 */
export class ExchangeLedger {
  private readonly queue: BatchQueue<LedgerEntry, LedgerOutcome>;

  constructor(store: Store) {
    this.queue = new BatchQueue((entries) => store.transaction((repositories) => writeBatch(repositories, entries)));
  }

  commit(entry: LedgerEntry): Promise<LedgerOutcome> {
    return this.queue.push(entry);
  }
}

/**
 * Counts the batch's calls per grant and day in one statement each, in the order they came: the
 * first calls that fit the quota pass, the rest are over it.
 */
async function countQuotas(repositories: Repositories, entries: LedgerEntry[]): Promise<{ overQuota: boolean[]; totals: (number | null)[] }> {
  const overQuota = entries.map(() => false);
  const totals: (number | null)[] = entries.map(() => null);
  const groups = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    if (!entry.quota) return;
    const key = `${entry.quota.grantId}\u0000${entry.quota.day}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  for (const indexes of groups.values()) {
    const { grantId, day, limit } = entries[indexes[0]!]!.quota!;
    const { counted, total } = await repositories.accessRecords.countCalls(grantId, day, indexes.length, limit);
    indexes.forEach((index, position) => {
      overQuota[index] = position >= counted;
      totals[index] = total;
    });
  }
  return { overQuota, totals };
}

async function writeBatch(repositories: Repositories, entries: LedgerEntry[]): Promise<LedgerOutcome[]> {
  const { overQuota, totals } = await countQuotas(repositories, entries);
  // The grant's calls that day, this one included: the quota-edge detector's feature.
  const events = entries.map((entry, index) => (overQuota[index] ? entry.overQuota! : totals[index] === null ? entry.event : { ...entry.event, details: { ...entry.event.details, quotaUsed: totals[index] } }));
  const records = await repositories.audit.appendBatch(events);
  const access = entries.flatMap((entry, index) => (overQuota[index] ? [] : entry.access.map((draft) => ({ ...draft, auditSeq: records[index]!.seq }))));
  await repositories.accessRecords.insertMany(access);
  return records.map((record, index) => ({ seq: record.seq, overQuota: overQuota[index]!, callsToday: totals[index]! }));
}
