import type { FieldError } from '../shared/domain-error.ts';
import { calendarYear, isCalendarDate, isoWeekday } from './calendar-date.ts';
import { DEFAULT_WEEKEND, type HolidaySchedule, type WorkingCalendar } from './working-calendar.ts';

/**
 * Problems in one schedule, all at once. A schedule is typed in by hand from a notice (or a
 * region's own rules), so the checks target the slips that happen in transcription: a date in
 * the wrong year, a make-up workday that is not a weekend day, a day listed as both.
 * Every date must lie in the schedule's own year; a notice that reaches across New Year (as
 * the 2008 one did, with a make-up Saturday on 2007-12-29) is recorded with that date in the
 * schedule of the year it falls in, so that year coverage stays exact.
 */
export function checkHolidaySchedule(schedule: HolidaySchedule, weekend: readonly number[] = DEFAULT_WEEKEND): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(schedule.year) || schedule.year < 1949 || schedule.year > 9999) {
    errors.push({ path: 'year', code: 'SCHEDULE_YEAR_INVALID', message: '年份无效 / invalid year' });
  }
  if (schedule.source.trim() === '') {
    errors.push({ path: 'source', code: 'SCHEDULE_SOURCE_MISSING', message: '须注明通知名称或文号 / name the notice the dates come from' });
  }
  const holidays = new Set<string>();
  schedule.holidays.forEach((date, index) => {
    const path = `holidays[${index}]`;
    if (!checkDate(date, schedule.year, path, errors)) return;
    if (holidays.has(date)) errors.push({ path, code: 'SCHEDULE_DATE_DUPLICATE', message: `日期重复：${date} / duplicate date ${date}` });
    holidays.add(date);
  });
  const makeUpWorkdays = new Set<string>();
  schedule.makeUpWorkdays.forEach((date, index) => {
    const path = `makeUpWorkdays[${index}]`;
    if (!checkDate(date, schedule.year, path, errors)) return;
    if (makeUpWorkdays.has(date)) errors.push({ path, code: 'SCHEDULE_DATE_DUPLICATE', message: `日期重复：${date} / duplicate date ${date}` });
    makeUpWorkdays.add(date);
    if (!weekend.includes(isoWeekday(date))) {
      errors.push({ path, code: 'MAKE_UP_DAY_NOT_WEEKEND', message: `调休上班日 ${date} 不是休息日 / make-up workday ${date} is not a weekend day` });
    }
    if (holidays.has(date)) {
      errors.push({ path, code: 'SCHEDULE_DATE_CONFLICT', message: `${date} 既是假日又是上班日 / ${date} is both a holiday and a make-up workday` });
    }
  });
  return errors;
}

/** Problems in a whole calendar: its weekend, then each schedule (paths prefixed by position). */
export function checkWorkingCalendar(calendar: WorkingCalendar): FieldError[] {
  const errors: FieldError[] = [];
  const weekendValid = calendar.weekend.every((day) => Number.isInteger(day) && day >= 1 && day <= 7);
  if (!weekendValid || new Set(calendar.weekend).size !== calendar.weekend.length || calendar.weekend.length >= 7) {
    errors.push({ path: 'weekend', code: 'WEEKEND_INVALID', message: '休息日须为 1–7 的不重复周几且少于 7 天 / weekend must be distinct ISO weekdays 1–7, fewer than 7' });
  }
  const years = new Set<number>();
  calendar.schedules.forEach((schedule, index) => {
    if (years.has(schedule.year)) {
      errors.push({ path: `schedules[${index}].year`, code: 'SCHEDULE_YEAR_DUPLICATE', message: `${schedule.year} 年重复 / more than one schedule for ${schedule.year}` });
    }
    years.add(schedule.year);
    for (const error of checkHolidaySchedule(schedule, calendar.weekend)) errors.push({ ...error, path: `schedules[${index}].${error.path}` });
  });
  return errors;
}

function checkDate(date: string, year: number, path: string, errors: FieldError[]): boolean {
  if (!isCalendarDate(date)) {
    errors.push({ path, code: 'CALENDAR_DATE_INVALID', message: '日期须为 YYYY-MM-DD / a date must be YYYY-MM-DD' });
    return false;
  }
  if (calendarYear(date) !== year) {
    errors.push({ path, code: 'SCHEDULE_DATE_WRONG_YEAR', message: `${date} 不在 ${year} 年 / ${date} is not in ${year}` });
    return false;
  }
  return true;
}
