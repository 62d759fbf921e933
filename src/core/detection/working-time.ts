import { isWorkingDay, shanghaiDate, SHANGHAI_OFFSET_MILLISECONDS, type WorkingCalendar, type WorkingHours } from '../calendar/index.ts';
import type { IsWorkingTime } from './event.ts';
import { MILLISECONDS_PER_DAY, MILLISECONDS_PER_MINUTE } from './local-time.ts';

/** An organisation's office hours and the calendar of its region. */
export interface OrganisationTime {
  hours: WorkingHours;
  calendar: WorkingCalendar;
}

const CLOCK_TIME = /^(\d{2}):(\d{2})$/;

/** Milliseconds of the day at 'HH:MM' ('24:00' is the end of the day); null when malformed. */
function clockMilliseconds(time: string): number | null {
  const match = CLOCK_TIME.exec(time);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes * MILLISECONDS_PER_MINUTE : null;
}

/**
 * The IsWorkingTime of a set of organisations, from their office hours and calendars (the
 * composition root passes a lookup over what it loaded; hours should have come through
 * parseWorkingHours). The same rule as isWithinWorkingHours, with each organisation's day worked
 * out once — whether it is a working day, and its periods in milliseconds — so that the check on
 * the detectors' hot path is arithmetic. An organisation the lookup does not know has no working
 * time: its use counts as off-hours, so unknown errs towards being reported; a malformed period
 * matches nothing, as in isWithinWorkingHours.
 */
export function organisationWorkingTime(lookup: (orgId: string | null) => OrganisationTime | null): IsWorkingTime {
  const days = new Map<string | null, { day: number; periods: number[] }>();

  function periodsOf(orgId: string | null, day: number): number[] {
    const time = lookup(orgId);
    if (time === null || !isWorkingDay(shanghaiDate(new Date(day * MILLISECONDS_PER_DAY)), time.calendar)) return [];
    const periods: number[] = [];
    for (const period of time.hours.periods) {
      const start = clockMilliseconds(period.start);
      const end = clockMilliseconds(period.end);
      if (start !== null && end !== null && start < end) periods.push(start, end);
    }
    return periods;
  }

  return function isWorkingTime(orgId: string | null, at: number): boolean {
    const local = at + SHANGHAI_OFFSET_MILLISECONDS;
    const day = Math.floor(local / MILLISECONDS_PER_DAY);
    let known = days.get(orgId);
    if (known === undefined || known.day !== day) {
      known = { day, periods: periodsOf(orgId, day) };
      days.set(orgId, known);
    }
    const elapsed = local - day * MILLISECONDS_PER_DAY;
    for (let index = 0; index < known.periods.length; index += 2) {
      if (elapsed >= known.periods[index]! && elapsed < known.periods[index + 1]!) return true;
    }
    return false;
  };
}
