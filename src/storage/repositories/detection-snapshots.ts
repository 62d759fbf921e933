import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/** The detectors' state, one row: written over as the engine moves on. */
export class DetectionSnapshotRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async load(): Promise<{ state: string; lastSeq: number | null } | undefined> {
    const row = await this.db.selectFrom('detection_snapshots').select(['state', 'last_seq']).where('id', '=', 1).executeTakeFirst();
    return row && { state: row.state, lastSeq: row.last_seq === null ? null : Number(row.last_seq) };
  }

  async save(state: string, lastSeq: number | null, at: string): Promise<void> {
    await this.db
      .insertInto('detection_snapshots')
      .values({ id: 1, state, last_seq: lastSeq, saved_at: at })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ state, last_seq: lastSeq, saved_at: at }))
      .execute();
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('detection_snapshots').execute();
  }
}
