import type { Kysely } from 'kysely';

/**
 * Complaint texts sealed at rest: the filer's summary, details and contact, the answer and the
 * reward reason are written encrypted under a data key of their own (complaint-texts.ts). Rows
 * filed before this migration keep their plaintext and say so, so that they are read as written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('complaints')
    .addColumn('texts_sealed', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
}
