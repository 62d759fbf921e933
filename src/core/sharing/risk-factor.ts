import type { Grade } from '../catalog/grade.ts';

/**
 * The factors of the sharing-request risk assessment (DESIGN §3.2: grade, PI sensitivity, volume,
 * purpose and duty fit, aggregation with existing grants, history and training). The order of this
 * list is the order in which factors are reported.
 */
export const RISK_FACTOR_CODES = [
  'GRADE',
  'PERSONAL_INFO',
  'SENSITIVE_CATEGORIES',
  'MINIMUM_NECESSARY',
  'VOLUME',
  'PURPOSE_DUTY_MISMATCH',
  'AGGREGATION',
  'OPEN_ALERTS',
  'PAST_SANCTIONS',
  'TRAINING',
  'CROSS_REGION',
  'ROW_SCOPE',
  'CONTRACTOR',
  'BULK_METHOD',
] as const;
export type RiskFactorCode = (typeof RISK_FACTOR_CODES)[number];

/**
 * Points per grade (GB/T 43697-2024). general-1 is public-service data and adds nothing; the steps
 * grow towards important and core, whose leak harms national security or the public interest.
 */
export const GRADE_WEIGHTS: Record<Grade, number> = {
  'general-1': 0,
  'general-2': 4,
  'general-3': 8,
  'general-4': 12,
  important: 18,
  core: 25,
};

/** Any personal information (PIPL Art. 4) needs a lawful basis and care. */
export const PERSONAL_INFO_WEIGHT = 5;
/** Sensitive PI (PIPL Art. 28) harms dignity or safety when leaked: double the ordinary weight. */
export const SENSITIVE_PERSONAL_INFO_WEIGHT = 10;

/** Each distinct Art. 28 category is a separate kind of harm (PIPL Art. 28). */
export const SENSITIVE_CATEGORY_WEIGHT = 5;
/** Three categories already describe a profile; more adds little to the request's own risk. */
export const SENSITIVE_CATEGORIES_MAX_WEIGHT = 15;

/**
 * Minimum necessary (PIPL Art. 6): asking for every item of a resource is the classic sign of
 * "take it all"; asking for more than half of them is a milder one.
 */
export const ALL_ITEMS_WEIGHT = 10;
export const MOST_ITEMS_WEIGHT = 5;
/** More than this share of the items is "most". */
export const MOST_ITEMS_SHARE = 0.5;
/** With fewer items than this, asking for all of them says nothing about minimality. */
export const MINIMUM_NECESSARY_MIN_RESOURCE_ITEMS = 3;

/** A day's case work of one office; volume up to this adds nothing. */
export const VOLUME_BASELINE_PER_DAY = 100;
/** Points per tenfold volume above the baseline: risk grows with the order of magnitude, not linearly. */
export const VOLUME_POINTS_PER_DECADE = 5;
/** Reached at 100 000 a day, which is already a bulk copy of a population register. */
export const VOLUME_MAX_WEIGHT = 15;

/**
 * A purpose outside the consumer's statutory duties has no lawful basis at all for a state organ
 * (PIPL Arts. 13 and 34): strong enough alone to make a request high risk together with its grade.
 */
export const PURPOSE_DUTY_MISMATCH_WEIGHT = 25;

/** Two sensitive categories joined on the same subjects (DESIGN §5). */
export const AGGREGATION_TWO_CATEGORIES_WEIGHT = 10;
/** Three or more: a profile escalated a full grade (see assess-aggregation.ts). */
export const AGGREGATION_ESCALATING_WEIGHT = 20;

/** Each open alert against the consumer is an unresolved sign of misuse. */
export const OPEN_ALERT_WEIGHT = 3;
export const OPEN_ALERTS_MAX_WEIGHT = 9;

/** A past sanction shows the consumer has misused data before (数据安全法 Art. 45 ff.). */
export const PAST_SANCTION_WEIGHT = 5;
export const PAST_SANCTIONS_MAX_WEIGHT = 10;

/** The applicant handles the data daily; an approver's lapse weakens one check (DESIGN §4). */
export const APPLICANT_TRAINING_WEIGHT = 5;
export const APPROVER_TRAINING_WEIGHT = 3;
export const TRAINING_MAX_WEIGHT = 10;

/** Data leaving the provider's region leaves its supervisor's direct reach. */
export const CROSS_REGION_WEIGHT = 5;
/**
 * Personal data on subjects of every region, where the consumer could have named the regions its
 * duty covers (the row scope): the minimum-necessary test applied to rows (PIPL Art. 6).
 */
export const ROW_SCOPE_WEIGHT = 5;
/** A contractor is a further party to supervise (PIPL Art. 21; 数据安全法 Art. 40). */
export const CONTRACTOR_WEIGHT = 5;
/** A dataset copy leaves the gateway's per-call control; API and verification do not (DESIGN §5). */
export const BULK_METHOD_WEIGHT = 8;

/** The most each factor can contribute, so that no factor is forgotten and the table is auditable. */
export const RISK_FACTOR_MAX_WEIGHTS: Record<RiskFactorCode, number> = {
  GRADE: GRADE_WEIGHTS.core,
  PERSONAL_INFO: SENSITIVE_PERSONAL_INFO_WEIGHT,
  SENSITIVE_CATEGORIES: SENSITIVE_CATEGORIES_MAX_WEIGHT,
  MINIMUM_NECESSARY: ALL_ITEMS_WEIGHT,
  VOLUME: VOLUME_MAX_WEIGHT,
  PURPOSE_DUTY_MISMATCH: PURPOSE_DUTY_MISMATCH_WEIGHT,
  AGGREGATION: AGGREGATION_ESCALATING_WEIGHT,
  OPEN_ALERTS: OPEN_ALERTS_MAX_WEIGHT,
  PAST_SANCTIONS: PAST_SANCTIONS_MAX_WEIGHT,
  TRAINING: TRAINING_MAX_WEIGHT,
  CROSS_REGION: CROSS_REGION_WEIGHT,
  ROW_SCOPE: ROW_SCOPE_WEIGHT,
  CONTRACTOR: CONTRACTOR_WEIGHT,
  BULK_METHOD: BULK_METHOD_WEIGHT,
};

/** The score is a percentage-like scale. */
export const MAX_RISK_SCORE = 100;

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Upper bounds (exclusive) of the levels: quarters of the scale, so that one strong factor
 * (a duty mismatch, 25) alone makes a request medium and two make it high.
 */
export const LOW_BELOW = 25;
export const MEDIUM_BELOW = 50;
export const HIGH_BELOW = 75;

export function riskLevel(score: number): RiskLevel {
  if (score < LOW_BELOW) return 'low';
  if (score < MEDIUM_BELOW) return 'medium';
  if (score < HIGH_BELOW) return 'high';
  return 'critical';
}
