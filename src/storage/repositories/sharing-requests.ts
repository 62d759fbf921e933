import type { Kysely } from 'kysely';
import type { RequestStatus, RequestStep, SharingRequest } from '../../core/sharing/request.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Schema } from '../schema.ts';

export interface RequestSearch {
  /** The organisation looking: it sees requests it made, must answer, or supervises. */
  viewerOrgId: string;
  seesAll: boolean;
  status?: RequestStatus | undefined;
  step?: RequestStep | undefined;
  resourceCode?: string | undefined;
  before?: string | undefined;
  limit: number;
}

function toRow(request: SharingRequest): Schema['sharing_requests'] {
  return {
    id: request.id,
    consumer_org_id: request.consumerOrgId,
    provider_org_id: request.providerOrgId,
    supervisor_org_id: request.supervisorOrgId,
    resource_code: request.resourceCode,
    status: request.status,
    step: request.step,
    step_due_at: request.stepDueAt,
    revision: request.revision,
    escalated: request.steps.some((step) => step.decidedAt === null && step.escalatedAt !== null) ? 1 : 0,
    document: JSON.stringify(request),
    created_at: request.createdAt,
    updated_at: request.updatedAt,
  };
}

function toRequest(row: { document: string }): SharingRequest {
  return JSON.parse(row.document) as SharingRequest;
}

export class SharingRequestRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(request: SharingRequest): Promise<void> {
    await this.db.insertInto('sharing_requests').values(toRow(request)).execute();
  }

  /**
   * Writes a change made to the request as read at `request.revision`, and returns it at the next
   * revision. If someone else changed it meanwhile, nothing is written: CONFLICT.
   */
  async update(request: SharingRequest): Promise<SharingRequest> {
    const next = { ...request, revision: request.revision + 1 };
    const { id: _id, created_at: _created, ...changes } = toRow(next);
    const result = await this.db.updateTable('sharing_requests').set(changes).where('id', '=', request.id).where('revision', '=', request.revision).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', '记录已被他人修改，请刷新后重试 / it was changed meanwhile; reload and try again');
    return next;
  }

  async get(id: string): Promise<SharingRequest | undefined> {
    const row = await this.db.selectFrom('sharing_requests').select('document').where('id', '=', id).executeTakeFirst();
    return row && toRequest(row);
  }

  async search(search: RequestSearch): Promise<SharingRequest[]> {
    let query = this.db.selectFrom('sharing_requests').select('document');
    if (!search.seesAll) {
      const org = search.viewerOrgId;
      query = query.where((where) => where.or([where('consumer_org_id', '=', org), where('provider_org_id', '=', org), where('supervisor_org_id', '=', org)]));
    }
    if (search.status) query = query.where('status', '=', search.status);
    if (search.step) query = query.where('step', '=', search.step);
    if (search.resourceCode) query = query.where('resource_code', '=', search.resourceCode);
    if (search.before) query = query.where('id', '<', search.before);
    const rows = await query.orderBy('id', 'desc').limit(search.limit).execute();
    return rows.map(toRequest);
  }

  /** Pending requests whose current step is the given organisation's to take. */
  async pendingFor(orgId: string): Promise<SharingRequest[]> {
    const rows = await this.db
      .selectFrom('sharing_requests')
      .select('document')
      .where('status', '=', 'pending')
      .where((where) =>
        where.or([
          where.and([where('step', '=', 'provider'), where('provider_org_id', '=', orgId)]),
          where.and([where('step', 'in', ['compliance', 'supervisor', 'dispute']), where('supervisor_org_id', '=', orgId)]),
          // Overdue provider steps are escalated to the supervisor (政务数据共享条例).
          where.and([where('escalated', '=', 1), where('supervisor_org_id', '=', orgId)]),
        ]),
      )
      .orderBy('step_due_at')
      .execute();
    return rows.map(toRequest);
  }

  /** Pending requests past their step's deadline and not yet escalated. */
  async overdue(now: string, limit: number): Promise<SharingRequest[]> {
    const rows = await this.db
      .selectFrom('sharing_requests')
      .select('document')
      .where('status', '=', 'pending')
      .where('escalated', '=', 0)
      .where('step_due_at', '<', now)
      .orderBy('step_due_at')
      .limit(limit)
      .execute();
    return rows.map(toRequest);
  }
}
