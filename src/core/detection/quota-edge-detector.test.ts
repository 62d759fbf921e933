import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { QuotaEdgeDetector } from './quota-edge-detector.ts';
import { access, DAY, denial, feed, MONDAY_9AM } from './test-events.ts';

/** One call on each of `days` (offsets from Monday) with the grant's quota used to `used` of 1,000. */
function edgeDays(days: number[], used = 950) {
  return days.map((day) => access({ at: MONDAY_9AM + day * DAY, quota: { used, limit: 1000 } }));
}

describe('QuotaEdgeDetector', () => {
  it('alerts medium on the third edge day within a week, once that day', () => {
    const findings = feed(new QuotaEdgeDetector(DEFAULT_DETECTION_PROFILE), [...edgeDays([0, 2, 4]), ...edgeDays([4])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'quota-edge', severity: 'medium', principal: { kind: 'credential', id: 'credential-1' } });
  });

  it('near miss: two edge days', () => {
    expect(feed(new QuotaEdgeDetector(DEFAULT_DETECTION_PROFILE), edgeDays([0, 2]))).toEqual([]);
  });

  it('near miss: three edge days spread over more than a week', () => {
    expect(feed(new QuotaEdgeDetector(DEFAULT_DETECTION_PROFILE), edgeDays([0, 4, 8]))).toEqual([]);
  });

  it('near miss: just under 90 % every day', () => {
    expect(feed(new QuotaEdgeDetector(DEFAULT_DETECTION_PROFILE), edgeDays([0, 1, 2, 3], 899))).toEqual([]);
  });

  it('counts a day that ran into the quota as an edge day', () => {
    const events = [...edgeDays([0, 1]), denial({ at: MONDAY_9AM + 2 * DAY, code: 'QUOTA_EXCEEDED' })];
    expect(feed(new QuotaEdgeDetector(DEFAULT_DETECTION_PROFILE), events)).toHaveLength(1);
  });
});
