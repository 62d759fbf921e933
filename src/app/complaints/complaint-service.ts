import { timingSafeEqual } from 'node:crypto';
import { shanghaiDate, type WorkingCalendar } from '../../core/calendar/index.ts';
import {
  checkAnswer,
  checkComplaintDraft,
  checkDepartment,
  checkReward,
  checkTriage,
  complaintDeadlines,
  complaintStanding,
  DEPARTMENT_READER_ROLES,
  HANDLER_ROLE,
  normaliseQueryCode,
  QUERY_CODE_BYTES,
  queryCodeFrom,
  remediesFor,
  trackingNumber,
  workingDaysOverdue,
  type Complaint,
  type ComplaintDraft,
  type ComplaintOutcome,
  type ComplaintStatus,
  type RewardDecision,
} from '../../core/complaints/index.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import type { ComplaintScope, StoredComplaint } from '../../storage/repositories/complaints.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, hasRole, notFound, textDigest, type AppContext, type Principal } from '../context.ts';
import type { PersonService } from '../directory/person-service.ts';
import type { RegionService } from '../directory/region-service.ts';
import type { ComplaintTexts } from './complaint-texts.ts';
import { ANONYMOUS_FILER, type CaseOpener, type ComplaintReceipt, type ComplaintStatusView, type ComplaintView, type Handling } from './complaint-views.ts';

/** The keyed-hash domain of query codes: apart from every other keyed hash of the deployment. */
const QUERY_CODE_DOMAIN = 'complaint-query-code';

export interface ComplaintQuery {
  status?: ComplaintStatus | undefined;
  /** Only complaints past a limit: unacknowledged after 1 working day, or unanswered after 15. */
  overdue?: boolean | undefined;
  before?: string | undefined;
  limit: number;
}

/** Who is looking: the authority that handles it, or the department it is routed to. */
type Viewer = { kind: 'authority'; scope: { supervisorOrgId: string } } | { kind: 'department'; scope: { departmentId: string } };

function forbidden(message: string): DomainError<'FORBIDDEN'> {
  return new DomainError('FORBIDDEN', message);
}

function statusConflict(message: string): DomainError<'COMPLAINT_STATUS_CONFLICT'> {
  return new DomainError('COMPLAINT_STATUS_CONFLICT', message);
}

/** The one answer to a lookup that fails, whether the number is unknown or the code wrong: numbers cannot be probed. */
function lookupFailed(): DomainError<'NOT_FOUND'> {
  return new DomainError('NOT_FOUND', '受理编号或查询码不正确 / wrong tracking number or query code');
}

/**
 * Complaints and reports (投诉举报, issue #8 §5). Anyone may file, with no account, and gets a
 * tracking number and a query code shown once. The region's supervision authority acknowledges
 * within 1 working day, routing the complaint to the responsible department, and answers within
 * 15 (《个人信息保护法》第六十五条: handle in time and tell the filer the result). What it finds
 * substantiated opens an accountability case; a substantiated report may earn a reward. The
 * filer's identity and words stay in the complaint: the audit log keeps digests, and the
 * department it is routed to never sees how to reach the filer (《数据安全法》第十二条 保密).
 */
export class ComplaintService {
  private readonly context: AppContext;
  private readonly people: PersonService;
  private readonly regions: RegionService;
  private readonly openCase: CaseOpener | null;
  private readonly texts: ComplaintTexts;
  /** Compared against when the number is unknown, so that a miss costs what a wrong code costs; made at the first lookup. */
  private decoyHash: string | undefined;

  constructor(context: AppContext, people: PersonService, regions: RegionService, texts: ComplaintTexts, openCase: CaseOpener | null) {
    this.context = context;
    this.people = people;
    this.regions = regions;
    this.texts = texts;
    this.openCase = openCase;
  }

  /** Files a complaint from anyone. The query code in the receipt is shown this once and never stored. */
  async file(input: ComplaintDraft): Promise<ComplaintReceipt> {
    const contact = input.contact?.trim() || null;
    const draft: ComplaintDraft = { ...input, summary: input.summary.trim(), details: input.details.trim(), contact, departmentId: input.departmentId ?? null };
    const texts = await this.texts.ready();
    return this.context.store.transaction(async (repositories) => {
      const region = await repositories.regions.get(draft.regionCode);
      const department = draft.departmentId === null ? undefined : await repositories.organisations.get(draft.departmentId);
      const errors = checkComplaintDraft(draft, region !== undefined, department && { kind: department.kind, regionCode: department.regionCode });
      if (errors.length > 0) throw validationError(errors);
      if (!region?.supervisorOrgId) throw new DomainError('NO_SUPERVISOR', '该地区尚未指定监管部门，暂不能受理 / the region has no supervision authority to receive complaints yet');

      const now = this.context.clock.now();
      const calendar = await this.regions.calendar(region.code, repositories);
      const deadlines = complaintDeadlines(now, calendar);
      // The year of the number is the year of receipt where the complaint is handled.
      const year = Number(shanghaiDate(now).slice(0, 4));
      const number = trackingNumber(year, await repositories.complaints.nextSerial(year));
      const queryCode = queryCodeFrom(this.context.random(QUERY_CODE_BYTES));
      const complaint: Complaint = {
        id: this.context.ids.next(),
        trackingNumber: number,
        regionCode: region.code,
        kind: draft.kind,
        category: draft.category,
        summary: draft.summary,
        details: draft.details,
        contact,
        namedDepartmentId: draft.departmentId,
        departmentId: draft.departmentId,
        supervisorOrgId: region.supervisorOrgId,
        status: 'received',
        filedAt: now.toISOString(),
        acknowledgeBy: deadlines.acknowledgeBy.toISOString(),
        answerBy: deadlines.answerBy.toISOString(),
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgeOverdueDays: null,
        answeredAt: null,
        answeredBy: null,
        answerOverdueDays: null,
        outcome: null,
        answer: null,
        caseId: null,
        reward: null,
      };
      await repositories.complaints.insert(texts.seal(complaint), this.codeHash(number, normaliseQueryCode(queryCode)!));
      await repositories.audit.append({
        actor: ANONYMOUS_FILER,
        action: 'complaint.filed',
        object: `complaint:${complaint.id}`,
        // No source address and no contact: the filer's identity is kept confidential (DSL Art. 12).
        details: {
          trackingNumber: number,
          regionCode: region.code,
          kind: complaint.kind,
          category: complaint.category,
          departmentId: complaint.departmentId,
          supervisorOrgId: complaint.supervisorOrgId,
          identified: contact !== null,
          acknowledgeBy: complaint.acknowledgeBy,
          answerBy: complaint.answerBy,
          summaryDigest: textDigest(this.context, complaint.summary),
          detailsDigest: textDigest(this.context, complaint.details),
        },
      });
      const handling = await this.handling(repositories, complaint);
      return {
        trackingNumber: number,
        queryCode,
        kind: complaint.kind,
        status: complaint.status,
        filedAt: complaint.filedAt,
        acknowledgeBy: complaint.acknowledgeBy,
        answerBy: complaint.answerBy,
        handling,
        remedies: remediesFor(handling.supervisionAuthority.name, handling.department?.name ?? null),
      };
    });
  }

  /**
   * The filer's status lookup, by tracking number and query code. A wrong code costs the same work
   * and gets the same answer as an unknown number; the route counts every lookup against the
   * caller's address (public-limits.ts).
   */
  async status(input: { trackingNumber: string; queryCode: string }): Promise<ComplaintStatusView> {
    const number = input.trackingNumber.trim().toUpperCase();
    const code = normaliseQueryCode(input.queryCode) ?? '';
    const found = await this.context.store.read.complaints.byTrackingNumber(number);
    const given = Buffer.from(this.codeHash(number, code), 'hex');
    const expected = Buffer.from(found?.queryCodeHash ?? (this.decoyHash ??= this.codeHash('', '')), 'hex');
    const matches = given.length === expected.length && timingSafeEqual(given, expected);
    if (!found || code === '' || !matches) throw lookupFailed();
    const complaint = (await this.texts.ready()).open(found.complaint);
    const handling = await this.handling(this.context.store.read, complaint);
    return {
      trackingNumber: complaint.trackingNumber,
      kind: complaint.kind,
      category: complaint.category,
      status: complaint.status,
      filedAt: complaint.filedAt,
      acknowledgeBy: complaint.acknowledgeBy,
      answerBy: complaint.answerBy,
      acknowledgedAt: complaint.acknowledgedAt,
      answeredAt: complaint.answeredAt,
      outcome: complaint.outcome,
      answer: complaint.answer,
      caseOpened: complaint.caseId !== null,
      reward: complaint.reward && { decision: complaint.reward.decision, amountYuan: complaint.reward.amountYuan },
      handling,
      remedies: remediesFor(handling.supervisionAuthority.name, handling.department?.name ?? null),
    };
  }

  async list(principal: Principal, query: ComplaintQuery): Promise<{ complaints: ComplaintView[]; nextCursor: string | null }> {
    const viewer = this.viewer(principal);
    const texts = await this.texts.ready();
    const repositories = this.context.store.read;
    const now = this.context.clock.now();
    const rows = await repositories.complaints.search({ scope: viewer.scope, status: query.status, overdueAt: query.overdue ? now.toISOString() : undefined, before: query.before, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const complaints: ComplaintView[] = [];
    const calendars = new Map<string, WorkingCalendar>();
    for (const stored of page) complaints.push(await this.view(repositories, viewer, texts.open(stored), now, calendars));
    return { complaints, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async get(principal: Principal, id: string): Promise<ComplaintView> {
    const viewer = this.viewer(principal);
    const texts = await this.texts.ready();
    const repositories = this.context.store.read;
    return this.view(repositories, viewer, texts.open(await this.visible(repositories, viewer.scope, id)), this.context.clock.now());
  }

  /**
   * Triage: the authority acknowledges receipt and routes the complaint to the responsible
   * department, the one the filer named unless it says why another. Late is taken, and marked.
   */
  async acknowledge(principal: Principal, id: string, input: { departmentId?: string | undefined; reason?: string | undefined }): Promise<ComplaintView> {
    await this.requireHandler(principal);
    const reason = input.reason?.trim() || null;
    const scope = { supervisorOrgId: principal.org.id };
    const texts = await this.texts.ready();
    return this.context.store.transaction(async (repositories) => {
      const complaint = texts.open(await this.visible(repositories, scope, id));
      if (complaint.status !== 'received') throw statusConflict('该投诉举报已受理 / this complaint has already been acknowledged');
      const departmentId = input.departmentId ?? complaint.departmentId;
      const errors: ReturnType<typeof checkTriage> = [];
      if (input.departmentId !== undefined) {
        const department = await repositories.organisations.get(input.departmentId);
        errors.push(...checkDepartment('/departmentId', department && { kind: department.kind, regionCode: department.regionCode }, complaint.regionCode));
      }
      const rerouted = complaint.namedDepartmentId !== null && departmentId !== complaint.namedDepartmentId;
      errors.push(...checkTriage(rerouted, reason));
      if (errors.length > 0) throw validationError(errors);

      const now = this.context.clock.now();
      const calendar = await this.regions.calendar(complaint.regionCode, repositories);
      const overdueDays = workingDaysOverdue(new Date(complaint.acknowledgeBy), now, calendar);
      const recorded = await repositories.complaints.acknowledge(id, departmentId, { at: now.toISOString(), by: principal.person.id, overdueDays });
      if (!recorded) throw statusConflict('该投诉举报已受理 / this complaint has already been acknowledged');
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'complaint.acknowledged',
        object: `complaint:${id}`,
        details: { trackingNumber: complaint.trackingNumber, departmentId, rerouted, late: now.getTime() > Date.parse(complaint.acknowledgeBy), overdueWorkingDays: overdueDays, ...(reason ? { reasonDigest: textDigest(this.context, reason) } : {}) },
      });
      const updated: Complaint = { ...complaint, status: 'acknowledged', departmentId, acknowledgedAt: now.toISOString(), acknowledgedBy: principal.person.id, acknowledgeOverdueDays: overdueDays };
      return this.view(repositories, { kind: 'authority', scope }, updated, now);
    });
  }

  /**
   * The authority's answer to the filer, with its finding. A substantiated complaint opens an
   * accountability case in the same transaction: the answer that says a case was opened, and the
   * case, commit together or not at all.
   */
  async answer(principal: Principal, id: string, input: { outcome: ComplaintOutcome; answer: string }): Promise<ComplaintView> {
    await this.requireHandler(principal);
    const answer = input.answer.trim();
    const errors = checkAnswer(input.outcome, answer);
    if (errors.length > 0) throw validationError(errors);
    const scope = { supervisorOrgId: principal.org.id };
    const texts = await this.texts.ready();
    return this.context.store.transaction(async (repositories) => {
      const stored = await this.visible(repositories, scope, id);
      const complaint = texts.open(stored);
      if (complaint.status === 'received') throw statusConflict('须先受理再答复 / acknowledge the complaint before answering it');
      if (complaint.status === 'answered') throw statusConflict('该投诉举报已答复 / this complaint has already been answered');
      const now = this.context.clock.now();
      const calendar = await this.regions.calendar(complaint.regionCode, repositories);
      const overdueDays = workingDaysOverdue(new Date(complaint.answerBy), now, calendar);
      const recorded = await repositories.complaints.answer(id, input.outcome, texts.sealText(stored, 'answer', answer), { at: now.toISOString(), by: principal.person.id, overdueDays });
      if (!recorded) throw statusConflict('该投诉举报已答复 / this complaint has already been answered');
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'complaint.answered',
        object: `complaint:${id}`,
        details: { trackingNumber: complaint.trackingNumber, outcome: input.outcome, late: now.getTime() > Date.parse(complaint.answerBy), overdueWorkingDays: overdueDays, answerDigest: textDigest(this.context, answer) },
      });
      let updated: Complaint = { ...complaint, status: 'answered', outcome: input.outcome, answer, answeredAt: now.toISOString(), answeredBy: principal.person.id, answerOverdueDays: overdueDays };
      if (input.outcome === 'substantiated' && this.openCase) updated = { ...updated, caseId: await this.fileCase(repositories, principal, updated) };
      return this.view(repositories, { kind: 'authority', scope }, updated, now);
    });
  }

  /** Records the reward decision for a substantiated report, once: the amount, or a refusal, with the reason. */
  async decideReward(principal: Principal, id: string, input: { decision: RewardDecision; amountYuan: number; reason: string }): Promise<ComplaintView> {
    await this.requireHandler(principal);
    const reason = input.reason.trim();
    const errors = checkReward(input.decision, input.amountYuan, reason);
    if (errors.length > 0) throw validationError(errors);
    const scope = { supervisorOrgId: principal.org.id };
    const texts = await this.texts.ready();
    return this.context.store.transaction(async (repositories) => {
      const stored = await this.visible(repositories, scope, id);
      const complaint = texts.open(stored);
      if (complaint.kind !== 'report' || complaint.outcome !== 'substantiated') {
        throw new DomainError('REWARD_NOT_ALLOWED', '仅经查属实的举报可奖励 / only a report found substantiated may be rewarded');
      }
      const now = this.context.clock.now();
      const reward = { decision: input.decision, amountYuan: input.amountYuan, reason, at: now.toISOString(), by: principal.person.id };
      if (!(await repositories.complaints.decideReward(id, { ...reward, reason: texts.sealText(stored, 'rewardReason', reason) }))) throw new DomainError('CONFLICT', '该举报的奖励已作出决定 / the reward for this report has already been decided');
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'complaint.reward.decided',
        object: `complaint:${id}`,
        details: { trackingNumber: complaint.trackingNumber, decision: input.decision, amountYuan: input.amountYuan, reasonDigest: textDigest(this.context, reason) },
      });
      const updated: Complaint = { ...complaint, reward: { decision: input.decision, amountYuan: input.amountYuan, reason, decidedAt: reward.at, decidedBy: reward.by } };
      return this.view(repositories, { kind: 'authority', scope }, updated, now);
    });
  }

  /** The case cites the complaint's audit entries as evidence, and its facts cite the tracking number, never the filer's words: they reach the parties. */
  private async fileCase(repositories: Repositories, principal: Principal, complaint: Complaint): Promise<string> {
    const records = await repositories.auditStore.search({ object: `complaint:${complaint.id}`, limit: 10 });
    const caseId = await this.openCase!(repositories, principal, {
      source: { kind: 'complaint', id: complaint.id },
      title: `投诉举报 ${complaint.trackingNumber} 经查属实 / complaint ${complaint.trackingNumber} substantiated`,
      facts: `监管部门经查认定投诉举报 ${complaint.trackingNumber} 属实，依法立案问责。/ The supervision authority found complaint ${complaint.trackingNumber} substantiated and opens a case.`,
      evidence: records.map((record) => record.seq).sort((left, right) => left - right),
    });
    await repositories.complaints.setCase(complaint.id, caseId);
    await repositories.audit.append({ actor: actorOf(principal), action: 'complaint.case.opened', object: `complaint:${complaint.id}`, details: { trackingNumber: complaint.trackingNumber, caseId } });
    return caseId;
  }

  /** Keyed, so a copy of the database alone cannot test guesses; bound to the number, so a code opens one complaint only. */
  private codeHash(number: string, code: string): string {
    return this.context.vault.keyedHash(QUERY_CODE_DOMAIN, `${number}\n${code}`);
  }

  private async requireHandler(principal: Principal): Promise<void> {
    if (principal.org.kind !== 'supervisor' || !hasRole(principal, HANDLER_ROLE)) {
      throw forbidden('仅监管部门的监管人员可处理投诉举报 / only a supervisor of the supervision authority handles complaints');
    }
    // Handling a complaint is an act of supervision: the person's training must be in force (《数据安全法》第二十七条).
    await this.people.requireTraining(principal.person, 'supervise');
  }

  private viewer(principal: Principal): Viewer {
    if (principal.org.kind === 'supervisor' && hasRole(principal, HANDLER_ROLE, 'auditor')) return { kind: 'authority', scope: { supervisorOrgId: principal.org.id } };
    if (principal.org.kind === 'department' && hasRole(principal, ...DEPARTMENT_READER_ROLES)) return { kind: 'department', scope: { departmentId: principal.org.id } };
    throw forbidden('仅监管人员或被投诉部门的管理员、审批人、审计人员可查看投诉举报 / only supervisors, or administrators, approvers and auditors of the department concerned, read complaints');
  }

  /** Another authority's complaint, or one not routed to the department, is answered as absent. */
  private async visible(repositories: Repositories, scope: ComplaintScope, id: string): Promise<StoredComplaint> {
    const complaint = await repositories.complaints.get(id);
    if (complaint) {
      if ('supervisorOrgId' in scope && complaint.supervisorOrgId === scope.supervisorOrgId) return complaint;
      if ('departmentId' in scope && complaint.departmentId === scope.departmentId) return complaint;
    }
    throw notFound('投诉举报', 'complaint');
  }

  private async handling(repositories: Repositories, complaint: Pick<Complaint, 'supervisorOrgId' | 'departmentId'>): Promise<Handling> {
    const authority = await repositories.organisations.get(complaint.supervisorOrgId);
    const department = complaint.departmentId === null ? undefined : await repositories.organisations.get(complaint.departmentId);
    return {
      supervisionAuthority: { id: complaint.supervisorOrgId, name: authority?.name ?? complaint.supervisorOrgId },
      department: department ? { id: department.id, name: department.name } : null,
    };
  }

  /** A department sees the complaint, but neither how to reach the filer nor a reward (DSL Art. 12). */
  private async view(repositories: Repositories, viewer: Viewer, complaint: Complaint, now: Date, calendars = new Map<string, WorkingCalendar>()): Promise<ComplaintView> {
    let calendar = calendars.get(complaint.regionCode);
    if (!calendar) {
      calendar = await this.regions.calendar(complaint.regionCode, repositories);
      calendars.set(complaint.regionCode, calendar);
    }
    const { contact, reward, ...rest } = complaint;
    const base = { ...rest, handling: await this.handling(repositories, complaint), standing: complaintStanding(complaint, now, calendar) };
    return viewer.kind === 'authority' ? { ...base, contact, reward } : base;
  }
}
