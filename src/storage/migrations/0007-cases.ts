import type { Kysely } from 'kysely';

/**
 * Accountability cases (问责案件, issue #8 §1): the case with its evidence and attribution, its
 * parties (what a party may see is found through them), each step with actor and reason, and the
 * parties' statements and defences. Sanctions go into the `sanctions` table of 0002, which the
 * risk assessment already counts; they gain the case they were decided in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // `evidence` is a JSON list of audit seqs, `attribution` the rules' proposals and the
  // investigator's confirmation, `determination` the outcome with its reasons: documents of the
  // case, read and written whole. `source_id` has no foreign key: a complaint or a leak report
  // may live in a table another issue adds.
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('region_code', 'varchar(6)', (column) => column.notNull().references('regions.code'))
    .addColumn('authority_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('source_kind', 'text', (column) => column.notNull())
    .addColumn('source_id', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('facts', 'text', (column) => column.notNull())
    .addColumn('stage', 'text', (column) => column.notNull())
    .addColumn('evidence', 'text', (column) => column.notNull())
    .addColumn('attribution', 'text', (column) => column.notNull())
    .addColumn('investigation_due_at', 'text', (column) => column.notNull())
    .addColumn('statement_due_at', 'text')
    .addColumn('determination', 'text')
    .addColumn('public_summary', 'text')
    .addColumn('filed_by', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('filed_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('cases_authority_idx').on('cases').columns(['authority_org_id', 'id']).execute();
  await db.schema.createIndex('cases_source_idx').on('cases').columns(['source_kind', 'source_id']).execute();

  // A party is an organisation or a person; `org_id` is the organisation it answers through (a
  // person's own), so that a department finds the cases it or its staff are party to.
  await db.schema
    .createTable('case_parties')
    .addColumn('case_id', 'text', (column) => column.notNull().references('cases.id'))
    .addColumn('party_kind', 'text', (column) => column.notNull())
    .addColumn('party_id', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addPrimaryKeyConstraint('case_parties_pk', ['case_id', 'party_kind', 'party_id', 'role'])
    .execute();
  await db.schema.createIndex('case_parties_org_idx').on('case_parties').columns(['org_id', 'case_id']).execute();
  await db.schema.createIndex('case_parties_party_idx').on('case_parties').columns(['party_id', 'case_id']).execute();

  await db.schema
    .createTable('case_steps')
    .addColumn('case_id', 'text', (column) => column.notNull().references('cases.id'))
    .addColumn('at', 'text', (column) => column.notNull())
    .addColumn('actor_id', 'text', (column) => column.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('case_steps_case_idx').on('case_steps').columns(['case_id', 'at']).execute();

  // One statement per party: the unique key refuses a second, even from two requests at once.
  await db.schema
    .createTable('case_statements')
    .addColumn('case_id', 'text', (column) => column.notNull().references('cases.id'))
    .addColumn('party_kind', 'text', (column) => column.notNull())
    .addColumn('party_id', 'text', (column) => column.notNull())
    .addColumn('org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('text', 'text', (column) => column.notNull())
    .addColumn('evidence', 'text', (column) => column.notNull())
    .addColumn('submitted_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('case_statements_pk', ['case_id', 'party_kind', 'party_id'])
    .execute();

  await db.schema.alterTable('sanctions').addColumn('case_id', 'text', (column) => column.references('cases.id')).execute();
  await db.schema.createIndex('sanctions_case_idx').on('sanctions').column('case_id').execute();
}
