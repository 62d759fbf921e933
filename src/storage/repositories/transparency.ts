import type { Kysely } from 'kysely';
import type { Schema } from '../schema.ts';

/** [start, end) as UTC instants, the organisations to count for. */
export interface CountWindow {
  start: string;
  end: string;
  orgIds: readonly string[];
}

/** The gateway's answers (docs/audit-events.md): a denial is not exchange volume. */
const PERMITTED_ACTIONS = ['exchange.query.permitted', 'exchange.verify.permitted', 'exchange.export.permitted'];

function toCounts(rows: readonly { org: string | null; count: number | string | bigint }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.org !== null) counts.set(row.org, Number(row.count));
  return counts;
}

/**
 * Counts per organisation for the transparency report (issue #8 §6), each one aggregate query:
 * the database groups and counts, and no row of personal data is read into the process.
 */
export class TransparencyRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  /** Grants created in the window, by provider. */
  async grantsIssued(window: CountWindow): Promise<Map<string, number>> {
    if (window.orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('grants')
      .select((select) => ['provider_org_id as org', select.fn.countAll<number>().as('count')])
      .where('provider_org_id', 'in', window.orgIds)
      .where('created_at', '>=', window.start)
      .where('created_at', '<', window.end)
      .groupBy('provider_org_id')
      .execute();
    return toCounts(rows);
  }

  /**
   * Grants in force at `at`, by provider: created before it, expiring after it, and active then.
   * A grant keeps only its current status, so one that is no longer active counts when its last
   * change came at or after `at` (it was still in force then, unless it had been suspended and
   * resumed meanwhile, which this cannot see).
   */
  async grantsInForce(at: string, orgIds: readonly string[]): Promise<Map<string, number>> {
    if (orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('grants')
      .select((select) => ['provider_org_id as org', select.fn.countAll<number>().as('count')])
      .where('provider_org_id', 'in', orgIds)
      .where('created_at', '<', at)
      .where('expires_at', '>', at)
      .where((where) => where.or([where('status', '=', 'active'), where('updated_at', '>=', at)]))
      .groupBy('provider_org_id')
      .execute();
    return toCounts(rows);
  }

  /** Sharing requests refused in the window, by provider: a refusal is final, so its last change is when it was refused. */
  async refusals(window: CountWindow): Promise<Map<string, number>> {
    if (window.orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('sharing_requests')
      .select((select) => ['provider_org_id as org', select.fn.countAll<number>().as('count')])
      .where('provider_org_id', 'in', window.orgIds)
      .where('status', '=', 'refused')
      .where('updated_at', '>=', window.start)
      .where('updated_at', '<', window.end)
      .groupBy('provider_org_id')
      .execute();
    return toCounts(rows);
  }

  /** Gateway answers in the window, by the calling system's department (the audit entry's actor organisation). */
  async gatewayCalls(window: CountWindow): Promise<Map<string, number>> {
    if (window.orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('audit_entries')
      .select((select) => ['actor_org as org', select.fn.countAll<number>().as('count')])
      .where('time', '>=', window.start)
      .where('time', '<', window.end)
      .where('action', 'in', PERMITTED_ACTIONS)
      .where('actor_org', 'in', window.orgIds)
      .groupBy('actor_org')
      .execute();
    return toCounts(rows);
  }

  /** Records delivered in the window (one per data subject per answer), by consumer. */
  async recordsDelivered(window: CountWindow): Promise<Map<string, number>> {
    if (window.orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('access_records')
      .select((select) => ['consumer_org_id as org', select.fn.countAll<number>().as('count')])
      .where('consumer_org_id', 'in', window.orgIds)
      .where('at', '>=', window.start)
      .where('at', '<', window.end)
      .groupBy('consumer_org_id')
      .execute();
    return toCounts(rows);
  }

  /** Alerts raised in the window about the organisation's principals. */
  async alerts(window: CountWindow): Promise<Map<string, number>> {
    if (window.orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('alerts')
      .select((select) => ['org_id as org', select.fn.countAll<number>().as('count')])
      .where('org_id', 'in', window.orgIds)
      .where('raised_at', '>=', window.start)
      .where('raised_at', '<', window.end)
      .groupBy('org_id')
      .execute();
    return toCounts(rows);
  }

  /** Cases filed in the window that the organisation, or one of its people, is party to: each case once per organisation. */
  async cases(window: CountWindow): Promise<Map<string, number>> {
    if (window.orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('case_parties')
      .innerJoin('cases', 'cases.id', 'case_parties.case_id')
      .select((select) => ['case_parties.org_id as org', select.fn.count<number>('case_parties.case_id').distinct().as('count')])
      .where('case_parties.org_id', 'in', window.orgIds)
      .where('cases.filed_at', '>=', window.start)
      .where('cases.filed_at', '<', window.end)
      .groupBy('case_parties.org_id')
      .execute();
    return toCounts(rows);
  }

  /** Sanctions decided in the window, against the organisation or its people. */
  async sanctions(window: CountWindow): Promise<Map<string, number>> {
    if (window.orgIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('sanctions')
      .select((select) => ['org_id as org', select.fn.countAll<number>().as('count')])
      .where('org_id', 'in', window.orgIds)
      .where('decided_at', '>=', window.start)
      .where('decided_at', '<', window.end)
      .groupBy('org_id')
      .execute();
    return toCounts(rows);
  }
}
