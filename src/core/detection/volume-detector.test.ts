import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, feed, HOUR, MINUTE, MONDAY_9AM, WEEK } from './test-events.ts';
import { VolumeDetector } from './volume-detector.ts';

const MONDAY_10AM = MONDAY_9AM + HOUR;

/** Three Mondays with `usual` records at 10:00, then the fourth Monday's 10:00 with `records`. */
function fourthMonday(usual: number, records: number) {
  const history = [0, 1, 2].map((week) => access({ at: MONDAY_10AM + week * WEEK, records: usual }));
  return feed(new VolumeDetector(DEFAULT_DETECTION_PROFILE), [...history, access({ at: MONDAY_10AM + 3 * WEEK, records })]);
}

describe('VolumeDetector', () => {
  it('alerts medium over three times the hour-of-week baseline', () => {
    const findings = fourthMonday(100, 305);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'volume', severity: 'medium', principal: { kind: 'person', id: 'person-1' } });
  });

  it('near miss: just under three times the baseline', () => {
    expect(fourthMonday(100, 295)).toEqual([]);
  });

  it('never alerts under the floor of minimumRecords, however quiet the baseline', () => {
    expect(fourthMonday(10, 199)).toEqual([]);
    expect(fourthMonday(10, 201)).toHaveLength(1);
  });

  it('alerts high far over the threshold, once more within the same hour and under the same key', () => {
    const detector = new VolumeDetector(DEFAULT_DETECTION_PROFILE);
    const history = [0, 1, 2].map((week) => access({ at: MONDAY_10AM + week * WEEK, records: 100 }));
    feed(detector, history);
    const now = MONDAY_10AM + 3 * WEEK;
    const events = [access({ at: now, records: 305 }), access({ at: now + MINUTE, records: 100 }), access({ at: now + 2 * MINUTE, records: 3000 })];
    const findings = feed(detector, events);
    expect(findings.map((finding) => finding.severity)).toEqual(['medium', 'high']);
    expect(findings[0]!.dedupKey).toBe(findings[1]!.dedupKey);
    expect(findings[1]!.evidence).toEqual(events.map((event) => event.seq));
  });

  it('uses the warm-up ceiling during the first week', () => {
    expect(feed(new VolumeDetector(DEFAULT_DETECTION_PROFILE), [access({ records: 2000 })])).toEqual([]);
    expect(feed(new VolumeDetector(DEFAULT_DETECTION_PROFILE), [access({ records: 2001 })])).toHaveLength(1);
  });

  it('counts hours without activity as zeros: a slot last busy a year ago is quiet now', () => {
    const detector = new VolumeDetector(DEFAULT_DETECTION_PROFILE);
    feed(detector, [0, 1, 2].map((week) => access({ at: MONDAY_10AM + week * WEEK, records: 1000 })));
    // Keep the person active elsewhere, then come back to Monday 10:00 a year later.
    feed(detector, [access({ at: MONDAY_10AM + 52 * WEEK - HOUR, records: 1 })]);
    expect(feed(detector, [access({ at: MONDAY_10AM + 52 * WEEK, records: 900 })])).toHaveLength(1);
  });

  it('raises the severity one step on important data', () => {
    const history = [0, 1, 2].map((week) => access({ at: MONDAY_10AM + week * WEEK, records: 100 }));
    const findings = feed(new VolumeDetector(DEFAULT_DETECTION_PROFILE), [...history, access({ at: MONDAY_10AM + 3 * WEEK, records: 305, grade: 'important' })]);
    expect(findings[0]!.severity).toBe('high');
  });
});
