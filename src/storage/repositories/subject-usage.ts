import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { RecordedNotice } from '../../core/sharing/notice.ts';
import type { Schema } from '../schema.ts';
import { toAccessRecord, type AccessRecord } from './access-records.ts';

export interface UsageQuery {
  subjectIndex: string;
  /** Inclusive bounds on the access time; a null start is the beginning of the record. */
  from: string | null;
  to: string;
  offset: number;
  limit: number;
  /** The instant at which hold-backs are judged: an access is shown once its hold-back has ended by then. */
  now: string;
}

/**
 * A subject's own accesses as the citizen view may show them (Estonia's findUsage). The hold-back
 * rules are in the query, so that offset and limit page over what is shown and a held-back access
 * cannot be inferred from a short page:
 * - an investigation hold-back hides accesses under its grant from its start until its end, while
 *   it is neither ended nor lifted;
 * - a notice exemption under PIPL Art. 35 (the grant's notice plan is an exemption) hides every
 *   access under the grant until the grant's term ends.
 */
export class SubjectUsageRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async accesses(query: UsageQuery): Promise<AccessRecord[]> {
    let select = this.visible(query.subjectIndex, query.now).selectAll('access_records').where('access_records.at', '<=', query.to);
    if (query.from !== null) select = select.where('access_records.at', '>=', query.from);
    const rows = await select.orderBy('access_records.at', 'desc').orderBy('access_records.id', 'desc').offset(query.offset).limit(query.limit).execute();
    return rows.map(toAccessRecord);
  }

  /** The notices of the grants under which the subject's data was delivered and may be shown, newest first. */
  async notices(subjectIndex: string, now: string, limit: number): Promise<RecordedNotice[]> {
    const grants = this.visible(subjectIndex, now).select('access_records.grant_id').distinct();
    const rows = await this.db.selectFrom('notices').select('document').where('grant_id', 'in', grants).orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => JSON.parse(row.document) as RecordedNotice);
  }

  private visible(subjectIndex: string, now: string): SelectQueryBuilder<Schema, 'access_records', object> {
    return this.db
      .selectFrom('access_records')
      .where('access_records.subject_index', '=', subjectIndex)
      .where((where: ExpressionBuilder<Schema, 'access_records'>) =>
        where.not(
          where.exists(
            where
              .selectFrom('hold_backs')
              .select('hold_backs.id')
              .whereRef('hold_backs.grant_id', '=', 'access_records.grant_id')
              .whereRef('hold_backs.covers_from', '<=', 'access_records.at')
              .whereRef('hold_backs.ends_at', '>', 'access_records.at')
              .where('hold_backs.ends_at', '>', now)
              .where((inner) => inner.or([inner('hold_backs.lifted_at', 'is', null), inner('hold_backs.lifted_at', '>', now)])),
          ),
        ),
      )
      .where((where: ExpressionBuilder<Schema, 'access_records'>) =>
        where.not(
          where.exists(
            where
              .selectFrom('notices')
              .innerJoin('grants', 'grants.id', 'notices.grant_id')
              .select('notices.id')
              .whereRef('notices.grant_id', '=', 'access_records.grant_id')
              .where('notices.kind', '=', 'exemption')
              .where('grants.expires_at', '>', now),
          ),
        ),
      );
  }
}
