import { describe, expect, it } from 'vitest';
import { calendarYear, isoWeekday } from './calendar-date.ts';
import { checkHolidaySchedule, checkWorkingCalendar } from './check-holiday-schedule.ts';
import { DEFAULT_CALENDAR } from './default-calendar.ts';
import { NATIONAL_HOLIDAY_SCHEDULES } from './holiday-schedules.ts';

describe('national holiday schedules', () => {
  it('covers 2024, 2025 and 2026, each naming its notice', () => {
    expect(NATIONAL_HOLIDAY_SCHEDULES.map((schedule) => schedule.year)).toEqual([2024, 2025, 2026]);
    for (const schedule of NATIONAL_HOLIDAY_SCHEDULES) expect(schedule.source).toContain(`${schedule.year}年部分节假日安排`);
  });

  it.each(NATIONAL_HOLIDAY_SCHEDULES.map((schedule) => [schedule.year, schedule] as const))('%i is internally consistent', (year, schedule) => {
    for (const date of [...schedule.holidays, ...schedule.makeUpWorkdays]) expect(calendarYear(date)).toBe(year);
    for (const date of schedule.makeUpWorkdays) expect([6, 7]).toContain(isoWeekday(date));
    for (const date of schedule.makeUpWorkdays) expect(schedule.holidays).not.toContain(date);
    expect(new Set(schedule.holidays).size).toBe(schedule.holidays.length);
    expect(checkHolidaySchedule(schedule)).toEqual([]);
  });

  it('has the day counts the notices state', () => {
    const [schedule2024, schedule2025, schedule2026] = NATIONAL_HOLIDAY_SCHEDULES;
    // 2024: 1 + 8 + 3 + 5 + 1 + 3 + 7; 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
    expect(schedule2024?.holidays).toHaveLength(28);
    expect(schedule2025?.holidays).toHaveLength(28);
    expect(schedule2026?.holidays).toHaveLength(33);
    expect(schedule2024?.makeUpWorkdays).toHaveLength(8);
    expect(schedule2025?.makeUpWorkdays).toHaveLength(5);
    expect(schedule2026?.makeUpWorkdays).toHaveLength(6);
  });

  it('makes a valid default calendar', () => {
    expect(DEFAULT_CALENDAR.weekend).toEqual([6, 7]);
    expect(checkWorkingCalendar(DEFAULT_CALENDAR)).toEqual([]);
  });
});

describe('checkHolidaySchedule', () => {
  it('reports each transcription slip', () => {
    const errors = checkHolidaySchedule({
      year: 2030,
      source: ' ',
      holidays: ['2029-12-31', '2030-02-30', '2030-10-01', '2030-10-01', '2030-10-05'],
      makeUpWorkdays: ['2030-10-08', '2030-10-05'],
    });
    expect(errors.map((error) => [error.path, error.code])).toEqual([
      ['source', 'SCHEDULE_SOURCE_MISSING'],
      ['holidays[0]', 'SCHEDULE_DATE_WRONG_YEAR'],
      ['holidays[1]', 'CALENDAR_DATE_INVALID'],
      ['holidays[3]', 'SCHEDULE_DATE_DUPLICATE'],
      // 2030-10-08 is a Tuesday.
      ['makeUpWorkdays[0]', 'MAKE_UP_DAY_NOT_WEEKEND'],
      ['makeUpWorkdays[1]', 'SCHEDULE_DATE_CONFLICT'],
    ]);
  });

  it('rejects a weekend of every day and duplicate years', () => {
    const schedule = { year: 2026, source: 'test', holidays: [], makeUpWorkdays: [] };
    const errors = checkWorkingCalendar({ weekend: [1, 2, 3, 4, 5, 6, 7], schedules: [schedule, schedule] });
    expect(errors.map((error) => error.code)).toEqual(['WEEKEND_INVALID', 'SCHEDULE_YEAR_DUPLICATE']);
  });
});
