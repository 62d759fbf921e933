import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/** What the `document` column keeps beside the indexed columns: the proof of consent and who recorded it. */
export interface ConsentDocument {
  /** A reference to the signed form or electronic record (PIPL Art. 14: consent must be demonstrable). */
  evidence: string;
  recordedBy: string;
}

/**
 * One consent of a data subject to one consumer department, for one purpose and optionally one
 * resource (PIPL Arts. 13(1), 14). The subject appears only as its blind index.
 */
export interface ConsentRecord {
  id: string;
  subjectIndex: string;
  consumerOrgId: string;
  purposeCode: string;
  /** null: the consent covers every resource used for the purpose. */
  resourceCode: string | null;
  givenAt: string;
  withdrawnAt: string | null;
  document: ConsentDocument;
  createdAt: string;
}

export interface ConsentPageQuery {
  limit: number;
  /** The id of the last consent already seen; the page continues below it. */
  before?: string | undefined;
  purposeCode?: string | undefined;
}

/** Bound parameters per statement: well under PostgreSQL's 65535 and SQLite's 32766. */
const IN_LIST_CHUNK = 500;

function toConsent(row: Schema['consents']): ConsentRecord {
  return {
    id: row.id,
    subjectIndex: row.subject_index,
    consumerOrgId: row.consumer_org_id,
    purposeCode: row.purpose_code,
    resourceCode: row.resource_code,
    givenAt: row.given_at,
    withdrawnAt: row.withdrawn_at,
    document: JSON.parse(row.document) as ConsentDocument,
    createdAt: row.created_at,
  };
}

/** The consent registry (个人同意登记). Instants are ISO strings in UTC, so they compare as text. */
export class ConsentRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(consent: ConsentRecord): Promise<void> {
    await this.db
      .insertInto('consents')
      .values({
        id: consent.id,
        subject_index: consent.subjectIndex,
        consumer_org_id: consent.consumerOrgId,
        purpose_code: consent.purposeCode,
        resource_code: consent.resourceCode,
        given_at: consent.givenAt,
        withdrawn_at: consent.withdrawnAt,
        document: JSON.stringify(consent.document),
        created_at: consent.createdAt,
      })
      .execute();
  }

  async get(id: string): Promise<ConsentRecord | undefined> {
    const row = await this.db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toConsent(row);
  }

  /** Marks a consent withdrawn (PIPL Art. 15). False if it was already withdrawn or does not exist. */
  async withdraw(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('consents').set({ withdrawn_at: at }).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A consumer's consents, newest first, by keyset on the time-ordered id. */
  async listByConsumer(orgId: string, query: ConsentPageQuery): Promise<ConsentRecord[]> {
    let select = this.db.selectFrom('consents').selectAll().where('consumer_org_id', '=', orgId);
    if (query.before) select = select.where('id', '<', query.before);
    if (query.purposeCode) select = select.where('purpose_code', '=', query.purposeCode);
    const rows = await select.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toConsent);
  }

  /** Every consent of one subject, to any department, newest first: what the citizen view shows. */
  async bySubject(subjectIndex: string, limit: number): Promise<ConsentRecord[]> {
    const rows = await this.db.selectFrom('consents').selectAll().where('subject_index', '=', subjectIndex).orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toConsent);
  }

  /** A subject's consents to one consumer for one purpose that have not been withdrawn, any resource. */
  async unwithdrawn(subjectIndex: string, consumerOrgId: string, purposeCode: string): Promise<ConsentRecord[]> {
    const rows = await this.db
      .selectFrom('consents')
      .selectAll()
      .where('subject_index', '=', subjectIndex)
      .where('consumer_org_id', '=', consumerOrgId)
      .where('purpose_code', '=', purposeCode)
      .where('withdrawn_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(toConsent);
  }

  /**
   * Whether the subject's consent was in force at `at`: given at or before it, and not withdrawn
   * by then. A consent without a resource covers every resource of its purpose; asking with a
   * null resource asks for exactly such a purpose-wide consent.
   */
  async activeFor(subjectIndex: string, consumerOrgId: string, purposeCode: string, resourceCode: string | null, at: Date): Promise<boolean> {
    const found = await this.activeQuery(consumerOrgId, purposeCode, resourceCode, at).where('subject_index', '=', subjectIndex).select('id').limit(1).executeTakeFirst();
    return found !== undefined;
  }

  /** Of the given subjects, those whose consent was in force at `at`: the gateway's batch filter. */
  async activeSubjects(subjectIndexes: string[], consumerOrgId: string, purposeCode: string, resourceCode: string, at: Date): Promise<Set<string>> {
    const unique = [...new Set(subjectIndexes)];
    const active = new Set<string>();
    for (let start = 0; start < unique.length; start += IN_LIST_CHUNK) {
      const chunk = unique.slice(start, start + IN_LIST_CHUNK);
      const rows = await this.activeQuery(consumerOrgId, purposeCode, resourceCode, at).where('subject_index', 'in', chunk).select('subject_index').distinct().execute();
      for (const row of rows) active.add(row.subject_index);
    }
    return active;
  }

  private activeQuery(consumerOrgId: string, purposeCode: string, resourceCode: string | null, at: Date) {
    const instant = at.toISOString();
    return this.db
      .selectFrom('consents')
      .where('consumer_org_id', '=', consumerOrgId)
      .where('purpose_code', '=', purposeCode)
      .where((where) => (resourceCode === null ? where('resource_code', 'is', null) : where.or([where('resource_code', 'is', null), where('resource_code', '=', resourceCode)])))
      .where('given_at', '<=', instant)
      .where((where) => where.or([where('withdrawn_at', 'is', null), where('withdrawn_at', '>', instant)]));
  }
}
