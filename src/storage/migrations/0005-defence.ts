import type { Kysely } from 'kysely';

/**
 * Active defence (issue #7): alerts with their lifecycle, containment actions, and the detectors'
 * saved state. The `alerts` table of 0002 held only what the risk assessment counts, and nothing
 * wrote to it yet; it is replaced, because an alert about a source address has no organisation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').execute();
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('dedup_key', 'text', (column) => column.notNull().unique())
    .addColumn('detector', 'text', (column) => column.notNull())
    .addColumn('severity', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('principal_kind', 'text', (column) => column.notNull())
    .addColumn('principal_id', 'text', (column) => column.notNull())
    .addColumn('org_id', 'text')
    .addColumn('region_code', 'text', (column) => column.notNull())
    .addColumn('assignee_org_id', 'text')
    .addColumn('credential_id', 'text')
    .addColumn('grant_id', 'text')
    .addColumn('evidence', 'text', (column) => column.notNull())
    .addColumn('summary_zh', 'text', (column) => column.notNull())
    .addColumn('summary_en', 'text', (column) => column.notNull())
    .addColumn('raised_at', 'text', (column) => column.notNull())
    .addColumn('last_seen_at', 'text', (column) => column.notNull())
    .addColumn('occurrences', 'integer', (column) => column.notNull())
    .addColumn('deadline_at', 'text', (column) => column.notNull())
    .addColumn('escalated_at', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('alerts_org_idx').on('alerts').columns(['org_id', 'status']).execute();
  await db.schema.createIndex('alerts_region_idx').on('alerts').columns(['region_code', 'raised_at']).execute();
  await db.schema.createIndex('alerts_due_idx').on('alerts').columns(['status', 'deadline_at']).execute();

  // Each step of an alert's lifecycle, with its actor and reason (the reason stays here; the
  // audit log keeps its digest).
  await db.schema
    .createTable('alert_steps')
    .addColumn('alert_id', 'text', (column) => column.notNull().references('alerts.id'))
    .addColumn('at', 'text', (column) => column.notNull())
    .addColumn('actor_type', 'text', (column) => column.notNull())
    .addColumn('actor_id', 'text', (column) => column.notNull())
    .addColumn('from_status', 'text', (column) => column.notNull())
    .addColumn('to_status', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('alert_steps_alert_idx').on('alert_steps').columns(['alert_id', 'at']).execute();

  await db.schema
    .createTable('containments')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('alert_id', 'text', (column) => column.notNull().references('alerts.id'))
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('target_id', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('applied_by', 'text', (column) => column.notNull())
    .addColumn('applied_at', 'text', (column) => column.notNull())
    .addColumn('confirm_by', 'text', (column) => column.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('overdue_at', 'text')
    .execute();
  await db.schema.createIndex('containments_status_idx').on('containments').columns(['status', 'confirm_by']).execute();
  await db.schema.createIndex('containments_alert_idx').on('containments').column('alert_id').execute();

  // The detectors' state as of an audit position, so a restart replays only what came after.
  await db.schema
    .createTable('detection_snapshots')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('last_seq', 'bigint')
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('saved_at', 'text', (column) => column.notNull())
    .execute();
}
