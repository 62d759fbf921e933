import type { Kysely } from 'kysely';
import type { WorkingHours } from '../../core/calendar/index.ts';
import type { ContractTerms, Organisation } from '../../core/identity/organisation.ts';
import type { OrganisationKind } from '../../core/identity/roles.ts';
import type { Schema } from '../schema.ts';

function toOrganisation(row: Schema['organisations']): Organisation {
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    regionCode: row.region_code,
    kind: row.kind as OrganisationKind,
    duties: JSON.parse(row.duties) as string[],
    workingHours: JSON.parse(row.working_hours) as WorkingHours,
    contract: row.contract === null ? null : (JSON.parse(row.contract) as ContractTerms),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(organisation: Organisation): Schema['organisations'] {
  return {
    id: organisation.id,
    name: organisation.name,
    uscc: organisation.uscc,
    region_code: organisation.regionCode,
    kind: organisation.kind,
    duties: JSON.stringify(organisation.duties),
    working_hours: JSON.stringify(organisation.workingHours),
    contract: organisation.contract === null ? null : JSON.stringify(organisation.contract),
    created_at: organisation.createdAt,
    updated_at: organisation.updatedAt,
  };
}

export interface OrganisationFilter {
  regionCode?: string | undefined;
  kind?: OrganisationKind | undefined;
  ids?: string[] | undefined;
  after?: string | undefined;
  limit: number;
}

export class OrganisationRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(organisation: Organisation): Promise<void> {
    await this.db.insertInto('organisations').values(toRow(organisation)).execute();
  }

  async update(organisation: Organisation): Promise<void> {
    const { id: _id, created_at: _created, ...changes } = toRow(organisation);
    await this.db.updateTable('organisations').set(changes).where('id', '=', organisation.id).execute();
  }

  async get(id: string): Promise<Organisation | undefined> {
    const row = await this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOrganisation(row);
  }

  async getByUscc(uscc: string): Promise<Organisation | undefined> {
    const row = await this.db.selectFrom('organisations').selectAll().where('uscc', '=', uscc).executeTakeFirst();
    return row && toOrganisation(row);
  }

  async list(filter: OrganisationFilter): Promise<Organisation[]> {
    if (filter.ids?.length === 0) return [];
    let query = this.db.selectFrom('organisations').selectAll();
    if (filter.regionCode) query = query.where('region_code', '=', filter.regionCode);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.ids) query = query.where('id', 'in', filter.ids);
    if (filter.after) query = query.where('id', '>', filter.after);
    const rows = await query.orderBy('id').limit(filter.limit).execute();
    return rows.map(toOrganisation);
  }
}
