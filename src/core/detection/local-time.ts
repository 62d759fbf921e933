import { SHANGHAI_OFFSET_MILLISECONDS } from '../calendar/shanghai-time.ts';

/*
 * Time slots in Asia/Shanghai (a fixed UTC+08:00, see shanghai-time.ts), as plain integers so
 * that the hot path never builds a Date. Epoch day 0, 1970-01-01, was a Thursday; weeks here
 * begin on Monday, as the working week does.
 */

export const MILLISECONDS_PER_MINUTE = 60_000;
export const MILLISECONDS_PER_HOUR = 3_600_000;
export const MILLISECONDS_PER_DAY = 86_400_000;
export const HOURS_PER_WEEK = 168;
const THURSDAY_TO_MONDAY = 3;

/** Hours since 1970-01-01T00:00 in Shanghai. */
export function localHour(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MILLISECONDS) / MILLISECONDS_PER_HOUR);
}

/** Days since 1970-01-01 in Shanghai. */
export function localDay(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MILLISECONDS) / MILLISECONDS_PER_DAY);
}

/** 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00. */
export function hourOfWeek(hour: number): number {
  const shifted = hour + THURSDAY_TO_MONDAY * 24;
  return ((shifted % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
}

/** Monday-based weeks since the week of 1970-01-01. */
export function weekOfHour(hour: number): number {
  return Math.floor((hour + THURSDAY_TO_MONDAY * 24) / HOURS_PER_WEEK);
}
