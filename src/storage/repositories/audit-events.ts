import { sql, type Kysely } from 'kysely';
import type { Actor, AuditEvent, AuditLog, AuditRecord } from '../../core/audit/audit-log.ts';
import type { Clock } from '../../core/shared/clock.ts';
import type { Schema } from '../schema.ts';

/**
 * The foundation's AuditLog: a plain table inside the caller's transaction, so an event is
 * written if and only if the change it records is. The tamper-evident Merkle log replaces it
 * behind the same port.
 */
export class TableAuditLog implements AuditLog {
  private readonly db: Kysely<Schema>;
  private readonly clock: Clock;

  constructor(db: Kysely<Schema>, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  async append(event: AuditEvent): Promise<AuditRecord> {
    const time = this.clock.now().toISOString();
    // Within one transaction the next seq is max+1; the primary key refuses a concurrent twin.
    const { next } = await this.db
      .selectFrom('audit_events')
      .select(sql<number>`coalesce(max(seq), -1) + 1`.as('next'))
      .executeTakeFirstOrThrow();
    const seq = Number(next);
    await this.db
      .insertInto('audit_events')
      .values({ seq, time, actor: JSON.stringify(event.actor), action: event.action, object: event.object, details: JSON.stringify(event.details) })
      .execute();
    return { ...event, seq, time };
  }

  async list(filter: { action?: string | undefined; start: number; limit: number }): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_events').selectAll().where('seq', '>=', filter.start);
    if (filter.action) query = query.where('action', '=', filter.action);
    const rows = await query.orderBy('seq').limit(filter.limit).execute();
    return rows.map((row) => ({
      seq: Number(row.seq),
      time: row.time,
      actor: JSON.parse(row.actor) as Actor,
      action: row.action,
      object: row.object,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }
}
