import { sql, type Kysely } from 'kysely';
import type { Grant, GrantStatus } from '../../core/sharing/grant.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Schema } from '../schema.ts';

export interface GrantSearch {
  viewerOrgId: string;
  seesAll: boolean;
  status?: GrantStatus | undefined;
  resourceCode?: string | undefined;
  consumerOrgId?: string | undefined;
  before?: string | undefined;
  limit: number;
}

function toRow(grant: Grant): Schema['grants'] {
  return {
    id: grant.id,
    request_id: grant.requestId,
    consumer_org_id: grant.consumerOrgId,
    provider_org_id: grant.providerOrgId,
    supervisor_org_id: grant.supervisorOrgId,
    resource_code: grant.resourceCode,
    status: grant.status,
    expires_at: grant.expiresAt,
    review_due_at: grant.reviewDueAt,
    policy_version: grant.policyVersion,
    revision: grant.revision,
    document: JSON.stringify(grant),
    created_at: grant.createdAt,
    updated_at: grant.updatedAt,
  };
}

function toGrant(row: { document: string }): Grant {
  return JSON.parse(row.document) as Grant;
}

export class GrantRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(grant: Grant): Promise<void> {
    await this.db.insertInto('grants').values(toRow(grant)).execute();
  }

  /**
   * Writes a change made to the grant as read at `grant.revision`, and returns it at the next
   * revision. If someone else changed it meanwhile, nothing is written: CONFLICT.
   */
  async update(grant: Grant): Promise<Grant> {
    const next = { ...grant, revision: grant.revision + 1 };
    const { id: _id, created_at: _created, ...changes } = toRow(next);
    const result = await this.db.updateTable('grants').set(changes).where('id', '=', grant.id).where('revision', '=', grant.revision).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', '记录已被他人修改，请刷新后重试 / it was changed meanwhile; reload and try again');
    return next;
  }

  async get(id: string): Promise<Grant | undefined> {
    const row = await this.db.selectFrom('grants').select('document').where('id', '=', id).executeTakeFirst();
    return row && toGrant(row);
  }

  async search(search: GrantSearch): Promise<Grant[]> {
    let query = this.db.selectFrom('grants').select('document');
    if (!search.seesAll) {
      const org = search.viewerOrgId;
      query = query.where((where) => where.or([where('consumer_org_id', '=', org), where('provider_org_id', '=', org), where('supervisor_org_id', '=', org)]));
    }
    if (search.status) query = query.where('status', '=', search.status);
    if (search.resourceCode) query = query.where('resource_code', '=', search.resourceCode);
    if (search.consumerOrgId) query = query.where('consumer_org_id', '=', search.consumerOrgId);
    if (search.before) query = query.where('id', '<', search.before);
    const rows = await query.orderBy('id', 'desc').limit(search.limit).execute();
    return rows.map(toGrant);
  }

  /**
   * A consumer's grants that are active or suspended — held, if not usable this minute (the
   * caller checks their period): what duplicate collection and aggregation look at.
   */
  async heldByConsumer(consumerOrgId: string): Promise<Grant[]> {
    const rows = await this.db.selectFrom('grants').select('document').where('consumer_org_id', '=', consumerOrgId).where('status', 'in', ['active', 'suspended']).orderBy('id').execute();
    return rows.map(toGrant);
  }

  /** Every grant of a consumer for a resource that has not ended by expiry, newest first: what the gateway compiles. */
  async forGateway(consumerOrgId: string, resourceCode: string): Promise<Grant[]> {
    const rows = await this.db.selectFrom('grants').select('document').where('consumer_org_id', '=', consumerOrgId).where('resource_code', '=', resourceCode).where('status', '!=', 'expired').orderBy('id', 'desc').execute();
    return rows.map(toGrant);
  }

  /** A resource's active or suspended grants: those a re-grading sends to review. */
  async heldForResource(resourceCode: string): Promise<Grant[]> {
    const rows = await this.db.selectFrom('grants').select('document').where('resource_code', '=', resourceCode).where('status', 'in', ['active', 'suspended']).orderBy('id').execute();
    return rows.map(toGrant);
  }

  /** Active or suspended grants whose end has passed. */
  async expired(now: string, limit: number): Promise<Grant[]> {
    const rows = await this.db.selectFrom('grants').select('document').where('status', 'in', ['active', 'suspended']).where('expires_at', '<', now).orderBy('expires_at').limit(limit).execute();
    return rows.map(toGrant);
  }

  /**
   * Grants in `statuses` whose review date is at or before `now`: active ones for the sweep,
   * active and suspended ones for the supervisor's review inbox.
   */
  async reviewDue(now: string, limit: number, statuses: readonly GrantStatus[], options: { supervisorOrgId?: string; after?: Pick<Grant, 'reviewDueAt' | 'id'> } = {}): Promise<Grant[]> {
    let query = this.db.selectFrom('grants').select('document').where('status', 'in', [...statuses]).where('review_due_at', '<=', now);
    if (options.supervisorOrgId) query = query.where('supervisor_org_id', '=', options.supervisorOrgId);
    const after = options.after;
    if (after?.reviewDueAt) {
      const due = after.reviewDueAt;
      // Keyset paging on (review_due_at, id), so a sweep reaches every due grant however many wait.
      query = query.where((where) => where.or([where('review_due_at', '>', due), where.and([where('review_due_at', '=', due), where('id', '>', after.id)])]));
    }
    const rows = await query.orderBy('review_due_at').orderBy('id').limit(limit).execute();
    return rows.map(toGrant);
  }

  /** Every grant an organisation gave, took or supervises, oldest first: the sharing ledger. */
  async ledger(viewerOrgId: string, seesAll: boolean): Promise<Grant[]> {
    let query = this.db.selectFrom('grants').select('document');
    if (!seesAll) query = query.where((where) => where.or([where('consumer_org_id', '=', viewerOrgId), where('provider_org_id', '=', viewerOrgId), where('supervisor_org_id', '=', viewerOrgId)]));
    const rows = await query.orderBy('id').execute();
    return rows.map(toGrant);
  }

  /** Bumps the platform's policy version and returns the new value; the row lock orders concurrent changes. */
  async bumpPolicyVersion(): Promise<number> {
    await this.db.updateTable('policy_counter').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
    return this.policyVersion();
  }

  /**
   * One indexed read: the gateway compares it with the version its cached grants were loaded at.
   * SQL text, not the query builder: it runs on every gateway call.
   */
  async policyVersion(): Promise<number> {
    const { rows } = await sql<{ version: number | string }>`select version from policy_counter where id = 1`.execute(this.db);
    return Number(rows[0]!.version);
  }
}
