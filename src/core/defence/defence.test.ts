import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../calendar/index.ts';
import { alertDeadline } from './alert-deadline.ts';
import { checkTransition, EVIDENCE_LIMIT, isOverdue, mergeEvidence } from './alert.ts';
import { containmentFor } from './containment.ts';

// Friday 27 November 2026, 16:00 in Shanghai.
const FRIDAY_4PM = new Date('2026-11-27T08:00:00.000Z');

describe('alert deadlines', () => {
  it('gives critical and high alerts hours round the clock', () => {
    expect(alertDeadline('critical', FRIDAY_4PM, DEFAULT_CALENDAR).toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(alertDeadline('high', FRIDAY_4PM, DEFAULT_CALENDAR).toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });

  it('gives medium and low alerts working days, skipping the weekend', () => {
    // Next working day is Monday 30 November; the deadline is its last millisecond.
    expect(alertDeadline('medium', FRIDAY_4PM, DEFAULT_CALENDAR).toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(alertDeadline('low', FRIDAY_4PM, DEFAULT_CALENDAR).toISOString()).toBe('2026-12-04T15:59:59.999Z');
  });
});

describe('alert lifecycle', () => {
  it('allows open → acknowledged → contained → resolved, and false positives from any open status', () => {
    expect(() => checkTransition('open', 'acknowledged')).not.toThrow();
    expect(() => checkTransition('acknowledged', 'contained')).not.toThrow();
    expect(() => checkTransition('contained', 'resolved')).not.toThrow();
    expect(() => checkTransition('contained', 'false_positive')).not.toThrow();
  });

  it('refuses going back, skipping to resolved unseen, and leaving a closed alert', () => {
    expect(() => checkTransition('contained', 'acknowledged')).toThrow(expect.objectContaining({ code: 'ALERT_TRANSITION_INVALID' }));
    expect(() => checkTransition('open', 'resolved')).toThrow(expect.objectContaining({ code: 'ALERT_TRANSITION_INVALID' }));
    expect(() => checkTransition('resolved', 'false_positive')).toThrow(expect.objectContaining({ code: 'ALERT_TRANSITION_INVALID' }));
  });

  it('counts an alert overdue once past its deadline while open or acknowledged, not when contained or escalated', () => {
    const due = { status: 'open' as const, deadlineAt: '2026-11-27T09:00:00.000Z', escalatedAt: null };
    expect(isOverdue(due, new Date('2026-11-27T08:59:59.000Z'))).toBe(false);
    expect(isOverdue(due, new Date('2026-11-27T09:00:01.000Z'))).toBe(true);
    expect(isOverdue({ ...due, status: 'contained' }, new Date('2026-11-28T00:00:00.000Z'))).toBe(false);
    expect(isOverdue({ ...due, escalatedAt: '2026-11-27T09:01:00.000Z' }, new Date('2026-11-28T00:00:00.000Z'))).toBe(false);
  });

  it('keeps evidence ordered, unique and bounded', () => {
    expect(mergeEvidence([5, 9], [7, 5])).toEqual([5, 7, 9]);
    const full = Array.from({ length: EVIDENCE_LIMIT }, (_, index) => index);
    expect(mergeEvidence(full, [999])).toEqual(full);
  });
});

describe('containment rules', () => {
  const targets = { credentialId: 'credential-1', grantId: 'grant-1' };

  it('acts on critical findings only', () => {
    expect(containmentFor({ detector: 'enumeration', severity: 'critical' }, targets)).toEqual({ action: 'suspend-credential', targetId: 'credential-1' });
    expect(containmentFor({ detector: 'enumeration', severity: 'high' }, targets)).toBeNull();
  });

  it('suspends the grant for out-of-jurisdiction use, and leaves core access to a person', () => {
    expect(containmentFor({ detector: 'jurisdiction', severity: 'critical' }, targets)).toEqual({ action: 'suspend-grant', targetId: 'grant-1' });
    expect(containmentFor({ detector: 'core-access', severity: 'critical' }, targets)).toBeNull();
  });

  it('does nothing without a target, such as a caller that never authenticated', () => {
    expect(containmentFor({ detector: 'probing', severity: 'critical' }, { credentialId: null, grantId: null })).toBeNull();
  });
});
