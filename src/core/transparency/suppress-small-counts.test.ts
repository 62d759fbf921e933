import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../shared/mulberry32.ts';
import { extendTable, type PublishedCell } from './count-table.ts';
import { disclosedCells } from './disclosed-cells.ts';
import { isSmallCount, suppressSmallCounts, type SuppressedTable } from './suppress-small-counts.ts';

/** The published table as one (R+1) × (C+1) grid, margins last, null where hidden. */
function grid(table: SuppressedTable): (number | null)[][] {
  const value = (cell: PublishedCell) => cell.value;
  return [...table.cells.map((row, index) => [...row.map(value), table.rowTotals[index]!.value]), [...table.columnTotals.map(value), table.total.value]];
}

/** The equations a reader has: each row sums to its total, each column to its total. */
function equations(rows: number, columns: number): { cell: [number, number]; sign: number }[][] {
  const result: { cell: [number, number]; sign: number }[][] = [];
  for (let row = 0; row <= rows; row += 1) result.push([...Array.from({ length: columns }, (_, column) => ({ cell: [row, column] as [number, number], sign: 1 })), { cell: [row, columns], sign: -1 }]);
  for (let column = 0; column <= columns; column += 1) result.push([...Array.from({ length: rows }, (_, row) => ({ cell: [row, column] as [number, number], sign: 1 })), { cell: [rows, column], sign: -1 }]);
  return result;
}

function rank(matrix: number[][]): number {
  const work = matrix.map((row) => [...row]);
  let rank = 0;
  const width = work[0]?.length ?? 0;
  for (let column = 0; column < width && rank < work.length; column += 1) {
    let pivot = rank;
    while (pivot < work.length && Math.abs(work[pivot]![column]!) < 1e-9) pivot += 1;
    if (pivot === work.length) continue;
    [work[rank], work[pivot]] = [work[pivot]!, work[rank]!];
    for (let other = 0; other < work.length; other += 1) {
      if (other === rank) continue;
      const factor = work[other]![column]! / work[rank]![column]!;
      for (let index = column; index < width; index += 1) work[other]![index]! -= factor * work[rank]![index]!;
    }
    rank += 1;
  }
  return rank;
}

/**
 * An independent check by linear algebra: a hidden cell follows from the published figures by
 * arithmetic exactly when dropping its column from the system of equations over the hidden
 * cells lowers the system's rank (its unit vector lies in the row space).
 */
function linearlyDetermined(published: (number | null)[][], rows: number, columns: number): [number, number][] {
  const hidden: [number, number][] = [];
  published.forEach((line, row) => line.forEach((value, column) => value === null && hidden.push([row, column])));
  const matrix = equations(rows, columns).map((equation) => hidden.map(([row, column]) => equation.find((term) => term.cell[0] === row && term.cell[1] === column)?.sign ?? 0));
  const full = rank(matrix);
  return hidden.filter((_, index) => rank(matrix.map((line) => line.filter((__, other) => other !== index))) < full);
}

/**
 * An independent check by brute force, for small tables: every value each hidden cell can take
 * in some table with non-negative counts that agrees with everything published.
 */
function possibleValues(published: (number | null)[][], rows: number, columns: number, bound: number): Set<number>[] {
  const hidden: [number, number][] = [];
  published.forEach((line, row) => line.forEach((value, column) => value === null && hidden.push([row, column])));
  const seen = hidden.map(() => new Set<number>());
  const trial = published.map((line) => [...line]);
  const all = equations(rows, columns);
  const holds = () => all.every((equation) => equation.some((term) => trial[term.cell[0]]![term.cell[1]] === null) || equation.reduce((sum, term) => sum + term.sign * trial[term.cell[0]]![term.cell[1]]!, 0) === 0);
  const search = (index: number): void => {
    if (index === hidden.length) {
      hidden.forEach(([row, column], position) => seen[position]!.add(trial[row]![column]!));
      return;
    }
    const [row, column] = hidden[index]!;
    for (let value = 0; value <= bound; value += 1) {
      trial[row]![column] = value;
      if (holds()) search(index + 1);
    }
    trial[row]![column] = null;
  };
  search(0);
  return seen;
}

function randomTable(random: () => number, rows: number, columns: number, largest: number): number[][] {
  // Zeros, small counts and large ones in about equal parts, so that every case comes up.
  return Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => {
      const pick = random();
      if (pick < 0.3) return 0;
      if (pick < 0.65) return 1 + Math.floor(random() * 4);
      return 5 + Math.floor(random() * (largest - 4));
    }),
  );
}

describe('small-count suppression', () => {
  it('shows a table with no small counts as it is', () => {
    const table = suppressSmallCounts(
      [
        [0, 12],
        [7, 30],
      ],
      2,
    );
    expect(grid(table)).toEqual([
      [0, 12, 12],
      [7, 30, 37],
      [7, 42, 49],
    ]);
    expect(table.suppressedCount).toBe(0);
  });

  it('hides a 3 and enough beside it that subtraction cannot recover it', () => {
    const table = suppressSmallCounts(
      [
        [3, 10, 8],
        [12, 20, 9],
      ],
      3,
    );
    const published = grid(table);
    expect(published[0]![0]).toBeNull();
    expect(table.cells[0]![0]).toEqual({ value: null, suppressed: true });
    // Neither the row nor the column of the 3 has it as its only hidden cell.
    expect(published[0]!.filter((value) => value === null).length).toBeGreaterThanOrEqual(2);
    expect(published.map((line) => line[0]).filter((value) => value === null).length).toBeGreaterThanOrEqual(2);
    expect(linearlyDetermined(published, 2, 3)).toEqual([]);
  });

  it('hides small totals too, and a total that equals one small cell', () => {
    const table = suppressSmallCounts(
      [
        [0, 2],
        [9, 11],
      ],
      2,
    );
    expect(table.rowTotals[0]).toEqual({ value: null, suppressed: true });
    expect(table.cells[0]![1]!.suppressed).toBe(true);
    expect(linearlyDetermined(grid(table), 2, 2)).toEqual([]);
  });

  it('hides everything of a one-cell table with a small count', () => {
    const table = suppressSmallCounts([[4]], 1);
    expect(grid(table)).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('the exact check finds what the line rule misses: hidden zeros beside a shown total', () => {
    // Every line has two hidden cells, yet row 1 totals 9 with its 9 shown: its hidden cells are
    // both 0 (no count is negative), and then column 0's total gives away the 3.
    const table = extendTable(
      [
        [3, 0, 7],
        [0, 0, 9],
      ],
      3,
    );
    const hidden = table.values.map((line, row) => line.map((_, column) => row < 2 && column < 2));
    expect(disclosedCells(table, hidden)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(suppressSmallCounts([[3, 0, 7], [0, 0, 9]], 3).cells[0]![0]!.suppressed).toBe(true);
  });

  it('the exact check finds a bridge between two hidden blocks', () => {
    const counts = [
      [9, 8, 0, 0],
      [7, 6, 5, 0],
      [0, 0, 9, 8],
      [0, 0, 7, 6],
    ];
    const table = extendTable(counts, 4);
    const blocks = new Set(['0,0', '0,1', '1,0', '1,1', '2,2', '2,3', '3,2', '3,3', '1,2']);
    const hidden = table.values.map((line, row) => line.map((_, column) => blocks.has(`${row},${column}`)));
    // Each line holds 0 or at least 2 hidden cells, but the cell joining the blocks is the sum
    // of what the totals say is missing on one side.
    expect(disclosedCells(table, hidden)).toContainEqual([1, 2]);
    const published = table.values.map((line, row) => line.map((value, column) => (hidden[row]![column] ? null : value)));
    expect(linearlyDetermined(published, 4, 4)).toEqual([[1, 2]]);
  });

  it('property: on random tables every small count is hidden and no hidden cell can be computed', () => {
    const random = mulberry32(0x7a11);
    for (let trial = 0; trial < 400; trial += 1) {
      const rows = 1 + Math.floor(random() * 6);
      const columns = 1 + Math.floor(random() * 6);
      const counts = randomTable(random, rows, columns, 60);
      const table = suppressSmallCounts(counts, columns);
      const published = grid(table);
      const truth = extendTable(counts, columns).values;
      truth.forEach((line, row) =>
        line.forEach((value, column) => {
          if (isSmallCount(value)) expect(published[row]![column], `trial ${trial}`).toBeNull();
          else if (published[row]![column] !== null) expect(published[row]![column]).toBe(value);
        }),
      );
      // No line with exactly one hidden cell.
      for (const line of [...published, ...published[0]!.map((_, column) => published.map((row) => row[column]!))]) {
        expect(line.filter((value) => value === null).length, `trial ${trial}`).not.toBe(1);
      }
      expect(linearlyDetermined(published, rows, columns), `trial ${trial}: ${JSON.stringify(counts)}`).toEqual([]);
    }
  });

  it('property: on small random tables every hidden cell can take at least two values (non-negative counts)', () => {
    const random = mulberry32(0x5eed);
    for (let trial = 0; trial < 150; trial += 1) {
      const rows = 1 + Math.floor(random() * 2);
      const columns = 1 + Math.floor(random() * 3);
      const counts = randomTable(random, rows, columns, 8);
      const published = grid(suppressSmallCounts(counts, columns));
      const truth = extendTable(counts, columns).values;
      const largest = Math.max(...truth.flat());
      // A second solution, when there is one, lies within one of the first (one cycle, one step).
      const values = possibleValues(published, rows, columns, largest + 1);
      values.forEach((seen) => expect(seen.size, `trial ${trial}: ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(2));
    }
  });

  it('refuses negative and fractional counts and ragged rows', () => {
    expect(() => suppressSmallCounts([[-1]], 1)).toThrow(RangeError);
    expect(() => suppressSmallCounts([[1.5]], 1)).toThrow(RangeError);
    expect(() => suppressSmallCounts([[1, 2], [3]], 2)).toThrow(RangeError);
  });
});
