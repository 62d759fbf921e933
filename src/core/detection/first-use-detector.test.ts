import { describe, expect, it } from 'vitest';
import { FirstUseDetector } from './first-use-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, DAY, feed, MONDAY_9AM } from './test-events.ts';

const LATER = MONDAY_9AM + 8 * DAY;

/** A person who used RES-001 (name, address) in their first week. */
function settled() {
  const detector = new FirstUseDetector(DEFAULT_DETECTION_PROFILE);
  feed(detector, [access({ at: MONDAY_9AM })]);
  return detector;
}

describe('FirstUseDetector', () => {
  it('alerts low on the first use of a resource after the learning days', () => {
    const findings = feed(settled(), [access({ at: LATER, resourceCode: 'RES-002' })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'first-use', severity: 'low', dedupKey: 'first-use:person:person-1:resource:RES-002' });
  });

  it('alerts medium on the first use of a general-4 resource', () => {
    expect(feed(settled(), [access({ at: LATER, resourceCode: 'RES-003', grade: 'general-4' })])[0]!.severity).toBe('medium');
  });

  it('alerts low on a new item of a known resource', () => {
    const findings = feed(settled(), [access({ at: LATER, items: ['name', 'address', 'marital_status'] })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.summary.en).toBe('first use of 1 items of resource RES-001');
  });

  it('near miss: the same resource and items again', () => {
    expect(feed(settled(), [access({ at: LATER }), access({ at: LATER, items: ['address'] })])).toEqual([]);
  });

  it('near miss: first uses within the learning days are learned silently', () => {
    const detector = settled();
    expect(feed(detector, [access({ at: MONDAY_9AM + 6 * DAY, resourceCode: 'RES-002' })])).toEqual([]);
    expect(feed(detector, [access({ at: LATER, resourceCode: 'RES-002' })])).toEqual([]);
  });

  it('keeps items of different resources apart', () => {
    expect(feed(settled(), [access({ at: LATER, resourceCode: 'RES-002', items: ['name'] })])[0]!.summary.en).toBe('first use of resource RES-002 (1 items)');
  });
});
