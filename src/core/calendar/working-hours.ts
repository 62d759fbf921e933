import { DomainError, type FieldError } from '../shared/domain-error.ts';
import { shanghaiDate, shanghaiMillisecondsOfDay } from './shanghai-time.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { isWorkingDay } from './working-days.ts';

/** A clock time 'HH:MM' in Asia/Shanghai, 24-hour. '24:00' is allowed as an end (end of day). */
export type ClockTime = string;

/** Office hours of an organisation: half-open periods [start, end) on each working day. */
export interface WorkingHours {
  periods: Array<{ start: ClockTime; end: ClockTime }>;
}

/** A common government office day, morning and afternoon around a lunch break; each organisation sets its own. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  periods: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
};

const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MILLISECONDS_PER_MINUTE = 60_000;

function minutesOfDay(time: ClockTime, allowEndOfDay: boolean): number | null {
  if (allowEndOfDay && time === '24:00') return 24 * 60;
  const match = CLOCK_TIME_PATTERN.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/**
 * Whether `instant` falls inside office hours on a working day, both judged in Asia/Shanghai.
 * `hours` should have come through `parseWorkingHours`; a malformed period here matches nothing
 * rather than throwing, so a bad stored setting errs towards "out of hours".
 */
export function isWithinWorkingHours(instant: Date, hours: WorkingHours, calendar: WorkingCalendar): boolean {
  if (!isWorkingDay(shanghaiDate(instant), calendar)) return false;
  const elapsed = shanghaiMillisecondsOfDay(instant);
  return hours.periods.some((period) => {
    const start = minutesOfDay(period.start, false);
    const end = minutesOfDay(period.end, true);
    if (start === null || end === null) return false;
    return elapsed >= start * MILLISECONDS_PER_MINUTE && elapsed < end * MILLISECONDS_PER_MINUTE;
  });
}

/** Every problem in a set of periods: bad shape, bad times, empty or reversed periods, overlaps. */
export function checkWorkingHours(input: unknown): FieldError[] {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { periods?: unknown }).periods)) {
    return [{ path: 'periods', code: 'WORKING_HOURS_INVALID', message: '须提供办公时段列表 / a list of periods is required' }];
  }
  const periods: unknown[] = (input as { periods: unknown[] }).periods;
  if (periods.length === 0) {
    return [{ path: 'periods', code: 'WORKING_HOURS_INVALID', message: '至少需要一个办公时段 / at least one period is required' }];
  }
  const errors: FieldError[] = [];
  const valid: Array<{ index: number; start: number; end: number }> = [];
  periods.forEach((period, index) => {
    const path = `periods[${index}]`;
    const { start, end } = (typeof period === 'object' && period !== null ? period : {}) as { start?: unknown; end?: unknown };
    const startMinutes = typeof start === 'string' ? minutesOfDay(start, false) : null;
    const endMinutes = typeof end === 'string' ? minutesOfDay(end, true) : null;
    if (startMinutes === null) errors.push({ path: `${path}.start`, code: 'WORKING_HOURS_INVALID', message: '开始时间须为 HH:MM / start must be HH:MM' });
    if (endMinutes === null) errors.push({ path: `${path}.end`, code: 'WORKING_HOURS_INVALID', message: '结束时间须为 HH:MM / end must be HH:MM' });
    if (startMinutes === null || endMinutes === null) return;
    if (startMinutes >= endMinutes) {
      errors.push({ path, code: 'WORKING_HOURS_INVALID', message: '开始时间须早于结束时间 / start must be before end' });
      return;
    }
    valid.push({ index, start: startMinutes, end: endMinutes });
  });
  // Periods are half-open, so one ending at 12:00 and the next starting at 12:00 do not overlap.
  valid.sort((left, right) => left.start - right.start);
  for (let position = 1; position < valid.length; position += 1) {
    const previous = valid[position - 1];
    const current = valid[position];
    if (previous && current && current.start < previous.end) {
      errors.push({ path: `periods[${current.index}]`, code: 'WORKING_HOURS_OVERLAP', message: `办公时段重叠 / period overlaps periods[${previous.index}]` });
    }
  }
  return errors;
}

/**
 * Validates untrusted input (a form, a stored row) into WorkingHours with periods in time order;
 * throws WORKING_HOURS_INVALID listing every problem.
 */
export function parseWorkingHours(input: unknown): WorkingHours {
  const errors = checkWorkingHours(input);
  if (errors.length > 0) {
    throw new DomainError('WORKING_HOURS_INVALID', '办公时间设置无效 / invalid working hours', { details: { errors } });
  }
  const periods = (input as WorkingHours).periods.map((period) => ({ start: period.start, end: period.end }));
  periods.sort((left, right) => (left.start < right.start ? -1 : left.start > right.start ? 1 : 0));
  return { periods };
}
