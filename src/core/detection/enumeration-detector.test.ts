import { describe, expect, it } from 'vitest';
import { EnumerationDetector } from './enumeration-detector.ts';
import { EVIDENCE_CAPACITY } from './evidence.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, blindIndexes, DAY, feed, HOUR, MINUTE, MONDAY_9AM } from './test-events.ts';
import type { AccessEvent } from './event.ts';

/** `count` distinct subjects looked up `perCall` at a time, one call a minute from `start`. */
function lookups(count: number, perCall: number, start = MONDAY_9AM, from = 0): AccessEvent[] {
  const subjects = blindIndexes(count, from);
  const events: AccessEvent[] = [];
  for (let index = 0; index < count; index += perCall) {
    const batch = subjects.slice(index, index + perCall);
    events.push(access({ at: start + (index / perCall) * MINUTE, subjects: batch, records: batch.length }));
  }
  return events;
}

function detector() {
  return new EnumerationDetector(DEFAULT_DETECTION_PROFILE);
}

describe('EnumerationDetector', () => {
  it('alerts high on 300 distinct subjects within the hour', () => {
    const findings = feed(detector(), lookups(360, 10));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'enumeration', severity: 'high', principal: { kind: 'person', id: 'person-1' } });
    expect(findings[0]!.evidence).toHaveLength(EVIDENCE_CAPACITY);
  });

  it('near miss: fewer distinct subjects, however many lookups', () => {
    const subjects = blindIndexes(240);
    const repeated = Array.from({ length: 60 }, (_, call) => access({ at: MONDAY_9AM + call * MINUTE, subjects: subjects.slice((call * 10) % 240, ((call * 10) % 240) + 10) }));
    expect(feed(detector(), repeated)).toEqual([]);
  });

  it('near miss: the same number spread over more than the window', () => {
    // 360 subjects over three hours: 120 an hour.
    expect(feed(detector(), lookups(360, 2))).toEqual([]);
  });

  it('alerts critical at scraping pace, after the high (and the day’s count alerts on its own key)', () => {
    const findings = feed(detector(), lookups(3600, 100));
    const hourly = findings.filter((finding) => finding.dedupKey.includes(':hour:'));
    expect(hourly.map((finding) => finding.severity)).toEqual(['high', 'critical']);
    expect(findings.filter((finding) => finding.dedupKey.includes(':day:'))).toHaveLength(1);
  });

  it('does not count exports and large pages', () => {
    const exports = lookups(3600, 500).map((event) => ({ ...event, bulk: true }));
    expect(feed(detector(), exports)).toEqual([]);
  });

  it('alerts on a day over the warm-up ceiling, built from quiet hours', () => {
    // 8 hours of 225 distinct subjects: under the hourly threshold, 1,800 in the day.
    const day = Array.from({ length: 8 }, (_, hour) => lookups(225, 5, MONDAY_9AM + hour * HOUR, hour * 225)).flat();
    const findings = feed(detector(), day);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.summary.en).toMatch(/today/);
  });

  it('near miss: a day under the warm-up ceiling', () => {
    const day = Array.from({ length: 6 }, (_, hour) => lookups(200, 5, MONDAY_9AM + hour * HOUR, hour * 200)).flat();
    expect(feed(detector(), day)).toEqual([]);
  });

  it('after warm-up, compares the day with the person’s own days', () => {
    const quietDays = Array.from({ length: 10 }, (_, day) => lookups(50, 5, MONDAY_9AM + day * DAY, 100_000 + day * 50)).flat();
    const slowDay = (count: number) => Array.from({ length: 8 }, (_, hour) => lookups(count / 8, 5, MONDAY_9AM + 10 * DAY + hour * HOUR, hour * 1000)).flat();
    const under = detector();
    feed(under, quietDays);
    // Baseline 50 a day: the threshold is max(400, 4 × 50) = 400.
    expect(feed(under, slowDay(320))).toEqual([]);
    const over = detector();
    feed(over, quietDays);
    expect(feed(over, slowDay(480))).toHaveLength(1);
  });

  it('alerts on one request listing identifiers in order, and not on a less ordered or smaller one', () => {
    const subjects = blindIndexes(25);
    expect(feed(detector(), [access({ subjects, sequentiality: 0.9 })])).toHaveLength(1);
    expect(feed(detector(), [access({ subjects, sequentiality: 0.7 })])).toEqual([]);
    expect(feed(detector(), [access({ subjects: subjects.slice(0, 19), sequentiality: 0.95 })])).toEqual([]);
  });
});
