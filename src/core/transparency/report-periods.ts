import { shanghaiDate, shanghaiStartOfDay } from '../calendar/index.ts';
import { validationError, type DomainError } from '../shared/domain-error.ts';

export const PERIOD_KINDS = ['month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The most months one report covers: two years, as 24 months or 8 quarters. */
export const MAX_MONTHS = 24;

/** One column of the report: a calendar month or quarter in Asia/Shanghai, as UTC instants [start, end). */
export interface ReportPeriod {
  /** `2026-11` or `2026-Q4`. */
  key: string;
  start: string;
  end: string;
}

/** The report's periods, and the months they are made of (counts are taken and suppressed per month). */
export interface ReportCalendar {
  periods: ReportPeriod[];
  months: ReportPeriod[];
  /** 1 for months, 3 for quarters: period i is months[i × monthsPerPeriod …]. */
  monthsPerPeriod: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** No exchange predates this; the bound also keeps every month within the calendar's dates. */
const FIRST_YEAR = 2000;

function monthIndex(text: string, field: string): number {
  const match = MONTH.exec(text);
  if (!match || Number(match[1]) < FIRST_YEAR) throw periodError(field, 'PERIOD_MONTH_INVALID', `月份格式应为 YYYY-MM，且不早于 ${FIRST_YEAR} 年 / a month is YYYY-MM, from ${FIRST_YEAR} on`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthStart(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return shanghaiStartOfDay(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`).toISOString();
}

function periodError(path: string, code: string, message: string): DomainError {
  return validationError([{ path, code, message }], '报告期间无效 / invalid report period');
}

/**
 * The periods from the month `from` to the month `to`, both included, and their months. Quarters
 * must start and end on quarter boundaries. Only periods that have ended are reported: a period
 * still running would change from one day to the next, and two reports a day apart would give
 * away that day's events by subtraction, whatever was suppressed in each.
 */
export function reportPeriods(from: string, to: string, kind: PeriodKind, now: Date): ReportCalendar {
  const first = monthIndex(from, '/querystring/from');
  const last = monthIndex(to, '/querystring/to');
  if (last < first) throw periodError('/querystring/to', 'PERIOD_REVERSED', '结束月份早于开始月份 / `to` is before `from`');
  if (kind === 'quarter' && (first % 3 !== 0 || last % 3 !== 2)) {
    throw periodError('/querystring/from', 'PERIOD_NOT_QUARTERS', '按季度统计时，期间须从季度首月开始、到季度末月结束 / quarters run from a quarter’s first month to a quarter’s last');
  }
  if (last - first + 1 > MAX_MONTHS) throw periodError('/querystring/to', 'PERIOD_TOO_LONG', `一次最多 ${MAX_MONTHS} 个月 / at most ${MAX_MONTHS} months at once`);
  const current = monthIndex(shanghaiDate(now).slice(0, 7), '/querystring/to');
  if (last >= current) throw periodError('/querystring/to', 'PERIOD_NOT_ENDED', '只能统计已结束的期间 / only periods that have ended are reported');
  const step = kind === 'month' ? 1 : 3;
  const months: ReportPeriod[] = [];
  for (let index = first; index <= last; index += 1) months.push({ key: monthKey(index), start: monthStart(index), end: monthStart(index + 1) });
  const periods: ReportPeriod[] = [];
  for (let index = first; index <= last; index += step) {
    const key = kind === 'month' ? monthKey(index) : `${Math.floor(index / 12)}-Q${Math.floor((index % 12) / 3) + 1}`;
    periods.push({ key, start: monthStart(index), end: monthStart(index + step) });
  }
  return { periods, months, monthsPerPeriod: step };
}

function monthKey(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
