import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { MAX_MONTHS, reportPeriods } from './report-periods.ts';

const DECEMBER = new Date('2026-12-02T02:00:00.000Z');

function refusal(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return (error.details?.errors?.[0] as { code: string } | undefined)?.code;
    throw error;
  }
  return undefined;
}

describe('report periods', () => {
  it('splits months at midnight in Shanghai', () => {
    const calendar = reportPeriods('2026-01', '2026-02', 'month', DECEMBER);
    expect(calendar.periods).toEqual([
      { key: '2026-01', start: '2025-12-31T16:00:00.000Z', end: '2026-01-31T16:00:00.000Z' },
      { key: '2026-02', start: '2026-01-31T16:00:00.000Z', end: '2026-02-28T16:00:00.000Z' },
    ]);
    expect(calendar.months).toEqual(calendar.periods);
    expect(calendar.monthsPerPeriod).toBe(1);
  });

  it('runs quarters across a year end', () => {
    const { periods, months, monthsPerPeriod } = reportPeriods('2025-10', '2026-03', 'quarter', DECEMBER);
    expect(periods.map((period) => period.key)).toEqual(['2025-Q4', '2026-Q1']);
    expect(periods[0]!.end).toBe(periods[1]!.start);
    expect(periods[1]!.end).toBe('2026-03-31T16:00:00.000Z');
    expect(months.map((month) => month.key)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(monthsPerPeriod).toBe(3);
    expect(months[3]!.start).toBe(periods[1]!.start);
  });

  it('reports a month only once it has ended in Shanghai', () => {
    expect(refusal(() => reportPeriods('2026-11', '2026-11', 'month', new Date('2026-11-30T15:59:59.999Z')))).toBe('PERIOD_NOT_ENDED');
    expect(reportPeriods('2026-11', '2026-11', 'month', new Date('2026-11-30T16:00:00.000Z')).periods).toHaveLength(1);
  });

  it('refuses reversed, misaligned, malformed and overlong periods', () => {
    expect(refusal(() => reportPeriods('2026-05', '2026-04', 'month', DECEMBER))).toBe('PERIOD_REVERSED');
    expect(refusal(() => reportPeriods('2026-02', '2026-06', 'quarter', DECEMBER))).toBe('PERIOD_NOT_QUARTERS');
    expect(refusal(() => reportPeriods('2026-01', '2026-05', 'quarter', DECEMBER))).toBe('PERIOD_NOT_QUARTERS');
    expect(refusal(() => reportPeriods('2026-00', '2026-05', 'month', DECEMBER))).toBe('PERIOD_MONTH_INVALID');
    expect(refusal(() => reportPeriods('2026-1', '2026-05', 'month', DECEMBER))).toBe('PERIOD_MONTH_INVALID');
    expect(refusal(() => reportPeriods('0000-01', '0000-02', 'month', DECEMBER))).toBe('PERIOD_MONTH_INVALID');
    expect(refusal(() => reportPeriods('1999-12', '2000-01', 'month', DECEMBER))).toBe('PERIOD_MONTH_INVALID');
    expect(reportPeriods('2024-11', '2026-10', 'month', DECEMBER).periods).toHaveLength(MAX_MONTHS);
    expect(reportPeriods('2024-10', '2026-09', 'quarter', DECEMBER).periods).toHaveLength(MAX_MONTHS / 3);
    expect(refusal(() => reportPeriods('2024-10', '2026-10', 'month', DECEMBER))).toBe('PERIOD_TOO_LONG');
    expect(refusal(() => reportPeriods('2024-07', '2026-09', 'quarter', DECEMBER))).toBe('PERIOD_TOO_LONG');
  });
});
