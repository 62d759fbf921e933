export {
  APPROVAL_STEPS,
  DEFAULT_POLICY_PROFILE,
  MASKING_LEVELS,
  maskingRank,
  type ApprovalStep,
  type GradeControls,
  type MaskingLevel,
  type PolicyProfile,
} from './graded-controls.ts';
export { controlsFor } from './controls-for.ts';
export { mergeProfile, type ProfileOverrides } from './merge-profile.ts';
export { MAX_GRANT_MONTHS, MIN_GRANT_MONTHS, checkProfile } from './check-profile.ts';
export { effectiveGrade } from './effective-grade.ts';
export { laxerThanInherited, tightenProfile } from './tighten-profile.ts';
