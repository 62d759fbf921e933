import { describe, expect, it } from 'vitest';
import { DormantCredentialDetector } from './dormant-credential-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, DAY, denial, feed, MONDAY_9AM } from './test-events.ts';

function detector() {
  return new DormantCredentialDetector(DEFAULT_DETECTION_PROFILE);
}

describe('DormantCredentialDetector', () => {
  it('alerts medium when a credential is used after 30 days of silence', () => {
    const findings = feed(detector(), [access({ at: MONDAY_9AM }), access({ at: MONDAY_9AM + 30 * DAY })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'dormant-credential', severity: 'medium', principal: { kind: 'credential', id: 'credential-1' } });
  });

  it('near miss: 29 days of silence', () => {
    expect(feed(detector(), [access({ at: MONDAY_9AM }), access({ at: MONDAY_9AM + 29 * DAY })])).toEqual([]);
  });

  it('alerts high when it wakes with bulk data, and a refused call wakes it too', () => {
    expect(feed(detector(), [access({ at: MONDAY_9AM }), access({ at: MONDAY_9AM + 40 * DAY, bulk: true })])[0]!.severity).toBe('high');
    expect(feed(detector(), [access({ at: MONDAY_9AM }), denial({ at: MONDAY_9AM + 40 * DAY })])).toHaveLength(1);
  });

  it('does not report a credential’s very first use', () => {
    expect(feed(detector(), [access({ at: MONDAY_9AM + 400 * DAY })])).toEqual([]);
  });
});
