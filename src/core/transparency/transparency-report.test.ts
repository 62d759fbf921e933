import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shared/mulberry32.ts';
import { extendTable, type PublishedCell } from './count-table.ts';
import { disclosedCells } from './disclosed-cells.ts';
import type { ReportCalendar, ReportPeriod } from './report-periods.ts';
import { suppressSmallCounts } from './suppress-small-counts.ts';
import { buildTransparencyReport, REPORT_METRICS, type MetricCounts, type MetricTable } from './transparency-report.ts';

const MONTHS: ReportPeriod[] = Array.from({ length: 12 }, (_, index) => ({ key: `2026-${String(index + 1).padStart(2, '0')}`, start: `start-${index}`, end: `end-${index}` }));

/** A report of `alerts` (a flow) and `grantsInForce` (a stock) from counts[department][month], over months first…last. */
function build(counts: number[][], first: number, last: number, kind: 'month' | 'quarter' = 'month') {
  const departments = counts.map((_, index) => ({ id: `d${index}`, name: `部门${index}` }));
  const months = MONTHS.slice(first, last + 1);
  const step = kind === 'month' ? 1 : 3;
  const periods = months.filter((_, index) => index % step === 0).map((month, index) => ({ ...month, key: kind === 'month' ? month.key : `Q${index}` }));
  const calendar: ReportCalendar = { periods, months, monthsPerPeriod: step };
  const perMonth = months.map((_, month) => new Map(departments.map((department, row) => [department.id, counts[row]![first + month]!])));
  const byMetric = Object.fromEntries(REPORT_METRICS.map((metric) => [metric, metric === 'alerts' || metric === 'grantsInForce' ? perMonth : []])) as unknown as MetricCounts;
  const report = buildTransparencyReport({ region: { code: '331199', name: '云溪县' }, periodKind: kind, from: 'a', to: 'b', generatedAt: 'now', calendar, departments, counts: byMetric });
  return { flow: report.metrics.find((table) => table.metric === 'alerts')!, stock: report.metrics.find((table) => table.metric === 'grantsInForce')! };
}

function randomCounts(random: () => number, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => {
      const pick = random();
      if (pick < 0.3) return 0;
      if (pick < 0.65) return 1 + Math.floor(random() * 4);
      return 5 + Math.floor(random() * 40);
    }),
  );
}

function hiddenGrid(table: MetricTable): boolean[][] {
  const hidden = (cell: PublishedCell) => cell.suppressed;
  return [...table.cells.map((row, index) => [...row.map(hidden), table.rowTotals![index]!.suppressed]), [...table.columnTotals.map(hidden), table.total!.suppressed]];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('transparency report', () => {
  it('property: in random monthly reports no hidden cell or total can be worked out, and no shown count is 1–4', () => {
    const random = mulberry32(0x7e9047);
    for (let trial = 0; trial < 300; trial += 1) {
      const rows = 1 + Math.floor(random() * 6);
      const columns = 1 + Math.floor(random() * 6);
      const counts = randomCounts(random, rows, columns);
      const { flow } = build(counts, 0, columns - 1);
      const truth = extendTable(counts, columns);
      const hidden = hiddenGrid(flow);
      truth.values.forEach((line, row) =>
        line.forEach((value, column) => {
          if (value >= 1 && value <= 4) expect(hidden[row]![column], `trial ${trial}`).toBe(true);
        }),
      );
      expect(disclosedCells(truth, hidden), `trial ${trial}: ${JSON.stringify(counts)}`).toEqual([]);
    }
  });

  it('property: a month reads the same in every report that covers it, so reports cannot be subtracted', () => {
    const random = mulberry32(0xd1ff);
    for (let trial = 0; trial < 200; trial += 1) {
      const rows = 1 + Math.floor(random() * 5);
      const counts = randomCounts(random, rows, 12);
      const first = Math.floor(random() * 6);
      const last = first + Math.floor(random() * 6);
      const whole = build(counts, 0, 11).flow;
      const part = build(counts, first, last).flow;
      part.cells.forEach((row, department) => row.forEach((cell, month) => expect(cell, `trial ${trial}`).toEqual(whole.cells[department]![first + month])));
      part.columnTotals.forEach((cell, month) => expect(cell).toEqual(whole.columnTotals[first + month]));
    }
  });

  it('property: a quarter shows only what its shown months add up to, so it tells nothing they do not', () => {
    const random = mulberry32(0x9a27);
    for (let trial = 0; trial < 200; trial += 1) {
      const rows = 1 + Math.floor(random() * 5);
      const counts = randomCounts(random, rows, 12);
      const months = build(counts, 0, 11);
      const quarters = build(counts, 0, 11, 'quarter');
      for (const [monthly, quarterly, stock] of [[months.flow, quarters.flow, false], [months.stock, quarters.stock, true]] as const) {
        quarterly.cells.forEach((row, department) =>
          row.forEach((cell, quarter) => {
            // A stock's quarter is its last month; a flow's is the sum of its three.
            const parts = monthly.cells[department]!.slice(stock ? quarter * 3 + 2 : quarter * 3, quarter * 3 + 3);
            if (parts.some((part) => part.suppressed)) expect(cell.suppressed).toBe(true);
            else expect(cell.value).toBe(sum(parts.map((part) => part.value!)));
          }),
        );
      }
    }
  });

  it('closes the gap that suppressing each report as one table would leave open', () => {
    // One department, October 6, November 3. Suppressed as one table, the 3 takes the 6 with it
    // and the total 9 stays; but a report of October alone shows the 6, and 9 − 6 = 3.
    const whole = suppressSmallCounts([[6, 3]], 2);
    expect(whole.cells[0]!.map((cell) => cell.value)).toEqual([null, null]);
    expect(whole.rowTotals[0]!.value).toBe(9);
    const october = build([[6, 3]], 0, 0).flow;
    expect(october.cells[0]![0]!.value).toBe(6);
    // Built month by month, the department's total hides with the 3.
    const both = build([[6, 3]], 0, 1).flow;
    expect(both.cells[0]!.map((cell) => cell.value)).toEqual([6, null]);
    expect(both.rowTotals![0]!.suppressed).toBe(true);
    expect(both.total!.suppressed).toBe(true);
  });

  it('gives a stock the last month of each quarter and no totals over time', () => {
    const { stock } = build([[6, 7, 8, 9, 10, 11]], 0, 5, 'quarter');
    expect(stock.cells[0]!.map((cell) => cell.value)).toEqual([8, 11]);
    expect([stock.rowTotals, stock.total]).toEqual([null, null]);
  });
});
