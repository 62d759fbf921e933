import { describe, expect, it } from 'vitest';
import { CoreAccessDetector } from './core-access-detector.ts';
import { DEFAULT_DETECTION_PROFILE, mergeDetectionProfile } from './profile.ts';
import { access, feed } from './test-events.ts';

describe('CoreAccessDetector', () => {
  it('alerts on every access to core data, each under its own key', () => {
    const events = [access({ grade: 'core', records: 0 }), access({ grade: 'core', records: 1 })];
    const findings = feed(new CoreAccessDetector(DEFAULT_DETECTION_PROFILE), events);
    expect(findings.map((finding) => [finding.severity, finding.evidence])).toEqual([
      ['high', [events[0]!.seq]],
      ['high', [events[1]!.seq]],
    ]);
    expect(new Set(findings.map((finding) => finding.dedupKey)).size).toBe(2);
  });

  it('near miss: important data is not core', () => {
    expect(feed(new CoreAccessDetector(DEFAULT_DETECTION_PROFILE), [access({ grade: 'important' })])).toEqual([]);
  });

  it('takes its severity from the profile', () => {
    const profile = mergeDetectionProfile(DEFAULT_DETECTION_PROFILE, { detectors: { 'core-access': { severity: 'critical' } } });
    expect(feed(new CoreAccessDetector(profile), [access({ grade: 'core' })])[0]!.severity).toBe('critical');
  });
});
