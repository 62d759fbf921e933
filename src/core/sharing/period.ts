import { addCalendarDays, shanghaiDate, shanghaiStartOfDay, type CalendarDate } from '../calendar/index.ts';

/**
 * `date` plus whole calendar months; a day the target month lacks falls back to its last day
 * (2026-01-31 + 1 month = 2026-02-28), the usual reading of "N 个月" for a period.
 */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** The last day a period of `months` starting on `from` may run to: the day before the same date N months on. */
export function lastDayWithin(from: CalendarDate, months: number): CalendarDate {
  return addCalendarDays(addCalendarMonths(from, months), -1);
}

/** The last millisecond of a calendar day in Asia/Shanghai: a period's last day ends at 24:00 (民法典 Art. 203). */
export function endOfDay(date: CalendarDate): Date {
  return new Date(shanghaiStartOfDay(addCalendarDays(date, 1)).getTime() - 1);
}

/** When a grant for `from`–`to` runs: from the later of `from` and now, to the end of `to`. */
export function grantWindow(period: { from: CalendarDate; to: CalendarDate }, now: Date): { startsAt: Date; expiresAt: Date } {
  const start = shanghaiStartOfDay(period.from);
  return { startsAt: start > now ? start : now, expiresAt: endOfDay(period.to) };
}

/** The next periodic review: `months` after `now`, never after the grant ends; null without a review interval. */
export function nextReview(now: Date, months: number | null, expiresAt: Date): Date | null {
  if (months === null) return null;
  const due = endOfDay(addCalendarMonths(shanghaiDate(now), months));
  return due < expiresAt ? due : null;
}
