import { describe, expect, it } from 'vitest';
import { OffHoursDetector } from './off-hours-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, admin, DAY, feed, HOUR, MINUTE, MONDAY_9AM, WEEK, weekdayNineToFive } from './test-events.ts';

const SATURDAY_10PM = MONDAY_9AM + 5 * DAY + 13 * HOUR;

function detector() {
  return new OffHoursDetector(DEFAULT_DETECTION_PROFILE, weekdayNineToFive);
}

/** `calls` calls of 10 records each, a minute apart, from `start`. */
function session(start: number, calls: number) {
  return Array.from({ length: calls }, (_, call) => access({ at: start + call * MINUTE, records: 10 }));
}

describe('OffHoursDetector', () => {
  it('alerts low once a day’s off-hours use reaches 50 records', () => {
    const findings = feed(detector(), session(SATURDAY_10PM, 6));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'off-hours', severity: 'low', principal: { kind: 'person', id: 'person-1' } });
  });

  it('near miss: 40 records off-hours', () => {
    expect(feed(detector(), session(SATURDAY_10PM, 4))).toEqual([]);
  });

  it('near miss: the same use in working time', () => {
    expect(feed(detector(), session(MONDAY_9AM, 60))).toEqual([]);
  });

  it('raises the day’s alert to medium at 500 records', () => {
    const findings = feed(detector(), session(SATURDAY_10PM, 50));
    expect(findings.map((finding) => finding.severity)).toEqual(['low', 'medium']);
    expect(findings[0]!.dedupKey).toBe(findings[1]!.dedupKey);
  });

  it('treats an hour worked in two earlier weeks as the person’s habit', () => {
    const habitual = detector();
    feed(habitual, [access({ at: SATURDAY_10PM - 2 * WEEK }), access({ at: SATURDAY_10PM - WEEK })]);
    expect(feed(habitual, session(SATURDAY_10PM, 6))).toEqual([]);
  });

  it('near miss of a habit: one earlier week is not enough', () => {
    const once = detector();
    feed(once, [access({ at: SATURDAY_10PM - WEEK })]);
    expect(feed(once, session(SATURDAY_10PM, 6))).toHaveLength(1);
  });

  it('alerts on a session of administrative acts off-hours (three), not on two, nor in working time', () => {
    const acts = (at: number, count: number) => Array.from({ length: count }, (_, index) => admin({ at: at + index * 60_000, action: 'grant.approve' }));
    expect(feed(detector(), acts(SATURDAY_10PM, 3))).toHaveLength(1);
    expect(feed(detector(), acts(SATURDAY_10PM, 2))).toEqual([]);
    expect(feed(detector(), acts(MONDAY_9AM, 3))).toEqual([]);
  });

  it('asks the injected calendar with the event’s organisation', () => {
    const asked: Array<string | null> = [];
    const off = new OffHoursDetector(DEFAULT_DETECTION_PROFILE, (orgId) => {
      asked.push(orgId);
      return true;
    });
    feed(off, [access({ orgId: 'org-7' }), admin({ orgId: null })]);
    expect(asked).toEqual(['org-7', null]);
  });
});
