import { DomainError } from '../shared/domain-error.ts';
import { calendarDateToEpochDay, type CalendarDate } from './calendar-date.ts';

/**
 * China Standard Time is a fixed UTC+08:00 for the whole country. Daylight saving time was last
 * observed in 1991 (it ran 1986–1991), so a fixed offset is exact for every date this platform
 * handles, and it keeps `src/core` independent of the host's time-zone database (ICU/tzdata
 * versions differ between servers; a fixed offset cannot drift).
 */
export const SHANGHAI_OFFSET_MILLISECONDS = 8 * 60 * 60 * 1000;

const MILLISECONDS_PER_DAY = 86_400_000;

function assertValidInstant(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new DomainError('INSTANT_INVALID', '时间无效 / invalid instant');
  return time;
}

/** The civil date in Asia/Shanghai at `instant`. */
export function shanghaiDate(instant: Date): CalendarDate {
  return new Date(assertValidInstant(instant) + SHANGHAI_OFFSET_MILLISECONDS).toISOString().slice(0, 10);
}

/** Milliseconds elapsed since midnight Asia/Shanghai at `instant` (0 … 86 399 999). */
export function shanghaiMillisecondsOfDay(instant: Date): number {
  const local = assertValidInstant(instant) + SHANGHAI_OFFSET_MILLISECONDS;
  return ((local % MILLISECONDS_PER_DAY) + MILLISECONDS_PER_DAY) % MILLISECONDS_PER_DAY;
}

/** The instant at which `date` begins in Asia/Shanghai (00:00:00.000 +08:00). */
export function shanghaiStartOfDay(date: CalendarDate): Date {
  return new Date(calendarDateToEpochDay(date) * MILLISECONDS_PER_DAY - SHANGHAI_OFFSET_MILLISECONDS);
}
