import type { CalendarDate } from './calendar-date.ts';

/**
 * One year's official holiday arrangement (放假调休安排). Under 《全国年节及纪念日放假办法》 the
 * State Council General Office publishes it each autumn for the coming year; until then the
 * year has no schedule and only weekends are known.
 */
export interface HolidaySchedule {
  year: number;
  /** The notice the dates come from, by name and number when known, e.g. 国办发明电〔2024〕12号. */
  source: string;
  /** Days off, including weekend days that fall inside a holiday block. */
  holidays: CalendarDate[];
  /** Weekend days that are worked instead (调休上班). */
  makeUpWorkdays: CalendarDate[];
}

export interface WorkingCalendar {
  /** ISO weekday numbers (Monday = 1 … Sunday = 7) that are not working days unless made up. */
  weekend: number[];
  schedules: HolidaySchedule[];
}

/** Saturday and Sunday: the national five-day working week since 1995 (国务院令第174号). */
export const DEFAULT_WEEKEND: readonly number[] = [6, 7];
