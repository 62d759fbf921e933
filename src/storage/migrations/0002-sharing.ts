import { sql, type Kysely } from 'kysely';

/**
 * Sharing (共享申请与授权): purposes, requests, grants and what they depend on — consents and
 * notices (PIPL Arts. 13–17, 35), department webhooks, and the alert and sanction records that
 * the risk assessment reads (empty until active defence and accountability fill them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A region's list of purposes (用途); each maps to the statutory duties (职责) that justify it.
  await db.schema
    .createTable('purposes')
    .addColumn('region_code', 'varchar(6)', (column) => column.notNull().references('regions.code'))
    .addColumn('code', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('duty_codes', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('purposes_pk', ['region_code', 'code'])
    .execute();

  // The columns repeat what inboxes and sweeps filter on; `document` holds the whole request,
  // its risk assessment and its history of steps. `revision` counts changes, so that of two
  // concurrent decisions on one request only the first is written (optimistic locking).
  await db.schema
    .createTable('sharing_requests')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('consumer_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('provider_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('supervisor_org_id', 'text', (column) => column.references('organisations.id'))
    .addColumn('resource_code', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('step', 'text')
    .addColumn('step_due_at', 'text')
    .addColumn('escalated', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('sharing_requests_consumer_idx').on('sharing_requests').columns(['consumer_org_id', 'id']).execute();
  await db.schema.createIndex('sharing_requests_provider_idx').on('sharing_requests').columns(['provider_org_id', 'id']).execute();
  await db.schema.createIndex('sharing_requests_supervisor_idx').on('sharing_requests').columns(['supervisor_org_id', 'id']).execute();
  await db.schema.createIndex('sharing_requests_due_idx').on('sharing_requests').columns(['status', 'step_due_at']).execute();

  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('request_id', 'text', (column) => column.notNull().references('sharing_requests.id'))
    .addColumn('consumer_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('provider_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('supervisor_org_id', 'text', (column) => column.references('organisations.id'))
    .addColumn('resource_code', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('review_due_at', 'text')
    .addColumn('policy_version', 'bigint', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('grants_consumer_idx').on('grants').columns(['consumer_org_id', 'status']).execute();
  await db.schema.createIndex('grants_provider_idx').on('grants').columns(['provider_org_id', 'id']).execute();
  await db.schema.createIndex('grants_supervisor_idx').on('grants').columns(['supervisor_org_id', 'id']).execute();
  await db.schema.createIndex('grants_resource_idx').on('grants').columns(['resource_code', 'status']).execute();
  await db.schema.createIndex('grants_expiry_idx').on('grants').columns(['status', 'expires_at']).execute();
  await db.schema.createIndex('grants_review_idx').on('grants').columns(['status', 'review_due_at']).execute();

  // One row: bumped by every grant change, so the gateway can tell with one read whether its
  // cached grants are stale.
  await db.schema
    .createTable('policy_counter')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('version', 'bigint', (column) => column.notNull())
    .execute();
  await db
    .insertInto('policy_counter' as never)
    .values({ id: 1, version: 0 } as never)
    .execute();

  // PIPL Art. 14: consent, keyed by the subject's blind index — never the identifier itself.
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('subject_index', 'text', (column) => column.notNull())
    .addColumn('consumer_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('purpose_code', 'text', (column) => column.notNull())
    .addColumn('resource_code', 'text')
    .addColumn('given_at', 'text', (column) => column.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('consents_subject_idx').on('consents').columns(['subject_index', 'consumer_org_id']).execute();
  await db.schema.createIndex('consents_consumer_idx').on('consents').columns(['consumer_org_id', 'id']).execute();
  // One open consent per subject, department, purpose and resource, even under concurrent writes.
  await sql`CREATE UNIQUE INDEX consents_open_idx ON consents (subject_index, consumer_org_id, purpose_code, coalesce(resource_code, '')) WHERE withdrawn_at IS NULL`.execute(db);

  // PIPL Arts. 17 and 35: what a grant's consumer tells the subjects, or why it need not.
  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('grant_id', 'text', (column) => column.notNull().references('grants.id'))
    .addColumn('consumer_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('resource_code', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('recorded_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('notices_resource_idx').on('notices').columns(['resource_code', 'recorded_at']).execute();
  await db.schema.createIndex('notices_consumer_idx').on('notices').columns(['consumer_org_id', 'recorded_at']).execute();

  // Department systems told of events, signed with a per-endpoint HMAC key.
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('secret', 'text', (column) => column.notNull())
    .addColumn('events', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('webhooks_org_idx').on('webhooks').columns(['org_id', 'status']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('webhook_id', 'text', (column) => column.notNull().references('webhooks.id'))
    .addColumn('event_type', 'text', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due_idx').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_webhook_idx').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();

  // Alerts of active defence and sanctions of accountability, against an organisation. The risk
  // assessment counts them; the issues that raise them add what else they need.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('severity', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_org_idx').on('alerts').columns(['org_id', 'status']).execute();

  await db.schema
    .createTable('sanctions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (column) => column.references('people.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('decided_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('sanctions_org_idx').on('sanctions').columns(['org_id', 'decided_at']).execute();
}
