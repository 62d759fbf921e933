import type { Kysely } from 'kysely';
import type { HoldBack } from '../../core/citizen/hold-back.ts';
import type { Schema } from '../schema.ts';

function toHoldBack(row: Schema['hold_backs']): HoldBack {
  return {
    id: row.id,
    grantId: row.grant_id,
    supervisorOrgId: row.supervisor_org_id,
    createdBy: row.created_by,
    caseNumber: row.case_number,
    reason: row.reason,
    coversFrom: row.covers_from,
    endsAt: row.ends_at,
    liftedAt: row.lifted_at,
    liftedBy: row.lifted_by,
    createdAt: row.created_at,
  };
}

/** Investigation hold-backs registered by supervision authorities. */
export class HoldBackRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(holdBack: HoldBack): Promise<void> {
    await this.db
      .insertInto('hold_backs')
      .values({
        id: holdBack.id,
        grant_id: holdBack.grantId,
        supervisor_org_id: holdBack.supervisorOrgId,
        created_by: holdBack.createdBy,
        case_number: holdBack.caseNumber,
        reason: holdBack.reason,
        covers_from: holdBack.coversFrom,
        ends_at: holdBack.endsAt,
        lifted_at: holdBack.liftedAt,
        lifted_by: holdBack.liftedBy,
        created_at: holdBack.createdAt,
      })
      .execute();
  }

  async get(id: string): Promise<HoldBack | undefined> {
    const row = await this.db.selectFrom('hold_backs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toHoldBack(row);
  }

  /** One supervision authority's hold-backs, newest first, by keyset on the time-ordered id. */
  async listBySupervisor(orgId: string, limit: number, before?: string): Promise<HoldBack[]> {
    let select = this.db.selectFrom('hold_backs').selectAll().where('supervisor_org_id', '=', orgId);
    if (before) select = select.where('id', '<', before);
    const rows = await select.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toHoldBack);
  }

  /** Lifts a hold-back still in force; false if it was lifted already or has ended. */
  async lift(id: string, by: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('hold_backs').set({ lifted_at: at, lifted_by: by }).where('id', '=', id).where('lifted_at', 'is', null).where('ends_at', '>', at).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
