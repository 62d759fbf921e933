import type { MaskName } from '../../core/masking/index.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import { shanghaiDate } from '../../core/calendar/index.ts';
import { personalNumberErrors } from '../../core/pii/index.ts';
import { checkUncatalogedDraft } from '../../core/sharing/check-request.ts';
import { defaultMasks, weakenedMasks } from '../../core/sharing/masks.ts';
import type { SharingEventType } from '../../core/sharing/events.ts';
import { isCataloged, type Refusal, type RequestStep, type SharingRequest, type SharingRequestDraft, type StepDecision, type StepRecord } from '../../core/sharing/request.ts';
import type { RequestSearch } from '../../storage/repositories/sharing-requests.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, hasRole, isInvestigator, notFound, requireRole, textDigest, type AppContext, type Principal } from '../context.ts';
import type { PersonService } from '../directory/person-service.ts';
import { assessRequest, type Assessment } from './assess-request.ts';
import { requireReason, type GrantService } from './grant-service.ts';
import type { Procedure } from './procedure.ts';
import { SYSTEM_ACTOR, type SharingEvents } from './sharing-events.ts';

export type RequestQuery = Omit<RequestSearch, 'viewerOrgId' | 'seesAll'>;

export interface DecisionInput {
  decision: 'approve' | 'refuse';
  /** Provider only, answering an uncataloged request: the published resource and items that serve it. */
  resourceCode?: string | undefined;
  items?: string[] | undefined;
  reason?: string | undefined;
  /** Provider only: stronger masks than the defaults; a weaker one needs a justification and the supervisor. */
  masks?: Record<string, MaskName> | undefined;
  maskJustification?: string | undefined;
}

const MIN_REASON_LENGTH = 2;

/** Steps the supervision authority takes. */
const SUPERVISOR_STEPS: readonly RequestStep[] = ['compliance', 'supervisor', 'dispute'];

/**
 * The request-and-reply procedure of the 政务数据共享条例: submission with an automatic compliance
 * check and risk assessment, then the approval chain the graded-controls matrix sets, each step
 * with a working-day deadline, refusal always with a reason, and a dispute the supervisor settles.
 */
export class RequestService {
  private readonly context: AppContext;
  private readonly people: PersonService;
  private readonly procedure: Procedure;
  private readonly grants: GrantService;
  private readonly events: SharingEvents;

  constructor(context: AppContext, people: PersonService, procedure: Procedure, grants: GrantService, events: SharingEvents) {
    this.context = context;
    this.people = people;
    this.procedure = procedure;
    this.grants = grants;
    this.events = events;
  }

  async submit(principal: Principal, draft: SharingRequestDraft): Promise<SharingRequest> {
    requireRole(principal, 'consumer');
    if (principal.org.kind !== 'department' && principal.org.kind !== 'supervisor') throw new DomainError('FORBIDDEN', '仅政务部门可申请共享 / only government departments request data');
    return this.context.store.transaction(async (repositories) => {
      const now = this.context.clock.now();
      const at = now.toISOString();
      const base = { ...draft, id: this.context.ids.next(), consumerOrgId: principal.org.id, applicantId: principal.person.id, status: 'pending' as const, step: null, stepDueAt: null, steps: [], terms: null, refusal: null, dispute: null, grantId: null, revision: 0, createdAt: at, updatedAt: at };
      if (draft.resourceCode === null) return this.submitUncataloged(repositories, principal, base, now);
      const assessment = await assessRequest(repositories, this.procedure, principal.org, principal.person.id, { ...draft, resourceCode: draft.resourceCode }, now);
      const request: SharingRequest = { ...base, ...assessed(assessment), providerOrgId: assessment.provider.id, supervisorOrgId: assessment.supervisorOrgId };
      await this.recordSubmitted(repositories, principal, request);
      // Stored first: the grant an automatic approval makes refers to it.
      await repositories.requests.insert(request);
      const passed: StepRecord = { step: 'compliance', orgId: request.supervisorOrgId, startedAt: at, dueAt: at, decidedAt: at, decidedBy: null, decidedByOrgId: null, decision: 'passed', reason: '自动合规检查通过 / passed the automatic compliance check', escalatedAt: null, overdueWorkingDays: 0 };
      return this.route(repositories, request, assessment.citesStatute, passed, now);
    });
  }

  /**
   * Data not yet in the catalog (目录外): what can be checked is, and the provider gets its longer
   * time limit to answer with a catalog resource or refuse.
   */
  private async submitUncataloged(repositories: Repositories, principal: Principal, base: Omit<SharingRequest, 'providerOrgId' | 'supervisorOrgId' | 'resourceVersion' | 'sharingType' | 'grade' | 'controls' | 'risk' | 'flags' | 'remaining'>, now: Date): Promise<SharingRequest> {
    const providerId = base.uncataloged?.providerOrgId;
    const provider = providerId === undefined ? undefined : await repositories.organisations.get(providerId);
    const consumerRegions = (await this.procedure.chain(repositories, principal.org.regionCode)).map((region) => region.code);
    const errors = checkUncatalogedDraft(base, {
      consumerDutyCodes: principal.org.duties,
      purposeKnown: (await repositories.purposes.find(consumerRegions, base.purposeCode)) !== undefined,
      legalBasisKnown: (await repositories.legalBases.get(base.legalBasisId)) !== undefined,
      providerValid: provider !== undefined && provider.kind === 'department' && provider.id !== principal.org.id,
      today: shanghaiDate(now),
    });
    if (errors.length > 0 || provider === undefined) throw validationError(errors);
    const request: SharingRequest = {
      ...base,
      providerOrgId: provider.id,
      supervisorOrgId: await this.procedure.supervisorFor(repositories, provider, principal.org.id),
      resourceVersion: null,
      sharingType: null,
      grade: null,
      controls: null,
      risk: null,
      flags: [],
      remaining: [],
    };
    await this.recordSubmitted(repositories, principal, request);
    await repositories.requests.insert(request);
    const started = await this.startStep(repositories, request, 'provider', now);
    return repositories.requests.update(started);
  }

  /**
   * After the automatic check (or a provider's catalog answer): 不予共享 without a statute is
   * refused; flags go to the supervisor's compliance check; otherwise the approval chain starts.
   */
  private async route(repositories: Repositories, request: SharingRequest, citesStatute: boolean, passed: StepRecord | null, now: Date): Promise<SharingRequest> {
    let next: SharingRequest;
    if (request.sharingType === 'none' && !citesStatute) {
      next = this.refused(request, { step: 'compliance', code: 'NOT_SHARED', reason: '该资源为不予共享，申请未援引法律、行政法规依据 / the resource is not shared, and the request cites no statute', by: null, at: now.toISOString() });
      await this.recordRefusal(repositories, next, null);
      return repositories.requests.update(next);
    }
    if (request.flags.length > 0) next = await this.startStep(repositories, request, 'compliance', now);
    else next = await this.advance(repositories, passed === null ? request : { ...request, steps: [...request.steps, passed] }, now);
    if (next.status === 'granted') await this.recordGranted(repositories, next);
    return repositories.requests.update(next);
  }

  private async recordSubmitted(repositories: Repositories, principal: Principal, request: SharingRequest): Promise<void> {
    await repositories.audit.append({
      actor: actorOf(principal),
      action: 'sharing.request.submitted',
      object: `request:${request.id}`,
      details: { resourceCode: request.resourceCode, uncataloged: request.resourceCode === null, items: request.items.length, grade: request.grade, method: request.method, riskScore: request.risk?.score ?? null, riskLevel: request.risk?.level ?? null, flags: request.flags.map((flag) => flag.code) },
    });
    await this.notify(repositories, 'request.submitted', request);
  }

  private canSee(principal: Principal, request: SharingRequest): boolean {
    return [request.consumerOrgId, request.providerOrgId, request.supervisorOrgId].includes(principal.org.id) || isInvestigator(principal);
  }

  async get(principal: Principal, id: string): Promise<SharingRequest> {
    const request = await this.context.store.read.requests.get(id);
    if (!request || !this.canSee(principal, request)) throw notFound('共享申请', 'request');
    return request;
  }

  async search(principal: Principal, query: RequestQuery): Promise<{ requests: SharingRequest[]; nextCursor: string | null }> {
    const requests = await this.context.store.read.requests.search({ ...query, limit: query.limit + 1, viewerOrgId: principal.org.id, seesAll: isInvestigator(principal) });
    const page = requests.slice(0, query.limit);
    return { requests: page, nextCursor: requests.length > query.limit ? page[page.length - 1]!.id : null };
  }

  /** A decision on the current step, by the organisation whose step it is. */
  async decide(principal: Principal, id: string, input: DecisionInput): Promise<SharingRequest> {
    const reason = input.reason?.trim() ?? '';
    if (input.decision === 'refuse' && reason.length < MIN_REASON_LENGTH) {
      // 政务数据共享条例: a refusal always states its reason.
      throw validationError([{ path: '/reason', code: 'REFUSAL_REASON_REQUIRED', message: '不予共享须说明理由 / a refusal must give its reason' }]);
    }
    const textErrors = personalNumberErrors([
      ['/reason', reason],
      ['/maskJustification', input.maskJustification],
    ]);
    if (textErrors.length > 0) throw validationError(textErrors);
    return this.context.store.transaction(async (repositories) => {
      const request = await this.load(repositories, principal, id);
      if (request.status !== 'pending' || request.step === null) throw new DomainError('REQUEST_STATUS_CONFLICT', `申请当前为 ${request.status}，无待办环节 / the request is ${request.status}; no step is open`);
      const step = request.step;
      await this.requireDecider(repositories, principal, request, step);
      const now = this.context.clock.now();
      const at = now.toISOString();
      let current = request;
      let citesStatute = true;
      if (step === 'provider' && input.decision === 'approve' && !isCataloged(current)) {
        const answer = await this.answerUncataloged(repositories, current, input, now);
        if ('incompatible' in answer) return this.refuseIncompatible(repositories, current, answer.incompatible, principal, now);
        ({ request: current, citesStatute } = answer);
      }
      if (step === 'provider' && input.decision === 'approve') current = await this.withTerms(repositories, current, input);
      const decision = decisionFor(step, input.decision);
      current = await this.closeStep(repositories, current, decision, reason || null, principal, now);
      if (input.decision === 'approve') {
        await repositories.audit.append({
          actor: actorOf(principal),
          action: `sharing.request.${decision}`,
          object: `request:${request.id}`,
          details: { step, overdueWorkingDays: current.steps.at(-1)!.overdueWorkingDays, ...(reason ? { reasonDigest: textDigest(this.context, reason) } : {}) },
        });
      }

      if (input.decision === 'refuse') {
        const codes: Record<RequestStep, string> = { compliance: 'REFUSED_AT_COMPLIANCE', provider: 'REFUSED_BY_PROVIDER', supervisor: 'REFUSED_BY_SUPERVISOR', dispute: 'DISPUTE_UPHELD' };
        const refused = this.refused(current, { step, code: codes[step], reason, by: principal.person.id, at });
        await this.recordRefusal(repositories, refused, principal);
        return repositories.requests.update(refused);
      }
      // A provider's catalog answer is assessed like a new request; anything else moves on.
      if (step === 'provider' && request.resourceCode === null) return this.route(repositories, current, citesStatute, null, now);
      if (step === 'dispute') current = { ...current, refusal: null };
      const advanced = await this.advance(repositories, await this.reassess(repositories, current, now), now);
      if (advanced.status === 'granted') await this.recordGranted(repositories, advanced);
      return repositories.requests.update(advanced);
    });
  }

  /**
   * The provider answers an uncataloged request by naming its published resource and the items
   * that serve it; the request is then checked and assessed as if it had named them (the period
   * is measured from the day it was made), and the chain after the provider follows the grade.
   */
  private async answerUncataloged(repositories: Repositories, request: SharingRequest, input: DecisionInput, now: Date): Promise<{ request: SharingRequest; citesStatute: boolean } | { incompatible: string[] }> {
    if (input.resourceCode === undefined || input.items === undefined || input.items.length === 0) {
      throw validationError([{ path: '/resourceCode', code: 'CATALOG_ANSWER_REQUIRED', message: '目录外申请须指明已发布的资源及信息项 / name the published resource and items that serve this request' }]);
    }
    const resource = await repositories.resources.getByCode(input.resourceCode);
    if (resource?.providerOrgId !== request.providerOrgId || resource.status !== 'published') {
      throw validationError([{ path: '/resourceCode', code: 'RESOURCE_NOT_PROVIDERS', message: '须为本部门已发布的资源 / must be a published resource of the provider' }]);
    }
    const consumer = (await repositories.organisations.get(request.consumerOrgId))!;
    const draft = { ...request, resourceCode: input.resourceCode, items: input.items, uncataloged: null };
    const assessment = await assessRequest(repositories, this.procedure, consumer, request.applicantId, draft, now, { today: shanghaiDate(new Date(request.createdAt)), clampPeriod: true }).catch((error: unknown) => {
      // The provider fixes what it named (the items); anything else is the consumer's to fix in a new request.
      const errors = error instanceof DomainError ? (error.details?.errors ?? []) : [];
      if (errors.length === 0 || errors.some((found) => found.path.startsWith('/items'))) throw error;
      return errors.map((found) => found.code);
    });
    if (Array.isArray(assessment)) return { incompatible: assessment };
    const answered: SharingRequest = {
      ...request,
      ...assessed(assessment),
      resourceCode: input.resourceCode,
      items: input.items,
      period: assessment.period,
      remaining: assessment.controls.approval.filter((step) => step !== 'provider'),
    };
    return { request: answered, citesStatute: assessment.citesStatute };
  }

  /**
   * The provider's answer fits the data, but not what the consumer asked (a personal-information
   * basis missing, a method the resource does not offer, a period too early…): the request ends
   * with ANSWER_INCOMPATIBLE and the codes, and the consumer applies again for the named resource.
   */
  private async refuseIncompatible(repositories: Repositories, request: SharingRequest, codes: string[], principal: Principal, now: Date): Promise<SharingRequest> {
    const reason = `答复的资源与申请内容不相容（${codes.join('、')}），请按该资源重新申请 / the resource named does not fit the request as made (${codes.join(', ')}); apply again for it`;
    const closed = await this.closeStep(repositories, request, 'refused', reason, principal, now);
    const refused = this.refused(closed, { step: 'provider', code: 'ANSWER_INCOMPATIBLE', reason, by: principal.person.id, at: now.toISOString() });
    await this.recordRefusal(repositories, refused, principal);
    return repositories.requests.update(refused);
  }

  /** The consumer disputes a refusal; the supervisor coordinates within its time limit (争议协调). */
  async dispute(principal: Principal, id: string, reason: string): Promise<SharingRequest> {
    requireReason(reason);
    return this.context.store.transaction(async (repositories) => {
      const request = await this.load(repositories, principal, id);
      if (principal.org.id !== request.consumerOrgId || !hasRole(principal, 'consumer')) throw new DomainError('FORBIDDEN', '仅申请部门可提出异议 / only the requesting department disputes');
      if (request.status !== 'refused') throw new DomainError('REQUEST_STATUS_CONFLICT', '仅被拒绝的申请可提出异议 / only a refused request can be disputed');
      if (request.steps.some((step) => step.step === 'dispute')) throw new DomainError('DISPUTE_EXISTS', '该申请已协调过一次 / this request has already been through a dispute');
      if (request.refusal?.code === 'NOT_SHARED') {
        // Only a statute opens 不予共享 data, and the request's basis cannot change: apply again citing one.
        throw new DomainError('DISPUTE_NOT_ALLOWED', '不予共享的资源须援引法律、行政法规重新申请，不能通过异议开放 / cite a statute in a new request; a dispute cannot open data that is not shared');
      }
      const now = this.context.clock.now();
      const reopened: SharingRequest = { ...request, status: 'pending', dispute: { reason: reason.trim(), by: principal.person.id, at: now.toISOString() } };
      const next = await this.startStep(repositories, reopened, 'dispute', now);
      const saved = await repositories.requests.update(next);
      await repositories.audit.append({ actor: actorOf(principal), action: 'sharing.request.disputed', object: `request:${id}`, details: { refusalCode: request.refusal?.code ?? null, reasonDigest: textDigest(this.context, reason.trim()) } });
      await this.notify(repositories, 'request.disputed', saved);
      return saved;
    });
  }

  async withdraw(principal: Principal, id: string): Promise<SharingRequest> {
    return this.context.store.transaction(async (repositories) => {
      const request = await this.load(repositories, principal, id);
      if (principal.org.id !== request.consumerOrgId || !hasRole(principal, 'consumer')) throw new DomainError('FORBIDDEN', '仅申请部门可撤回 / only the requesting department withdraws');
      if (request.status !== 'pending') throw new DomainError('REQUEST_STATUS_CONFLICT', `申请当前为 ${request.status}，不能撤回 / the request is ${request.status}`);
      const at = this.context.clock.now().toISOString();
      const steps = request.steps.map((step) => (step.decidedAt === null ? { ...step, decidedAt: at, decidedBy: principal.person.id, decidedByOrgId: principal.org.id, reason: '申请撤回 / withdrawn' } : step));
      const withdrawn: SharingRequest = { ...request, status: 'withdrawn', step: null, stepDueAt: null, steps, updatedAt: at };
      const saved = await repositories.requests.update(withdrawn);
      await repositories.audit.append({ actor: actorOf(principal), action: 'sharing.request.withdrawn', object: `request:${id}`, details: {} });
      await this.notify(repositories, 'request.withdrawn', saved);
      return saved;
    });
  }

  /** Escalates one overdue step to the supervisor, recording whose delay it is (the sweep calls this). */
  async escalate(repositories: Repositories, request: SharingRequest, now: Date): Promise<SharingRequest> {
    const open = request.steps.at(-1)!;
    const overdue = await this.procedure.overdue(repositories, await this.regionOf(repositories, open.orgId), open.dueAt, now);
    const steps = [...request.steps.slice(0, -1), { ...open, escalatedAt: now.toISOString(), overdueWorkingDays: overdue }];
    const escalated: SharingRequest = { ...request, steps, updatedAt: now.toISOString() };
    const saved = await repositories.requests.update(escalated);
    await repositories.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'sharing.request.escalated',
      object: `request:${request.id}`,
      details: { step: open.step, responsibleOrgId: open.orgId, dueAt: open.dueAt, overdueWorkingDays: overdue },
    });
    await this.notify(repositories, 'request.escalated', saved);
    return saved;
  }

  private async load(repositories: Repositories, principal: Principal, id: string): Promise<SharingRequest> {
    const request = await repositories.requests.get(id);
    if (!request || !this.canSee(principal, request)) throw notFound('共享申请', 'request');
    return request;
  }

  /**
   * Who may decide the open step: the provider's approvers for the provider step, the
   * supervisor's supervisors for theirs — and a supervisor for an escalated provider step. Nobody
   * decides a request of their own organisation, and lapsed training refuses the decision.
   */
  private async requireDecider(repositories: Repositories, principal: Principal, request: SharingRequest, step: RequestStep): Promise<void> {
    if (principal.org.id === request.consumerOrgId) throw new DomainError('SELF_APPROVAL_FORBIDDEN', '不能审批本部门的申请 / nobody approves their own department’s request');
    const asSupervisor = principal.org.id === request.supervisorOrgId && hasRole(principal, 'supervisor');
    const escalated = request.steps.at(-1)?.escalatedAt != null;
    if (SUPERVISOR_STEPS.includes(step) || (step === 'provider' && escalated && asSupervisor)) {
      if (!asSupervisor) throw new DomainError('NOT_YOUR_STEP', '当前环节由监管部门办理 / this step is the supervisor’s');
      if (step === 'dispute' && request.steps.some((earlier) => earlier.decision === 'refused' && earlier.decidedBy === principal.person.id)) {
        throw new DomainError('SELF_REVIEW_FORBIDDEN', '拒绝该申请的人员不能协调对其决定的异议 / whoever refused the request does not coordinate the dispute of it');
      }
      await this.people.requireTraining(principal.person, 'supervise', repositories);
      return;
    }
    if (principal.org.id !== request.providerOrgId || !hasRole(principal, 'approver')) throw new DomainError('NOT_YOUR_STEP', '当前环节由提供部门审批人办理 / this step is the provider’s approvers’');
    await this.people.requireTraining(principal.person, 'approve', repositories);
  }

  /** The provider's masks: never weaker than the defaults without a justification and the supervisor's review (DESIGN §5). */
  private async withTerms(repositories: Repositories, request: SharingRequest, input: DecisionInput): Promise<SharingRequest> {
    if (!isCataloged(request)) throw new Error('masks apply to a cataloged request');
    const masks = input.masks ?? {};
    const justification = input.maskJustification?.trim() || null;
    const errors = Object.keys(masks)
      .filter((code) => !request.items.includes(code))
      .map((code) => ({ path: `/masks/${code}`, code: 'ITEM_NOT_REQUESTED', message: '未申请该信息项 / the item was not requested' }));
    if (errors.length > 0) throw validationError(errors);
    const resource = (await repositories.resources.getByCode(request.resourceCode))!;
    const requested = resource.items.filter((item) => request.items.includes(item.code));
    const weakened = weakenedMasks(defaultMasks(requested, request.controls.masking, request.piBasis?.kind ?? null), masks);
    let remaining = request.remaining;
    if (weakened.length > 0) {
      if (request.controls.masking === 'verification_only' || request.piBasis?.kind === 'anonymised') {
        throw validationError(weakened.map((code) => ({ path: `/masks/${code}`, code: 'MASK_NOT_WEAKENABLE', message: '仅核验或匿名化的授权不得放宽脱敏 / a verification-only or anonymised grant discloses no values' })));
      }
      if (justification === null) {
        throw validationError([{ path: '/maskJustification', code: 'MASK_JUSTIFICATION_REQUIRED', message: `放宽脱敏须说明理由并经监管部门审核：${weakened.join('、')} / weakening masks needs a justification and the supervisor: ${weakened.join(', ')}` }]);
      }
      if (!remaining.includes('supervisor')) remaining = [...remaining, 'supervisor'];
    }
    return { ...request, remaining, terms: { masks, maskJustification: justification } };
  }

  private async startStep(repositories: Repositories, request: SharingRequest, step: RequestStep, now: Date): Promise<SharingRequest> {
    const orgId = step === 'provider' ? request.providerOrgId : request.supervisorOrgId;
    const region = await this.regionOf(repositories, orgId);
    const days = await this.procedure.stepDays(repositories, step, region, request.resourceCode === null);
    const dueAt = (await this.procedure.deadline(repositories, region, now, days)).toISOString();
    const at = now.toISOString();
    const record: StepRecord = { step, orgId, startedAt: at, dueAt, decidedAt: null, decidedBy: null, decidedByOrgId: null, decision: null, reason: null, escalatedAt: null, overdueWorkingDays: 0 };
    const started: SharingRequest = { ...request, step, stepDueAt: dueAt, steps: [...request.steps, record], updatedAt: at };
    await this.notify(repositories, 'request.step_started', started);
    return started;
  }

  private async closeStep(repositories: Repositories, request: SharingRequest, decision: StepDecision, reason: string | null, by: Principal, now: Date): Promise<SharingRequest> {
    const open = request.steps.at(-1)!;
    const overdue = await this.procedure.overdue(repositories, await this.regionOf(repositories, open.orgId), open.dueAt, now);
    const closed: StepRecord = { ...open, decidedAt: now.toISOString(), decidedBy: by.person.id, decidedByOrgId: by.org.id, decision, reason, overdueWorkingDays: overdue };
    return { ...request, step: null, stepDueAt: null, steps: [...request.steps.slice(0, -1), closed], updatedAt: now.toISOString() };
  }

  /** Starts the next approval step, or grants when none is left. */
  private async advance(repositories: Repositories, request: SharingRequest, now: Date): Promise<SharingRequest> {
    if (request.status !== 'pending') return request;
    const [next, ...rest] = request.remaining;
    if (next !== undefined) return this.startStep(repositories, { ...request, remaining: rest }, next, now);
    // An uncataloged request whose refusal the supervisor overturned goes back to its provider,
    // who must still name the resource that serves it.
    if (!isCataloged(request)) return this.startStep(repositories, request, 'provider', now);
    const resource = (await repositories.resources.getByCode(request.resourceCode))!;
    const grant = await this.grants.issue(repositories, request, resource, now);
    return { ...request, status: 'granted', step: null, stepDueAt: null, grantId: grant.id, updatedAt: now.toISOString() };
  }

  /**
   * What was assessed at submission may have changed by the time a step is decided: the resource
   * re-graded, retired or closed, or another grant that now aggregates with this one. The request
   * is assessed again before it moves on, and its remaining chain follows the new controls (steps
   * already approved are not asked again). If it no longer passes the hard rules it is refused
   * with NO_LONGER_ELIGIBLE and the codes, and the consumer applies again.
   */
  private async reassess(repositories: Repositories, request: SharingRequest, now: Date): Promise<SharingRequest> {
    if (!isCataloged(request) || request.status !== 'pending') return request;
    const consumer = (await repositories.organisations.get(request.consumerOrgId))!;
    let assessment: Assessment;
    try {
      // An answered uncataloged request keeps its description on record; it is assessed as the resource it was answered with.
      assessment = await assessRequest(repositories, this.procedure, consumer, request.applicantId, { ...request, uncataloged: null }, now, { today: shanghaiDate(new Date(request.createdAt)) });
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'VALIDATION_FAILED' && error.code !== 'NOT_FOUND')) throw error;
      return this.noLongerEligible(repositories, request, error.details?.errors?.map((found) => found.code) ?? [error.code], now);
    }
    if (assessment.resource.sharing.type === 'none' && !assessment.citesStatute) return this.noLongerEligible(repositories, request, ['NOT_SHARED'], now);
    // A refusal the supervisor overturned counts as that step's approval.
    const overturned = request.steps.some((step) => step.decision === 'overturned');
    const approved = new Set(request.steps.filter((step) => step.decision === 'approved' || (overturned && step.decision === 'refused')).map((step) => step.step));
    let terms = request.terms;
    const chain: RequestStep[] = [...assessment.controls.approval];
    if (terms !== null) {
      const requested = assessment.resource.items.filter((item) => request.items.includes(item.code));
      const weakened = weakenedMasks(defaultMasks(requested, assessment.controls.masking, request.piBasis?.kind ?? null), terms.masks);
      // Nothing may be unmasked for verification only; any other weakening still needs the supervisor.
      if (assessment.controls.masking === 'verification_only') terms = null;
      else if (weakened.length > 0 && !chain.includes('supervisor')) chain.push('supervisor');
    }
    return { ...request, ...assessed(assessment), terms, remaining: chain.filter((step) => !approved.has(step)) };
  }

  private async noLongerEligible(repositories: Repositories, request: SharingRequest, codes: string[], now: Date): Promise<SharingRequest> {
    const refused = this.refused(request, {
      step: 'compliance',
      code: 'NO_LONGER_ELIGIBLE',
      reason: `办理期间资源或其分级发生变化，申请不再符合要求（${codes.join('、')}），请重新申请 / the resource or its grade changed meanwhile and the request no longer qualifies (${codes.join(', ')}); apply again`,
      by: null,
      at: now.toISOString(),
    });
    await this.recordRefusal(repositories, refused, null);
    return refused;
  }

  private refused(request: SharingRequest, refusal: Refusal): SharingRequest {
    return { ...request, status: 'refused', step: null, stepDueAt: null, refusal, updatedAt: refusal.at };
  }

  private async recordRefusal(repositories: Repositories, request: SharingRequest, principal: Principal | null): Promise<void> {
    const refusal = request.refusal!;
    const decided = request.steps.at(-1);
    await repositories.audit.append({
      actor: principal === null ? SYSTEM_ACTOR : actorOf(principal),
      action: refusal.code === 'DISPUTE_UPHELD' ? 'sharing.request.upheld' : 'sharing.request.refused',
      object: `request:${request.id}`,
      details: { step: refusal.step, code: refusal.code, reasonDigest: textDigest(this.context, refusal.reason), overdueWorkingDays: decided?.decidedAt != null ? decided.overdueWorkingDays : 0 },
    });
    await this.notify(repositories, 'request.refused', request);
  }

  private async recordGranted(repositories: Repositories, request: SharingRequest): Promise<void> {
    await this.notify(repositories, 'request.granted', request);
  }

  private async regionOf(repositories: Pick<Repositories, 'organisations'>, orgId: string): Promise<string> {
    return (await repositories.organisations.get(orgId))!.regionCode;
  }

  private notify(repositories: Repositories, type: Extract<SharingEventType, `request.${string}`>, request: SharingRequest): Promise<unknown> {
    return this.events(repositories, {
      type,
      orgIds: [request.consumerOrgId, request.providerOrgId, request.supervisorOrgId],
      data: { requestId: request.id, resourceCode: request.resourceCode, status: request.status, step: request.step, dueAt: request.stepDueAt, grantId: request.grantId, refusalCode: request.refusal?.code ?? null },
    });
  }
}

function decisionFor(step: RequestStep, decision: 'approve' | 'refuse'): StepDecision {
  if (step === 'dispute') return decision === 'approve' ? 'overturned' : 'upheld';
  if (decision === 'refuse') return 'refused';
  return step === 'compliance' ? 'passed' : 'approved';
}

/** The request fields an assessment fills in. */
function assessed(assessment: Assessment): Pick<SharingRequest, 'resourceVersion' | 'sharingType' | 'grade' | 'controls' | 'risk' | 'flags' | 'remaining'> {
  return {
    resourceVersion: assessment.resource.version,
    sharingType: assessment.resource.sharing.type,
    grade: assessment.grade,
    controls: assessment.controls,
    risk: assessment.risk,
    flags: assessment.flags,
    remaining: [...assessment.controls.approval],
  };
}
