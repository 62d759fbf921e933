import type { Kysely } from 'kysely';
import type { Containment, ContainmentAction, ContainmentStatus } from '../../core/defence/containment.ts';
import type { Schema } from '../schema.ts';

function toContainment(row: Schema['containments']): Containment {
  return {
    id: row.id,
    alertId: row.alert_id,
    action: row.action as ContainmentAction,
    targetId: row.target_id,
    status: row.status as ContainmentStatus,
    appliedBy: row.applied_by,
    appliedAt: row.applied_at,
    confirmBy: row.confirm_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    overdueAt: row.overdue_at,
  };
}

export class ContainmentRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(containment: Containment): Promise<void> {
    await this.db
      .insertInto('containments')
      .values({
        id: containment.id,
        alert_id: containment.alertId,
        action: containment.action,
        target_id: containment.targetId,
        status: containment.status,
        applied_by: containment.appliedBy,
        applied_at: containment.appliedAt,
        confirm_by: containment.confirmBy,
        decided_by: containment.decidedBy,
        decided_at: containment.decidedAt,
        overdue_at: containment.overdueAt,
      })
      .execute();
  }

  async decide(id: string, status: ContainmentStatus, by: string, at: string): Promise<void> {
    await this.db.updateTable('containments').set({ status, decided_by: by, decided_at: at }).where('id', '=', id).execute();
  }

  async markOverdue(id: string, at: string): Promise<void> {
    await this.db.updateTable('containments').set({ overdue_at: at }).where('id', '=', id).execute();
  }

  async get(id: string): Promise<Containment | undefined> {
    const row = await this.db.selectFrom('containments').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toContainment(row);
  }

  async byAlert(alertId: string): Promise<Containment[]> {
    const rows = await this.db.selectFrom('containments').selectAll().where('alert_id', '=', alertId).orderBy('applied_at').execute();
    return rows.map(toContainment);
  }

  /** Containments in force (applied and not lifted): what the gateway enforces. */
  async inForce(): Promise<Containment[]> {
    const rows = await this.db.selectFrom('containments').selectAll().where('status', 'in', ['active', 'confirmed']).execute();
    return rows.map(toContainment);
  }

  /** Applied by a rule, undecided past the confirmation deadline, and not yet marked. */
  async undecidedPast(now: string): Promise<Containment[]> {
    const rows = await this.db.selectFrom('containments').selectAll().where('status', '=', 'active').where('confirm_by', '<', now).where('overdue_at', 'is', null).execute();
    return rows.map(toContainment);
  }
}
