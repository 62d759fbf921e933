import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

export type DatasetMode = 'hosted' | 'proxy';

export interface Dataset {
  resourceCode: string;
  providerOrgId: string;
  mode: DatasetMode;
  /** The hosted version in force; 0 before the first load or for a proxy. */
  version: number;
  rowCount: number;
  upstreamUrl: string | null;
  updatedBy: string;
  updatedAt: string;
}

/**
 * A stored row: plain values of items kept in clear (`plain`), ciphertexts of encrypted items
 * (`sealed`, base64url, bound to resource, item and row). A value that is absent is null in `plain`.
 */
export interface StoredRow {
  version: number;
  rowNumber: number;
  subjectIndex: string;
  regionCode: string | null;
  plain: Record<string, string | null>;
  sealed: Record<string, string>;
}

export interface TermRow {
  itemCode: string;
  term: string;
  rowNumber: number;
}

export interface RowSelection {
  terms: readonly Omit<TermRow, 'rowNumber'>[];
  subjectIndex: string | null;
  /** Rows whose subject's division code starts with one of these; null for every region. */
  regionPrefixes: readonly string[] | null;
  afterRow: number;
  limit: number;
}

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const INSERT_CHUNK = 500;

function toDataset(row: Schema['datasets']): Dataset {
  return {
    resourceCode: row.resource_code,
    providerOrgId: row.provider_org_id,
    mode: row.mode as DatasetMode,
    version: Number(row.version),
    rowCount: Number(row.row_count),
    upstreamUrl: row.upstream_url,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function toStoredRow(row: { version: number; row_number: number; subject_index: string; region_code: string | null; document: string }): StoredRow {
  const document = JSON.parse(row.document) as { plain: Record<string, string | null>; sealed: Record<string, string> };
  return { version: Number(row.version), rowNumber: Number(row.row_number), subjectIndex: row.subject_index, regionCode: row.region_code, plain: document.plain, sealed: document.sealed };
}

/** Hosted datasets: versions of rows, loaded aside and switched to in one small write. */
export class DatasetRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async get(resourceCode: string): Promise<Dataset | undefined> {
    const row = await this.db.selectFrom('datasets').selectAll().where('resource_code', '=', resourceCode).executeTakeFirst();
    return row && toDataset(row);
  }

  async list(providerOrgId: string | undefined): Promise<Dataset[]> {
    let query = this.db.selectFrom('datasets').selectAll();
    if (providerOrgId) query = query.where('provider_org_id', '=', providerOrgId);
    return (await query.orderBy('resource_code').execute()).map(toDataset);
  }

  /** The highest version ever written for the resource, in force or abandoned. */
  async latestVersion(resourceCode: string): Promise<number> {
    const row = await this.db.selectFrom('dataset_rows').select((select) => select.fn.max('version').as('version')).where('resource_code', '=', resourceCode).executeTakeFirst();
    const current = await this.get(resourceCode);
    return Math.max(Number(row?.version ?? 0), current?.version ?? 0);
  }

  /** Rows of one version (each row's own `version` is not consulted). */
  async insertRows(resourceCode: string, version: number, rows: readonly StoredRow[], terms: readonly TermRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const values = rows.slice(start, start + INSERT_CHUNK).map((row) => ({
        resource_code: resourceCode,
        version,
        row_number: row.rowNumber,
        subject_index: row.subjectIndex,
        region_code: row.regionCode,
        document: JSON.stringify({ plain: row.plain, sealed: row.sealed }),
      }));
      await this.db.insertInto('dataset_rows').values(values).execute();
    }
    for (let start = 0; start < terms.length; start += INSERT_CHUNK) {
      const values = terms.slice(start, start + INSERT_CHUNK).map((term) => ({ resource_code: resourceCode, version, item_code: term.itemCode, term: term.term, row_number: term.rowNumber }));
      await this.db.insertInto('dataset_terms').values(values).execute();
    }
  }

  /** Makes `dataset` the one in force: inserted the first time, replaced after. */
  async save(dataset: Dataset): Promise<void> {
    const values = {
      resource_code: dataset.resourceCode,
      provider_org_id: dataset.providerOrgId,
      mode: dataset.mode,
      version: dataset.version,
      row_count: dataset.rowCount,
      upstream_url: dataset.upstreamUrl,
      updated_by: dataset.updatedBy,
      updated_at: dataset.updatedAt,
    };
    const { resource_code: _code, ...changes } = values;
    await this.db.insertInto('datasets').values(values).onConflict((conflict) => conflict.column('resource_code').doUpdateSet(changes)).execute();
  }

  /** Deletes every version but `keep` (a replaced version, or a load that did not finish). */
  async deleteOtherVersions(resourceCode: string, keep: number): Promise<void> {
    await this.db.deleteFrom('dataset_terms').where('resource_code', '=', resourceCode).where('version', '!=', keep).execute();
    await this.db.deleteFrom('dataset_rows').where('resource_code', '=', resourceCode).where('version', '!=', keep).execute();
  }

  /**
   * Refreshes the planner's statistics after a load: without them, SQLite and PostgreSQL may walk
   * the whole table in row order instead of using the subject and term indexes.
   */
  async analyse(): Promise<void> {
    await sql`analyze dataset_rows`.execute(this.db);
    await sql`analyze dataset_terms`.execute(this.db);
  }

  async deleteVersion(resourceCode: string, version: number): Promise<void> {
    await this.db.deleteFrom('dataset_terms').where('resource_code', '=', resourceCode).where('version', '=', version).execute();
    await this.db.deleteFrom('dataset_rows').where('resource_code', '=', resourceCode).where('version', '=', version).execute();
  }

  /**
   * In-force rows, optionally of one subject (by its blind index) and matching every term (item
   * code and keyed hash of the value), after `afterRow` in row order: a query's selection, made
   * without plaintext in the query. Written as SQL text rather than with the query builder: it
   * runs on every gateway call, where building the query cost more than running it.
   */
  async find(resourceCode: string, selection: RowSelection): Promise<StoredRow[]> {
    const { terms, subjectIndex, regionPrefixes, afterRow, limit } = selection;
    const conditions = [sql`r.resource_code = ${resourceCode}`, sql`r.row_number > ${afterRow}`];
    if (subjectIndex !== null) conditions.push(sql`r.subject_index = ${subjectIndex}`);
    if (regionPrefixes !== null) conditions.push(sql`(${sql.join(regionPrefixes.map((prefix) => sql`r.region_code like ${`${prefix}%`}`), sql` or `)})`);
    // Uncorrelated, so that both databases read the matching row numbers from the term index
    // once: PostgreSQL re-ran a subquery that named d.version for every row of the resource
    // (3 s for a filtered page of 5,000 rows).
    for (const term of terms) {
      conditions.push(sql`r.row_number in (select t.row_number from dataset_terms t where t.resource_code = ${resourceCode} and t.version = (select v.version from datasets v where v.resource_code = ${resourceCode}) and t.item_code = ${term.itemCode} and t.term = ${term.term})`);
    }
    const query = sql<{ version: number; row_number: number; subject_index: string; region_code: string | null; document: string }>`
      select r.version, r.row_number, r.subject_index, r.region_code, r.document
      from dataset_rows r join datasets d on d.resource_code = r.resource_code and d.version = r.version
      where ${sql.join(conditions, sql` and `)}
      order by r.row_number limit ${limit}`;
    return (await query.execute(this.db)).rows.map(toStoredRow);
  }
}
