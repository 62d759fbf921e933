import type { Kysely } from 'kysely';
import type { Bulletin, BulletinRecipient, BulletinSeverity, BulletinStatus } from '../../core/bulletins/bulletin.ts';
import type { Schema } from '../schema.ts';

/** Who is looking decides which bulletins a search sees: a region's, or those addressed to one department. */
export type BulletinScope = { regionCode: string } | { recipientOrgId: string };

export interface BulletinSearch {
  scope: BulletinScope;
  /** For a region: the bulletin's status. For a department: whether it has itself acknowledged. */
  status?: BulletinStatus | undefined;
  /** An instant: only bulletins with an unacknowledged recipient (the department's own, for a department) past the deadline at it. */
  overdueAt?: string | undefined;
  before?: string | undefined;
  limit: number;
}

export interface AcknowledgementRecord {
  at: string;
  by: string;
  response: string | null;
  overdueWorkingDays: number;
}

function toBulletin(row: Schema['bulletins']): Bulletin {
  return {
    id: row.id,
    regionCode: row.region_code,
    authorId: row.author_id,
    authorOrgId: row.author_org_id,
    title: row.title,
    findings: row.findings,
    measures: row.measures,
    severity: row.severity as BulletinSeverity,
    alertIds: JSON.parse(row.alert_ids) as string[],
    publishedAt: row.published_at,
    acknowledgeBy: row.acknowledge_by,
    status: row.status as BulletinStatus,
  };
}

/** Early-warning bulletins and each addressed department's acknowledgement. */
export class BulletinRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(bulletin: Bulletin, recipientOrgIds: readonly string[]): Promise<void> {
    await this.db
      .insertInto('bulletins')
      .values({
        id: bulletin.id,
        region_code: bulletin.regionCode,
        author_id: bulletin.authorId,
        author_org_id: bulletin.authorOrgId,
        title: bulletin.title,
        findings: bulletin.findings,
        measures: bulletin.measures,
        severity: bulletin.severity,
        alert_ids: JSON.stringify(bulletin.alertIds),
        published_at: bulletin.publishedAt,
        acknowledge_by: bulletin.acknowledgeBy,
        status: bulletin.status,
      })
      .execute();
    await this.db
      .insertInto('bulletin_recipients')
      .values(recipientOrgIds.map((orgId) => ({ bulletin_id: bulletin.id, org_id: orgId, acknowledged_at: null, acknowledged_by: null, response: null, overdue_working_days: null })))
      .execute();
  }

  async get(id: string): Promise<Bulletin | undefined> {
    const row = await this.db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toBulletin(row);
  }

  /** Newest first; `before` is the id of the last one seen. */
  async search(search: BulletinSearch): Promise<Bulletin[]> {
    const { scope, status, overdueAt } = search;
    let query = this.db.selectFrom('bulletins as b').selectAll('b');
    if ('regionCode' in scope) {
      query = query.where('b.region_code', '=', scope.regionCode);
      if (status) query = query.where('b.status', '=', status);
    }
    if (overdueAt) query = query.where('b.acknowledge_by', '<', overdueAt);
    // A department's own row decides what it sees and its status; for a region, any recipient may be overdue.
    const ownRow = 'recipientOrgId' in scope;
    const acknowledged = ownRow && status ? status === 'acknowledged' : undefined;
    if (ownRow || overdueAt) {
      query = query.where(({ exists, selectFrom }) => {
        let recipients = selectFrom('bulletin_recipients as r').select('r.org_id').whereRef('r.bulletin_id', '=', 'b.id');
        if (ownRow) recipients = recipients.where('r.org_id', '=', scope.recipientOrgId);
        if (overdueAt || acknowledged === false) recipients = recipients.where('r.acknowledged_at', 'is', null);
        else if (acknowledged === true) recipients = recipients.where('r.acknowledged_at', 'is not', null);
        return exists(recipients);
      });
    }
    if (search.before) query = query.where('b.id', '<', search.before);
    const rows = await query.orderBy('b.id', 'desc').limit(search.limit).execute();
    return rows.map(toBulletin);
  }

  /** The recipients of these bulletins with their organisations' names, or only `orgId`'s rows when given. */
  async recipients(bulletinIds: readonly string[], orgId?: string): Promise<BulletinRecipient[]> {
    if (bulletinIds.length === 0) return [];
    let query = this.db
      .selectFrom('bulletin_recipients as r')
      .innerJoin('organisations as o', 'o.id', 'r.org_id')
      .select(['r.bulletin_id', 'r.org_id', 'o.name', 'r.acknowledged_at', 'r.acknowledged_by', 'r.response', 'r.overdue_working_days'])
      .where('r.bulletin_id', 'in', [...new Set(bulletinIds)]);
    if (orgId !== undefined) query = query.where('r.org_id', '=', orgId);
    const rows = await query.orderBy('r.bulletin_id').orderBy('r.org_id').execute();
    return rows.map((row) => ({
      bulletinId: row.bulletin_id,
      orgId: row.org_id,
      orgName: row.name,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedBy: row.acknowledged_by,
      response: row.response,
      overdueWorkingDays: row.overdue_working_days === null ? null : Number(row.overdue_working_days),
    }));
  }

  /**
   * Takes the bulletin's row lock until the transaction ends, by writing its status over itself.
   * Departments acknowledging at once on PostgreSQL then take turns, so the last of them sees
   * every other acknowledgement and closes the bulletin; SQLite runs one writer at a time anyway.
   */
  async lock(id: string): Promise<void> {
    await this.db
      .updateTable('bulletins')
      .set((update) => ({ status: update.ref('status') }))
      .where('id', '=', id)
      .execute();
  }

  /** Records a department's acknowledgement unless it already acknowledged; returns whether it did. */
  async acknowledge(bulletinId: string, orgId: string, record: AcknowledgementRecord): Promise<boolean> {
    const result = await this.db
      .updateTable('bulletin_recipients')
      .set({ acknowledged_at: record.at, acknowledged_by: record.by, response: record.response, overdue_working_days: record.overdueWorkingDays })
      .where('bulletin_id', '=', bulletinId)
      .where('org_id', '=', orgId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async unacknowledged(bulletinId: string): Promise<number> {
    const row = await this.db
      .selectFrom('bulletin_recipients')
      .select((select) => select.fn.countAll<number>().as('count'))
      .where('bulletin_id', '=', bulletinId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async setStatus(id: string, status: BulletinStatus): Promise<void> {
    await this.db.updateTable('bulletins').set({ status }).where('id', '=', id).execute();
  }
}
