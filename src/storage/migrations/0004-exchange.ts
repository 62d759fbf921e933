import type { Kysely } from 'kysely';

/**
 * The exchange gateway (共享交换网关, issue #5): hosted datasets with field-level envelope
 * encryption, the data keys that encrypt them, the access records kept per data subject, and
 * the daily call counts that quotas are held to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Credential tokens are found by their SHA-256, never by a slow KDF on each call.
  await db.schema.createIndex('credentials_secret_idx').on('credentials').column('secret_hash').unique().execute();

  // One data key per resource, stored only wrapped by a key-encryption key of the key store
  // (GB/T 39477-2020 5.3: sensitive data encrypted at rest). Rotation rewraps; data stays as it is.
  await db.schema
    .createTable('data_keys')
    .addColumn('resource_code', 'text', (column) => column.primaryKey())
    .addColumn('suite', 'text', (column) => column.notNull())
    .addColumn('kek_id', 'text', (column) => column.notNull())
    .addColumn('wrapped', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('rewrapped_at', 'text')
    .execute();
  await db.schema.createIndex('data_keys_kek_idx').on('data_keys').column('kek_id').execute();

  // Where a resource's data is: rows hosted here (at `version`), or the provider's own API.
  await db.schema
    .createTable('datasets')
    .addColumn('resource_code', 'text', (column) => column.primaryKey())
    .addColumn('provider_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('mode', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('row_count', 'integer', (column) => column.notNull())
    .addColumn('upstream_url', 'text')
    .addColumn('updated_by', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  // A row of a hosted dataset. `document` holds each item's value: encrypted items as
  // ciphertext bound to resource, item and row. The subject key is kept only as its blind index;
  // `region_code` is the subject's 6-digit division code, for row scopes.
  await db.schema
    .createTable('dataset_rows')
    .addColumn('resource_code', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('row_number', 'integer', (column) => column.notNull())
    .addColumn('subject_index', 'text', (column) => column.notNull())
    .addColumn('region_code', 'text')
    .addColumn('document', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('dataset_rows_pk', ['resource_code', 'version', 'row_number'])
    .execute();
  // With row_number last, a subject's rows come out of the index already in order: the planner
  // needs no statistics to prefer it over walking the primary key.
  await db.schema.createIndex('dataset_rows_subject_idx').on('dataset_rows').columns(['resource_code', 'version', 'subject_index', 'row_number']).execute();

  // Keyed hashes of every item value, so that filters find rows without plaintext or decryption.
  await db.schema
    .createTable('dataset_terms')
    .addColumn('resource_code', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('item_code', 'text', (column) => column.notNull())
    .addColumn('term', 'text', (column) => column.notNull())
    .addColumn('row_number', 'integer', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('dataset_terms_idx').on('dataset_terms').columns(['resource_code', 'version', 'item_code', 'term', 'row_number']).execute();

  // One record per subject per gateway answer (GB/T 39477: behaviour correlated with data; the
  // citizen view and leak tracing read it). `value_hashes` are keyed hashes of the values as
  // delivered, masked or not, so a masked leak can still be matched.
  await db.schema
    .createTable('access_records')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('audit_seq', 'bigint', (column) => column.notNull())
    .addColumn('at', 'text', (column) => column.notNull())
    .addColumn('subject_index', 'text', (column) => column.notNull())
    .addColumn('grant_id', 'text', (column) => column.notNull())
    .addColumn('consumer_org_id', 'text', (column) => column.notNull())
    .addColumn('provider_org_id', 'text', (column) => column.notNull())
    .addColumn('resource_code', 'text', (column) => column.notNull())
    .addColumn('purpose_code', 'text', (column) => column.notNull())
    .addColumn('credential_id', 'text', (column) => column.notNull())
    .addColumn('person_id', 'text', (column) => column.notNull())
    .addColumn('operation', 'text', (column) => column.notNull())
    .addColumn('items', 'text', (column) => column.notNull())
    .addColumn('value_hashes', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('access_records_subject_idx').on('access_records').columns(['subject_index', 'at']).execute();
  await db.schema.createIndex('access_records_grant_idx').on('access_records').columns(['grant_id', 'at']).execute();
  await db.schema.createIndex('access_records_seq_idx').on('access_records').column('audit_seq').execute();

  // Calls per grant per Shanghai calendar day: the quota, counted where every server process sees it.
  await db.schema
    .createTable('grant_usage')
    .addColumn('grant_id', 'text', (column) => column.notNull())
    .addColumn('day', 'text', (column) => column.notNull())
    .addColumn('calls', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('grant_usage_pk', ['grant_id', 'day'])
    .execute();
}
