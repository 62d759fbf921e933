import { sql, type Kysely } from 'kysely';
import { gradeRank, type Grade } from '../../core/catalog/grade.ts';
import type { PiClass, Resource, ResourceStatus, SharingType } from '../../core/catalog/resource.ts';
import { indexTerms, normaliseSearchText, queryPhrases, queryTerms } from '../../core/catalog/search-terms.ts';
import type { Schema } from '../schema.ts';

export interface ResourceVersion {
  version: number;
  status: ResourceStatus;
  resource: Resource;
  changedBy: string;
  changedAt: string;
  note: string;
}

export interface ResourceSearch {
  text?: string | undefined;
  providerOrgId?: string | undefined;
  sharingType?: SharingType | undefined;
  grade?: Grade | undefined;
  piClass?: PiClass | undefined;
  status?: ResourceStatus | undefined;
  /** Published entries are visible to all; drafts and retired ones only to their provider. */
  viewerOrgId: string | null;
  /** Sees every entry: the supervision authority and the platform's auditors. */
  seesAll: boolean;
  /** Keyset cursor: the id of the last entry of the previous page (newest first). */
  before?: string | undefined;
  limit: number;
}

function toRow(resource: Resource): Schema['resources'] {
  return {
    id: resource.id,
    code: resource.code,
    provider_org_id: resource.providerOrgId,
    status: resource.status,
    version: resource.version,
    name: resource.name,
    summary: resource.summary,
    grade: resource.grade,
    grade_rank: gradeRank(resource.grade),
    sharing_type: resource.sharing.type,
    pi_class: resource.piClass,
    document: JSON.stringify(resource),
    created_at: resource.createdAt,
    updated_at: resource.updatedAt,
    published_at: resource.publishDate,
  };
}

function toResource(row: { document: string }): Resource {
  return JSON.parse(row.document) as Resource;
}

/** How many candidate rows one search round reads before confirming phrases in memory. */
const SEARCH_BATCH = 200;

export class ResourceRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(resource: Resource): Promise<void> {
    await this.db.insertInto('resources').values(toRow(resource)).execute();
    await this.writeTerms(resource);
  }

  async update(resource: Resource): Promise<void> {
    const { id: _id, created_at: _created, ...changes } = toRow(resource);
    await this.db.updateTable('resources').set(changes).where('id', '=', resource.id).execute();
    await this.db.deleteFrom('resource_terms').where('resource_id', '=', resource.id).execute();
    await this.writeTerms(resource);
  }

  private async writeTerms(resource: Resource): Promise<void> {
    const terms = indexTerms(resource.name, resource.summary);
    // Chunked so one statement stays under SQLite's parameter limit.
    for (let start = 0; start < terms.length; start += 400) {
      const chunk = terms.slice(start, start + 400).map((term) => ({ term, resource_id: resource.id }));
      await this.db.insertInto('resource_terms').values(chunk).execute();
    }
  }

  async getByCode(code: string): Promise<Resource | undefined> {
    const row = await this.db.selectFrom('resources').select('document').where('code', '=', code).executeTakeFirst();
    return row && toResource(row);
  }

  async addVersion(version: ResourceVersion): Promise<void> {
    await this.db
      .insertInto('resource_versions')
      .values({
        resource_id: version.resource.id,
        version: version.version,
        status: version.status,
        document: JSON.stringify(version.resource),
        changed_by: version.changedBy,
        changed_at: version.changedAt,
        note: version.note,
      })
      .execute();
  }

  async versions(resourceId: string): Promise<ResourceVersion[]> {
    const rows = await this.db.selectFrom('resource_versions').selectAll().where('resource_id', '=', resourceId).orderBy('version').execute();
    return rows.map((row) => ({
      version: row.version,
      status: row.status as ResourceStatus,
      resource: toResource(row),
      changedBy: row.changed_by,
      changedAt: row.changed_at,
      note: row.note,
    }));
  }

  /**
   * Search with the character n-gram index. The rarest-looking term (the longest, then first)
   * drives an ordered index scan; the others must exist too; the phrase itself is confirmed in
   * memory, since sharing all bigrams does not make a substring.
   */
  async search(search: ResourceSearch): Promise<Resource[]> {
    const terms = search.text ? queryTerms(search.text) : [];
    const phrases = search.text ? queryPhrases(search.text) : [];
    // A query with nothing searchable in it (only punctuation) matches nothing, not everything.
    if (search.text !== undefined && search.text.trim() !== '' && terms.length === 0) return [];
    const found: Resource[] = [];
    let before = search.before;
    for (;;) {
      const batch = await this.candidates(search, terms, before, phrases.length > 0 ? SEARCH_BATCH : search.limit);
      for (const row of batch) {
        const resource = toResource(row);
        const haystack = normaliseSearchText(`${resource.name}\n${resource.summary}`);
        if (phrases.every((phrase) => haystack.includes(phrase))) found.push(resource);
        if (found.length === search.limit) return found;
      }
      if (batch.length < (phrases.length > 0 ? SEARCH_BATCH : search.limit)) return found;
      before = batch[batch.length - 1]!.id;
    }
  }

  private async candidates(search: ResourceSearch, terms: string[], before: string | undefined, limit: number): Promise<{ id: string; document: string }[]> {
    const [lead, ...rest] = terms;
    let query = this.db.selectFrom('resources as r').select(['r.id', 'r.document']);
    if (lead !== undefined) {
      query = query.innerJoin('resource_terms as t', 't.resource_id', 'r.id').where('t.term', '=', lead);
      for (const term of rest) {
        query = query.where(({ exists, selectFrom }) =>
          exists(selectFrom('resource_terms as o').select(sql`1`.as('one')).where('o.term', '=', term).whereRef('o.resource_id', '=', 'r.id')),
        );
      }
    }
    if (!search.seesAll) {
      const viewer = search.viewerOrgId;
      query = query.where((where) => (viewer === null ? where('r.status', '=', 'published') : where.or([where('r.status', '=', 'published'), where('r.provider_org_id', '=', viewer)])));
    }
    if (search.status) query = query.where('r.status', '=', search.status);
    if (search.providerOrgId) query = query.where('r.provider_org_id', '=', search.providerOrgId);
    if (search.sharingType) query = query.where('r.sharing_type', '=', search.sharingType);
    if (search.grade) query = query.where('r.grade', '=', search.grade);
    if (search.piClass) query = query.where('r.pi_class', '=', search.piClass);
    // Ordering by the posting's own column lets the (term, resource_id) key serve the scan.
    const order = sql.ref<string>(lead !== undefined ? 't.resource_id' : 'r.id');
    if (before) query = query.where(order, '<', before);
    return query.orderBy(order, 'desc').limit(limit).execute();
  }
}
