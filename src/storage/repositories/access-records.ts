import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/** One data subject's part in one gateway answer (DESIGN §4 AccessRecord). */
export interface AccessRecord {
  id: string;
  auditSeq: number;
  at: string;
  subjectIndex: string;
  grantId: string;
  consumerOrgId: string;
  providerOrgId: string;
  resourceCode: string;
  purposeCode: string;
  credentialId: string;
  personId: string;
  operation: string;
  items: string[];
  /** Item code → keyed hash of the value as delivered. */
  valueHashes: Record<string, string>;
  /** The keyed hash of the subject key as delivered, masked or not (leak tracing); null or absent when none was delivered. */
  keyHash?: string | null;
}

const INSERT_CHUNK = 400;

export function toAccessRecord(row: Schema['access_records']): AccessRecord {
  return {
    id: row.id,
    auditSeq: Number(row.audit_seq),
    at: row.at,
    subjectIndex: row.subject_index,
    grantId: row.grant_id,
    consumerOrgId: row.consumer_org_id,
    providerOrgId: row.provider_org_id,
    resourceCode: row.resource_code,
    purposeCode: row.purpose_code,
    credentialId: row.credential_id,
    personId: row.person_id,
    operation: row.operation,
    items: JSON.parse(row.items) as string[],
    valueHashes: JSON.parse(row.value_hashes) as Record<string, string>,
    keyHash: row.key_hash ?? null,
  };
}

export class AccessRecordRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insertMany(records: readonly AccessRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += INSERT_CHUNK) {
      const values = records.slice(start, start + INSERT_CHUNK).map((record) => ({
        id: record.id,
        audit_seq: record.auditSeq,
        at: record.at,
        subject_index: record.subjectIndex,
        grant_id: record.grantId,
        consumer_org_id: record.consumerOrgId,
        provider_org_id: record.providerOrgId,
        resource_code: record.resourceCode,
        purpose_code: record.purposeCode,
        credential_id: record.credentialId,
        person_id: record.personId,
        operation: record.operation,
        items: JSON.stringify(record.items),
        value_hashes: JSON.stringify(record.valueHashes),
        key_hash: record.keyHash ?? null,
      }));
      await this.db.insertInto('access_records').values(values).execute();
    }
  }

  /** A subject's access records, newest first. */
  async bySubject(subjectIndex: string, offset: number, limit: number): Promise<AccessRecord[]> {
    const rows = await this.db.selectFrom('access_records').selectAll().where('subject_index', '=', subjectIndex).orderBy('at', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute();
    return rows.map(toAccessRecord);
  }

  /** Leak tracing: the records of these subjects' blind indexes, at most `limit`, oldest first. */
  async bySubjects(subjectIndexes: readonly string[], limit: number): Promise<AccessRecord[]> {
    if (subjectIndexes.length === 0) return [];
    const rows = await this.db.selectFrom('access_records').selectAll().where('subject_index', 'in', [...subjectIndexes]).orderBy('at').orderBy('id').limit(limit).execute();
    return rows.map(toAccessRecord);
  }

  /** Leak tracing: the records that delivered these keyed hashes of a subject key (masked or not), at most `limit`, oldest first. */
  async byKeyHashes(keyHashes: readonly string[], limit: number): Promise<AccessRecord[]> {
    if (keyHashes.length === 0) return [];
    const rows = await this.db.selectFrom('access_records').selectAll().where('key_hash', 'in', [...keyHashes]).orderBy('at').orderBy('id').limit(limit).execute();
    return rows.map(toAccessRecord);
  }

  async byAuditSeq(seq: number): Promise<AccessRecord[]> {
    const rows = await this.db.selectFrom('access_records').selectAll().where('audit_seq', '=', seq).orderBy('id').execute();
    return rows.map(toAccessRecord);
  }

  /** The subjects' blind indexes of the entries first…last, by audit seq, in insertion order (the detectors' event stream). */
  async subjectsBetween(first: number, last: number): Promise<Map<number, string[]>> {
    const rows = await this.db.selectFrom('access_records').select(['audit_seq', 'subject_index']).where('audit_seq', '>=', first).where('audit_seq', '<=', last).orderBy('audit_seq').orderBy('id').execute();
    const bySeq = new Map<number, string[]>();
    for (const row of rows) {
      const seq = Number(row.audit_seq);
      const list = bySeq.get(seq);
      if (list) list.push(row.subject_index);
      else bySeq.set(seq, [row.subject_index]);
    }
    return bySeq;
  }

  /**
   * Counts `calls` calls against a grant's daily quota, as many as the quota still allows: returns
   * how many were counted and the day's total after. The upsert locks the day's row until the
   * transaction ends, so two server processes on one PostgreSQL never both take the last call.
   */
  async countCalls(grantId: string, day: string, calls: number, limit: number | null): Promise<{ counted: number; total: number }> {
    const row = await this.db
      .insertInto('grant_usage')
      .values({ grant_id: grantId, day, calls })
      .onConflict((conflict) => conflict.columns(['grant_id', 'day']).doUpdateSet((update) => ({ calls: update.eb('grant_usage.calls', '+', update.ref('excluded.calls')) })))
      .returning('calls')
      .executeTakeFirstOrThrow();
    const total = Number(row.calls);
    if (limit === null || total <= limit) return { counted: calls, total };
    const before = total - calls;
    const counted = Math.max(0, limit - before);
    await this.db.updateTable('grant_usage').set({ calls: before + counted }).where('grant_id', '=', grantId).where('day', '=', day).execute();
    return { counted, total: before + counted };
  }
}
