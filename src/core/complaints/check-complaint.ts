import type { OrganisationKind } from '../identity/roles.ts';
import type { FieldError } from '../shared/domain-error.ts';
import { COMPLAINT_CATEGORIES, COMPLAINT_KINDS, COMPLAINT_OUTCOMES, REWARD_DECISIONS, type ComplaintDraft, type ComplaintOutcome, type RewardDecision } from './complaint.ts';

export const SUMMARY_MAX_LENGTH = 200;
export const DETAILS_MAX_LENGTH = 10_000;
export const CONTACT_MAX_LENGTH = 200;
export const ANSWER_MAX_LENGTH = 10_000;
export const REASON_MAX_LENGTH = 4_000;
/** A ceiling against typing errors, not a policy: regions set their own scales below it. */
export const REWARD_MAX_YUAN = 1_000_000;

/** What the checks need to know of a named department; undefined when no organisation has that id. */
export interface DepartmentFacts {
  kind: OrganisationKind;
  regionCode: string;
}

function text(path: string, value: string, maxLength: number, errors: FieldError[]): void {
  if (value.trim().length === 0) errors.push({ path, code: 'COMPLAINT_TEXT_REQUIRED', message: '不能为空 / must not be empty' });
  else if (value.length > maxLength) errors.push({ path, code: 'COMPLAINT_TEXT_TOO_LONG', message: `不得超过 ${maxLength} 个字符 / at most ${maxLength} characters` });
}

/** A department a complaint is routed to must be a government department of the complaint's region. */
export function checkDepartment(path: string, facts: DepartmentFacts | undefined, regionCode: string): FieldError[] {
  if (facts === undefined) return [{ path, code: 'COMPLAINT_DEPARTMENT_UNKNOWN', message: '部门不存在 / no such department' }];
  if (facts.regionCode !== regionCode) return [{ path, code: 'COMPLAINT_DEPARTMENT_OUTSIDE_REGION', message: '部门不属于该地区 / the department is not of this region' }];
  if (facts.kind !== 'department') return [{ path, code: 'COMPLAINT_DEPARTMENT_NOT_DEPARTMENT', message: '只能指向政务部门 / only a government department' }];
  return [];
}

/**
 * The rules of a filing, every breach at once; the HTTP schema's limits are repeated here for
 * callers that bypass it. Unlike a bulletin, the text may name people, the filer included: a
 * complaint about one's own data has to say whose data it is. It is stored, and kept out of the
 * log and of every department's view of the filer (DSL Art. 12).
 */
export function checkComplaintDraft(draft: ComplaintDraft, regionKnown: boolean, department: DepartmentFacts | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!regionKnown) errors.push({ path: '/regionCode', code: 'COMPLAINT_REGION_UNKNOWN', message: '地区不存在 / no such region' });
  if (!(COMPLAINT_KINDS as readonly string[]).includes(draft.kind)) errors.push({ path: '/kind', code: 'COMPLAINT_KIND_UNKNOWN', message: '未知的类型 / unknown kind' });
  if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(draft.category)) errors.push({ path: '/category', code: 'COMPLAINT_CATEGORY_UNKNOWN', message: '未知的事项类别 / unknown category' });
  text('/summary', draft.summary, SUMMARY_MAX_LENGTH, errors);
  text('/details', draft.details, DETAILS_MAX_LENGTH, errors);
  if (draft.contact !== null) text('/contact', draft.contact, CONTACT_MAX_LENGTH, errors);
  if (regionKnown && draft.departmentId !== null) errors.push(...checkDepartment('/departmentId', department, draft.regionCode));
  return errors;
}

/** A triage that routes a complaint away from the department its filer named must say why. */
export function checkTriage(reroutes: boolean, reason: string | null): FieldError[] {
  if (reason !== null && reason.length > REASON_MAX_LENGTH) return [{ path: '/reason', code: 'COMPLAINT_TEXT_TOO_LONG', message: `不得超过 ${REASON_MAX_LENGTH} 个字符 / at most ${REASON_MAX_LENGTH} characters` }];
  if (reroutes && (reason === null || reason.trim().length === 0)) return [{ path: '/reason', code: 'COMPLAINT_REROUTE_REASON_REQUIRED', message: '改变举报人所指部门须说明理由 / say why the complaint goes to another department than the one named' }];
  return [];
}

export function checkAnswer(outcome: ComplaintOutcome, answer: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!(COMPLAINT_OUTCOMES as readonly string[]).includes(outcome)) errors.push({ path: '/outcome', code: 'COMPLAINT_OUTCOME_UNKNOWN', message: '未知的处理结果 / unknown outcome' });
  text('/answer', answer, ANSWER_MAX_LENGTH, errors);
  return errors;
}

/** A reward granted has an amount; one declined has none. Either way the reason is on record. */
export function checkReward(decision: RewardDecision, amountYuan: number, reason: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!(REWARD_DECISIONS as readonly string[]).includes(decision)) errors.push({ path: '/decision', code: 'REWARD_DECISION_UNKNOWN', message: '未知的决定 / unknown decision' });
  if (!Number.isInteger(amountYuan) || amountYuan < 0 || amountYuan > REWARD_MAX_YUAN) {
    errors.push({ path: '/amountYuan', code: 'REWARD_AMOUNT_INVALID', message: `金额须为 0 至 ${REWARD_MAX_YUAN} 的整数元 / whole yuan from 0 to ${REWARD_MAX_YUAN}` });
  } else if (decision === 'granted' && amountYuan === 0) {
    errors.push({ path: '/amountYuan', code: 'REWARD_AMOUNT_REQUIRED', message: '给予奖励须写明金额 / a reward granted needs an amount' });
  } else if (decision === 'declined' && amountYuan !== 0) {
    errors.push({ path: '/amountYuan', code: 'REWARD_AMOUNT_UNEXPECTED', message: '不予奖励时金额须为 0 / a declined reward has no amount' });
  }
  text('/reason', reason, REASON_MAX_LENGTH, errors);
  return errors;
}
