import { addCalendarDays, epochDayToCalendarDate, isWorkingDay, shanghaiStartOfDay, type CalendarDate, type WorkingCalendar } from '../../core/calendar/index.ts';
import type { SimulationRandom } from './random.ts';

/*
 * When people work: office days of the region's calendar (weekends, holidays and 调休 make-up
 * days included), office hours in Asia/Shanghai with a lunch break, each person arriving and
 * leaving a little early or late, and now and then staying on. Pure functions of the calendar
 * and a random stream.
 */

/**
 * Day 1 of every run: Monday 20 April 2026, midnight in Shanghai. Fixed, so that a seed gives the
 * same calendar: a 14-day run holds nine working days, the April month end and the first days of
 * the Labour Day holiday.
 */
export const SIMULATION_START = Date.parse('2026-04-20T00:00:00+08:00');

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The default office day (DEFAULT_WORKING_HOURS): 08:30–12:00 and 13:30–17:30, in minutes after midnight. */
const MORNING: [number, number] = [8 * 60 + 30, 12 * 60];
const AFTERNOON: [number, number] = [13 * 60 + 30, 17 * 60 + 30];

export interface SimulatedDay {
  /** 0-based index in the run. */
  index: number;
  date: CalendarDate;
  /** Midnight in Shanghai, epoch milliseconds. */
  start: number;
  working: boolean;
  /** One of the last two working days of its month: reports and settlements are due. */
  monthEnd: boolean;
}

/** The run's days from `start` (midnight in Shanghai, epoch milliseconds). */
export function simulatedDays(start: number, days: number, calendar: WorkingCalendar): SimulatedDay[] {
  const first = dateAt(start);
  return Array.from({ length: days }, (_, index) => {
    const date = addCalendarDays(first, index);
    const working = isWorkingDay(date, calendar);
    return { index, date, start: shanghaiStartOfDay(date).getTime(), working, monthEnd: working && isMonthEnd(date, calendar) };
  });
}

function dateAt(instant: number): CalendarDate {
  // Shanghai is UTC+08:00 all year (no summer time since 1991).
  return epochDayToCalendarDate(Math.floor((instant + 8 * HOUR) / DAY));
}

/** Whether fewer than two working days of the same month follow `date`. */
export function isMonthEnd(date: CalendarDate, calendar: WorkingCalendar): boolean {
  let following = 0;
  for (let next = addCalendarDays(date, 1); next.slice(0, 7) === date.slice(0, 7); next = addCalendarDays(next, 1)) {
    if (isWorkingDay(next, calendar)) following += 1;
    if (following >= 2) return false;
  }
  return true;
}

/** A person's own rhythm: how early they come and how late they go, in minutes against the office day. */
export interface Rhythm {
  arrival: number;
  departure: number;
}

export function personalRhythm(random: SimulationRandom): Rhythm {
  return { arrival: random.integer(-20, 25), departure: random.integer(-15, 20) };
}

/**
 * `count` call times within a person's office day, sorted: the morning and the afternoon in
 * proportion to their length, none over lunch.
 */
export function officeTimes(random: SimulationRandom, dayStart: number, count: number, rhythm: Rhythm): number[] {
  const morning: [number, number] = [MORNING[0] + rhythm.arrival, MORNING[1]];
  const afternoon: [number, number] = [AFTERNOON[0], AFTERNOON[1] + rhythm.departure];
  const morningShare = (morning[1] - morning[0]) / (morning[1] - morning[0] + afternoon[1] - afternoon[0]);
  const times: number[] = [];
  for (let call = 0; call < count; call += 1) {
    const [from, to] = random.next() < morningShare ? morning : afternoon;
    times.push(dayStart + Math.floor((from + random.next() * (to - from)) * MINUTE));
  }
  return times.sort((left, right) => left - right);
}

/** Evening work after the office closes: from 17:30 to somewhere between 18:30 and 21:00. */
export function overtimeTimes(random: SimulationRandom, dayStart: number, count: number): number[] {
  const from = AFTERNOON[1];
  const to = from + random.integer(60, 210);
  return Array.from({ length: count }, () => dayStart + Math.floor((from + random.next() * (to - from)) * MINUTE)).sort((left, right) => left - right);
}

/** A duty shift on a rest day, 09:00–16:00: the office is closed, so all of it is off-hours. */
export function dutyTimes(random: SimulationRandom, dayStart: number, count: number): number[] {
  return Array.from({ length: count }, () => dayStart + Math.floor((9 * 60 + random.next() * 7 * 60) * MINUTE)).sort((left, right) => left - right);
}

/** Times spread evenly over the office day with a little jitter: a script that paces itself. */
export function pacedOfficeTimes(random: SimulationRandom, dayStart: number, count: number): number[] {
  const slots = [...range(MORNING[0] + 10, MORNING[1] - 5), ...range(AFTERNOON[0] + 5, AFTERNOON[1] - 10)];
  return Array.from({ length: count }, (_, index) => {
    const slot = slots[Math.floor((index * slots.length) / count)]!;
    return dayStart + slot * MINUTE + random.integer(0, 59) * 1000;
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);
}
