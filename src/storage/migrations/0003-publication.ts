import type { Kysely } from 'kysely';

/**
 * The publication guard (公示信息发布前脱敏检查, issue #6): one row per scan uploaded through the
 * API, so that a department can mark it released once nothing unmasked remains. File names are
 * not kept — a notice's name often holds a person's name — only each file's SHA-256, size,
 * format, counts per type and error code, in `document`. Values found are never stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publication_scans')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('finding_count', 'integer', (column) => column.notNull())
    .addColumn('error_count', 'integer', (column) => column.notNull())
    .addColumn('released', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('released_by', 'text', (column) => column.references('people.id'))
    .addColumn('released_at', 'text')
    .addColumn('document', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('publication_scans_org_idx').on('publication_scans').columns(['org_id', 'created_at']).execute();
}
