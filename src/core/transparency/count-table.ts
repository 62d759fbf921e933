/**
 * A table of counts with its margins, as one grid: R interior rows and C interior columns, then
 * a last column of row totals, a last row of column totals, and the grand total in the corner.
 * Treating the margins as cells lets one rule protect them too: a total of 3 is as revealing as
 * a cell of 3.
 */
export interface ExtendedTable {
  /** (R+1) × (C+1): interior cells, row totals in the last column, column totals in the last row. */
  values: number[][];
  /** Interior size. */
  rows: number;
  columns: number;
}

/** A cell as published: its count, or null with `suppressed` set. */
export interface PublishedCell {
  value: number | null;
  suppressed: boolean;
}

/** Adds the margins to an R × C table of non-negative integer counts. */
export function extendTable(counts: readonly (readonly number[])[], columns: number): ExtendedTable {
  const rows = counts.length;
  const values: number[][] = [];
  const columnTotals = new Array<number>(columns + 1).fill(0);
  for (const row of counts) {
    if (row.length !== columns) throw new RangeError(`every row needs ${columns} cells`);
    for (const count of row) if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('counts are non-negative integers');
    const total = row.reduce((sum, count) => sum + count, 0);
    const extended = [...row, total];
    extended.forEach((count, column) => (columnTotals[column]! += count));
    values.push(extended);
  }
  values.push(columnTotals);
  return { values, rows, columns };
}

/**
 * The sign a cell carries in the balanced form of the table's equations: a margin counts
 * against the cells it sums. With it, every line of the grid (row or column, margins included)
 * sums to zero, and a change that keeps every published figure true is a circulation: ±1
 * alternating around a cycle of suppressed cells.
 */
export function balanceSign(table: ExtendedTable, row: number, column: number): 1 | -1 {
  return (row === table.rows) !== (column === table.columns) ? -1 : 1;
}
