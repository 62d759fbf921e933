import { describe, expect, it } from 'vitest';
import { NewAddressDetector } from './new-address-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, DAY, feed, HOUR, MONDAY_9AM } from './test-events.ts';

function settled() {
  const detector = new NewAddressDetector(DEFAULT_DETECTION_PROFILE);
  feed(detector, [access({ at: MONDAY_9AM, ip: '10.0.0.1' }), access({ at: MONDAY_9AM + HOUR, ip: '10.0.0.2' })]);
  return detector;
}

describe('NewAddressDetector', () => {
  it('alerts low on an address the credential has not used, after the learning day', () => {
    const findings = feed(settled(), [access({ at: MONDAY_9AM + 2 * DAY, ip: '10.0.9.9' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'new-address', severity: 'low', principal: { kind: 'credential', id: 'credential-1' } });
    expect(JSON.stringify(findings[0])).not.toContain('10.0.9.9');
  });

  it('near miss: addresses already used, including those learned on the first day', () => {
    expect(feed(settled(), [access({ at: MONDAY_9AM + 2 * DAY, ip: '10.0.0.2' }), access({ at: MONDAY_9AM + 3 * DAY, ip: '10.0.0.1' })])).toEqual([]);
  });

  it('reports a new address once', () => {
    expect(feed(settled(), [access({ at: MONDAY_9AM + 2 * DAY, ip: '10.0.9.9' }), access({ at: MONDAY_9AM + 3 * DAY, ip: '10.0.9.9' })])).toHaveLength(1);
  });
});
