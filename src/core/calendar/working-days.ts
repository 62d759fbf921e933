import { DomainError } from '../shared/domain-error.ts';
import { addCalendarDays, calendarDateToEpochDay, isoWeekday, type CalendarDate } from './calendar-date.ts';
import { shanghaiDate, shanghaiStartOfDay } from './shanghai-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/*
 * Time limits in administrative procedure are counted in working days (《行政许可法》 Art. 82;
 * the request-and-reply limits of 《政务数据共享条例》). The day a period starts is not counted
 * (《民法典》 Art. 201), and a period's last day ends at 24:00 (《民法典》 Art. 203) — here,
 * 23:59:59.999 Asia/Shanghai.
 */

/**
 * The longest run of consecutive non-working days tolerated before a calendar is judged broken
 * (e.g. all seven weekdays marked as weekend). Real runs are at most nine days (2026 春节).
 */
const MAX_NON_WORKING_RUN = 366;

/**
 * Whether `date` is a working day: a make-up workday always is; a listed holiday never is;
 * otherwise it depends on the weekday. A year with no schedule thus falls back to weekends
 * only — callers learn of that from `missingScheduleYears` and warn.
 */
export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar): boolean {
  const weekday = isoWeekday(date);
  for (const schedule of calendar.schedules) {
    if (schedule.makeUpWorkdays.includes(date)) return true;
  }
  for (const schedule of calendar.schedules) {
    if (schedule.holidays.includes(date)) return false;
  }
  return !calendar.weekend.includes(weekday);
}

/**
 * The deadline for something received at `receivedAt` with a limit of `days` working days: the
 * last millisecond (23:59:59.999 +08:00) of the `days`-th working day after the day of receipt.
 * The day of receipt never counts, whatever the hour and even when it is a working day. The
 * deadline is inclusive — an act at or before it is in time — which is why it is the last
 * millisecond rather than the (exclusive) start of the next day: it prints as the date people
 * expect ("截止 2月24日").
 */
export function addWorkingDays(receivedAt: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 1) {
    throw new DomainError('WORKING_DAYS_INVALID', '工作日数须为正整数 / the number of working days must be a positive integer', { details: { days } });
  }
  let date = shanghaiDate(receivedAt);
  let counted = 0;
  let nonWorkingRun = 0;
  while (counted < days) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, calendar)) {
      counted += 1;
      nonWorkingRun = 0;
    } else if (++nonWorkingRun > MAX_NON_WORKING_RUN) {
      throw new DomainError('WORKING_CALENDAR_INVALID', '日历中没有工作日 / the calendar has no working days');
    }
  }
  return new Date(shanghaiStartOfDay(addCalendarDays(date, 1)).getTime() - 1);
}

/**
 * How many working days lie after the day of `from`, up to and including the day of `to` (both
 * in Asia/Shanghai): with `from` a deadline, how many working days overdue `to` is. Zero when
 * `to` falls on or before the day of `from`; never negative.
 */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const first = shanghaiDate(from);
  const last = shanghaiDate(to);
  const span = calendarDateToEpochDay(last) - calendarDateToEpochDay(first);
  let count = 0;
  let date = first;
  for (let step = 0; step < span; step += 1) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, calendar)) count += 1;
  }
  return count;
}

/** Whether the calendar holds a holiday schedule for `year`. */
export function scheduleCoverage(calendar: WorkingCalendar, year: number): boolean {
  return calendar.schedules.some((schedule) => schedule.year === year);
}

/**
 * Which of this year and next (in Asia/Shanghai at `now`) have no schedule. Next year is
 * included because deadlines set in December run into January, and the State Council publishes
 * the coming year's arrangement only in October–November: start-up warns until it is loaded.
 */
export function missingScheduleYears(calendar: WorkingCalendar, now: Date): number[] {
  const year = Number(shanghaiDate(now).slice(0, 4));
  return [year, year + 1].filter((candidate) => !scheduleCoverage(calendar, candidate));
}
