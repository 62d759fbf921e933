import { GRADES, GRADE_LABELS } from '../catalog/grade.ts';
import type { FieldError } from '../shared/domain-error.ts';
import { APPROVAL_STEPS, MASKING_LEVELS, maskingRank, type GradeControls, type PolicyProfile } from './graded-controls.ts';
import type { ProfileOverrides } from './merge-profile.ts';

/** Controls that are stricter when true, and those stricter when false. */
const STRICT_WHEN_TRUE = ['specialProcedure', 'quotaRequired', 'caseNumberRequired', 'alertEachAccess', 'tighterDetection'] as const;
const STRICT_WHEN_FALSE = ['bulkExport', 'waiveApprovalIfUnconditional'] as const;

/**
 * A region's profile: its parent's (or the DESIGN §5 default) with the region's overrides applied
 * only where they are stricter. A region can tighten the controls it inherits, never loosen them
 * (就高从严, GB/T 43697-2024) — and that holds even when the parent tightens later.
 */
export function tightenProfile(base: PolicyProfile, overrides: ProfileOverrides): PolicyProfile {
  const profile = {} as PolicyProfile;
  for (const grade of GRADES) profile[grade] = tightenControls(base[grade], overrides[grade] ?? {});
  return profile;
}

function tightenControls(base: GradeControls, override: Partial<GradeControls>): GradeControls {
  const controls: GradeControls = { ...base, approval: [...base.approval] };
  if (override.approval) controls.approval = APPROVAL_STEPS.filter((step) => base.approval.includes(step) || override.approval!.includes(step));
  if (override.masking && maskingRank(override.masking) > maskingRank(base.masking)) controls.masking = override.masking;
  if (override.maxGrantMonths !== undefined) controls.maxGrantMonths = Math.min(base.maxGrantMonths, override.maxGrantMonths);
  if (override.reviewMonths !== undefined && override.reviewMonths !== null) controls.reviewMonths = base.reviewMonths === null ? override.reviewMonths : Math.min(base.reviewMonths, override.reviewMonths);
  for (const field of STRICT_WHEN_TRUE) if (override[field] === true) controls[field] = true;
  for (const field of STRICT_WHEN_FALSE) if (override[field] === false) controls[field] = false;
  return controls;
}

/**
 * Every override that would loosen what the region inherits, one error per field, code
 * POLICY_LAXER_THAN_INHERITED: refused rather than silently ignored, so the supervisor knows.
 */
export function laxerThanInherited(base: PolicyProfile, overrides: ProfileOverrides): FieldError[] {
  const errors: FieldError[] = [];
  for (const grade of GRADES) {
    const override = overrides[grade];
    if (!override) continue;
    const inherited = base[grade];
    const laxer = (field: keyof GradeControls, zh: string, en: string): void => {
      errors.push({ path: `/${grade}/${field}`, code: 'POLICY_LAXER_THAN_INHERITED', message: `${GRADE_LABELS[grade].zh}：${zh}，只可从严 / ${GRADE_LABELS[grade].en}: ${en}; only stricter is allowed` });
    };
    if (override.approval && inherited.approval.some((step) => !override.approval!.includes(step))) laxer('approval', '少了上级要求的审批环节', 'drops an inherited approval step');
    if (override.masking && (MASKING_LEVELS as readonly string[]).includes(override.masking) && maskingRank(override.masking) < maskingRank(inherited.masking)) laxer('masking', '脱敏比上级宽松', 'masking is laxer than inherited');
    if (override.maxGrantMonths !== undefined && override.maxGrantMonths > inherited.maxGrantMonths) laxer('maxGrantMonths', `授权期限超过上级的 ${inherited.maxGrantMonths} 个月`, `longer than the inherited ${inherited.maxGrantMonths} months`);
    if (override.reviewMonths !== undefined && inherited.reviewMonths !== null && (override.reviewMonths === null || override.reviewMonths > inherited.reviewMonths)) {
      laxer('reviewMonths', `复核间隔超过上级的 ${inherited.reviewMonths} 个月`, `reviews less often than the inherited ${inherited.reviewMonths} months`);
    }
    for (const field of STRICT_WHEN_TRUE) if (override[field] === false && inherited[field]) laxer(field, `取消了上级要求的 ${field}`, `drops the inherited ${field}`);
    for (const field of STRICT_WHEN_FALSE) if (override[field] === true && !inherited[field]) laxer(field, `放开了上级禁止的 ${field}`, `allows ${field}, which is inherited as forbidden`);
  }
  return errors;
}
