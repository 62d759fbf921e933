import { extendTable, type ExtendedTable, type PublishedCell } from './count-table.ts';
import { disclosedCells } from './disclosed-cells.ts';

/**
 * Counts from 1 to 4 are not published: so few events can point at one department's one person
 * or one data subject (PIPL Art. 73(4) 匿名化: published figures must not identify anyone; the
 * usual small-cell rule of official statistics). Zero is not sensitive and is shown.
 */
export const SMALL_COUNT_LIMIT = 5;

export function isSmallCount(count: number): boolean {
  return count >= 1 && count < SMALL_COUNT_LIMIT;
}

/** A table ready to publish: suppressed cells are null, and no total gives one away. */
export interface SuppressedTable {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  total: PublishedCell;
  /** How many cells and totals are suppressed: the small counts, and those hidden beside them. */
  suppressedCount: number;
}

/**
 * Suppresses small counts in an R × C table of counts and in its totals, then suppresses more
 * cells (complementary suppression) until none of the hidden ones can be worked out from what is
 * shown. First the line rule, repeated until stable: a row or column (totals included) with
 * exactly one hidden cell gives it away by subtraction, so the next-smallest cell of that line is
 * hidden too. Then the exact check of disclosed-cells.ts, which also catches the combinations of
 * several lines that the line rule misses; each cell it finds gets a companion in its row or
 * column, and the rule runs again. Each round hides at least one more cell, so it ends; with
 * every cell hidden nothing can be worked out.
 */
export function suppressSmallCounts(counts: readonly (readonly number[])[], columns: number): SuppressedTable {
  const table = extendTable(counts, columns);
  const suppressed = table.values.map((line) => line.map(isSmallCount));
  for (;;) {
    applyLineRule(table, suppressed);
    const disclosed = disclosedCells(table, suppressed);
    if (disclosed.length === 0) break;
    const [row, column] = disclosed[0]!;
    const companion = smallestVisible(table, suppressed, lineCells(table, row, column)) ?? smallestVisible(table, suppressed, allCells(table));
    if (!companion) break;
    suppressed[companion[0]]![companion[1]] = true;
  }
  return publish(table, suppressed);
}

function applyLineRule(table: ExtendedTable, suppressed: boolean[][]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines(table)) {
      if (line.filter(([row, column]) => suppressed[row]![column]).length !== 1) continue;
      const companion = smallestVisible(table, suppressed, line);
      if (!companion) continue;
      suppressed[companion[0]]![companion[1]] = true;
      changed = true;
    }
  }
}

type Position = [number, number];

function lines(table: ExtendedTable): Position[][] {
  const result: Position[][] = [];
  for (let row = 0; row <= table.rows; row += 1) result.push(Array.from({ length: table.columns + 1 }, (_, column): Position => [row, column]));
  for (let column = 0; column <= table.columns; column += 1) result.push(Array.from({ length: table.rows + 1 }, (_, row): Position => [row, column]));
  return result;
}

/** The other cells of a cell's row and column. */
function lineCells(table: ExtendedTable, row: number, column: number): Position[] {
  const cells: Position[] = [];
  for (let other = 0; other <= table.columns; other += 1) if (other !== column) cells.push([row, other]);
  for (let other = 0; other <= table.rows; other += 1) if (other !== row) cells.push([other, column]);
  return cells;
}

function allCells(table: ExtendedTable): Position[] {
  return lines(table).slice(0, table.rows + 1).flat();
}

/**
 * The companion to hide: an interior cell before a total (totals are what readers use most), a
 * non-zero count before a zero (a hidden zero beside a hidden count protects little: no count can
 * go below zero), then the smallest (the least information lost).
 */
function smallestVisible(table: ExtendedTable, suppressed: boolean[][], cells: readonly Position[]): Position | undefined {
  let best: Position | undefined;
  let bestKey: number[] = [];
  for (const [row, column] of cells) {
    if (suppressed[row]![column]) continue;
    const value = table.values[row]![column]!;
    const key = [row === table.rows || column === table.columns ? 1 : 0, value === 0 ? 1 : 0, value];
    if (!best || compareKeys(key, bestKey) < 0) {
      best = [row, column];
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(left: number[], right: number[]): number {
  for (let index = 0; index < left.length; index += 1) if (left[index] !== right[index]) return left[index]! - right[index]!;
  return 0;
}

function publish(table: ExtendedTable, suppressed: boolean[][]): SuppressedTable {
  const cell = (row: number, column: number): PublishedCell => (suppressed[row]![column] ? { value: null, suppressed: true } : { value: table.values[row]![column]!, suppressed: false });
  const interior = Array.from({ length: table.rows }, (_, row) => Array.from({ length: table.columns }, (_, column) => cell(row, column)));
  return {
    cells: interior,
    rowTotals: Array.from({ length: table.rows }, (_, row) => cell(row, table.columns)),
    columnTotals: Array.from({ length: table.columns }, (_, column) => cell(table.rows, column)),
    total: cell(table.rows, table.columns),
    suppressedCount: suppressed.flat().filter(Boolean).length,
  };
}

/** One period's counts across departments, suppressed on their own: the cells and their total. */
export interface SuppressedColumn {
  cells: PublishedCell[];
  total: PublishedCell;
}

/**
 * Suppresses one period's counts, one per department, with their total. The same counts give the
 * same result whatever else a report holds, which is what makes reports over different ranges
 * safe to publish side by side (transparency-report.ts). Each count is its own row here, with its
 * row total equal to it, so the line rule and the exact check above apply unchanged.
 */
export function suppressColumn(counts: readonly number[]): SuppressedColumn {
  const table = suppressSmallCounts(
    counts.map((count) => [count]),
    1,
  );
  return { cells: table.cells.map((row) => row[0]!), total: table.columnTotals[0]! };
}
