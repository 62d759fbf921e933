import { describe, expect, it } from 'vitest';
import { ADDRESS_CAPACITY, ProbingDetector } from './probing-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { denial, feed, MINUTE, MONDAY_9AM } from './test-events.ts';

function denials(count: number, spacing: number, overrides: Parameters<typeof denial>[0] = {}) {
  return Array.from({ length: count }, (_, index) => denial({ at: MONDAY_9AM + index * spacing, ...overrides }));
}

describe('ProbingDetector', () => {
  it('alerts medium on 5 denials within 10 minutes, against the credential', () => {
    const findings = feed(new ProbingDetector(DEFAULT_DETECTION_PROFILE), denials(5, MINUTE));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'probing', severity: 'medium', principal: { kind: 'credential', id: 'credential-1' } });
  });

  it('near miss: 4 denials, or 5 spread over more than 10 minutes', () => {
    expect(feed(new ProbingDetector(DEFAULT_DETECTION_PROFILE), denials(4, MINUTE))).toEqual([]);
    expect(feed(new ProbingDetector(DEFAULT_DETECTION_PROFILE), denials(5, 2.6 * MINUTE))).toEqual([]);
  });

  it('alerts high at 20, in the same episode', () => {
    const findings = feed(new ProbingDetector(DEFAULT_DETECTION_PROFILE), denials(20, 10_000));
    expect(findings.map((finding) => finding.severity)).toEqual(['medium', 'high']);
    expect(findings[0]!.dedupKey).toBe(findings[1]!.dedupKey);
  });

  it('ignores denials that say nothing about intent', () => {
    expect(feed(new ProbingDetector(DEFAULT_DETECTION_PROFILE), denials(10, MINUTE, { code: 'QUOTA_EXCEEDED' }))).toEqual([]);
  });

  it('holds denials without a credential against the source address', () => {
    const findings = feed(new ProbingDetector(DEFAULT_DETECTION_PROFILE), denials(5, MINUTE, { credentialId: null, code: 'CREDENTIAL_INVALID', ip: '203.0.113.9' }));
    expect(findings[0]!.principal).toEqual({ kind: 'address', id: '203.0.113.9' });
  });

  it('rearms once the window empties', () => {
    const detector = new ProbingDetector(DEFAULT_DETECTION_PROFILE);
    feed(detector, denials(5, MINUTE));
    const later = Array.from({ length: 5 }, (_, index) => denial({ at: MONDAY_9AM + 60 * MINUTE + index * MINUTE }));
    expect(feed(detector, later)).toHaveLength(1);
  });

  it('keeps at most ADDRESS_CAPACITY addresses: a spray of addresses cannot grow memory', () => {
    const detector = new ProbingDetector(DEFAULT_DETECTION_PROFILE);
    const spray = Array.from({ length: ADDRESS_CAPACITY + 100 }, (_, index) => denial({ credentialId: null, code: 'CREDENTIAL_INVALID', ip: `198.51.${index >> 8}.${index & 255}` }));
    feed(detector, spray);
    expect(detector.principalCount()).toBe(ADDRESS_CAPACITY);
  });
});
