import { describe, expect, it } from 'vitest';
import { CaseRepeatDetector } from './case-repeat-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, blindIndexes, DAY, feed, MINUTE, MONDAY_9AM } from './test-events.ts';

/** `count` distinct subjects, 5 a call, all under one case number. */
function underOneCase(count: number, issue = '（2026）浙0102刑初123号', start = MONDAY_9AM, from = 0) {
  const subjects = blindIndexes(count, from);
  return Array.from({ length: Math.ceil(count / 5) }, (_, call) => access({ at: start + call * MINUTE, issue, subjects: subjects.slice(call * 5, call * 5 + 5) }));
}

function detector() {
  return new CaseRepeatDetector(DEFAULT_DETECTION_PROFILE);
}

describe('CaseRepeatDetector', () => {
  it('alerts medium when one case number covers 100 or more subjects in a day', () => {
    const findings = feed(detector(), underOneCase(120));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'case-repeat', severity: 'medium', principal: { kind: 'person', id: 'person-1' } });
    expect(JSON.stringify(findings[0])).not.toContain('刑初');
  });

  it('near miss: 80 subjects under one case', () => {
    expect(feed(detector(), underOneCase(80))).toEqual([]);
  });

  it('near miss: the same few subjects looked up again and again', () => {
    const subjects = blindIndexes(10);
    const events = Array.from({ length: 100 }, (_, call) => access({ at: MONDAY_9AM + call * MINUTE, issue: 'A-1', subjects }));
    expect(feed(detector(), events)).toEqual([]);
  });

  it('near miss: the subjects spread over two cases, or over two days', () => {
    expect(feed(detector(), [...underOneCase(60, 'A-1'), ...underOneCase(60, 'A-2', MONDAY_9AM, 1000)])).toEqual([]);
    expect(feed(detector(), [...underOneCase(60, 'A-1'), ...underOneCase(60, 'A-1', MONDAY_9AM + DAY, 1000)])).toEqual([]);
  });

  it('ignores calls without a case number', () => {
    expect(feed(detector(), underOneCase(200).map((event) => ({ ...event, issue: null })))).toEqual([]);
  });
});
