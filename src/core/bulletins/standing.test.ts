import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../calendar/index.ts';
import { acknowledgeDeadline, inState, recipientStanding, workingDaysLate } from './standing.ts';

/** An instant written in Shanghai local time, as the holiday notices write dates. */
function shanghai(local: string): Date {
  return new Date(`${local}+08:00`);
}

// Known answers from 国务院办公厅关于2026年部分节假日安排的通知, not from the code under test.
describe('acknowledgeDeadline', () => {
  it('skips the day of publication and the weekend', () => {
    // Friday 27 November 2026: Monday, Tuesday, Wednesday.
    expect(acknowledgeDeadline(shanghai('2026-11-27T10:00:00'), DEFAULT_CALENDAR)).toEqual(shanghai('2026-12-02T23:59:59.999'));
  });

  it('skips a holiday and counts a make-up Saturday', () => {
    // 中秋节 25–27 September: published Thursday 24th, due Wednesday 30th.
    expect(acknowledgeDeadline(shanghai('2026-09-24T16:00:00'), DEFAULT_CALENDAR)).toEqual(shanghai('2026-09-30T23:59:59.999'));
    // 国庆节 1–7 October, Saturday 10 October worked: published 30 September, due on that Saturday.
    expect(acknowledgeDeadline(shanghai('2026-09-30T09:00:00'), DEFAULT_CALENDAR)).toEqual(shanghai('2026-10-10T23:59:59.999'));
  });
});

describe('recipientStanding', () => {
  const deadline = shanghai('2026-12-02T23:59:59.999').toISOString();

  it('is in time up to the last millisecond of the deadline', () => {
    expect(workingDaysLate(new Date(deadline), new Date(deadline), DEFAULT_CALENDAR)).toBe(0);
    expect(recipientStanding({ acknowledgedAt: null, overdueWorkingDays: null }, deadline, new Date(deadline), DEFAULT_CALENDAR)).toEqual({ acknowledged: false, late: false, overdue: false, overdueWorkingDays: 0 });
  });

  it('counts working days overdue while unacknowledged', () => {
    const standing = recipientStanding({ acknowledgedAt: null, overdueWorkingDays: null }, deadline, shanghai('2026-12-07T09:00:00'), DEFAULT_CALENDAR);
    // Thursday 3rd, Friday 4th, Monday 7th.
    expect(standing).toEqual({ acknowledged: false, late: false, overdue: true, overdueWorkingDays: 3 });
    expect(inState(standing, 'overdue')).toBe(true);
    expect(inState(standing, 'unacknowledged')).toBe(true);
    expect(inState(standing, 'late')).toBe(false);
  });

  it('is overdue over a weekend with no working day yet lost', () => {
    const standing = recipientStanding({ acknowledgedAt: null, overdueWorkingDays: null }, shanghai('2026-12-04T23:59:59.999').toISOString(), shanghai('2026-12-06T12:00:00'), DEFAULT_CALENDAR);
    expect(standing).toEqual({ acknowledged: false, late: false, overdue: true, overdueWorkingDays: 0 });
  });

  it('keeps an acknowledgement’s lateness as recorded', () => {
    const late = recipientStanding({ acknowledgedAt: shanghai('2026-12-04T10:00:00').toISOString(), overdueWorkingDays: 2 }, deadline, shanghai('2027-03-01T10:00:00'), DEFAULT_CALENDAR);
    expect(late).toEqual({ acknowledged: true, late: true, overdue: false, overdueWorkingDays: 2 });
    expect(inState(late, 'late')).toBe(true);
    const inTime = recipientStanding({ acknowledgedAt: shanghai('2026-12-01T10:00:00').toISOString(), overdueWorkingDays: 0 }, deadline, shanghai('2027-03-01T10:00:00'), DEFAULT_CALENDAR);
    expect(inTime).toEqual({ acknowledged: true, late: false, overdue: false, overdueWorkingDays: 0 });
    expect(inState(inTime, 'acknowledged')).toBe(true);
  });
});
