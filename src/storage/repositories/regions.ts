import type { Kysely } from 'kysely';
import type { DutyCode, Region, RegionLevel, RegionSettings, StoredSchedule } from '../../core/region/region.ts';
import type { Schema } from '../schema.ts';

type RegionRow = Schema['regions'];

function toRegion(row: RegionRow): Region {
  return {
    code: row.code,
    name: row.name,
    level: row.level as RegionLevel,
    parentCode: row.parent_code,
    supervisorOrgId: row.supervisor_org_id,
    settings: JSON.parse(row.settings) as RegionSettings,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class RegionRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(region: Region): Promise<void> {
    await this.db
      .insertInto('regions')
      .values({
        code: region.code,
        name: region.name,
        level: region.level,
        parent_code: region.parentCode,
        supervisor_org_id: region.supervisorOrgId,
        settings: JSON.stringify(region.settings),
        created_at: region.createdAt,
        updated_at: region.updatedAt,
      })
      .execute();
  }

  async get(code: string): Promise<Region | undefined> {
    const row = await this.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
    return row && toRegion(row);
  }

  async list(): Promise<Region[]> {
    const rows = await this.db.selectFrom('regions').selectAll().orderBy('code').execute();
    return rows.map(toRegion);
  }

  async update(region: Region): Promise<void> {
    await this.db
      .updateTable('regions')
      .set({ name: region.name, supervisor_org_id: region.supervisorOrgId, settings: JSON.stringify(region.settings), updated_at: region.updatedAt })
      .where('code', '=', region.code)
      .execute();
  }

  async schedules(scopes: string[]): Promise<StoredSchedule[]> {
    const rows = await this.db.selectFrom('calendar_schedules').selectAll().where('scope', 'in', scopes).orderBy('year').execute();
    return rows.map((row) => ({
      scope: row.scope,
      year: row.year,
      source: row.source,
      holidays: JSON.parse(row.holidays) as string[],
      makeUpWorkdays: JSON.parse(row.make_up_workdays) as string[],
    }));
  }

  async putSchedule(schedule: StoredSchedule): Promise<void> {
    const values = { source: schedule.source, holidays: JSON.stringify(schedule.holidays), make_up_workdays: JSON.stringify(schedule.makeUpWorkdays) };
    await this.db
      .insertInto('calendar_schedules')
      .values({ scope: schedule.scope, year: schedule.year, ...values })
      .onConflict((conflict) => conflict.columns(['scope', 'year']).doUpdateSet(values))
      .execute();
  }

  async duties(regionCode: string): Promise<DutyCode[]> {
    const rows = await this.db.selectFrom('duty_codes').selectAll().where('region_code', '=', regionCode).orderBy('code').execute();
    return rows.map((row) => ({ regionCode: row.region_code, code: row.code, name: row.name }));
  }

  async putDuty(duty: DutyCode): Promise<void> {
    await this.db
      .insertInto('duty_codes')
      .values({ region_code: duty.regionCode, code: duty.code, name: duty.name })
      .onConflict((conflict) => conflict.columns(['region_code', 'code']).doUpdateSet({ name: duty.name }))
      .execute();
  }
}
