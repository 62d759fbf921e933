import { describe, expect, it } from 'vitest';
import { checkDetectionProfile, DEFAULT_DETECTION_PROFILE, mergeDetectionProfile, parseDetectionProfile } from './profile.ts';

describe('detection profile', () => {
  it('the default profile is sound', () => {
    expect(checkDetectionProfile(DEFAULT_DETECTION_PROFILE)).toEqual([]);
  });

  it('an override replaces only the thresholds it names, and shares no arrays with the base', () => {
    const merged = mergeDetectionProfile(DEFAULT_DETECTION_PROFILE, { escalateGrades: ['important', 'general-4'], detectors: { volume: { minimumRecords: 500, sigmas: undefined } } });
    expect(merged.detectors.volume).toEqual({ ...DEFAULT_DETECTION_PROFILE.detectors.volume, minimumRecords: 500 });
    expect(merged.escalateGrades).toEqual(['important', 'general-4']);
    merged.detectors.probing.ignoredCodes.push('USER_UNKNOWN');
    expect(DEFAULT_DETECTION_PROFILE.detectors.probing.ignoredCodes).not.toContain('USER_UNKNOWN');
  });

  it('reports every unsound threshold with its path and code', () => {
    const profile = mergeDetectionProfile(DEFAULT_DETECTION_PROFILE, {
      detectors: { volume: { smoothing: 1.5, minimumRecords: -1 }, probing: { denials: 30, highDenials: 20 }, 'quota-edge': { days: 9 }, 'dormant-credential': { dormantDays: Number.NaN } },
    });
    const errors = checkDetectionProfile(profile);
    expect(errors.map((error) => error.path).sort()).toEqual([
      'detectors.dormant-credential.dormantDays',
      'detectors.probing.denials',
      'detectors.quota-edge.days',
      'detectors.volume.minimumRecords',
      'detectors.volume.smoothing',
    ]);
    expect(new Set(errors.map((error) => error.code))).toEqual(new Set(['DETECTION_PROFILE_INVALID']));
    expect(() => parseDetectionProfile(profile)).toThrow(expect.objectContaining({ code: 'DETECTION_PROFILE_INVALID' }));
  });
});
