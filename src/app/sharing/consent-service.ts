import type { Actor } from '../../core/audit/audit-log.ts';
import { RESOURCE_CODE_PATTERN } from '../../core/catalog/validate-resource.ts';
import { blindIndexInput, mentionsPersonalNumber, subjectIdentifier, type SubjectIdentifier } from '../../core/pii/index.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';
import type { ConsentRecord } from '../../storage/repositories/consents.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Procedure } from './procedure.ts';
import { actorOf, isInvestigator, notFound, requireRole, type AppContext, type Principal } from '../context.ts';

/**
 * What the gateway asks of the consent registry: of these subjects (blind indexes), which had
 * consented to this consumer, purpose and resource at that instant and not withdrawn by then.
 */
export interface ConsentPort {
  activeSubjects(subjectIndexes: string[], consumerOrgId: string, purposeCode: string, resourceCode: string, at: Date): Promise<Set<string>>;
}

export interface ConsentInput {
  /** A resident ID (GB 11643) or USCC (GB 32100). Normalised, blind-indexed and discarded. */
  subjectId: string;
  purposeCode: string;
  resourceCode?: string | null | undefined;
  givenAt: string;
  evidence: string;
}

/** A consent as callers see it: nothing about the subject at all, not even the blind index. */
export interface Consent {
  id: string;
  purposeCode: string;
  resourceCode: string | null;
  givenAt: string;
  withdrawnAt: string | null;
  createdAt: string;
}

export interface ConsentQuery {
  limit: number;
  cursor?: string | undefined;
  purposeCode?: string | undefined;
  /** Investigators only: another organisation's registry. */
  orgId?: string | undefined;
}

export interface ConsentPage {
  consents: Consent[];
  nextCursor: string | null;
}

export const PURPOSE_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;
const EVIDENCE_MAX_LENGTH = 200;

/** A consent as its own subject sees it: also which department holds it. */
export interface ConsentOfSubject extends Consent {
  consumerOrgId: string;
}

function toConsentOfSubject(record: ConsentRecord): ConsentOfSubject {
  return { ...toConsent(record), consumerOrgId: record.consumerOrgId };
}

function toConsent(record: ConsentRecord): Consent {
  return { id: record.id, purposeCode: record.purposeCode, resourceCode: record.resourceCode, givenAt: record.givenAt, withdrawnAt: record.withdrawnAt, createdAt: record.createdAt };
}

/**
 * The consent registry (个人同意登记) of consumer departments. Where a grant rests on consent
 * (PIPL Art. 13(1)), the gateway serves only subjects whose consent is in force (Art. 14) and
 * stops at once on withdrawal (Art. 15). The subject's identifier arrives, is validated, turned
 * into its blind index and dropped: it reaches no table, log, audit detail or error message.
 */
export class ConsentService implements ConsentPort {
  private readonly context: AppContext;

  private readonly procedure: Procedure;

  constructor(context: AppContext, procedure: Procedure) {
    this.context = context;
    this.procedure = procedure;
  }

  async record(principal: Principal, input: ConsentInput): Promise<Consent> {
    requireRegistrar(principal);
    const now = this.context.clock.now();
    const errors: FieldError[] = [];
    const subject = subjectOf(input.subjectId, errors);
    checkPurpose(input.purposeCode, errors);
    const resourceCode = input.resourceCode ?? null;
    if (resourceCode !== null && !RESOURCE_CODE_PATTERN.test(resourceCode)) {
      errors.push({ path: '/resourceCode', code: 'RESOURCE_CODE_INVALID', message: '资源代码须为 1–64 位字母、数字或 . _ / - / 1–64 letters, digits or . _ / -' });
    }
    const givenAt = instantOf(input.givenAt, '/givenAt', errors);
    if (givenAt && givenAt > now) errors.push({ path: '/givenAt', code: 'CONSENT_IN_FUTURE', message: '同意时间不能晚于当前时间 / consent cannot be given in the future' });
    const evidence = input.evidence.trim();
    if (evidence.length === 0 || evidence.length > EVIDENCE_MAX_LENGTH) {
      errors.push({ path: '/evidence', code: 'EVIDENCE_INVALID', message: `须填写同意凭证编号（不超过 ${EVIDENCE_MAX_LENGTH} 字）/ a reference of at most ${EVIDENCE_MAX_LENGTH} characters is required` });
    } else if (mentionsPersonalNumber(evidence, subject?.normalized)) {
      // The evidence is stored in clear: an identifier in it would undo the blind index.
      errors.push({ path: '/evidence', code: 'EVIDENCE_HAS_PERSONAL_DATA', message: '凭证中不得含身份证号、手机号或主体标识，请填写文书编号 / the reference must not contain an ID, mobile number or the subject identifier' });
    }
    if (errors.length > 0 || !subject || !givenAt) throw validationError(errors);
    const subjectIndex = this.indexOf(subject);
    return this.context.store.transaction(async (repositories) => {
      // Consent is given for a purpose on the department's region list (PIPL Art. 14: specific).
      const regions = (await this.procedure.chain(repositories, principal.org.regionCode)).map((region) => region.code);
      if (!(await repositories.purposes.find(regions, input.purposeCode))) {
        throw validationError([{ path: '/purposeCode', code: 'PURPOSE_UNKNOWN', message: '用途代码不在本地区用途清单中 / the purpose code is not on the region’s list' }]);
      }
      const open = await repositories.consents.unwithdrawn(subjectIndex, principal.org.id, input.purposeCode);
      if (open.some((consent) => consent.resourceCode === resourceCode)) {
        throw new DomainError('CONSENT_EXISTS', '该主体对此用途（及资源）的同意已登记且未撤回 / an unwithdrawn consent for this subject, purpose and resource is already recorded');
      }
      const record: ConsentRecord = {
        id: this.context.ids.next(),
        subjectIndex,
        consumerOrgId: principal.org.id,
        purposeCode: input.purposeCode,
        resourceCode,
        givenAt: givenAt.toISOString(),
        withdrawnAt: null,
        document: { evidence, recordedBy: principal.person.id },
        createdAt: now.toISOString(),
      };
      await repositories.consents.insert(record);
      await repositories.audit.append({ actor: actorOf(principal), action: 'consent.recorded', object: `consent:${record.id}`, details: { purposeCode: record.purposeCode, resourceCode } });
      return toConsent(record);
    });
  }

  /** Withdraws one consent of the caller's own department (PIPL Art. 15). */
  async withdraw(principal: Principal, id: string, input: { withdrawnAt?: string | undefined } = {}): Promise<Consent> {
    requireRegistrar(principal);
    return this.context.store.transaction(async (repositories) => {
      const consent = await repositories.consents.get(id);
      if (!consent || consent.consumerOrgId !== principal.org.id) throw notFound('同意记录', 'consent');
      if (consent.withdrawnAt !== null) throw alreadyWithdrawn();
      const errors: FieldError[] = [];
      const at = input.withdrawnAt === undefined ? this.context.clock.now() : instantOf(input.withdrawnAt, '/withdrawnAt', errors);
      if (at && at > this.context.clock.now()) errors.push({ path: '/withdrawnAt', code: 'WITHDRAWAL_IN_FUTURE', message: '撤回时间不能晚于当前时间 / withdrawal cannot be dated in the future' });
      if (at && at.toISOString() < consent.givenAt) errors.push({ path: '/withdrawnAt', code: 'WITHDRAWAL_BEFORE_CONSENT', message: '撤回时间不能早于同意时间 / withdrawal cannot precede the consent' });
      if (errors.length > 0 || !at) throw validationError(errors);
      await this.markWithdrawn(repositories, actorOf(principal), consent, at.toISOString(), false);
      return toConsent({ ...consent, withdrawnAt: at.toISOString() });
    });
  }

  /**
   * A subject's withdrawal reaching the department (PIPL Art. 15: withdrawal must be as easy as
   * giving consent): every unwithdrawn consent of the subject to this department for the purpose,
   * whatever the resource, ends now. Returns how many ended.
   */
  async withdrawBySubject(principal: Principal, input: { subjectId: string; purposeCode: string }): Promise<number> {
    requireRegistrar(principal);
    const errors: FieldError[] = [];
    const subject = subjectOf(input.subjectId, errors);
    checkPurpose(input.purposeCode, errors);
    if (errors.length > 0 || !subject) throw validationError(errors);
    const subjectIndex = this.indexOf(subject);
    const at = this.context.clock.now().toISOString();
    return this.context.store.transaction(async (repositories) => {
      // Consent is given for a purpose on the department's region list (PIPL Art. 14: specific).
      const regions = (await this.procedure.chain(repositories, principal.org.regionCode)).map((region) => region.code);
      if (!(await repositories.purposes.find(regions, input.purposeCode))) {
        throw validationError([{ path: '/purposeCode', code: 'PURPOSE_UNKNOWN', message: '用途代码不在本地区用途清单中 / the purpose code is not on the region’s list' }]);
      }
      const open = await repositories.consents.unwithdrawn(subjectIndex, principal.org.id, input.purposeCode);
      for (const consent of open) await this.markWithdrawn(repositories, actorOf(principal), consent, at, true);
      return open.length;
    });
  }

  /** A subject's own consents, to every department, newest first (the citizen view). */
  async ofSubject(subjectIndex: string, limit: number): Promise<ConsentOfSubject[]> {
    return (await this.context.store.read.consents.bySubject(subjectIndex, limit)).map(toConsentOfSubject);
  }

  /**
   * The subject withdraws one of its own consents, now (PIPL Art. 15: as easy as giving it). A
   * consent of another subject answers exactly like one that does not exist.
   */
  async withdrawAsSubject(actor: Actor, subjectIndex: string, id: string): Promise<ConsentOfSubject> {
    const at = this.context.clock.now().toISOString();
    return this.context.store.transaction(async (repositories) => {
      const consent = await repositories.consents.get(id);
      if (!consent || consent.subjectIndex !== subjectIndex) throw notFound('同意记录', 'consent');
      if (consent.withdrawnAt !== null) throw alreadyWithdrawn();
      await this.markWithdrawn(repositories, actor, consent, at, true);
      return toConsentOfSubject({ ...consent, withdrawnAt: at });
    });
  }

  /** The caller's own registry, newest first; investigators may name another organisation. */
  async list(principal: Principal, query: ConsentQuery): Promise<ConsentPage> {
    const investigator = isInvestigator(principal);
    if (!investigator) requireRegistrar(principal);
    const orgId = query.orgId ?? principal.org.id;
    if (orgId !== principal.org.id && !investigator) {
      throw new DomainError('FORBIDDEN', '只有监管调查人员可查看其他部门的同意登记 / only investigators may see another organisation’s consents');
    }
    const records = await this.context.store.read.consents.listByConsumer(orgId, { limit: query.limit + 1, before: query.cursor, purposeCode: query.purposeCode });
    const page = records.slice(0, query.limit).map(toConsent);
    return { consents: page, nextCursor: records.length > query.limit ? page[page.length - 1]!.id : null };
  }

  /** Whether the subject's consent to the caller's department is in force now (a null resource: purpose-wide consent). */
  async check(principal: Principal, input: { subjectId: string; purposeCode: string; resourceCode?: string | null | undefined }): Promise<{ consented: boolean }> {
    requireRegistrar(principal);
    const errors: FieldError[] = [];
    const subject = subjectOf(input.subjectId, errors);
    checkPurpose(input.purposeCode, errors);
    if (errors.length > 0 || !subject) throw validationError(errors);
    const consented = await this.context.store.read.consents.activeFor(this.indexOf(subject), principal.org.id, input.purposeCode, input.resourceCode ?? null, this.context.clock.now());
    // A lookup tells whether a person consented: each one is on record, so that probing many
    // subjects one by one shows up (the subject itself is never written).
    await this.context.store.auditLog.append({ actor: actorOf(principal), action: 'consent.checked', object: `organisation:${principal.org.id}`, details: { purposeCode: input.purposeCode, resourceCode: input.resourceCode ?? null, consented } });
    return { consented };
  }

  /** The gateway's batch filter (ConsentPort): at most one query per 500 subjects. */
  activeSubjects(subjectIndexes: string[], consumerOrgId: string, purposeCode: string, resourceCode: string, at: Date): Promise<Set<string>> {
    return this.context.store.read.consents.activeSubjects(subjectIndexes, consumerOrgId, purposeCode, resourceCode, at);
  }

  private indexOf(subject: SubjectIdentifier): string {
    return this.context.blindIndex(blindIndexInput(subject));
  }

  private async markWithdrawn(repositories: Repositories, actor: Actor, consent: ConsentRecord, at: string, bySubject: boolean): Promise<void> {
    // The conditional update settles a race between two withdrawals: only one of them counts.
    if (!(await repositories.consents.withdraw(consent.id, at))) throw alreadyWithdrawn();
    await repositories.audit.append({
      actor,
      action: 'consent.withdrawn',
      object: `consent:${consent.id}`,
      details: { purposeCode: consent.purposeCode, resourceCode: consent.resourceCode, bySubject },
    });
  }
}

/** Consumers keep the registry, and provider admins for their own department; contractors and the platform never. */
function requireRegistrar(principal: Principal): void {
  requireRole(principal, 'consumer', 'provider_admin');
  if (principal.org.kind !== 'department' && principal.org.kind !== 'supervisor') {
    throw new DomainError('FORBIDDEN', '只有部门可登记个人同意 / only departments keep a consent registry');
  }
}

function alreadyWithdrawn(): DomainError<'CONSENT_WITHDRAWN'> {
  return new DomainError('CONSENT_WITHDRAWN', '该同意已撤回 / the consent has already been withdrawn');
}

/** The message never repeats the value: it is a citizen's identifier. */
function subjectOf(raw: string, errors: FieldError[]): SubjectIdentifier | null {
  const subject = subjectIdentifier(raw);
  if (!subject) errors.push({ path: '/subjectId', code: 'SUBJECT_ID_INVALID', message: '须为有效的公民身份号码或统一社会信用代码 / must be a valid resident ID or USCC' });
  return subject;
}

function checkPurpose(code: string, errors: FieldError[]): void {
  if (!PURPOSE_CODE_PATTERN.test(code)) errors.push({ path: '/purposeCode', code: 'PURPOSE_CODE_INVALID', message: '用途代码须为 1–32 位大写字母、数字或 . _ - / 1–32 of A-Z 0-9 . _ -' });
}

function instantOf(value: string, path: string, errors: FieldError[]): Date | null {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    errors.push({ path, code: 'INSTANT_INVALID', message: '须为带时区的 ISO 8601 时间 / must be an ISO 8601 instant' });
    return null;
  }
  return instant;
}
