import { GRADES, GRADE_LABELS, type Grade } from '../catalog/grade.ts';
import type { FieldError } from '../shared/domain-error.ts';
import { APPROVAL_STEPS, MASKING_LEVELS, maskingRank, type GradeControls, type PolicyProfile } from './graded-controls.ts';

/** Grant length bounds in months; a region may shorten the DESIGN §5 defaults, never exceed 5 years. */
export const MIN_GRANT_MONTHS = 1;
export const MAX_GRANT_MONTHS = 60;

/** Grades whose resources may be shared unconditionally (DESIGN §5). */
const UNCONDITIONAL_GRADES: readonly Grade[] = ['general-1', 'general-2'];

/** Controls that are stricter when true; a grade may not drop one that a lower grade has. */
const STRICT_WHEN_TRUE = ['specialProcedure', 'quotaRequired', 'caseNumberRequired', 'alertEachAccess', 'tighterDetection'] as const;

/** Controls that are stricter when false: a grade may not allow one that a lower grade forbids. */
const STRICT_WHEN_FALSE = ['bulkExport', 'waiveApprovalIfUnconditional'] as const;

/**
 * Every way a profile falls below the floor that GB/T 43697-2024 and 政务数据共享条例 allow, one
 * error per field (the first found), all at once. Three kinds:
 * - POLICY_VALUE_INVALID: a value out of range or of the wrong kind.
 * - POLICY_CORE_WEAKENED: core data lost a control the law ties to it (supervisor special
 *   procedure, verification only, an alert on each access, no bulk export).
 * - POLICY_IMPORTANT_WEAKENED: important data allows bulk export.
 * - POLICY_NOT_MONOTONIC: a higher grade is laxer than a lower one (就高从严: controls only
 *   tighten as the grade rises, DESIGN §5) in approval, masking, grant length, whether there is
 *   a periodic review, or any of the yes/no controls.
 */
export function checkProfile(profile: PolicyProfile): FieldError[] {
  const errors: FieldError[] = [];
  const hasError = (grade: Grade, field: keyof GradeControls): boolean => errors.some((error) => error.path === `/${grade}/${field}`);
  const add = (grade: Grade, field: keyof GradeControls, code: string, zh: string, en: string): void => {
    if (hasError(grade, field)) return;
    const path = `/${grade}/${field}`;
    errors.push({ path, code, message: `${GRADE_LABELS[grade].zh}：${zh} / ${GRADE_LABELS[grade].en}: ${en}` });
  };

  for (const grade of GRADES) checkValues(grade, profile[grade], add);
  checkCore(profile.core, add);
  if (profile.important.bulkExport !== false) {
    // DESIGN §5: important data (重要数据) is never exported in bulk.
    add('important', 'bulkExport', 'POLICY_IMPORTANT_WEAKENED', '重要数据不得批量导出', 'important data may not be exported in bulk');
  }
  GRADES.forEach((grade, index) => {
    const lowerGrade = GRADES[index - 1];
    if (lowerGrade !== undefined) checkMonotonic(lowerGrade, profile[lowerGrade], grade, profile[grade], add, hasError);
  });
  return errors;
}

type HasError = (grade: Grade, field: keyof GradeControls) => boolean;
type AddError = (grade: Grade, field: keyof GradeControls, code: string, zh: string, en: string) => void;

function checkValues(grade: Grade, controls: GradeControls, add: AddError): void {
  const invalid = (field: keyof GradeControls, zh: string, en: string): void => add(grade, field, 'POLICY_VALUE_INVALID', zh, en);
  const approval: unknown = controls.approval;
  if (
    !Array.isArray(approval) ||
    approval.length === 0 ||
    !approval.every((step) => (APPROVAL_STEPS as readonly unknown[]).includes(step)) ||
    new Set(approval).size !== approval.length
  ) {
    // 有条件共享 is granted on the provider's (or supervisor's) review, so the chain is never empty.
    invalid('approval', '审批环节须为不重复的 provider/supervisor，且至少一个', 'approval must be distinct provider/supervisor steps, at least one');
  }
  if (!(MASKING_LEVELS as readonly unknown[]).includes(controls.masking)) {
    invalid('masking', '脱敏方式无效', 'unknown masking level');
  }
  if (!Number.isInteger(controls.maxGrantMonths) || controls.maxGrantMonths < MIN_GRANT_MONTHS || controls.maxGrantMonths > MAX_GRANT_MONTHS) {
    invalid('maxGrantMonths', `授权期限须为 ${MIN_GRANT_MONTHS}–${MAX_GRANT_MONTHS} 个月的整数`, `maxGrantMonths must be a whole number from ${MIN_GRANT_MONTHS} to ${MAX_GRANT_MONTHS}`);
  }
  if (controls.reviewMonths !== null && (!Number.isInteger(controls.reviewMonths) || controls.reviewMonths < 1)) {
    invalid('reviewMonths', '复核周期须为正整数月或不设', 'reviewMonths must be a positive whole number or null');
  }
  for (const field of [...STRICT_WHEN_TRUE, ...STRICT_WHEN_FALSE]) {
    if (typeof controls[field] !== 'boolean') invalid(field, '须为布尔值', 'must be true or false');
  }
  if (controls.waiveApprovalIfUnconditional === true && !UNCONDITIONAL_GRADES.includes(grade)) {
    invalid('waiveApprovalIfUnconditional', '仅一般数据1、2级可无条件共享', 'only general-1 and general-2 data may be shared unconditionally');
  }
}

function checkCore(core: GradeControls, add: AddError): void {
  const weakened = (field: keyof GradeControls, zh: string, en: string): void => add('core', field, 'POLICY_CORE_WEAKENED', zh, en);
  if (core.masking !== 'verification_only') weakened('masking', '核心数据只能以核验方式共享', 'core data may only be shared as verification');
  if (!Array.isArray(core.approval) || !core.approval.includes('supervisor')) {
    weakened('approval', '核心数据须经主管部门审批', 'core data must be approved by the supervisor');
  }
  if (core.specialProcedure !== true) weakened('specialProcedure', '核心数据须走特别程序', 'core data requires the special procedure');
  if (core.alertEachAccess !== true) weakened('alertEachAccess', '核心数据每次访问须告警', 'each access to core data must alert the supervisor');
  if (core.bulkExport !== false) weakened('bulkExport', '核心数据不得批量导出', 'core data may not be exported in bulk');
}

function checkMonotonic(lowerGrade: Grade, lower: GradeControls, grade: Grade, higher: GradeControls, add: AddError, hasError: HasError): void {
  // A field already found invalid at either grade is not compared: the value error says it all.
  const laxer = (field: keyof GradeControls, zh: string, en: string): void => {
    if (hasError(lowerGrade, field)) return;
    add(grade, field, 'POLICY_NOT_MONOTONIC', `${zh}（低于${GRADE_LABELS[lowerGrade].zh}）`, `${en} than ${lowerGrade}`);
  };
  if (!hasError(lowerGrade, 'approval') && !hasError(grade, 'approval') && compareApproval(higher, lower) < 0) {
    laxer('approval', '审批更宽松', 'approval is laxer');
  }
  if (higher.specialProcedure !== true && lower.specialProcedure === true) laxer('specialProcedure', '取消了特别程序', 'drops the special procedure');
  if (maskingRank(higher.masking) < maskingRank(lower.masking)) laxer('masking', '脱敏更宽松', 'masking is laxer');
  if (higher.maxGrantMonths > lower.maxGrantMonths) laxer('maxGrantMonths', '授权期限更长', 'the grant may last longer');
  // Only the presence of a review is compared, not its interval, so that a region may review a
  // lower grade more often than the default for the grades above it.
  if (higher.reviewMonths === null && lower.reviewMonths !== null) laxer('reviewMonths', '取消了定期复核', 'drops the periodic review');
  for (const field of STRICT_WHEN_TRUE) {
    if (lower[field] === true && higher[field] === false) laxer(field, `取消了 ${field}`, `drops ${field}`);
  }
  for (const field of STRICT_WHEN_FALSE) {
    if (lower[field] === false && higher[field] === true) laxer(field, `放开了 ${field}`, `allows ${field}`);
  }
}

/**
 * Orders approval chains by strictness: a special procedure first, then whether the supervisor
 * approves, then how many steps there are. So core's supervisor-only special procedure is
 * stricter than provider + supervisor, which is stricter than the provider alone.
 */
function compareApproval(left: GradeControls, right: GradeControls): number {
  const key = (controls: GradeControls): number[] => [
    controls.specialProcedure ? 1 : 0,
    controls.approval.includes('supervisor') ? 1 : 0,
    controls.approval.length,
  ];
  const leftKey = key(left);
  const rightKey = key(right);
  for (let index = 0; index < leftKey.length; index += 1) {
    const difference = (leftKey[index] ?? 0) - (rightKey[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
