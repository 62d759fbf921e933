import { holdBackWindowErrors, type HoldBack } from '../../core/citizen/hold-back.ts';
import { mentionsPersonalNumber } from '../../core/pii/index.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';
import type { PersonService } from '../directory/person-service.ts';
import { actorOf, notFound, requireRole, textDigest, type AppContext, type Principal } from '../context.ts';

export interface HoldBackInput {
  grantId: string;
  caseNumber: string;
  reason: string;
  /** Default: now. */
  coversFrom?: string | undefined;
  endsAt: string;
}

const CASE_NUMBER_MAX = 64;
const REASON_MAX = 500;

/** Only the supervision authority's supervisors hold back; the grant must be one it supervises. */
function requireHoldBackOfficer(principal: Principal): void {
  requireRole(principal, 'supervisor');
  if (principal.org.kind !== 'supervisor') throw new DomainError('FORBIDDEN', '只有监管部门可登记暂缓告知 / only a supervision authority registers hold-backs');
}

function instant(value: string, path: string, errors: FieldError[]): Date | null {
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    errors.push({ path, code: 'INSTANT_INVALID', message: '须为带时区的 ISO 8601 时间 / must be an ISO 8601 instant' });
    return null;
  }
  return parsed;
}

/**
 * Investigation hold-backs (暂缓告知, PIPL Art. 35 with Art. 18(1)): a supervisor hides the
 * accesses under one grant from the data subjects while telling them would impede an
 * investigation, for a fixed time, after which the citizen view shows them. Every hold-back and
 * every early lifting is on record with its case number; the reason goes to the audit log only
 * as a digest.
 */
export class HoldBackService {
  private readonly context: AppContext;
  private readonly people: PersonService;

  constructor(context: AppContext, people: PersonService) {
    this.context = context;
    this.people = people;
  }

  async create(principal: Principal, input: HoldBackInput): Promise<HoldBack> {
    requireHoldBackOfficer(principal);
    // Withholding notice is an act of supervision: the supervision training must be in force (《数据安全法》第二十七条).
    await this.people.requireTraining(principal.person, 'supervise');
    const now = this.context.clock.now();
    const errors: FieldError[] = [];
    const caseNumber = input.caseNumber.trim();
    const reason = input.reason.trim();
    if (caseNumber.length === 0 || caseNumber.length > CASE_NUMBER_MAX) errors.push({ path: '/caseNumber', code: 'CASE_NUMBER_INVALID', message: `须填写案件或文书编号（不超过 ${CASE_NUMBER_MAX} 字）/ a case or document number of at most ${CASE_NUMBER_MAX} characters` });
    else if (mentionsPersonalNumber(caseNumber)) errors.push({ path: '/caseNumber', code: 'CASE_NUMBER_HAS_PERSONAL_DATA', message: '编号中不得含身份证号或手机号 / the number must not contain an ID or mobile number' });
    if (reason.length === 0 || reason.length > REASON_MAX) errors.push({ path: '/reason', code: 'REASON_INVALID', message: `须说明理由（不超过 ${REASON_MAX} 字）/ a reason of at most ${REASON_MAX} characters is required` });
    else if (mentionsPersonalNumber(reason)) errors.push({ path: '/reason', code: 'REASON_HAS_PERSONAL_DATA', message: '理由中不得含身份证号或手机号 / the reason must not contain an ID or mobile number' });
    const coversFrom = input.coversFrom === undefined ? now : instant(input.coversFrom, '/coversFrom', errors);
    const endsAt = instant(input.endsAt, '/endsAt', errors);
    if (coversFrom && endsAt) errors.push(...holdBackWindowErrors({ coversFrom, endsAt }, now));
    if (errors.length > 0 || !coversFrom || !endsAt) throw validationError(errors);
    return this.context.store.transaction(async (repositories) => {
      const grant = await repositories.grants.get(input.grantId);
      // Another authority's grant answers like one that does not exist.
      if (!grant || grant.supervisorOrgId !== principal.org.id) throw notFound('共享授权', 'grant');
      const holdBack: HoldBack = {
        id: this.context.ids.next(),
        grantId: grant.id,
        supervisorOrgId: principal.org.id,
        createdBy: principal.person.id,
        caseNumber,
        reason,
        coversFrom: coversFrom.toISOString(),
        endsAt: endsAt.toISOString(),
        liftedAt: null,
        liftedBy: null,
        createdAt: now.toISOString(),
      };
      await repositories.holdBacks.insert(holdBack);
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'citizen.hold_back.created',
        object: `hold_back:${holdBack.id}`,
        details: { grantId: grant.id, caseNumber, coversFrom: holdBack.coversFrom, endsAt: holdBack.endsAt, reasonDigest: textDigest(this.context, reason) },
      });
      return holdBack;
    });
  }

  async list(principal: Principal, query: { limit: number; cursor?: string | undefined }): Promise<{ holdBacks: HoldBack[]; nextCursor: string | null }> {
    requireHoldBackOfficer(principal);
    const found = await this.context.store.read.holdBacks.listBySupervisor(principal.org.id, query.limit + 1, query.cursor);
    const page = found.slice(0, query.limit);
    return { holdBacks: page, nextCursor: found.length > query.limit ? page[page.length - 1]!.id : null };
  }

  /** Ends a hold-back early, once telling no longer impedes the investigation: the accesses show at once. */
  async lift(principal: Principal, id: string, reason: string): Promise<HoldBack> {
    requireHoldBackOfficer(principal);
    await this.people.requireTraining(principal.person, 'supervise');
    const text = reason.trim();
    if (text.length === 0 || text.length > REASON_MAX) throw validationError([{ path: '/reason', code: 'REASON_INVALID', message: `须说明理由（不超过 ${REASON_MAX} 字）/ a reason of at most ${REASON_MAX} characters is required` }]);
    const at = this.context.clock.now().toISOString();
    return this.context.store.transaction(async (repositories) => {
      const holdBack = await repositories.holdBacks.get(id);
      if (!holdBack || holdBack.supervisorOrgId !== principal.org.id) throw notFound('暂缓告知', 'hold-back');
      if (!(await repositories.holdBacks.lift(id, principal.person.id, at))) throw new DomainError('HOLD_BACK_ENDED', '该暂缓告知已结束或已解除 / the hold-back has already ended or been lifted');
      await repositories.audit.append({ actor: actorOf(principal), action: 'citizen.hold_back.lifted', object: `hold_back:${id}`, details: { grantId: holdBack.grantId, reasonDigest: textDigest(this.context, text) } });
      return { ...holdBack, liftedAt: at, liftedBy: principal.person.id };
    });
  }
}
