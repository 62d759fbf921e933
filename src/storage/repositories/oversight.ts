import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/**
 * What the risk assessment reads about a consumer's record: open alerts (active defence) and
 * sanctions (accountability). An alert weighs while it is open, acknowledged or contained.
 */
export class OversightRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async openAlerts(orgId: string): Promise<number> {
    const row = await this.db.selectFrom('alerts').select((select) => select.fn.countAll<number>().as('count')).where('org_id', '=', orgId).where('status', 'in', ['open', 'acknowledged', 'contained']).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async sanctionsSince(orgId: string, since: string): Promise<number> {
    const row = await this.db.selectFrom('sanctions').select((select) => select.fn.countAll<number>().as('count')).where('org_id', '=', orgId).where('decided_at', '>=', since).executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
