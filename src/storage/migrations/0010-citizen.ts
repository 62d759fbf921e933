import type { Kysely } from 'kysely';

/**
 * The citizen view (issue #8 §4): data subjects' own sessions, the OIDC logins under way, the
 * demo region's subject logins, and investigation hold-backs. A subject appears only as its
 * blind index (DESIGN §7): no table here holds a resident ID or USCC.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Apart from staff `sessions`: a subject's token can never be read as a staff member's, nor
  // the other way round, because each is looked up only in its own table.
  await db.schema
    .createTable('citizen_sessions')
    .addColumn('token_hash', 'text', (column) => column.primaryKey())
    .addColumn('id', 'text', (column) => column.notNull().unique())
    .addColumn('subject_index', 'text', (column) => column.notNull())
    .addColumn('subject_kind', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  // An authorization-code login between its start and the provider's answer: the state is kept
  // only as a hash; the PKCE verifier and nonce live for minutes and are used once (RFC 7636, OIDC Core §3.1.2.1).
  await db.schema
    .createTable('citizen_oidc_logins')
    .addColumn('state_hash', 'text', (column) => column.primaryKey())
    .addColumn('code_verifier', 'text', (column) => column.notNull())
    .addColumn('nonce', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // Written only by the demo seeding on the server itself: a database that was never seeded as
  // the demo has no row here, so the demo provider logs no one in.
  await db.schema
    .createTable('citizen_demo_subjects')
    .addColumn('login', 'text', (column) => column.primaryKey())
    .addColumn('subject_index', 'text', (column) => column.notNull())
    .addColumn('subject_kind', 'text', (column) => column.notNull())
    .addColumn('region_code', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  // An investigation hold-back (PIPL Art. 35 with Art. 18(1)): accesses under one grant from
  // `covers_from` on stay hidden from the subjects until `ends_at`, or until lifted earlier.
  await db.schema
    .createTable('hold_backs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('grant_id', 'text', (column) => column.notNull().references('grants.id'))
    .addColumn('supervisor_org_id', 'text', (column) => column.notNull().references('organisations.id'))
    .addColumn('created_by', 'text', (column) => column.notNull().references('people.id'))
    .addColumn('case_number', 'text', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('covers_from', 'text', (column) => column.notNull())
    .addColumn('ends_at', 'text', (column) => column.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text', (column) => column.references('people.id'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('hold_backs_grant_idx').on('hold_backs').columns(['grant_id', 'ends_at']).execute();
  await db.schema.createIndex('hold_backs_org_idx').on('hold_backs').columns(['supervisor_org_id', 'id']).execute();
}
