import type { PublishedCell } from './count-table.ts';
import type { PeriodKind, ReportCalendar, ReportPeriod } from './report-periods.ts';
import { SMALL_COUNT_LIMIT, suppressColumn, type SuppressedColumn } from './suppress-small-counts.ts';

/**
 * What the transparency report counts, per department and period (issue #8 §6; 政务数据共享条例
 * on supervision and disclosure, PIPL Art. 61 on the duties of the authorities). Counts only:
 * never a person, a subject or a free text.
 */
export const REPORT_METRICS = ['grantsIssued', 'grantsInForce', 'refusals', 'gatewayCalls', 'recordsDelivered', 'alerts', 'cases', 'sanctions'] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

export interface MetricDefinition {
  zh: string;
  en: string;
  /** A stock (how many at the period's end) has no meaningful sum over periods: no row totals. */
  stock: boolean;
}

export const METRIC_DEFINITIONS: Record<ReportMetric, MetricDefinition> = {
  grantsIssued: { zh: '新增共享授权（作为提供方）', en: 'grants issued (as provider)', stock: false },
  grantsInForce: { zh: '期末有效共享授权（作为提供方）', en: 'grants in force at the period’s end (as provider)', stock: true },
  refusals: { zh: '拒绝共享申请（作为提供方）', en: 'sharing requests refused (as provider)', stock: false },
  gatewayCalls: { zh: '网关调用次数（作为使用方）', en: 'gateway calls answered (as consumer)', stock: false },
  recordsDelivered: { zh: '交付记录数（作为使用方）', en: 'records delivered (as consumer)', stock: false },
  alerts: { zh: '安全告警', en: 'security alerts', stock: false },
  cases: { zh: '问责案件（作为当事方）', en: 'accountability cases (as a party)', stock: false },
  sanctions: { zh: '问责处理', en: 'sanctions', stock: false },
};

export interface ReportDepartment {
  id: string;
  name: string;
}

/** One metric as a table: departments down, periods across, with totals; suppressed month by month. */
export interface MetricTable {
  metric: ReportMetric;
  label: { zh: string; en: string };
  /** departments × periods. */
  cells: PublishedCell[][];
  /** Per department over all periods; null for a stock. */
  rowTotals: PublishedCell[] | null;
  /** Per period over all departments. */
  columnTotals: PublishedCell[];
  /** Null for a stock. */
  total: PublishedCell | null;
  suppressedCount: number;
}

export interface TransparencyReport {
  region: { code: string; name: string };
  periodKind: PeriodKind;
  from: string;
  to: string;
  generatedAt: string;
  /** Counts below this, and cells that would give them away, are null with `suppressed` set. */
  suppressionLimit: number;
  periods: ReportPeriod[];
  departments: ReportDepartment[];
  metrics: MetricTable[];
}

/** Counts per metric: for each month (in order), department id → count; a missing department counts 0. */
export type MetricCounts = Record<ReportMetric, readonly ReadonlyMap<string, number>[]>;

export interface ReportInput {
  region: { code: string; name: string };
  periodKind: PeriodKind;
  from: string;
  to: string;
  generatedAt: string;
  calendar: ReportCalendar;
  departments: ReportDepartment[];
  counts: MetricCounts;
}

const HIDDEN: PublishedCell = { value: null, suppressed: true };

/** A figure made of published figures (their sum, or for a stock the last of them): shown only when all it is made of is shown. */
function derived(parts: readonly PublishedCell[], stock: boolean): PublishedCell {
  const used = stock ? parts.slice(-1) : parts;
  if (used.some((part) => part.suppressed)) return HIDDEN;
  return { value: used.reduce((sum, part) => sum + part.value!, 0), suppressed: false };
}

/**
 * Builds the report from monthly counts. Each month's counts across departments are suppressed
 * on their own (suppressColumn); everything else published is derived from those months and
 * shown only when every figure it adds up is shown: a quarter, a department's total over the
 * report, and the grand total. So whatever range or granularity a reader asks for, the report
 * says nothing the monthly columns do not already say, and a reader who puts an October report
 * beside an October–November one, or a quarter beside its months, can subtract nothing hidden
 * out of them. (Suppressing each report's whole table at once would not hold: a department's
 * [6, 3 | 9] hides the 6 beside the 3 there, while a report of the first month alone shows
 * the 6, and 9 − 6 gives the 3 away.) A month's hidden cells stay hidden in every sum of them
 * because each one can move against another of its month along a cycle through the hidden
 * derived totals (disclosed-cells.ts).
 */
export function buildTransparencyReport(input: ReportInput): TransparencyReport {
  const { periods, months, monthsPerPeriod } = input.calendar;
  const metrics = REPORT_METRICS.map((metric): MetricTable => {
    const { zh, en, stock } = METRIC_DEFINITIONS[metric];
    const monthly: SuppressedColumn[] = months.map((_, month) => suppressColumn(input.departments.map((department) => input.counts[metric][month]?.get(department.id) ?? 0)));
    const ofPeriod = (period: number) => monthly.slice(period * monthsPerPeriod, (period + 1) * monthsPerPeriod);
    const cells = input.departments.map((_, row) => periods.map((__, period) => derived(ofPeriod(period).map((column) => column.cells[row]!), stock)));
    const columnTotals = periods.map((_, period) => derived(ofPeriod(period).map((column) => column.total), stock));
    const rowTotals = stock ? null : cells.map((row) => derived(row, false));
    const total = stock ? null : derived(columnTotals, false);
    const published = [...cells.flat(), ...(rowTotals ?? []), ...columnTotals, ...(total ? [total] : [])];
    return { metric, label: { zh, en }, cells, rowTotals, columnTotals, total, suppressedCount: published.filter((cell) => cell.suppressed).length };
  });
  return {
    region: input.region,
    periodKind: input.periodKind,
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt,
    suppressionLimit: SMALL_COUNT_LIMIT,
    periods,
    departments: input.departments,
    metrics,
  };
}
