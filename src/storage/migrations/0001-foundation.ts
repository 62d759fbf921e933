import type { Kysely } from 'kysely';

/** The foundation: who is who, the legal-basis registry, the catalog and a simple audit table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('code', 'varchar(6)', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('level', 'text', (column) => column.notNull())
    .addColumn('parent_code', 'varchar(6)', (column) => column.references('regions.code'))
    .addColumn('supervisor_org_id', 'text')
    .addColumn('settings', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('calendar_schedules')
    .addColumn('scope', 'text', (column) => column.notNull())
    .addColumn('year', 'integer', (column) => column.notNull())
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('holidays', 'text', (column) => column.notNull())
    .addColumn('make_up_workdays', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('calendar_schedules_pk', ['scope', 'year'])
    .execute();

  await db.schema
    .createTable('duty_codes')
    .addColumn('region_code', 'varchar(6)', (column) => column.notNull().references('regions.code'))
    .addColumn('code', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('duty_codes_pk', ['region_code', 'code'])
    .execute();

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('uscc', 'varchar(18)', (column) => column.notNull().unique())
    .addColumn('region_code', 'varchar(6)', (column) => column.notNull().references('regions.code'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('duties', 'text', (column) => column.notNull())
    .addColumn('working_hours', 'text', (column) => column.notNull())
    .addColumn('contract', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('login', 'text', (column) => column.notNull().unique())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('roles', 'text', (column) => column.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('last_totp_step', 'bigint')
    .addColumn('failed_logins', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('people_org_idx').on('people').columns(['org_id', 'login']).execute();

  await db.schema
    .createTable('training_records')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('person_id', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('course', 'text', (column) => column.notNull())
    .addColumn('passed_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('training_person_idx').on('training_records').column('person_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (column) => column.primaryKey())
    .addColumn('id', 'text', (column) => column.notNull().unique())
    .addColumn('person_id', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_person_idx').on('sessions').columns(['person_id', 'kind']).execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('app_id', 'text', (column) => column.notNull().unique())
    .addColumn('secret_hash', 'text', (column) => column.notNull())
    .addColumn('allowed_ips', 'text', (column) => column.notNull())
    .addColumn('responsible_person_id', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('contractor_org_id', 'text', (column) => column.references('organisations.id'))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('legal_bases')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('law', 'text', (column) => column.notNull())
    .addColumn('article', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addUniqueConstraint('legal_bases_law_article', ['law', 'article'])
    .execute();

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('code', 'text', (column) => column.notNull().unique())
    .addColumn('provider_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('summary', 'text', (column) => column.notNull())
    .addColumn('grade', 'text', (column) => column.notNull())
    .addColumn('grade_rank', 'integer', (column) => column.notNull())
    .addColumn('sharing_type', 'text', (column) => column.notNull())
    .addColumn('pi_class', 'text', (column) => column.notNull())
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('resources_provider_idx').on('resources').columns(['provider_org_id', 'id']).execute();
  await db.schema.createIndex('resources_status_idx').on('resources').columns(['status', 'id']).execute();

  await db.schema
    .createTable('resource_versions')
    .addColumn('resource_id', 'text', (column) => column.notNull().references('resources.id'))
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('changed_by', 'text', (column) => column.notNull())
    .addColumn('changed_at', 'text', (column) => column.notNull())
    .addColumn('note', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('resource_versions_pk', ['resource_id', 'version'])
    .execute();

  // Character unigrams and bigrams of name and summary: the same Chinese search index on both
  // dialects, since neither FTS5's unicode61 nor PostgreSQL text search segments Chinese.
  await db.schema
    .createTable('resource_terms')
    .addColumn('term', 'text', (column) => column.notNull())
    .addColumn('resource_id', 'text', (column) => column.notNull().references('resources.id'))
    .addPrimaryKeyConstraint('resource_terms_pk', ['term', 'resource_id'])
    .execute();
  await db.schema.createIndex('resource_terms_resource_idx').on('resource_terms').column('resource_id').execute();

  // The tamper-evident audit log (RFC 6962 Merkle tree). `leaf` is the exact canonical JSON
  // (RFC 8785) that was hashed; the other columns repeat parts of it for investigators' search.
  await db.schema
    .createTable('audit_entries')
    .addColumn('seq', 'bigint', (column) => column.primaryKey())
    .addColumn('time', 'text', (column) => column.notNull())
    .addColumn('actor_type', 'text', (column) => column.notNull())
    .addColumn('actor_id', 'text', (column) => column.notNull())
    .addColumn('actor_org', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('object', 'text', (column) => column.notNull())
    .addColumn('leaf', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('audit_entries_action_idx').on('audit_entries').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_entries_actor_idx').on('audit_entries').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_entries_object_idx').on('audit_entries').columns(['object', 'seq']).execute();
  await db.schema.createIndex('audit_entries_time_idx').on('audit_entries').columns(['time', 'seq']).execute();

  // Every complete node of the tree: level 0 holds leaf hashes, node (level, idx) covers leaves
  // [idx·2^level, (idx+1)·2^level). Proofs then cost O(log n) lookups, never a rescan.
  await db.schema
    .createTable('audit_nodes')
    .addColumn('level', 'integer', (column) => column.notNull())
    .addColumn('idx', 'bigint', (column) => column.notNull())
    .addColumn('hash', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('audit_nodes_pk', ['level', 'idx'])
    .execute();

  // Entries past retention leave the database only as signed archive segments (网络安全法 Art. 21);
  // their tree nodes stay, so proofs and verification go on.
  await db.schema
    .createTable('audit_archives')
    .addColumn('end', 'bigint', (column) => column.primaryKey())
    .addColumn('start', 'bigint', (column) => column.notNull())
    .addColumn('file', 'text', (column) => column.notNull())
    .addColumn('archived_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('size', 'bigint', (column) => column.primaryKey())
    .addColumn('root', 'text', (column) => column.notNull())
    .addColumn('note', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
}
