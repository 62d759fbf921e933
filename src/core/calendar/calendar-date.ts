import { DomainError } from '../shared/domain-error.ts';

/** A civil date with no time or zone, written 'YYYY-MM-DD' (ISO 8601 calendar date, extended form). */
export type CalendarDate = string;

const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLISECONDS_PER_DAY = 86_400_000;

/** True when `text` is a real date in 'YYYY-MM-DD' form (so '2026-02-30' is not). */
export function isCalendarDate(text: string): boolean {
  const match = CALENDAR_DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Round-trip through UTC: an impossible day such as 02-30 rolls over into March and no longer matches.
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Midnight UTC of the date, in milliseconds: a day number that makes date arithmetic plain integer arithmetic. */
export function calendarDateToEpochDay(date: CalendarDate): number {
  if (!isCalendarDate(date)) {
    throw new DomainError('CALENDAR_DATE_INVALID', '日期须为 YYYY-MM-DD / a date must be a real YYYY-MM-DD date', { details: { value: date } });
  }
  return Date.parse(`${date}T00:00:00Z`) / MILLISECONDS_PER_DAY;
}

export function epochDayToCalendarDate(epochDay: number): CalendarDate {
  return new Date(epochDay * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return epochDayToCalendarDate(calendarDateToEpochDay(date) + days);
}

/** ISO 8601 weekday: Monday = 1 … Sunday = 7 (JavaScript's getUTCDay has Sunday = 0). */
export function isoWeekday(date: CalendarDate): number {
  const weekday = new Date(calendarDateToEpochDay(date) * MILLISECONDS_PER_DAY).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function calendarYear(date: CalendarDate): number {
  calendarDateToEpochDay(date);
  return Number(date.slice(0, 4));
}

/** Every date from `first` to `last`, both included: notices state holidays as ranges ("10月1日至7日"). */
export function calendarDateRange(first: CalendarDate, last: CalendarDate): CalendarDate[] {
  const start = calendarDateToEpochDay(first);
  const end = calendarDateToEpochDay(last);
  const dates: CalendarDate[] = [];
  for (let day = start; day <= end; day += 1) dates.push(epochDayToCalendarDate(day));
  return dates;
}
