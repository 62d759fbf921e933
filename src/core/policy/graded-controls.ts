import type { Grade } from '../catalog/grade.ts';

/**
 * Who must approve a sharing request, in order. `provider` is the providing department
 * (提供部门); `supervisor` is the data-sharing supervisor (共享主管部门), 政务数据共享条例.
 */
export const APPROVAL_STEPS = ['provider', 'supervisor'] as const;
export type ApprovalStep = (typeof APPROVAL_STEPS)[number];

/** How values reach the consumer, weakest first; policy checks rely on this order (DESIGN §5). */
export const MASKING_LEVELS = ['none', 'pi_masked_by_default', 'masked_unless_justified', 'verification_only'] as const;
export type MaskingLevel = (typeof MASKING_LEVELS)[number];

export function maskingRank(level: MaskingLevel): number {
  return MASKING_LEVELS.indexOf(level);
}

/** The controls one grade carries: one row of the DESIGN §5 table. */
export interface GradeControls {
  /** Approval chain for a conditional request, in order; [] means no approval. */
  approval: ApprovalStep[];
  /**
   * An unconditional (无条件共享) request needs no approval once the compliance check passes
   * (政务数据共享条例). Only general-1 and general-2 resources may be unconditional at all, and
   * the default waives approval for both; a region may require the provider's review for general-2.
   */
  waiveApprovalIfUnconditional: boolean;
  /** The supervisor handles the request as a special procedure (core data, GB/T 43697-2024). */
  specialProcedure: boolean;
  masking: MaskingLevel;
  maxGrantMonths: number;
  /** Months between periodic reviews of a grant; null means no periodic review. */
  reviewMonths: number | null;
  quotaRequired: boolean;
  caseNumberRequired: boolean;
  bulkExport: boolean;
  alertEachAccess: boolean;
  tighterDetection: boolean;
}

/** A region's graded-controls matrix. */
export type PolicyProfile = Record<Grade, GradeControls>;

/**
 * DESIGN §5, the default profile. A control the table introduces at one grade is kept at every
 * higher grade (就高从严, GB/T 43697-2024): quota from general-3 up, case number from general-4 up.
 */
export const DEFAULT_POLICY_PROFILE: PolicyProfile = {
  'general-1': {
    approval: ['provider'],
    waiveApprovalIfUnconditional: true,
    specialProcedure: false,
    masking: 'none',
    maxGrantMonths: 36,
    reviewMonths: null,
    quotaRequired: false,
    caseNumberRequired: false,
    bulkExport: true,
    alertEachAccess: false,
    tighterDetection: false,
  },
  'general-2': {
    approval: ['provider'],
    waiveApprovalIfUnconditional: true,
    specialProcedure: false,
    masking: 'pi_masked_by_default',
    maxGrantMonths: 12,
    reviewMonths: 12,
    quotaRequired: false,
    caseNumberRequired: false,
    bulkExport: true,
    alertEachAccess: false,
    tighterDetection: false,
  },
  'general-3': {
    approval: ['provider'],
    waiveApprovalIfUnconditional: false,
    specialProcedure: false,
    masking: 'pi_masked_by_default',
    maxGrantMonths: 12,
    reviewMonths: 6,
    quotaRequired: true,
    caseNumberRequired: false,
    bulkExport: true,
    alertEachAccess: false,
    tighterDetection: false,
  },
  'general-4': {
    approval: ['provider', 'supervisor'],
    waiveApprovalIfUnconditional: false,
    specialProcedure: false,
    masking: 'masked_unless_justified',
    maxGrantMonths: 6,
    reviewMonths: 6,
    quotaRequired: true,
    caseNumberRequired: true,
    bulkExport: true,
    alertEachAccess: false,
    tighterDetection: false,
  },
  important: {
    approval: ['provider', 'supervisor'],
    waiveApprovalIfUnconditional: false,
    specialProcedure: false,
    masking: 'masked_unless_justified',
    maxGrantMonths: 6,
    reviewMonths: 3,
    quotaRequired: true,
    caseNumberRequired: true,
    bulkExport: false,
    alertEachAccess: false,
    tighterDetection: true,
  },
  core: {
    approval: ['supervisor'],
    waiveApprovalIfUnconditional: false,
    specialProcedure: true,
    masking: 'verification_only',
    maxGrantMonths: 3,
    reviewMonths: 1,
    quotaRequired: true,
    caseNumberRequired: true,
    bulkExport: false,
    alertEachAccess: true,
    tighterDetection: true,
  },
};
