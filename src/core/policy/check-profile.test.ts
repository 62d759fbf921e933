import { describe, expect, it } from 'vitest';
import { checkProfile } from './check-profile.ts';
import { DEFAULT_POLICY_PROFILE } from './graded-controls.ts';
import { mergeProfile, type ProfileOverrides } from './merge-profile.ts';

describe('the default profile (DESIGN §5)', () => {
  it('passes checkProfile', () => {
    expect(checkProfile(DEFAULT_POLICY_PROFILE)).toEqual([]);
  });

  it('has the table values', () => {
    const rows = Object.entries(DEFAULT_POLICY_PROFILE).map(([grade, controls]) => [grade, controls.maxGrantMonths, controls.reviewMonths, controls.masking]);
    expect(rows).toEqual([
      ['general-1', 36, null, 'none'],
      ['general-2', 12, 12, 'pi_masked_by_default'],
      ['general-3', 12, 6, 'pi_masked_by_default'],
      ['general-4', 6, 6, 'masked_unless_justified'],
      ['important', 6, 3, 'masked_unless_justified'],
      ['core', 3, 1, 'verification_only'],
    ]);
  });
});

describe('mergeProfile', () => {
  it('replaces only the fields given and leaves the base untouched', () => {
    const merged = mergeProfile(DEFAULT_POLICY_PROFILE, { 'general-3': { reviewMonths: 3, maxGrantMonths: undefined } });
    expect(merged['general-3']).toEqual({ ...DEFAULT_POLICY_PROFILE['general-3'], reviewMonths: 3 });
    expect(merged.core).toEqual(DEFAULT_POLICY_PROFILE.core);
    expect(DEFAULT_POLICY_PROFILE['general-3'].reviewMonths).toBe(6);
  });
});

const ACCEPTED: [string, ProfileOverrides][] = [
  ['general-3 reviewed every 3 months', { 'general-3': { reviewMonths: 3 } }],
  ['general-1 grants capped at 12 months', { 'general-1': { maxGrantMonths: 12 } }],
  ['general-2 with a quota', { 'general-2': { quotaRequired: true } }],
  ['general-4 without bulk export, important and core unchanged', { 'general-4': { bulkExport: false } }],
  ['general-2 not waiving approval for unconditional sharing', { 'general-2': { waiveApprovalIfUnconditional: false } }],
  ['neither general-1 nor general-2 waiving approval', { 'general-1': { waiveApprovalIfUnconditional: false }, 'general-2': { waiveApprovalIfUnconditional: false } }],
  ['core reviewed every month with a 1-month grant', { core: { maxGrantMonths: 1 } }],
];

const REFUSED: [string, ProfileOverrides, string, string][] = [
  ['core masked instead of verification only', { core: { masking: 'masked_unless_justified' } }, '/core/masking', 'POLICY_CORE_WEAKENED'],
  ['core approved by the provider alone', { core: { approval: ['provider'] } }, '/core/approval', 'POLICY_CORE_WEAKENED'],
  ['core without the special procedure', { core: { specialProcedure: false } }, '/core/specialProcedure', 'POLICY_CORE_WEAKENED'],
  ['core without access alerts', { core: { alertEachAccess: false } }, '/core/alertEachAccess', 'POLICY_CORE_WEAKENED'],
  ['core with bulk export', { core: { bulkExport: true } }, '/core/bulkExport', 'POLICY_CORE_WEAKENED'],
  ['important granted longer than general-4', { important: { maxGrantMonths: 12 } }, '/important/maxGrantMonths', 'POLICY_NOT_MONOTONIC'],
  ['general-4 masking laxer than general-3', { 'general-4': { masking: 'none' } }, '/general-4/masking', 'POLICY_NOT_MONOTONIC'],
  ['important approved by the provider alone', { important: { approval: ['provider'] } }, '/important/approval', 'POLICY_NOT_MONOTONIC'],
  ['important without periodic review', { important: { reviewMonths: null } }, '/important/reviewMonths', 'POLICY_NOT_MONOTONIC'],
  ['general-3 without review', { 'general-3': { reviewMonths: null } }, '/general-3/reviewMonths', 'POLICY_NOT_MONOTONIC'],
  ['important allowing bulk export', { important: { bulkExport: true } }, '/important/bulkExport', 'POLICY_IMPORTANT_WEAKENED'],
  ['general-4 without a quota', { 'general-4': { quotaRequired: false } }, '/general-4/quotaRequired', 'POLICY_NOT_MONOTONIC'],
  ['zero-month grant', { 'general-2': { maxGrantMonths: 0 } }, '/general-2/maxGrantMonths', 'POLICY_VALUE_INVALID'],
  ['grant over 60 months', { 'general-1': { maxGrantMonths: 61 } }, '/general-1/maxGrantMonths', 'POLICY_VALUE_INVALID'],
  ['fractional grant', { 'general-1': { maxGrantMonths: 2.5 } }, '/general-1/maxGrantMonths', 'POLICY_VALUE_INVALID'],
  ['negative review', { 'general-2': { reviewMonths: -1 } }, '/general-2/reviewMonths', 'POLICY_VALUE_INVALID'],
  ['empty approval chain', { 'general-2': { approval: [] } }, '/general-2/approval', 'POLICY_VALUE_INVALID'],
  ['duplicate approval step', { 'general-4': { approval: ['provider', 'provider'] } }, '/general-4/approval', 'POLICY_VALUE_INVALID'],
  ['unknown masking level', { 'general-2': { masking: 'blurred' as never } }, '/general-2/masking', 'POLICY_VALUE_INVALID'],
  ['general-3 waiving approval', { 'general-3': { waiveApprovalIfUnconditional: true } }, '/general-3/waiveApprovalIfUnconditional', 'POLICY_VALUE_INVALID'],
  ['general-2 waiving approval when general-1 does not', { 'general-1': { waiveApprovalIfUnconditional: false }, 'general-2': { waiveApprovalIfUnconditional: true } }, '/general-2/waiveApprovalIfUnconditional', 'POLICY_NOT_MONOTONIC'],
];

describe('checkProfile', () => {
  it.each(ACCEPTED)('accepts %s', (_name, overrides) => {
    expect(checkProfile(mergeProfile(DEFAULT_POLICY_PROFILE, overrides))).toEqual([]);
  });

  it.each(REFUSED)('refuses %s', (_name, overrides, path, code) => {
    const errors = checkProfile(mergeProfile(DEFAULT_POLICY_PROFILE, overrides));
    const error = errors.find((candidate) => candidate.path === path);
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(/^\S*[\u4e00-\u9fff].* \/ [ -~]+$/u);
    // Each bad value is reported once, on its own path.
    expect(new Set(errors.map((candidate) => candidate.path)).size).toBe(errors.length);
  });

  it('reports every problem at once', () => {
    const errors = checkProfile(mergeProfile(DEFAULT_POLICY_PROFILE, { 'general-2': { maxGrantMonths: 0 }, core: { masking: 'none' } }));
    expect(errors.map((error) => error.path)).toEqual(['/general-2/maxGrantMonths', '/core/masking']);
  });
});
