import type { Kysely } from 'kysely';

/**
 * Leak tracing (泄露溯源, issue #8 §3; 《个人信息保护法》第五十七条、第六十九条).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The keyed hash of the subject key as delivered (masked or not), written in the same insert as
  // the rest of the access record: a masked identifier in a leaked file (331199********1234) finds
  // the records that delivered it through this index, where the blind index needs the plaintext.
  // Null for answers that delivered no subject key (verification, grants without it).
  await db.schema.alterTable('access_records').addColumn('key_hash', 'text').execute();
  await db.schema.createIndex('access_records_key_hash_idx').on('access_records').column('key_hash').execute();

  // A trace keeps who ran it, when, the file's SHA-256, size and format, and the counts and ranked
  // candidates (ids and figures only): never the leaked contents, which are personal data.
  await db.schema
    .createTable('leak_traces')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('investigator_id', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('file_digest', 'text', (column) => column.notNull())
    .addColumn('file_format', 'text', (column) => column.notNull())
    .addColumn('file_bytes', 'integer', (column) => column.notNull())
    .addColumn('records', 'integer', (column) => column.notNull())
    .addColumn('matched_records', 'integer', (column) => column.notNull())
    .addColumn('canary_records', 'integer', (column) => column.notNull())
    .addColumn('result', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('leak_traces_org_idx').on('leak_traces').columns(['org_id', 'id']).execute();

  // One canary subject per grant of important or core data, fixed at its first listing answer.
  // The unique blind index keeps two grants from ever sharing a canary; `attempt` and
  // `region_code` let the values be recomputed from the keyed seed, never stored in plaintext.
  await db.schema
    .createTable('leak_canaries')
    .addColumn('grant_id', 'text', (column) => column.primaryKey())
    .addColumn('subject_index', 'text', (column) => column.notNull().unique())
    .addColumn('attempt', 'integer', (column) => column.notNull())
    .addColumn('region_code', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
}
