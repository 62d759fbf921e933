import type { RequestStep } from '../../core/sharing/request.ts';
import { hasRole, type AppContext, type Principal } from '../context.ts';

/** Days ahead the inbox warns of a grant's review or expiry. */
const LOOK_AHEAD_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Upper bound of items of one kind; the lists behind the inbox have the rest. */
const LIMIT = 200;

export type InboxKind = 'request_step' | 'dispute_possible' | 'grant_review' | 'grant_expiring';

/** One pending action for a person, with its deadline. */
export interface InboxItem {
  kind: InboxKind;
  requestId: string | null;
  grantId: string | null;
  /** Null for a request of data not yet cataloged. */
  resourceCode: string | null;
  step: RequestStep | null;
  dueAt: string | null;
  overdue: boolean;
  escalated: boolean;
}

/**
 * A person's inbox (待办): what their roles let them act on now, soonest deadline first.
 * - approvers: their department's provider steps;
 * - supervisors: compliance, supervisor and dispute steps, steps escalated to them, and grants
 *   due for review (or soon due);
 * - consumers: refused requests they may dispute, and grants about to expire.
 */
export class InboxService {
  private readonly context: AppContext;

  constructor(context: AppContext) {
    this.context = context;
  }

  async inbox(principal: Principal): Promise<InboxItem[]> {
    const repositories = this.context.store.read;
    const now = this.context.clock.now();
    const at = now.toISOString();
    const ahead = new Date(now.getTime() + LOOK_AHEAD_DAYS * DAY_MS).toISOString();
    const orgId = principal.org.id;
    const items: InboxItem[] = [];
    const supervisor = hasRole(principal, 'supervisor');

    if (supervisor || hasRole(principal, 'approver')) {
      for (const request of await repositories.requests.pendingFor(orgId)) {
        const open = request.steps.at(-1);
        const escalated = open?.escalatedAt != null;
        const mine = request.step === 'provider' ? request.providerOrgId === orgId && hasRole(principal, 'approver') : request.supervisorOrgId === orgId && supervisor;
        if (!mine && !(escalated && supervisor && request.supervisorOrgId === orgId)) continue;
        items.push({ kind: 'request_step', requestId: request.id, grantId: null, resourceCode: request.resourceCode, step: request.step, dueAt: request.stepDueAt, overdue: request.stepDueAt !== null && request.stepDueAt < at, escalated });
      }
    }
    if (supervisor) {
      for (const grant of await repositories.grants.reviewDue(ahead, LIMIT, ['active', 'suspended'], { supervisorOrgId: orgId })) {
        if (grant.status === 'active' || grant.statusCode === 'REVIEW_OVERDUE') {
          items.push({ kind: 'grant_review', requestId: grant.requestId, grantId: grant.id, resourceCode: grant.resourceCode, step: null, dueAt: grant.reviewDueAt, overdue: grant.reviewDueAt! < at, escalated: false });
        }
      }
    }
    if (hasRole(principal, 'consumer')) {
      const refused = await repositories.requests.search({ viewerOrgId: orgId, seesAll: false, status: 'refused', limit: LIMIT });
      for (const request of refused) {
        // 不予共享 is opened by a new request citing a statute, not by a dispute.
        if (request.consumerOrgId !== orgId || request.steps.some((step) => step.step === 'dispute') || request.refusal?.code === 'NOT_SHARED') continue;
        items.push({ kind: 'dispute_possible', requestId: request.id, grantId: null, resourceCode: request.resourceCode, step: null, dueAt: null, overdue: false, escalated: false });
      }
      for (const grant of await repositories.grants.heldByConsumer(orgId)) {
        if (grant.status === 'active' && grant.expiresAt <= ahead) items.push({ kind: 'grant_expiring', requestId: grant.requestId, grantId: grant.id, resourceCode: grant.resourceCode, step: null, dueAt: grant.expiresAt, overdue: false, escalated: false });
      }
    }
    return items.sort((left, right) => (left.dueAt ?? '9999').localeCompare(right.dueAt ?? '9999'));
  }
}
