import { sql, type Kysely } from 'kysely';
import type { Actor, AuditEvent, AuditLog, AuditRecord } from '../../core/audit/audit-log.ts';
import type { Clock } from '../../core/shared/clock.ts';
import type { Dialect } from '../database.ts';
import type { Schema } from '../schema.ts';

/** The advisory-lock key that serialises audit appends on PostgreSQL ("CUSTAUD1" as a number). */
const AUDIT_LOCK = 0x4355535441554431n;

/**
 * The foundation's AuditLog: a plain table inside the caller's transaction, so an event is
 * written if and only if the change it records is. The tamper-evident Merkle log replaces it
 * behind the same port.
 */
export class TableAuditLog implements AuditLog {
  private readonly db: Kysely<Schema>;
  private readonly clock: Clock;
  private readonly dialect: Dialect;

  constructor(db: Kysely<Schema>, clock: Clock, dialect: Dialect) {
    this.db = db;
    this.clock = clock;
    this.dialect = dialect;
  }

  async append(event: AuditEvent): Promise<AuditRecord> {
    // Several server processes may share one PostgreSQL: a transaction-scoped advisory lock makes
    // "read max, insert max+1" one step across them (SQLite already serialises writers).
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(this.db);
    const time = this.clock.now().toISOString();
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
