import { GRADE_LABELS, gradeRank, highestGrade } from '../../core/catalog/grade.ts';
import type { Resource } from '../../core/catalog/resource.ts';
import { personalNumberErrors } from '../../core/pii/index.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import type { Grant, GrantChange, GrantStatus } from '../../core/sharing/grant.ts';
import type { RecordedNotice } from '../../core/sharing/notice.ts';
import { defaultMasks } from '../../core/sharing/masks.ts';
import { grantWindow, nextReview } from '../../core/sharing/period.ts';
import type { CatalogedRequest } from '../../core/sharing/request.ts';
import type { GrantSearch } from '../../storage/repositories/grants.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, hasRole, isInvestigator, notFound, nowIso, textDigest, type AppContext, type Principal } from '../context.ts';
import type { PersonService } from '../directory/person-service.ts';
import { ledgerWorkbook } from './ledger.ts';
import type { Procedure } from './procedure.ts';
import { SYSTEM_ACTOR, type SharingEvents } from './sharing-events.ts';

export type GrantQuery = Omit<GrantSearch, 'viewerOrgId' | 'seesAll'>;

/** A change of status someone asks for, with the reason the record keeps. */
export interface GrantChangeInput {
  reason: string;
}

const MIN_REASON_LENGTH = 2;

/**
 * 共享授权: grants made by the procedure, and their life afterwards — suspension and revocation
 * at once with actor and reason, periodic review by the supervisor, review on re-grading, and
 * automatic expiry. Every change bumps the platform's policy version for the gateway.
 */
export class GrantService {
  private readonly context: AppContext;
  private readonly people: PersonService;
  private readonly procedure: Procedure;
  private readonly events: SharingEvents;

  constructor(context: AppContext, people: PersonService, procedure: Procedure, events: SharingEvents) {
    this.context = context;
    this.people = people;
    this.procedure = procedure;
    this.events = events;
  }

  /** The grant a granted request becomes (DESIGN §5 controls applied); records its PIPL notice. */
  async issue(repositories: Repositories, request: CatalogedRequest, resource: Resource, now: Date): Promise<Grant> {
    const requested = resource.items.filter((item) => request.items.includes(item.code));
    const masks = { ...defaultMasks(requested, request.controls.masking, request.piBasis?.kind ?? null), ...request.terms?.masks };
    const window = grantWindow(request.period, now);
    const reviewDue = nextReview(now, request.controls.reviewMonths, window.expiresAt);
    const at = now.toISOString();
    const grant: Grant = {
      id: this.context.ids.next(),
      requestId: request.id,
      consumerOrgId: request.consumerOrgId,
      providerOrgId: request.providerOrgId,
      supervisorOrgId: request.supervisorOrgId,
      resourceCode: request.resourceCode,
      resourceVersion: resource.version,
      grade: request.grade,
      items: requested.map((item) => ({ code: item.code, mask: masks[item.code] ?? 'redact' })),
      method: request.method,
      rowScope: request.rowScope,
      purposeCode: request.purposeCode,
      purposeText: request.purposeText,
      legalBasisId: request.legalBasisId,
      piBasis: request.piBasis?.kind ?? null,
      quotaPerDay: request.expectedVolumePerDay > 0 ? request.expectedVolumePerDay : null,
      credentialId: request.credentialId,
      startsAt: window.startsAt.toISOString(),
      expiresAt: window.expiresAt.toISOString(),
      reviewMonths: request.controls.reviewMonths,
      reviewDueAt: reviewDue?.toISOString() ?? null,
      reviewReason: reviewDue === null ? null : 'periodic',
      caseNumberRequired: request.controls.caseNumberRequired,
      bulkExport: request.controls.bulkExport,
      alertEachAccess: request.controls.alertEachAccess,
      status: 'active',
      statusCode: null,
      approvals: request.steps
        .filter((step) => step.decision === 'approved' || step.decision === 'overturned' || (step.decision === 'passed' && step.decidedBy !== null))
        .map((step) => ({ step: step.step, by: step.decidedBy, orgId: step.decidedByOrgId ?? step.orgId, at: step.decidedAt! })),
      risk: { score: request.risk.score, level: request.risk.level },
      policyVersion: await repositories.grants.bumpPolicyVersion(),
      history: [{ at, action: 'granted', by: null, code: null, reason: '审批通过 / approved' }],
      revision: 0,
      createdAt: at,
      updatedAt: at,
    };
    await repositories.grants.insert(grant);
    if (request.piBasis?.kind === 'statutory_duty') {
      // PIPL Arts. 17 and 35: the notice plan, or the exemption claimed, is on record from the start.
      await repositories.notices.insert({
        id: this.context.ids.next(),
        grantId: grant.id,
        consumerOrgId: grant.consumerOrgId,
        resourceCode: grant.resourceCode,
        purposeCode: grant.purposeCode,
        itemNames: requested.filter((item) => item.piClass !== 'none').map((item) => item.name),
        notice: request.piBasis.notice,
        recordedAt: at,
      });
    }
    await repositories.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'sharing.grant.created',
      object: `grant:${grant.id}`,
      details: { requestId: request.id, resourceCode: grant.resourceCode, consumerOrgId: grant.consumerOrgId, grade: grant.grade, method: grant.method, items: grant.items.length, expiresAt: grant.expiresAt, policyVersion: grant.policyVersion },
    });
    return grant;
  }

  private canSee(principal: Principal, grant: Grant): boolean {
    return [grant.consumerOrgId, grant.providerOrgId, grant.supervisorOrgId].includes(principal.org.id) || isInvestigator(principal);
  }

  async get(principal: Principal, id: string): Promise<Grant> {
    const grant = await this.context.store.read.grants.get(id);
    if (!grant || !this.canSee(principal, grant)) throw notFound('共享授权', 'grant');
    return grant;
  }

  async search(principal: Principal, query: GrantQuery): Promise<{ grants: Grant[]; nextCursor: string | null }> {
    const grants = await this.context.store.read.grants.search({ ...query, limit: query.limit + 1, viewerOrgId: principal.org.id, seesAll: isInvestigator(principal) });
    const page = grants.slice(0, query.limit);
    return { grants: page, nextCursor: grants.length > query.limit ? page[page.length - 1]!.id : null };
  }

  /** 共享台账 as XLSX: what the principal's organisation gave, received or supervises. */
  ledger(principal: Principal): Promise<Uint8Array> {
    return ledgerWorkbook(this.context, principal);
  }

  async notices(principal: Principal, id: string): Promise<RecordedNotice[]> {
    const grant = await this.get(principal, id);
    return this.context.store.read.notices.forGrant(grant.id);
  }

  /** The gateway's cheap staleness check. */
  policyVersion(): Promise<number> {
    return this.context.store.read.grants.policyVersion();
  }

  /** Suspension takes effect at once; the provider or the supervisor may suspend. */
  suspend(principal: Principal, id: string, input: GrantChangeInput): Promise<Grant> {
    return this.change(principal, id, input, { from: ['active'], to: 'suspended', action: 'suspended', code: 'SUSPENDED' });
  }

  /** Lifting a suspension; one the review sweep imposed is lifted by recertifying instead. */
  resume(principal: Principal, id: string, input: GrantChangeInput): Promise<Grant> {
    return this.change(principal, id, input, { from: ['suspended'], to: 'active', action: 'resumed', code: null });
  }

  revoke(principal: Principal, id: string, input: GrantChangeInput): Promise<Grant> {
    return this.change(principal, id, input, { from: ['active', 'suspended'], to: 'revoked', action: 'revoked', code: 'REVOKED' });
  }

  private async change(principal: Principal, id: string, input: GrantChangeInput, move: { from: GrantStatus[]; to: GrantStatus; action: GrantChange['action']; code: string | null }): Promise<Grant> {
    requireReason(input.reason);
    return this.context.store.transaction(async (repositories) => {
      const grant = await this.load(repositories, principal, id);
      const asSupervisor = await this.requireController(repositories, principal, grant);
      if (!move.from.includes(grant.status)) throw new DomainError('GRANT_STATUS_CONFLICT', `授权当前为 ${grant.status}，不能${move.action} / the grant is ${grant.status}`);
      if (move.to === 'active') this.requireUnexpired(grant);
      if (move.to === 'active' && grant.statusCode === 'REVIEW_OVERDUE') {
        throw new DomainError('GRANT_NEEDS_REVIEW', '该授权因逾期未复核而暂停，须由监管部门复核 / suspended for a missed review; the supervisor must recertify it');
      }
      if (move.to === 'active' && grant.statusCode === 'SUSPENDED_BY_SUPERVISOR' && !asSupervisor) {
        throw new DomainError('FORBIDDEN', '监管部门暂停的授权只能由监管部门恢复 / only the supervisor lifts a suspension it imposed');
      }
      const code = move.code === 'SUSPENDED' && asSupervisor ? 'SUSPENDED_BY_SUPERVISOR' : move.code;
      return this.save(repositories, grant, move.to, code, { at: nowIso(this.context), action: move.action, by: principal.person.id, code, reason: input.reason.trim() }, principal);
    });
  }

  /** The supervisor's periodic recertification (DESIGN §5 review interval), or on re-grading. */
  async recertify(principal: Principal, id: string, input: GrantChangeInput): Promise<Grant> {
    requireReason(input.reason);
    return this.context.store.transaction(async (repositories) => {
      const grant = await this.load(repositories, principal, id);
      this.requireSupervisor(principal, grant);
      await this.people.requireTraining(principal.person, 'supervise', repositories);
      const reviewable = grant.status === 'active' || (grant.status === 'suspended' && grant.statusCode === 'REVIEW_OVERDUE');
      if (!reviewable) throw new DomainError('GRANT_STATUS_CONFLICT', `授权当前为 ${grant.status}，不能复核 / the grant is ${grant.status}`);
      this.requireUnexpired(grant);
      await this.requireGradeUnchanged(repositories, grant);
      const now = this.context.clock.now();
      const next = nextReview(now, grant.reviewMonths, new Date(grant.expiresAt));
      const updated = { ...grant, reviewDueAt: next?.toISOString() ?? null, reviewReason: next === null ? null : ('periodic' as const) };
      return this.save(repositories, updated, 'active', null, { at: now.toISOString(), action: 'recertified', by: principal.person.id, code: null, reason: input.reason.trim() }, principal);
    });
  }

  /** A re-graded resource's live grants go to review at once (GB/T 43697 动态更新). */
  async sendToReview(repositories: Repositories, resource: Resource, principal: Principal): Promise<void> {
    const now = nowIso(this.context);
    for (const grant of await repositories.grants.heldForResource(resource.code)) {
      const updated: Grant = { ...grant, reviewDueAt: now, reviewReason: 'regraded' };
      await this.save(repositories, updated, grant.status, grant.statusCode, { at: now, action: 'review_due', by: principal.person.id, code: 'REGRADED', reason: `资源分级调整为 ${resource.grade}，授权须复核 / the resource was re-graded to ${resource.grade}; the grant needs review` }, principal);
    }
  }

  private requireUnexpired(grant: Grant): void {
    if (grant.expiresAt < nowIso(this.context)) throw new DomainError('GRANT_EXPIRED', '授权已到期，须重新申请 / the grant has expired; apply again');
  }

  /**
   * A grant is recertified under the controls it was made with. If its items now carry a higher
   * grade, those controls no longer fit: the consumer applies again under the new ones.
   */
  private async requireGradeUnchanged(repositories: Repositories, grant: Grant): Promise<void> {
    const resource = await repositories.resources.getByCode(grant.resourceCode);
    const granted = new Set(grant.items.map((item) => item.code));
    const current = highestGrade((resource?.items ?? []).filter((item) => granted.has(item.code)).map((item) => item.grade));
    if (resource === undefined || gradeRank(current) > gradeRank(grant.grade)) {
      throw new DomainError('GRANT_NEEDS_NEW_REQUEST', `资源信息项已调整为${GRADE_LABELS[current].zh}，原授权的管控不再适用，请撤销并由使用部门重新申请 / the items are now graded ${GRADE_LABELS[current].en}; revoke the grant and let the consumer apply again`);
    }
  }

  /** Writes a change: new status, one history entry, a new policy version, an audit event and a webhook event. */
  async save(repositories: Repositories, grant: Grant, status: GrantStatus, statusCode: string | null, change: GrantChange, principal: Principal | null): Promise<Grant> {
    const updated: Grant = { ...grant, status, statusCode, history: [...grant.history, change], policyVersion: await repositories.grants.bumpPolicyVersion(), updatedAt: change.at };
    const saved = await repositories.grants.update(updated);
    await repositories.audit.append({
      actor: principal === null ? SYSTEM_ACTOR : actorOf(principal),
      action: `sharing.grant.${change.action}`,
      object: `grant:${grant.id}`,
      details: { status, code: change.code, reasonDigest: textDigest(this.context, change.reason), policyVersion: updated.policyVersion },
    });
    const type = ({ suspended: 'grant.suspended', resumed: 'grant.resumed', revoked: 'grant.revoked', expired: 'grant.expired', review_due: 'grant.review_due', recertified: 'grant.resumed', granted: null } as const)[change.action];
    if (type !== null && !(change.action === 'recertified' && grant.status === 'active')) {
      await this.events(repositories, { type, orgIds: [grant.consumerOrgId, grant.providerOrgId, grant.supervisorOrgId], data: { grantId: grant.id, resourceCode: grant.resourceCode, status, code: change.code } });
    }
    return saved;
  }

  private async load(repositories: Repositories, principal: Principal, id: string): Promise<Grant> {
    const grant = await repositories.grants.get(id);
    if (!grant || !this.canSee(principal, grant)) throw notFound('共享授权', 'grant');
    return grant;
  }

  /** The provider's approvers and admins, or the grant's supervisor; returns whether it is the supervisor. */
  private async requireController(repositories: Repositories, principal: Principal, grant: Grant): Promise<boolean> {
    if (principal.org.id === grant.supervisorOrgId && hasRole(principal, 'supervisor')) {
      await this.people.requireTraining(principal.person, 'supervise', repositories);
      return true;
    }
    if (principal.org.id === grant.providerOrgId && hasRole(principal, 'approver', 'provider_admin')) {
      // Deciding who keeps access to data is an approval (数据安全法 Art. 27 training).
      await this.people.requireTraining(principal.person, 'approve', repositories);
      return false;
    }
    throw new DomainError('FORBIDDEN', '仅提供方审批人、管理员或监管部门可变更授权 / only the provider’s approvers and admins, or the supervisor, change a grant');
  }

  private requireSupervisor(principal: Principal, grant: Grant): void {
    if (principal.org.id !== grant.supervisorOrgId || !hasRole(principal, 'supervisor')) {
      throw new DomainError('FORBIDDEN', '仅该授权的监管部门可复核 / only the grant’s supervisor reviews it');
    }
  }

  /** Used by the sweep: the deadline by which an unreviewed grant suspends itself. */
  async reviewGraceEnd(repositories: Repositories, grant: Grant): Promise<Date> {
    const supervisor = await repositories.organisations.get(grant.supervisorOrgId);
    const region = supervisor?.regionCode ?? (await repositories.organisations.get(grant.providerOrgId))!.regionCode;
    const limits = await this.procedure.limits(repositories, region);
    return this.procedure.deadline(repositories, region, new Date(grant.reviewDueAt!), limits.reviewGrace);
  }
}

/** Every change of a grant states its reason (政务数据共享条例), without personal numbers in it. */
export function requireReason(reason: string): void {
  const errors = reason.trim().length < MIN_REASON_LENGTH ? [{ path: '/reason', code: 'REASON_REQUIRED', message: '须说明理由 / a reason is required' }] : personalNumberErrors([['/reason', reason]]);
  if (errors.length > 0) throw validationError(errors);
}
