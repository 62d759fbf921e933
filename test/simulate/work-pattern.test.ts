import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../../src/core/calendar/index.ts';
import { simulationRandom } from '../../src/main/simulate/random.ts';
import { dutyTimes, HOUR, isMonthEnd, MINUTE, officeTimes, simulatedDays, SIMULATION_START } from '../../src/main/simulate/work-pattern.ts';

const minuteOfDay = (at: number, dayStart: number) => (at - dayStart) / MINUTE;

describe('the working pattern', () => {
  it('follows the region calendar: weekends, the Labour Day holiday, and the month end', () => {
    const days = simulatedDays(SIMULATION_START, 14, DEFAULT_CALENDAR);
    expect(days[0]).toMatchObject({ date: '2026-04-20', working: true, monthEnd: false });
    expect(days.filter((day) => day.working).map((day) => day.date.slice(5))).toEqual(['04-20', '04-21', '04-22', '04-23', '04-24', '04-27', '04-28', '04-29', '04-30']);
    expect(days.filter((day) => day.monthEnd).map((day) => day.date)).toEqual(['2026-04-29', '2026-04-30']);
    // Midnight in Shanghai is 16:00 UTC the day before.
    expect(new Date(days[1]!.start).toISOString()).toBe('2026-04-20T16:00:00.000Z');
  });

  it('counts a make-up Saturday as a working day and a month end when it is one', () => {
    expect(simulatedDays(Date.parse('2026-05-09T00:00:00+08:00'), 1, DEFAULT_CALENDAR)[0]).toMatchObject({ working: true });
    expect(isMonthEnd('2026-05-28', DEFAULT_CALENDAR)).toBe(true);
    expect(isMonthEnd('2026-05-27', DEFAULT_CALENDAR)).toBe(false);
  });

  it('puts office calls inside office hours, never over lunch', () => {
    const day = SIMULATION_START;
    const times = officeTimes(simulationRandom(5), day, 400, { arrival: -20, departure: 20 });
    expect(times).toEqual([...times].sort((left, right) => left - right));
    for (const at of times) {
      const minute = minuteOfDay(at, day);
      expect(minute >= 8 * 60 + 10 && minute < 17 * 60 + 50).toBe(true);
      expect(minute >= 12 * 60 && minute < 13 * 60 + 30).toBe(false);
    }
    for (const at of dutyTimes(simulationRandom(6), day, 50)) expect(at - day >= 9 * HOUR && at - day < 16 * HOUR).toBe(true);
  });
});
