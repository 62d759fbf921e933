import type { Kysely } from 'kysely';
import type { RecordedNotice } from '../../core/sharing/notice.ts';
import type { Schema } from '../schema.ts';

function toNotice(row: { document: string }): RecordedNotice {
  return JSON.parse(row.document) as RecordedNotice;
}

export class NoticeRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(notice: RecordedNotice): Promise<void> {
    await this.db
      .insertInto('notices')
      .values({ id: notice.id, grant_id: notice.grantId, consumer_org_id: notice.consumerOrgId, resource_code: notice.resourceCode, kind: notice.notice.kind, document: JSON.stringify(notice), recorded_at: notice.recordedAt })
      .execute();
  }

  async forGrant(grantId: string): Promise<RecordedNotice[]> {
    const rows = await this.db.selectFrom('notices').select('document').where('grant_id', '=', grantId).orderBy('recorded_at').execute();
    return rows.map(toNotice);
  }

  /** Notices about the given resources, newest first: what the citizen view shows. */
  async forResources(resourceCodes: string[], limit: number): Promise<RecordedNotice[]> {
    if (resourceCodes.length === 0) return [];
    const rows = await this.db.selectFrom('notices').select('document').where('resource_code', 'in', resourceCodes).orderBy('recorded_at', 'desc').limit(limit).execute();
    return rows.map(toNotice);
  }
}
