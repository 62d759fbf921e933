import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PROFILE } from './graded-controls.ts';
import { laxerThanInherited, tightenProfile } from './tighten-profile.ts';

describe('tightenProfile', () => {
  it('applies an override only where it is stricter than the inherited profile', () => {
    const tightened = tightenProfile(DEFAULT_POLICY_PROFILE, {
      'general-3': { approval: ['supervisor'], maxGrantMonths: 24, reviewMonths: 3, bulkExport: false, masking: 'none' },
      'general-1': { reviewMonths: 12, quotaRequired: true },
    });
    expect(tightened['general-3']).toMatchObject({ approval: ['provider', 'supervisor'], maxGrantMonths: 12, reviewMonths: 3, bulkExport: false, masking: 'pi_masked_by_default' });
    expect(tightened['general-1']).toMatchObject({ reviewMonths: 12, quotaRequired: true });
    expect(tightened.core).toEqual(DEFAULT_POLICY_PROFILE.core);
  });

  it('keeps a county as strict as its province even when the county asked for less', () => {
    const province = tightenProfile(DEFAULT_POLICY_PROFILE, { 'general-2': { maxGrantMonths: 6 } });
    const county = tightenProfile(province, { 'general-2': { maxGrantMonths: 9 } });
    expect(county['general-2'].maxGrantMonths).toBe(6);
  });
});

describe('laxerThanInherited', () => {
  it('names every loosened field, and nothing that tightens', () => {
    const errors = laxerThanInherited(DEFAULT_POLICY_PROFILE, {
      'general-2': { reviewMonths: null, maxGrantMonths: 6 },
      important: { bulkExport: true, caseNumberRequired: false, masking: 'pi_masked_by_default' },
      'general-4': { approval: ['supervisor'] },
    });
    expect(errors.map((error) => error.path)).toEqual([
      '/general-2/reviewMonths',
      '/general-4/approval',
      '/important/masking',
      '/important/caseNumberRequired',
      '/important/bulkExport',
    ]);
    expect(new Set(errors.map((error) => error.code))).toEqual(new Set(['POLICY_LAXER_THAN_INHERITED']));
  });
});
