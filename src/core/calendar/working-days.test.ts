import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { DEFAULT_CALENDAR } from './default-calendar.ts';
import { shanghaiDate } from './shanghai-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { addWorkingDays, isWorkingDay, missingScheduleYears, scheduleCoverage, workingDaysBetween } from './working-days.ts';

/** An instant written in Shanghai local time, so that tests read like the notices. */
function shanghai(local: string): Date {
  return new Date(`${local}+08:00`);
}

/** The deadline instant for the end of `date` in Shanghai. */
function endOf(date: string): Date {
  return shanghai(`${date}T23:59:59.999`);
}

describe('shanghaiDate', () => {
  it('uses UTC+8 around midnight', () => {
    expect(shanghaiDate(new Date('2026-02-13T15:59:59.999Z'))).toBe('2026-02-13');
    expect(shanghaiDate(new Date('2026-02-13T16:00:00.000Z'))).toBe('2026-02-14');
    expect(shanghaiDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
  });

  it('rejects an invalid instant', () => {
    expect(() => shanghaiDate(new Date('not a date'))).toThrow(DomainError);
  });
});

describe('isWorkingDay', () => {
  it('follows the schedules', () => {
    expect(isWorkingDay('2026-02-14', DEFAULT_CALENDAR)).toBe(true); // Saturday, 春节 make-up
    expect(isWorkingDay('2026-02-16', DEFAULT_CALENDAR)).toBe(false); // Monday, 除夕
    expect(isWorkingDay('2026-01-04', DEFAULT_CALENDAR)).toBe(true); // Sunday, 元旦 make-up
    expect(isWorkingDay('2025-10-08', DEFAULT_CALENDAR)).toBe(false); // Wednesday, 国庆/中秋
    expect(isWorkingDay('2024-02-09', DEFAULT_CALENDAR)).toBe(true); // 2024 除夕: rest only "encouraged"
    expect(isWorkingDay('2026-03-07', DEFAULT_CALENDAR)).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-03-09', DEFAULT_CALENDAR)).toBe(true); // ordinary Monday
  });

  it('falls back to weekends in a year without a schedule', () => {
    expect(isWorkingDay('2027-01-01', DEFAULT_CALENDAR)).toBe(true); // a Friday; 元旦 unknown until the 2027 notice
    expect(isWorkingDay('2027-01-02', DEFAULT_CALENDAR)).toBe(false);
  });

  it('honours a region weekend', () => {
    const calendar: WorkingCalendar = { weekend: [7], schedules: [] };
    expect(isWorkingDay('2026-03-07', calendar)).toBe(true);
    expect(isWorkingDay('2026-03-08', calendar)).toBe(false);
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay('2026-2-14', DEFAULT_CALENDAR)).toThrow(DomainError);
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of receipt, even a working day', () => {
    expect(addWorkingDays(shanghai('2026-03-09T08:00'), 1, DEFAULT_CALENDAR)).toEqual(endOf('2026-03-10'));
  });

  it('ends at 23:59:59.999 Shanghai time', () => {
    expect(addWorkingDays(shanghai('2026-03-09T08:00'), 1, DEFAULT_CALENDAR).toISOString()).toBe('2026-03-10T15:59:59.999Z');
  });

  it('gives the 5 and 10 working-day defaults across the 2026 Spring Festival', () => {
    // Friday Feb 13: Sat 14 (make-up) is day 1; Feb 15–23 off; Feb 24–27 are days 2–5.
    const received = shanghai('2026-02-13T10:00');
    expect(addWorkingDays(received, 5, DEFAULT_CALENDAR)).toEqual(endOf('2026-02-27'));
    // Then Sat 28 (make-up) is 6 and Mar 2–5 are 7–10.
    expect(addWorkingDays(received, 10, DEFAULT_CALENDAR)).toEqual(endOf('2026-03-05'));
  });

  it('counts a make-up Saturday as a working day', () => {
    // Received Friday Feb 27: Sat Feb 28 is a make-up workday, so it is day 1.
    expect(addWorkingDays(shanghai('2026-02-27T09:00'), 1, DEFAULT_CALENDAR)).toEqual(endOf('2026-02-28'));
  });

  it('crosses National Day and Mid-Autumn 2026', () => {
    // Tuesday Sep 29: Sep 30 is 1; Oct 1–7 off; Oct 8, 9, 10 (make-up Saturday), 12 are 2–5.
    expect(addWorkingDays(shanghai('2026-09-29T11:00'), 5, DEFAULT_CALENDAR)).toEqual(endOf('2026-10-12'));
    // Friday Sep 18: Sun Sep 20 (make-up) is 1, Sep 21–24 are 2–5; Sep 25–27 off; Sep 28–30 are
    // 6–8; Oct 8 and 9 are 9 and 10.
    expect(addWorkingDays(shanghai('2026-09-18T15:00'), 5, DEFAULT_CALENDAR)).toEqual(endOf('2026-09-24'));
    expect(addWorkingDays(shanghai('2026-09-18T15:00'), 10, DEFAULT_CALENDAR)).toEqual(endOf('2026-10-09'));
  });

  it('starts counting on Monday after a Friday-evening receipt', () => {
    expect(addWorkingDays(shanghai('2026-03-06T19:00'), 5, DEFAULT_CALENDAR)).toEqual(endOf('2026-03-13'));
  });

  it('starts counting after the holiday when received on a holiday', () => {
    // Saturday Oct 3 2026 (国庆): Oct 8, 9, 10 (make-up), 12, 13.
    expect(addWorkingDays(shanghai('2026-10-03T10:00'), 5, DEFAULT_CALENDAR)).toEqual(endOf('2026-10-13'));
  });

  it('takes the day of receipt in Shanghai time, not UTC', () => {
    // 2026-02-13T16:30Z is 00:30 on Saturday Feb 14 in Shanghai, a make-up workday: that day is
    // the day of receipt and does not count, so day 1 is Feb 24 after the Spring Festival.
    expect(addWorkingDays(new Date('2026-02-13T16:30:00Z'), 1, DEFAULT_CALENDAR)).toEqual(endOf('2026-02-24'));
    // One millisecond before Shanghai midnight is still Friday Feb 13, so Feb 14 is day 1.
    expect(addWorkingDays(new Date('2026-02-13T15:59:59.999Z'), 1, DEFAULT_CALENDAR)).toEqual(endOf('2026-02-14'));
  });

  it('rejects a count that is not a positive integer', () => {
    for (const days of [0, -1, 1.5, Number.NaN]) {
      expect(() => addWorkingDays(shanghai('2026-03-09T08:00'), days, DEFAULT_CALENDAR)).toThrow(DomainError);
    }
  });

  it('refuses a calendar with no working days instead of looping', () => {
    const calendar: WorkingCalendar = { weekend: [1, 2, 3, 4, 5, 6, 7], schedules: [] };
    expect(() => addWorkingDays(shanghai('2026-03-09T08:00'), 1, calendar)).toThrow(DomainError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days overdue after a deadline', () => {
    const deadline = endOf('2026-02-27');
    expect(workingDaysBetween(deadline, shanghai('2026-02-27T23:59'), DEFAULT_CALENDAR)).toBe(0);
    expect(workingDaysBetween(deadline, shanghai('2026-02-28T09:00'), DEFAULT_CALENDAR)).toBe(1); // make-up Saturday
    expect(workingDaysBetween(deadline, shanghai('2026-03-01T09:00'), DEFAULT_CALENDAR)).toBe(1); // Sunday
    expect(workingDaysBetween(deadline, shanghai('2026-03-03T09:00'), DEFAULT_CALENDAR)).toBe(3);
  });

  it('is zero when `to` is earlier', () => {
    expect(workingDaysBetween(shanghai('2026-03-10T09:00'), shanghai('2026-03-02T09:00'), DEFAULT_CALENDAR)).toBe(0);
  });

  it('inverts addWorkingDays', () => {
    const received = shanghai('2026-09-18T15:00');
    for (const days of [1, 2, 5, 10, 20]) {
      expect(workingDaysBetween(received, addWorkingDays(received, days, DEFAULT_CALENDAR), DEFAULT_CALENDAR)).toBe(days);
    }
  });
});

describe('schedule coverage', () => {
  it('knows which years have schedules', () => {
    expect(scheduleCoverage(DEFAULT_CALENDAR, 2024)).toBe(true);
    expect(scheduleCoverage(DEFAULT_CALENDAR, 2026)).toBe(true);
    expect(scheduleCoverage(DEFAULT_CALENDAR, 2023)).toBe(false);
    expect(scheduleCoverage(DEFAULT_CALENDAR, 2027)).toBe(false);
  });

  it('lists this year and next when missing, in Shanghai time', () => {
    expect(missingScheduleYears(DEFAULT_CALENDAR, new Date('2025-12-31T15:00:00Z'))).toEqual([]); // 23:00 Dec 31 in Shanghai
    expect(missingScheduleYears(DEFAULT_CALENDAR, new Date('2025-12-31T16:30:00Z'))).toEqual([2027]); // 00:30 Jan 1 2026
    expect(missingScheduleYears(DEFAULT_CALENDAR, new Date('2030-06-01T00:00:00Z'))).toEqual([2030, 2031]);
    expect(missingScheduleYears({ weekend: [6, 7], schedules: [] }, new Date('2026-06-01T00:00:00Z'))).toEqual([2026, 2027]);
  });
});
