import type { Kysely } from 'kysely';
import type { Purpose } from '../../core/sharing/purpose.ts';
import type { Schema } from '../schema.ts';

function toPurpose(row: Schema['purposes']): Purpose {
  return { regionCode: row.region_code, code: row.code, name: row.name, dutyCodes: JSON.parse(row.duty_codes) as string[] };
}

export class PurposeRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async list(regionCode: string): Promise<Purpose[]> {
    const rows = await this.db.selectFrom('purposes').selectAll().where('region_code', '=', regionCode).orderBy('code').execute();
    return rows.map(toPurpose);
  }

  /** The first region of `regionCodes` (nearest first) that lists `code`. */
  async find(regionCodes: string[], code: string): Promise<Purpose | undefined> {
    if (regionCodes.length === 0) return undefined;
    const rows = await this.db.selectFrom('purposes').selectAll().where('region_code', 'in', regionCodes).where('code', '=', code).execute();
    const found = rows.map(toPurpose);
    return regionCodes.map((region) => found.find((purpose) => purpose.regionCode === region)).find((purpose) => purpose !== undefined);
  }

  async put(purpose: Purpose): Promise<void> {
    const values = { name: purpose.name, duty_codes: JSON.stringify(purpose.dutyCodes) };
    await this.db
      .insertInto('purposes')
      .values({ region_code: purpose.regionCode, code: purpose.code, ...values })
      .onConflict((conflict) => conflict.columns(['region_code', 'code']).doUpdateSet(values))
      .execute();
  }
}
