import type { Kysely } from 'kysely';
import type { LegalBasis, LegalBasisKind } from '../../core/identity/person.ts';
import type { Schema } from '../schema.ts';

function toLegalBasis(row: Schema['legal_bases']): LegalBasis {
  return { id: row.id, law: row.law, article: row.article, title: row.title, kind: row.kind as LegalBasisKind };
}

export class LegalBasisRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(basis: LegalBasis): Promise<void> {
    await this.db.insertInto('legal_bases').values(basis).execute();
  }

  async list(): Promise<LegalBasis[]> {
    const rows = await this.db.selectFrom('legal_bases').selectAll().orderBy('law').orderBy('article').execute();
    return rows.map(toLegalBasis);
  }

  async get(id: string): Promise<LegalBasis | undefined> {
    const row = await this.db.selectFrom('legal_bases').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toLegalBasis(row);
  }

  async find(law: string, article: string): Promise<LegalBasis | undefined> {
    const row = await this.db.selectFrom('legal_bases').selectAll().where('law', '=', law).where('article', '=', article).executeTakeFirst();
    return row && toLegalBasis(row);
  }

  /** The ids among `ids` that are registered. */
  async existing(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom('legal_bases').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((row) => row.id));
  }
}
