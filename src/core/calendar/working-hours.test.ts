import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { DEFAULT_CALENDAR } from './default-calendar.ts';
import { DEFAULT_WORKING_HOURS, checkWorkingHours, isWithinWorkingHours, parseWorkingHours } from './working-hours.ts';

function shanghai(local: string): Date {
  return new Date(`${local}+08:00`);
}

function thrown(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

function within(local: string): boolean {
  return isWithinWorkingHours(shanghai(local), DEFAULT_WORKING_HOURS, DEFAULT_CALENDAR);
}

describe('isWithinWorkingHours', () => {
  it('uses half-open periods in Shanghai time on a working day', () => {
    expect(within('2026-03-09T08:29:59.999')).toBe(false);
    expect(within('2026-03-09T08:30')).toBe(true);
    expect(within('2026-03-09T11:59:59.999')).toBe(true);
    expect(within('2026-03-09T12:00')).toBe(false); // lunch break
    expect(within('2026-03-09T13:30')).toBe(true);
    expect(within('2026-03-09T17:30')).toBe(false);
  });

  it('is false on weekends and holidays, true on a make-up Saturday', () => {
    expect(within('2026-03-07T10:00')).toBe(false); // Saturday
    expect(within('2026-02-16T10:00')).toBe(false); // 除夕, a Monday
    expect(within('2026-02-14T09:00')).toBe(true); // make-up Saturday
  });

  it('reads a UTC instant in Shanghai time', () => {
    expect(isWithinWorkingHours(new Date('2026-03-09T01:00:00Z'), DEFAULT_WORKING_HOURS, DEFAULT_CALENDAR)).toBe(true); // 09:00
    expect(isWithinWorkingHours(new Date('2026-03-09T10:00:00Z'), DEFAULT_WORKING_HOURS, DEFAULT_CALENDAR)).toBe(false); // 18:00
  });
});

describe('parseWorkingHours', () => {
  it('accepts and orders valid periods', () => {
    const hours = parseWorkingHours({ periods: [{ start: '14:00', end: '24:00' }, { start: '09:00', end: '14:00' }] });
    expect(hours).toEqual({ periods: [{ start: '09:00', end: '14:00' }, { start: '14:00', end: '24:00' }] });
    expect(parseWorkingHours(DEFAULT_WORKING_HOURS)).toEqual(DEFAULT_WORKING_HOURS);
  });

  it('rejects malformed input with every problem listed', () => {
    const input = { periods: [{ start: '8:30', end: '12:00' }, { start: '13:00', end: '25:00' }, { start: '18:00', end: '17:00' }, 'x'] };
    const error = thrown(() => parseWorkingHours(input));
    expect(error.code).toBe('WORKING_HOURS_INVALID');
    expect(error.details?.errors?.map((entry) => entry.path)).toEqual([
      'periods[0].start',
      'periods[1].end',
      'periods[2]',
      'periods[3].start',
      'periods[3].end',
    ]);
  });

  it('rejects overlapping periods', () => {
    const errors = checkWorkingHours({ periods: [{ start: '08:30', end: '12:00' }, { start: '11:30', end: '17:30' }] });
    expect(errors).toEqual([expect.objectContaining({ path: 'periods[1]', code: 'WORKING_HOURS_OVERLAP' })]);
    expect(() => parseWorkingHours({ periods: [{ start: '08:30', end: '12:00' }, { start: '08:30', end: '12:00' }] })).toThrow(DomainError);
  });

  it('rejects a missing or empty list', () => {
    for (const input of [null, {}, { periods: [] }, { periods: 'all day' }]) {
      expect(() => parseWorkingHours(input)).toThrow(DomainError);
    }
  });
});
