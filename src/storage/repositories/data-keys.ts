import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/** A resource's data key as stored: only ever wrapped by a key-encryption key of the key store. */
export interface StoredDataKey {
  resourceCode: string;
  suite: string;
  kekId: string;
  wrapped: string;
  createdAt: string;
  rewrappedAt: string | null;
}

function toDataKey(row: Schema['data_keys']): StoredDataKey {
  return { resourceCode: row.resource_code, suite: row.suite, kekId: row.kek_id, wrapped: row.wrapped, createdAt: row.created_at, rewrappedAt: row.rewrapped_at };
}

export class DataKeyRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async get(resourceCode: string): Promise<StoredDataKey | undefined> {
    const row = await this.db.selectFrom('data_keys').selectAll().where('resource_code', '=', resourceCode).executeTakeFirst();
    return row && toDataKey(row);
  }

  async insert(key: StoredDataKey): Promise<void> {
    await this.db
      .insertInto('data_keys')
      .values({ resource_code: key.resourceCode, suite: key.suite, kek_id: key.kekId, wrapped: key.wrapped, created_at: key.createdAt, rewrapped_at: key.rewrappedAt })
      .execute();
  }

  /** Data keys still wrapped by a key-encryption key other than `kekId`: what a rotation rewraps. */
  async wrappedByOtherThan(kekId: string): Promise<StoredDataKey[]> {
    return (await this.db.selectFrom('data_keys').selectAll().where('kek_id', '!=', kekId).orderBy('resource_code').execute()).map(toDataKey);
  }

  async countByKek(kekId: string): Promise<number> {
    const row = await this.db.selectFrom('data_keys').select((select) => select.fn.countAll<number>().as('count')).where('kek_id', '=', kekId).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Replaces the wrapping only; the data key itself, and so every ciphertext, stays the same. */
  async rewrap(resourceCode: string, kekId: string, wrapped: string, at: string): Promise<void> {
    await this.db.updateTable('data_keys').set({ kek_id: kekId, wrapped, rewrapped_at: at }).where('resource_code', '=', resourceCode).execute();
  }
}
