import { calendarDateRange } from './calendar-date.ts';
import type { HolidaySchedule } from './working-calendar.ts';

/*
 * The national holiday arrangements as published by the General Office of the State Council.
 * Each block follows the wording of its notice ("X月X日至X日放假调休 … X月X日上班"); weekend days
 * inside a block are listed too, so a block reads exactly as the notice does. Only dates stated
 * in the notices are here: a day merely "encouraged" as rest (e.g. 2024's 除夕, Feb 9) is a
 * working day. Regions may add or override a year through their own stored schedule.
 */

/** 国务院办公厅关于2024年部分节假日安排的通知 (国办发明电〔2023〕7号, 2023-10-25). */
const SCHEDULE_2024: HolidaySchedule = {
  year: 2024,
  source: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）',
  holidays: [
    // 元旦: Jan 1, joined to the weekend of Dec 30–31 2023 (those belong to 2023 and are weekends anyway).
    '2024-01-01',
    ...calendarDateRange('2024-02-10', '2024-02-17'), // 春节
    ...calendarDateRange('2024-04-04', '2024-04-06'), // 清明节
    ...calendarDateRange('2024-05-01', '2024-05-05'), // 劳动节
    '2024-06-10', // 端午节, joined to the weekend of Jun 8–9
    ...calendarDateRange('2024-09-15', '2024-09-17'), // 中秋节
    ...calendarDateRange('2024-10-01', '2024-10-07'), // 国庆节
  ],
  makeUpWorkdays: [
    '2024-02-04', // Sun, 春节
    '2024-02-18', // Sun, 春节
    '2024-04-07', // Sun, 清明节
    '2024-04-28', // Sun, 劳动节
    '2024-05-11', // Sat, 劳动节
    '2024-09-14', // Sat, 中秋节
    '2024-09-29', // Sun, 国庆节
    '2024-10-12', // Sat, 国庆节
  ],
};

/**
 * 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号, 2024-11-12): the first
 * year under the 2024 revision of 《全国年节及纪念日放假办法》, which added 除夕 and May 2.
 */
const SCHEDULE_2025: HolidaySchedule = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
  holidays: [
    '2025-01-01', // 元旦, a Wednesday: one day, no make-up
    ...calendarDateRange('2025-01-28', '2025-02-04'), // 春节, from 除夕
    ...calendarDateRange('2025-04-04', '2025-04-06'), // 清明节
    ...calendarDateRange('2025-05-01', '2025-05-05'), // 劳动节
    ...calendarDateRange('2025-05-31', '2025-06-02'), // 端午节
    ...calendarDateRange('2025-10-01', '2025-10-08'), // 国庆节 and 中秋节 together
  ],
  makeUpWorkdays: [
    '2025-01-26', // Sun, 春节
    '2025-02-08', // Sat, 春节
    '2025-04-27', // Sun, 劳动节
    '2025-09-28', // Sun, 国庆节
    '2025-10-11', // Sat, 国庆节
  ],
};

/**
 * 国务院办公厅关于2026年部分节假日安排的通知, dated 2025-11-04 (published by Xinhua the same
 * day). Its document number was not verified, so it is described rather than cited.
 */
const SCHEDULE_2026: HolidaySchedule = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
  holidays: [
    ...calendarDateRange('2026-01-01', '2026-01-03'), // 元旦
    ...calendarDateRange('2026-02-15', '2026-02-23'), // 春节, 腊月二十八 to 正月初七
    ...calendarDateRange('2026-04-04', '2026-04-06'), // 清明节
    ...calendarDateRange('2026-05-01', '2026-05-05'), // 劳动节
    ...calendarDateRange('2026-06-19', '2026-06-21'), // 端午节
    ...calendarDateRange('2026-09-25', '2026-09-27'), // 中秋节
    ...calendarDateRange('2026-10-01', '2026-10-07'), // 国庆节
  ],
  makeUpWorkdays: [
    '2026-01-04', // Sun, 元旦
    '2026-02-14', // Sat, 春节
    '2026-02-28', // Sat, 春节
    '2026-05-09', // Sat, 劳动节
    '2026-09-20', // Sun, 国庆节
    '2026-10-10', // Sat, 国庆节
  ],
};

/** The national schedules this release knows, oldest first. Add each new year when its notice appears. */
export const NATIONAL_HOLIDAY_SCHEDULES: readonly HolidaySchedule[] = [SCHEDULE_2024, SCHEDULE_2025, SCHEDULE_2026];
