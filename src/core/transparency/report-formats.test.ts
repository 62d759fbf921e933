import { describe, expect, it } from 'vitest';
import { reportCsv } from './report-csv.ts';
import { reportHtml } from './report-html.ts';
import { buildTransparencyReport, REPORT_METRICS, type MetricCounts, type ReportMetric } from './transparency-report.ts';

function report(departments: { id: string; name: string }[], counts: Partial<Record<ReportMetric, number[][]>>) {
  const periods = [
    { key: '2026-10', start: '2026-09-30T16:00:00.000Z', end: '2026-10-31T16:00:00.000Z' },
    { key: '2026-11', start: '2026-10-31T16:00:00.000Z', end: '2026-11-30T16:00:00.000Z' },
  ];
  const byMetric = Object.fromEntries(
    REPORT_METRICS.map((metric) => [metric, periods.map((_, period) => new Map(departments.map((department, row) => [department.id, counts[metric]?.[row]?.[period] ?? 0])))]),
  ) as unknown as MetricCounts;
  return buildTransparencyReport({
    region: { code: '331199', name: '云溪县' },
    periodKind: 'month',
    from: '2026-10',
    to: '2026-11',
    generatedAt: '2026-12-02T02:00:00.000Z',
    calendar: { periods, months: periods, monthsPerPeriod: 1 },
    departments,
    counts: byMetric,
  });
}

describe('report formats', () => {
  const departments = [
    { id: 'a', name: '民政局' },
    { id: 'b', name: '公安局' },
  ];

  it('gives a stock no row totals, and a flow its totals', () => {
    const built = report(departments, { grantsInForce: [[6, 7], [8, 9]], grantsIssued: [[6, 7], [8, 9]] });
    const stock = built.metrics.find((table) => table.metric === 'grantsInForce')!;
    expect([stock.rowTotals, stock.total]).toEqual([null, null]);
    expect(stock.columnTotals.map((cell) => cell.value)).toEqual([14, 16]);
    const flow = built.metrics.find((table) => table.metric === 'grantsIssued')!;
    expect(flow.rowTotals!.map((cell) => cell.value)).toEqual([13, 17]);
    expect(flow.total!.value).toBe(30);
  });

  it('writes CSV lines per department with x for every hidden cell, quoting what needs it', () => {
    const csv = reportCsv(report([{ id: 'a', name: '民政局, 社会救助科' }, ...departments.slice(1)], { alerts: [[2, 9], [6, 9]] }));
    expect(csv.startsWith('\uFEFF指标 / metric,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // October hides the 2 and the 6 beside it; the departments' totals include them, so they hide too.
    expect(csv).toContain('安全告警 / security alerts,alerts,"民政局, 社会救助科",a,x,9,x\r\n');
    expect(csv).toContain('安全告警 / security alerts,alerts,公安局,b,x,9,x\r\n');
    expect(csv).toContain('安全告警 / security alerts,alerts,合计 / all departments,,8,18,26\r\n');
    expect(csv).not.toMatch(/,2,|,2\r/);
  });

  it('draws one chart per metric, no bar for a hidden total', () => {
    const page = reportHtml(report(departments, { sanctions: [[3, 0], [0, 0]], cases: [[6, 5], [0, 0]] }));
    expect(page.match(/<svg /g)).toHaveLength(REPORT_METRICS.length);
    const cases = page.slice(page.indexOf('<section id="cases">'), page.indexOf('</section>', page.indexOf('<section id="cases">')));
    expect(cases.match(/<rect /g)).toHaveLength(2);
    const sanctions = page.slice(page.indexOf('<section id="sanctions">'), page.indexOf('</section>', page.indexOf('<section id="sanctions">')));
    // November's 0 is drawn (flat); October's hidden total is not.
    expect(sanctions.match(/<rect /g)).toHaveLength(1);
    expect(sanctions).toContain('<title>2026-11: 0</title>');
    expect(sanctions).toContain('class="mark"');
    expect(sanctions).not.toMatch(/>3</);
  });
});
