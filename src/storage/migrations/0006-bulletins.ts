import type { Kysely } from 'kysely';

/**
 * Early-warning bulletins (预警通报, issue #7 §5; 《数据安全法》第二十二条): what a supervision
 * authority found and recommends, addressed to departments, each of which acknowledges within
 * three working days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // `alert_ids` is a JSON list of alert ids, references only: a bulletin stands as published even
  // if the alerts it cites are later closed or archived. `acknowledge_by` is fixed at publication
  // in the region's calendar, so a later calendar change does not move a deadline already given.
  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('region_code', 'varchar(6)', (column) => column.notNull().references('regions.code'))
    .addColumn('author_id', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('author_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('findings', 'text', (column) => column.notNull())
    .addColumn('measures', 'text', (column) => column.notNull())
    .addColumn('severity', 'text', (column) => column.notNull())
    .addColumn('alert_ids', 'text', (column) => column.notNull())
    .addColumn('published_at', 'text', (column) => column.notNull())
    .addColumn('acknowledge_by', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('bulletins_region_idx').on('bulletins').columns(['region_code', 'id']).execute();

  // One row per department addressed. `overdue_working_days` is the lateness counted when it
  // acknowledged (null until then), kept as evidence of the record at that time.
  await db.schema
    .createTable('bulletin_recipients')
    .addColumn('bulletin_id', 'text', (column) => column.notNull().references('bulletins.id'))
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (column) => column.references('people.id'))
    .addColumn('response', 'text')
    .addColumn('overdue_working_days', 'integer')
    .addPrimaryKeyConstraint('bulletin_recipients_pk', ['bulletin_id', 'org_id'])
    .execute();
  await db.schema.createIndex('bulletin_recipients_org_idx').on('bulletin_recipients').columns(['org_id', 'bulletin_id']).execute();
}
