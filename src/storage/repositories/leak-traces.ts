import type { Kysely } from 'kysely';
import type { LeakFormat, LeakRanking } from '../../core/accountability/leak-coverage.ts';
import type { Schema } from '../schema.ts';

/** What a trace keeps: who, when, which file (by digest), the counts and the ranking — never the leaked contents. */
export interface LeakTrace {
  id: string;
  orgId: string;
  investigatorId: string;
  createdAt: string;
  file: { digest: string; format: LeakFormat; bytes: number };
  records: number;
  matchedRecords: number;
  canaryRecords: number;
  result: LeakTraceResult;
}

export interface LeakTraceResult {
  /** Leaked records tied by a plaintext identifier, and by a delivered value only. */
  byIdentifier: number;
  byValue: number;
  /** The matching stopped at its bound of access records; the figures are lower bounds. */
  truncated: boolean;
  canaries: { grantId: string; consumerOrgId: string; records: number }[];
  candidates: LeakRanking;
}

/** A grant's canary subject (see core/accountability/canary-subject.ts). */
export interface LeakCanary {
  grantId: string;
  subjectIndex: string;
  attempt: number;
  regionCode: string;
  createdAt: string;
}

function toLeakTrace(row: Schema['leak_traces']): LeakTrace {
  return {
    id: row.id,
    orgId: row.org_id,
    investigatorId: row.investigator_id,
    createdAt: row.created_at,
    file: { digest: row.file_digest, format: row.file_format as LeakFormat, bytes: Number(row.file_bytes) },
    records: Number(row.records),
    matchedRecords: Number(row.matched_records),
    canaryRecords: Number(row.canary_records),
    result: JSON.parse(row.result) as LeakTraceResult,
  };
}

function toCanary(row: Schema['leak_canaries']): LeakCanary {
  return { grantId: row.grant_id, subjectIndex: row.subject_index, attempt: Number(row.attempt), regionCode: row.region_code, createdAt: row.created_at };
}

export class LeakTraceRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(trace: LeakTrace): Promise<void> {
    await this.db
      .insertInto('leak_traces')
      .values({
        id: trace.id,
        org_id: trace.orgId,
        investigator_id: trace.investigatorId,
        created_at: trace.createdAt,
        file_digest: trace.file.digest,
        file_format: trace.file.format,
        file_bytes: trace.file.bytes,
        records: trace.records,
        matched_records: trace.matchedRecords,
        canary_records: trace.canaryRecords,
        result: JSON.stringify(trace.result),
      })
      .execute();
  }

  async get(id: string): Promise<LeakTrace | undefined> {
    const row = await this.db.selectFrom('leak_traces').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toLeakTrace(row);
  }

  /** An organisation's traces, newest first (ids are time-ordered), before the `before` id when given. */
  async list(orgId: string, before: string | null, limit: number): Promise<LeakTrace[]> {
    let query = this.db.selectFrom('leak_traces').selectAll().where('org_id', '=', orgId);
    if (before !== null) query = query.where('id', '<', before);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toLeakTrace);
  }

  /** The resources grants were ever given on: where the subject-key items of delivered values come from. */
  async grantedResourceCodes(): Promise<string[]> {
    const rows = await this.db.selectFrom('grants').select('resource_code').distinct().orderBy('resource_code').execute();
    return rows.map((row) => row.resource_code);
  }

  async canary(grantId: string): Promise<LeakCanary | undefined> {
    const row = await this.db.selectFrom('leak_canaries').selectAll().where('grant_id', '=', grantId).executeTakeFirst();
    return row && toCanary(row);
  }

  /** Whether a canary with this blind index exists (for any grant). */
  async canaryTaken(subjectIndex: string): Promise<boolean> {
    const row = await this.db.selectFrom('leak_canaries').select('grant_id').where('subject_index', '=', subjectIndex).executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Fixes a grant's canary, unless one was fixed meanwhile (by another server process) or the
   * blind index is another grant's: returns the canary in force for the grant, or undefined when
   * this subject was taken by another grant and the caller must take its next attempt.
   */
  async fixCanary(canary: LeakCanary): Promise<LeakCanary | undefined> {
    await this.db
      .insertInto('leak_canaries')
      .values({ grant_id: canary.grantId, subject_index: canary.subjectIndex, attempt: canary.attempt, region_code: canary.regionCode, created_at: canary.createdAt })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    return this.canary(canary.grantId);
  }

  /** The grants whose canaries these blind indexes are. */
  async canariesBySubjects(subjectIndexes: readonly string[]): Promise<Map<string, string>> {
    if (subjectIndexes.length === 0) return new Map();
    const rows = await this.db.selectFrom('leak_canaries').select(['subject_index', 'grant_id']).where('subject_index', 'in', [...subjectIndexes]).execute();
    return new Map(rows.map((row) => [row.subject_index, row.grant_id]));
  }
}
