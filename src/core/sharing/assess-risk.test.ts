import { describe, expect, it } from 'vitest';
import type { Grade } from '../catalog/grade.ts';
import { SENSITIVE_CATEGORIES } from '../catalog/resource.ts';
import { assessRisk, volumePoints } from './assess-risk.ts';
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
  MOST_ITEMS_WEIGHT,
  OPEN_ALERT_WEIGHT,
  OPEN_ALERTS_MAX_WEIGHT,
  PAST_SANCTION_WEIGHT,
  PAST_SANCTIONS_MAX_WEIGHT,
  PERSONAL_INFO_WEIGHT,
  PURPOSE_DUTY_MISMATCH_WEIGHT,
  RISK_FACTOR_CODES,
  RISK_FACTOR_MAX_WEIGHTS,
  ROW_SCOPE_WEIGHT,
  SENSITIVE_CATEGORIES_MAX_WEIGHT,
  SENSITIVE_CATEGORY_WEIGHT,
  SENSITIVE_PERSONAL_INFO_WEIGHT,
  TRAINING_MAX_WEIGHT,
  VOLUME_MAX_WEIGHT,
  VOLUME_POINTS_PER_DECADE,
  type RiskFactorCode,
} from './risk-factor.ts';
import type { LiveGrant, RiskInput } from './risk-input.ts';

type RequestItem = RiskInput['items'][number];

function item(code: string, patch: Partial<RequestItem> = {}): RequestItem {
  return { code, piClass: 'none', sensitiveCategory: null, grade: 'general-1', ...patch };
}

function benign(patch: Partial<RiskInput> = {}): RiskInput {
  return {
    items: [item('ORG_NAME')],
    resourceItemCount: 10,
    purposeDutyCodes: ['D-SOCIAL-ASSISTANCE'],
    consumerDutyCodes: ['D-SOCIAL-ASSISTANCE', 'D-ELDERLY-CARE'],
    expectedVolumePerDay: 50,
    method: 'api',
    liveGrants: [],
    requestSubjectKeyKind: null,
    openAlerts: 0,
    pastSanctions: 0,
    trainingExpired: { applicant: false, approvers: 0 },
    crossRegion: false,
    rowScopeUnlimited: false,
    contractorOperated: false,
    ...patch,
  };
}

function weightOf(input: RiskInput, code: RiskFactorCode): number {
  return assessRisk(input).factors.find((factor) => factor.code === code)?.weight ?? 0;
}

const tenItems = Array.from({ length: 10 }, (_, index) => item(`ITEM_${index}`));

describe('assessRisk', () => {
  it('scores a benign general-1 request low, with no factors and no mitigations', () => {
    expect(assessRisk(benign())).toEqual({ score: 0, level: 'low', aggregationGrade: null, factors: [], mitigations: [] });
  });

  it('has a maximum weight for every factor code', () => {
    for (const code of RISK_FACTOR_CODES) expect(RISK_FACTOR_MAX_WEIGHTS[code]).toBeGreaterThan(0);
  });

  const alone: [string, Partial<RiskInput>, RiskFactorCode, number][] = [
    ['grade general-2', { items: [item('A', { grade: 'general-2' })] }, 'GRADE', GRADE_WEIGHTS['general-2']],
    ['grade important', { items: [item('A', { grade: 'important' })] }, 'GRADE', GRADE_WEIGHTS.important],
    ['grade core', { items: [item('A', { grade: 'core' })] }, 'GRADE', GRADE_WEIGHTS.core],
    ['all items', { items: tenItems }, 'MINIMUM_NECESSARY', ALL_ITEMS_WEIGHT],
    ['most items', { items: tenItems.slice(0, 6) }, 'MINIMUM_NECESSARY', MOST_ITEMS_WEIGHT],
    ['volume 1 000', { expectedVolumePerDay: 1_000 }, 'VOLUME', VOLUME_POINTS_PER_DECADE],
    ['volume 10 000', { expectedVolumePerDay: 10_000 }, 'VOLUME', 2 * VOLUME_POINTS_PER_DECADE],
    ['volume 10 000 000', { expectedVolumePerDay: 10_000_000 }, 'VOLUME', VOLUME_MAX_WEIGHT],
    ['purpose outside duties', { purposeDutyCodes: ['D-TAX-AUDIT'] }, 'PURPOSE_DUTY_MISMATCH', PURPOSE_DUTY_MISMATCH_WEIGHT],
    ['purpose with no duty', { purposeDutyCodes: [] }, 'PURPOSE_DUTY_MISMATCH', PURPOSE_DUTY_MISMATCH_WEIGHT],
    ['two open alerts', { openAlerts: 2 }, 'OPEN_ALERTS', 2 * OPEN_ALERT_WEIGHT],
    ['many open alerts', { openAlerts: 20 }, 'OPEN_ALERTS', OPEN_ALERTS_MAX_WEIGHT],
    ['one sanction', { pastSanctions: 1 }, 'PAST_SANCTIONS', PAST_SANCTION_WEIGHT],
    ['many sanctions', { pastSanctions: 9 }, 'PAST_SANCTIONS', PAST_SANCTIONS_MAX_WEIGHT],
    ['applicant training', { trainingExpired: { applicant: true, approvers: 0 } }, 'TRAINING', APPLICANT_TRAINING_WEIGHT],
    ['approver training', { trainingExpired: { applicant: false, approvers: 2 } }, 'TRAINING', 2 * APPROVER_TRAINING_WEIGHT],
    ['all training', { trainingExpired: { applicant: true, approvers: 5 } }, 'TRAINING', TRAINING_MAX_WEIGHT],
    ['cross region', { crossRegion: true }, 'CROSS_REGION', CROSS_REGION_WEIGHT],
    ['contractor', { contractorOperated: true }, 'CONTRACTOR', CONTRACTOR_WEIGHT],
    ['dataset', { method: 'dataset' }, 'BULK_METHOD', BULK_METHOD_WEIGHT],
  ];
  it('weighs an unlimited row scope only when personal information is asked for', () => {
    expect(weightOf(benign({ rowScopeUnlimited: true }), 'ROW_SCOPE')).toBe(0);
    expect(weightOf(benign({ rowScopeUnlimited: true, items: [item('NAME', { piClass: 'personal', grade: 'general-2' })] }), 'ROW_SCOPE')).toBe(ROW_SCOPE_WEIGHT);
  });

  it.each(alone)('%s contributes exactly its weight and nothing else', (_name, patch, code, weight) => {
    const assessment = assessRisk(benign(patch));
    expect(assessment.factors.map((factor) => [factor.code, factor.weight])).toEqual([[code, weight]]);
    expect(assessment.score).toBe(weight);
  });

  const together: [string, Partial<RiskInput>, [RiskFactorCode, number][]][] = [
    ['personal PI', { items: [item('A', { piClass: 'personal' })] }, [['PERSONAL_INFO', PERSONAL_INFO_WEIGHT]]],
    ['sensitive PI without category', { items: [item('A', { piClass: 'sensitive' })] }, [['PERSONAL_INFO', SENSITIVE_PERSONAL_INFO_WEIGHT]]],
    [
      'one sensitive category',
      { items: [item('A', { piClass: 'sensitive', sensitiveCategory: 'medical_health' })] },
      [
        ['PERSONAL_INFO', SENSITIVE_PERSONAL_INFO_WEIGHT],
        ['SENSITIVE_CATEGORIES', SENSITIVE_CATEGORY_WEIGHT],
      ],
    ],
    [
      'four sensitive categories, capped',
      {
        items: (['biometric', 'medical_health', 'financial_account', 'whereabouts'] as const).map((category) =>
          item(category.toUpperCase(), { piClass: 'sensitive', sensitiveCategory: category }),
        ),
      },
      [
        ['PERSONAL_INFO', SENSITIVE_PERSONAL_INFO_WEIGHT],
        ['SENSITIVE_CATEGORIES', SENSITIVE_CATEGORIES_MAX_WEIGHT],
      ],
    ],
  ];
  it.each(together)('%s contributes its expected weights', (_name, patch, expected) => {
    expect(assessRisk(benign(patch)).factors.map((factor) => [factor.code, factor.weight])).toEqual(expected);
  });

  it('treats a purpose duty among the consumer duties as fitting, and any other as a strong mismatch', () => {
    expect(weightOf(benign({ purposeDutyCodes: ['D-ELDERLY-CARE'] }), 'PURPOSE_DUTY_MISMATCH')).toBe(0);
    const mismatch = assessRisk(benign({ purposeDutyCodes: ['D-ELDERLY-CARE', 'D-TAX-AUDIT'] }));
    expect(mismatch.factors).toEqual([expect.objectContaining({ code: 'PURPOSE_DUTY_MISMATCH', weight: PURPOSE_DUTY_MISMATCH_WEIGHT })]);
    expect(mismatch.factors[0]?.reason).toContain('D-TAX-AUDIT');
    expect(mismatch.level).toBe('medium');
  });

  it('scores asking for every item above asking for a few (minimum necessary)', () => {
    const full = assessRisk(benign({ items: tenItems }));
    const minimal = assessRisk(benign({ items: tenItems.slice(0, 2) }));
    expect(full.score).toBeGreaterThan(minimal.score);
    expect(minimal.factors).toEqual([]);
    // A resource of two items gives no signal when both are asked for.
    expect(weightOf(benign({ items: tenItems.slice(0, 2), resourceItemCount: 2 }), 'MINIMUM_NECESSARY')).toBe(0);
  });

  it('scales volume on a log scale, monotonic and capped', () => {
    const volumes = [0, 100, 300, 1_000, 3_000, 10_000, 100_000, 1_000_000, 1e9];
    const points = volumes.map(volumePoints);
    for (let index = 1; index < points.length; index++) expect(points[index]).toBeGreaterThanOrEqual(points[index - 1] ?? 0);
    expect(points[0]).toBe(0);
    expect(points.at(-1)).toBe(VOLUME_MAX_WEIGHT);
    expect(assessRisk(benign({ expectedVolumePerDay: 100_000 })).mitigations).toEqual(['lower_quota']);
  });

  describe('aggregation (DESIGN §5)', () => {
    const request = benign({
      items: [item('RELIEF_LEVEL', { piClass: 'personal', grade: 'general-3' }), item('RESIDENT_ID', { piClass: 'personal', grade: 'general-3' })],
      requestSubjectKeyKind: 'resident_id',
    });
    const grants = (kind: LiveGrant['subjectKeyKind']): LiveGrant[] => [
      { resourceCode: 'HOUSEHOLD', sensitiveCategories: ['specific_identity'], grade: 'general-3', subjectKeyKind: kind },
      { resourceCode: 'HEALTH', sensitiveCategories: ['medical_health'], grade: 'general-4', subjectKeyKind: kind },
      { resourceCode: 'TAX', sensitiveCategories: ['financial_account'], grade: 'general-3', subjectKeyKind: kind },
    ];

    it('raises the level and the grade when grants on the same resident_id subjects combine three categories', () => {
      const alone = assessRisk(request);
      const joined = assessRisk({ ...request, liveGrants: grants('resident_id') });
      expect(alone.aggregationGrade).toBeNull();
      // general-4 is the highest involved grade; three categories escalate it one level.
      expect(joined.aggregationGrade).toBe<Grade>('important');
      const factor = joined.factors.find((entry) => entry.code === 'AGGREGATION');
      expect(factor?.weight).toBe(AGGREGATION_ESCALATING_WEIGHT);
      for (const name of ['specific_identity', 'medical_health', 'financial_account', 'HOUSEHOLD', 'HEALTH', 'TAX']) expect(factor?.reason).toContain(name);
      expect(joined.score).toBe(alone.score + AGGREGATION_ESCALATING_WEIGHT);
      expect(['low', 'medium', 'high', 'critical'].indexOf(joined.level)).toBeGreaterThan(['low', 'medium', 'high', 'critical'].indexOf(alone.level));
      expect(joined.mitigations).toContain('verification_only');
    });

    it('does not aggregate grants keyed by another subject kind', () => {
      const joined = assessRisk({ ...request, liveGrants: grants('uscc') });
      expect(joined.aggregationGrade).toBeNull();
      expect(joined).toEqual(assessRisk(request));
    });

    it('does not aggregate when the request has no subject key', () => {
      expect(assessRisk({ ...request, requestSubjectKeyKind: null, liveGrants: grants('resident_id') }).aggregationGrade).toBeNull();
    });

    it('raises two categories across two resources to at least general-4', () => {
      const input = benign({
        items: [item('DISABILITY', { piClass: 'sensitive', sensitiveCategory: 'specific_identity', grade: 'general-2' })],
        requestSubjectKeyKind: 'resident_id',
        liveGrants: [{ resourceCode: 'HEALTH', sensitiveCategories: ['medical_health'], grade: 'general-2', subjectKeyKind: 'resident_id' }],
      });
      const assessment = assessRisk(input);
      expect(assessment.aggregationGrade).toBe<Grade>('general-4');
      expect(weightOf(input, 'AGGREGATION')).toBe(AGGREGATION_TWO_CATEGORIES_WEIGHT);
    });

    it('does not count two categories carried by one resource alone', () => {
      const input = {
        ...request,
        liveGrants: [{ resourceCode: 'HEALTH', sensitiveCategories: ['medical_health', 'financial_account'], grade: 'general-4', subjectKeyKind: 'resident_id' } satisfies LiveGrant],
      };
      expect(assessRisk(input).aggregationGrade).toBeNull();
    });

    it('keeps core at core', () => {
      const input = { ...request, items: [item('A', { grade: 'core' as const })], liveGrants: grants('resident_id') };
      expect(assessRisk(input).aggregationGrade).toBe<Grade>('core');
    });
  });

  const worst: RiskInput = benign({
    items: (['biometric', 'medical_health', 'financial_account', 'whereabouts'] as const).map((category) =>
      item(category.toUpperCase(), { piClass: 'sensitive', sensitiveCategory: category, grade: 'core' }),
    ),
    resourceItemCount: 4,
    purposeDutyCodes: ['D-UNRELATED'],
    expectedVolumePerDay: 1e9,
    method: 'dataset',
    requestSubjectKeyKind: 'resident_id',
    liveGrants: [{ resourceCode: 'HOUSEHOLD', sensitiveCategories: ['specific_identity'], grade: 'important', subjectKeyKind: 'resident_id' }],
    openAlerts: 99,
    pastSanctions: 99,
    trainingExpired: { applicant: true, approvers: 9 },
    crossRegion: true,
    rowScopeUnlimited: true,
    contractorOperated: true,
  });

  it('never scores above 100, and reports every contributing factor in the fixed order', () => {
    const assessment = assessRisk(worst);
    expect(assessment.score).toBe(100);
    expect(assessment.level).toBe('critical');
    expect(assessment.factors.map((factor) => factor.code)).toEqual(RISK_FACTOR_CODES);
    for (const factor of assessment.factors) expect(factor.weight).toBeLessThanOrEqual(RISK_FACTOR_MAX_WEIGHTS[factor.code]);
    expect(assessment.mitigations).toEqual(['mask', 'verification_only', 'shorter_period', 'lower_quota']);
  });

  it('is deterministic', () => {
    expect(assessRisk(worst)).toEqual(assessRisk(structuredClone(worst)));
    expect(Number.isInteger(assessRisk(worst).score)).toBe(true);
  });

  it('writes reasons in Chinese then English, with codes and numbers only', () => {
    const codes = [...worst.purposeDutyCodes, ...worst.liveGrants.map((grant) => grant.resourceCode)];
    const numbers = ['9', '99', '4', String(worst.expectedVolumePerDay)];
    for (const factor of assessRisk(worst).factors) {
      expect(factor.reason).toMatch(/^[^a-z]*[\u4e00-\u9fff][^/]*。\/ [A-Z][^\u4e00-\u9fff]*\.$/);
      // Identifiers are the input's codes or category identifiers; numbers are the input's counts.
      for (const token of factor.reason.match(/[A-Z][A-Z0-9_-]{2,}/g) ?? []) expect(codes).toContain(token);
      for (const token of factor.reason.match(/[a-z]+_[a-z0-9_]+/g) ?? []) expect(SENSITIVE_CATEGORIES).toContain(token);
      for (const token of factor.reason.match(/\d+/g) ?? []) expect(numbers).toContain(token);
    }
  });

  it('recommends verification instead of masking for a verification request on sensitive data', () => {
    const input = benign({ method: 'verification', items: [item('A', { piClass: 'sensitive', sensitiveCategory: 'medical_health' })] });
    expect(assessRisk(input).mitigations).toEqual([]);
    expect(assessRisk({ ...input, method: 'api' }).mitigations).toEqual(['mask', 'verification_only']);
  });

  it('rejects malformed counts with a validation error', () => {
    expect(() => assessRisk(benign({ openAlerts: -1 }))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => assessRisk(benign({ items: tenItems, resourceItemCount: 3 }))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
