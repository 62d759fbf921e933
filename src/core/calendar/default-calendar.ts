import { NATIONAL_HOLIDAY_SCHEDULES } from './holiday-schedules.ts';
import { DEFAULT_WEEKEND, type WorkingCalendar } from './working-calendar.ts';

/** Saturday–Sunday weekend plus every national schedule this release knows. */
export const DEFAULT_CALENDAR: WorkingCalendar = {
  weekend: [...DEFAULT_WEEKEND],
  schedules: [...NATIONAL_HOLIDAY_SCHEDULES],
};
