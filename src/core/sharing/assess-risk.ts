import { GRADE_LABELS, gradeRank, highestGrade, type Grade } from '../catalog/grade.ts';
import { highestPiClass, SENSITIVE_CATEGORIES, SENSITIVE_CATEGORY_LABELS } from '../catalog/resource.ts';
import { validationError, type FieldError } from '../shared/domain-error.ts';
import { AGGREGATION_ESCALATING_CATEGORIES, assessAggregation } from './assess-aggregation.ts';
import {
  AGGREGATION_ESCALATING_WEIGHT,
  AGGREGATION_TWO_CATEGORIES_WEIGHT,
  ALL_ITEMS_WEIGHT,
  APPLICANT_TRAINING_WEIGHT,
  APPROVER_TRAINING_WEIGHT,
  BULK_METHOD_WEIGHT,
  CONTRACTOR_WEIGHT,
  CROSS_REGION_WEIGHT,
  GRADE_WEIGHTS,
  MAX_RISK_SCORE,
  MINIMUM_NECESSARY_MIN_RESOURCE_ITEMS,
  MOST_ITEMS_SHARE,
  MOST_ITEMS_WEIGHT,
  OPEN_ALERT_WEIGHT,
  OPEN_ALERTS_MAX_WEIGHT,
  PAST_SANCTION_WEIGHT,
  PAST_SANCTIONS_MAX_WEIGHT,
  PERSONAL_INFO_WEIGHT,
  PURPOSE_DUTY_MISMATCH_WEIGHT,
  RISK_FACTOR_CODES,
  ROW_SCOPE_WEIGHT,
  RISK_FACTOR_MAX_WEIGHTS,
  riskLevel,
  SENSITIVE_CATEGORIES_MAX_WEIGHT,
  SENSITIVE_CATEGORY_WEIGHT,
  SENSITIVE_PERSONAL_INFO_WEIGHT,
  TRAINING_MAX_WEIGHT,
  VOLUME_BASELINE_PER_DAY,
  VOLUME_MAX_WEIGHT,
  VOLUME_POINTS_PER_DECADE,
  type RiskFactorCode,
  type RiskLevel,
} from './risk-factor.ts';
import type { RiskInput } from './risk-input.ts';

export interface RiskFactor {
  code: RiskFactorCode;
  /** Points contributed. */
  weight: number;
  /** One sentence, Chinese then English; codes and numbers only, never data values. */
  reason: string;
}

export const MITIGATIONS = ['mask', 'verification_only', 'shorter_period', 'lower_quota'] as const;
export type Mitigation = (typeof MITIGATIONS)[number];

export interface RiskAssessment {
  /** 0–100, an integer. */
  score: number;
  level: RiskLevel;
  /** The grade the request is assessed at because of aggregation (DESIGN §5), or null. */
  aggregationGrade: Grade | null;
  factors: RiskFactor[];
  mitigations: Mitigation[];
}

/**
 * 共享申请风险评估 (DESIGN §3.2): a deterministic, explainable score of a sharing request. Each
 * factor contributes points up to its maximum in `RISK_FACTOR_MAX_WEIGHTS`; the score is their sum
 * clamped to 100. Only contributing factors are reported, in the order of `RISK_FACTOR_CODES`.
 * The same input always gives the same assessment.
 */
export function assessRisk(input: RiskInput): RiskAssessment {
  validateRiskInput(input);
  const requestGrade = highestGrade(input.items.map((item) => item.grade));
  const piClass = highestPiClass(input.items);
  const categories = SENSITIVE_CATEGORIES.filter((category) => input.items.some((item) => item.sensitiveCategory === category));
  const aggregation = assessAggregation(input);

  const found: Partial<Record<RiskFactorCode, { weight: number; reason: string }>> = {};
  const add = (code: RiskFactorCode, weight: number, reason: string): void => {
    const capped = Math.min(Math.round(weight), RISK_FACTOR_MAX_WEIGHTS[code]);
    if (capped > 0) found[code] = { weight: capped, reason };
  };

  // GB/T 43697-2024: the request is graded by its highest item (就高从严).
  const label = GRADE_LABELS[requestGrade];
  add('GRADE', GRADE_WEIGHTS[requestGrade], `申请信息项最高分级为${label.zh}。/ The highest grade of the requested items is ${label.en}.`);

  // PIPL Arts. 4, 13 and 28.
  if (piClass === 'sensitive') {
    add('PERSONAL_INFO', SENSITIVE_PERSONAL_INFO_WEIGHT, '申请包含敏感个人信息。/ The request includes sensitive personal information.');
  } else if (piClass === 'personal') {
    add('PERSONAL_INFO', PERSONAL_INFO_WEIGHT, '申请包含个人信息。/ The request includes personal information.');
  }

  add(
    'SENSITIVE_CATEGORIES',
    Math.min(categories.length * SENSITIVE_CATEGORY_WEIGHT, SENSITIVE_CATEGORIES_MAX_WEIGHT),
    `申请涉及${categories.length}类敏感个人信息：${categories.map((category) => SENSITIVE_CATEGORY_LABELS[category]).join('、')}。/ The request touches ${categories.length} sensitive ${categories.length === 1 ? 'category' : 'categories'}: ${categories.join(', ')}.`,
  );

  // PIPL Art. 6: minimum necessary.
  const requested = new Set(input.items.map((item) => item.code)).size;
  if (input.resourceItemCount >= MINIMUM_NECESSARY_MIN_RESOURCE_ITEMS) {
    const of = `${requested}/${input.resourceItemCount}`;
    if (requested >= input.resourceItemCount) {
      add('MINIMUM_NECESSARY', ALL_ITEMS_WEIGHT, `申请了资源的全部信息项（${of}），不符合最小必要。/ The request asks for all items of the resource (${of}), against minimum necessity.`);
    } else if (requested / input.resourceItemCount > MOST_ITEMS_SHARE) {
      add('MINIMUM_NECESSARY', MOST_ITEMS_WEIGHT, `申请了资源的大部分信息项（${of}）。/ The request asks for most items of the resource (${of}).`);
    }
  }

  const volumeWeight = volumePoints(input.expectedVolumePerDay);
  add('VOLUME', volumeWeight, `预计日调用量为${input.expectedVolumePerDay}。/ The expected volume is ${input.expectedVolumePerDay} a day.`);

  // PIPL Art. 34: state organs process personal information within their statutory duties.
  const duties = new Set(input.consumerDutyCodes);
  const missing = [...new Set(input.purposeDutyCodes)].filter((duty) => !duties.has(duty)).sort();
  if (input.purposeDutyCodes.length === 0) {
    add('PURPOSE_DUTY_MISMATCH', PURPOSE_DUTY_MISMATCH_WEIGHT, '申请用途未对应任何职责。/ The purpose maps to no duty.');
  } else if (missing.length > 0) {
    add(
      'PURPOSE_DUTY_MISMATCH',
      PURPOSE_DUTY_MISMATCH_WEIGHT,
      `申请用途对应的职责不在申请方三定职责内：${missing.join('、')}。/ The purpose's duties are not among the consumer's duties: ${missing.join(', ')}.`,
    );
  }

  // DESIGN §5: aggregation risk.
  if (aggregation !== null) {
    const aggregated = GRADE_LABELS[aggregation.grade];
    const list = aggregation.categories;
    add(
      'AGGREGATION',
      list.length >= AGGREGATION_ESCALATING_CATEGORIES ? AGGREGATION_ESCALATING_WEIGHT : AGGREGATION_TWO_CATEGORIES_WEIGHT,
      `与现有授权（${aggregation.resourceCodes.join('、')}）按同一主体汇聚后涉及${list.map((category) => SENSITIVE_CATEGORY_LABELS[category]).join('、')}，按${aggregated.zh}评估。/ Joined on the same subjects with the live grants (${aggregation.resourceCodes.join(', ')}), the request would combine ${list.join(', ')} and is assessed as ${aggregated.en}.`,
    );
  }

  add(
    'OPEN_ALERTS',
    Math.min(input.openAlerts * OPEN_ALERT_WEIGHT, OPEN_ALERTS_MAX_WEIGHT),
    `申请方有${input.openAlerts}条未处置预警。/ The consumer has ${input.openAlerts} open alerts.`,
  );
  add(
    'PAST_SANCTIONS',
    Math.min(input.pastSanctions * PAST_SANCTION_WEIGHT, PAST_SANCTIONS_MAX_WEIGHT),
    `申请方曾受${input.pastSanctions}次追责处理。/ The consumer has ${input.pastSanctions} past sanctions.`,
  );

  const applicant = input.trainingExpired.applicant;
  const approvers = input.trainingExpired.approvers;
  add(
    'TRAINING',
    Math.min((applicant ? APPLICANT_TRAINING_WEIGHT : 0) + approvers * APPROVER_TRAINING_WEIGHT, TRAINING_MAX_WEIGHT),
    `培训过期：申请人${applicant ? '是' : '否'}，审批人${approvers}名。/ Expired training: applicant ${applicant ? 'yes' : 'no'}, ${approvers} approvers.`,
  );

  if (input.crossRegion) add('CROSS_REGION', CROSS_REGION_WEIGHT, '申请方与提供方不在同一地区。/ The consumer is in another region than the provider.');
  // PIPL Art. 6 for rows: personal data on everyone, where the duty covers some regions.
  if (input.rowScopeUnlimited && piClass !== 'none') add('ROW_SCOPE', ROW_SCOPE_WEIGHT, '申请全部地区数据主体的个人信息，未按行政区划限定。/ The request asks for personal information on subjects of every region.');
  // 数据安全法 Art. 40: entrusted construction and operation of government data systems.
  if (input.contractorOperated) add('CONTRACTOR', CONTRACTOR_WEIGHT, '申请方系统由受托方运维。/ The consumer system is operated by a contractor.');
  if (input.method === 'dataset') add('BULK_METHOD', BULK_METHOD_WEIGHT, '申请以数据集方式批量获取。/ The request asks for a bulk dataset.');

  const factors: RiskFactor[] = [];
  for (const code of RISK_FACTOR_CODES) {
    const factor = found[code];
    if (factor !== undefined) factors.push({ code, ...factor });
  }
  const score = Math.min(
    MAX_RISK_SCORE,
    factors.reduce((sum, factor) => sum + factor.weight, 0),
  );
  const level = riskLevel(score);

  const effectiveGrade = highestGrade(aggregation === null ? [requestGrade] : [requestGrade, aggregation.grade]);
  const mitigations: Mitigation[] = [];
  // PIPL Art. 6 and DESIGN §5: mask PI by default; a verification answer carries no item values.
  if (piClass !== 'none' && input.method !== 'verification') mitigations.push('mask');
  // DESIGN §5: core data is verification only; for sensitive PI and important data it is the least-intrusive method.
  if ((categories.length > 0 || piClass === 'sensitive' || gradeRank(effectiveGrade) >= gradeRank('important')) && input.method !== 'verification') {
    mitigations.push('verification_only');
  }
  if (level === 'high' || level === 'critical') mitigations.push('shorter_period');
  if (volumeWeight > 0) mitigations.push('lower_quota');

  return { score, level, aggregationGrade: aggregation?.grade ?? null, factors, mitigations };
}

/** Points for a daily volume: `VOLUME_POINTS_PER_DECADE` per tenfold above the baseline, capped. */
export function volumePoints(perDay: number): number {
  if (perDay <= VOLUME_BASELINE_PER_DAY) return 0;
  return Math.min(VOLUME_MAX_WEIGHT, Math.round(VOLUME_POINTS_PER_DECADE * Math.log10(perDay / VOLUME_BASELINE_PER_DAY)));
}

function validateRiskInput(input: RiskInput): void {
  const errors: FieldError[] = [];
  const count = (path: string, value: number): void => {
    if (!Number.isInteger(value) || value < 0) errors.push({ path, code: 'NOT_A_COUNT', message: '须为非负整数 / must be a non-negative integer' });
  };
  count('resourceItemCount', input.resourceItemCount);
  count('openAlerts', input.openAlerts);
  count('pastSanctions', input.pastSanctions);
  count('trainingExpired.approvers', input.trainingExpired.approvers);
  if (!Number.isFinite(input.expectedVolumePerDay) || input.expectedVolumePerDay < 0) {
    errors.push({ path: 'expectedVolumePerDay', code: 'NOT_A_VOLUME', message: '须为非负数 / must be a non-negative number' });
  }
  if (input.items.length === 0) errors.push({ path: 'items', code: 'REQUIRED', message: '至少申请一个信息项 / at least one item is required' });
  if (new Set(input.items.map((item) => item.code)).size > input.resourceItemCount) {
    errors.push({ path: 'resourceItemCount', code: 'FEWER_THAN_REQUESTED', message: '少于申请的信息项数 / fewer than the requested items' });
  }
  if (errors.length > 0) throw validationError(errors);
}
