import type { Kysely } from 'kysely';

/**
 * Complaints and reports (投诉举报, issue #8 §5; 《个人信息保护法》第六十五条, 《数据安全法》第十二条):
 * filed by anyone, anonymous people included, and handled by the region's supervision authority.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // `query_code_hash` is a keyed hash of the filer's query code bound to the tracking number: the
  // code itself is shown once and never stored. `details` and `contact` may hold the filer's
  // personal data; they stay in this table and never reach the audit log. Deadlines are fixed at
  // filing, so a later calendar change does not move a limit already given to the filer.
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('tracking_number', 'text', (column) => column.notNull().unique())
    .addColumn('query_code_hash', 'text', (column) => column.notNull())
    .addColumn('region_code', 'varchar(6)', (column) => column.notNull().references('regions.code'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('summary', 'text', (column) => column.notNull())
    .addColumn('details', 'text', (column) => column.notNull())
    .addColumn('contact', 'text')
    .addColumn('named_department_id', 'text', (column) => column.references('organisations.id'))
    .addColumn('department_id', 'text', (column) => column.references('organisations.id'))
    .addColumn('supervisor_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('filed_at', 'text', (column) => column.notNull())
    .addColumn('acknowledge_by', 'text', (column) => column.notNull())
    .addColumn('answer_by', 'text', (column) => column.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (column) => column.references('people.id'))
    .addColumn('acknowledge_overdue_days', 'integer')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', (column) => column.references('people.id'))
    .addColumn('answer_overdue_days', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('answer', 'text')
    .addColumn('case_id', 'text')
    .addColumn('reward_decision', 'text')
    .addColumn('reward_amount_yuan', 'integer')
    .addColumn('reward_reason', 'text')
    .addColumn('reward_decided_at', 'text')
    .addColumn('reward_decided_by', 'text', (column) => column.references('people.id'))
    .execute();
  await db.schema.createIndex('complaints_supervisor_idx').on('complaints').columns(['supervisor_org_id', 'id']).execute();
  await db.schema.createIndex('complaints_department_idx').on('complaints').columns(['department_id', 'id']).execute();

  // The last serial given per year (Asia/Shanghai), for tracking numbers TS-<year>-<serial>. The
  // upsert that takes a serial holds the year's row until the transaction ends, so two filings at
  // once on PostgreSQL never share a number.
  await db.schema
    .createTable('complaint_serials')
    .addColumn('year', 'integer', (column) => column.primaryKey())
    .addColumn('last', 'integer', (column) => column.notNull())
    .execute();
}
