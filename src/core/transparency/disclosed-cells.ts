import { balanceSign, type ExtendedTable } from './count-table.ts';

export type CellPosition = readonly [row: number, column: number];

/**
 * The suppressed cells a reader can still work out exactly from what is published: the other
 * cells, the totals, and the fact that no count is negative. Every suppressed cell looks the
 * same to the reader (null), so all the reader knows of one is that it is 0 or more.
 *
 * A suppressed cell is safe when some other table, equal in every published figure and with no
 * negative count, gives it another value. Two such tables differ by a circulation over the
 * suppressed cells, and a circulation splits into simple cycles that move in its own direction
 * (conformal decomposition), so it is enough to look for one cycle through the cell along which
 * every count can move by one: +1 and −1 alternating (in the balanced form), and only cells of
 * 1 or more moving down. This is the exact test, not a heuristic; the attacker is anyone who
 * reads the published report and does the arithmetic (the differencing attack on cell
 * suppression).
 */
export function disclosedCells(table: ExtendedTable, suppressed: readonly (readonly boolean[])[]): CellPosition[] {
  const disclosed: CellPosition[] = [];
  for (let row = 0; row <= table.rows; row += 1) {
    for (let column = 0; column <= table.columns; column += 1) {
      if (suppressed[row]![column] && !canMove(table, suppressed, row, column)) disclosed.push([row, column]);
    }
  }
  return disclosed;
}

function canMove(table: ExtendedTable, suppressed: readonly (readonly boolean[])[], row: number, column: number): boolean {
  return canMoveWith(table, suppressed, row, column, 1) || canMoveWith(table, suppressed, row, column, -1);
}

/** Whether a cell may move by `direction` (in the balanced form) along some cycle of suppressed cells. */
function canMoveWith(table: ExtendedTable, suppressed: readonly (readonly boolean[])[], startRow: number, startColumn: number, direction: 1 | -1): boolean {
  const value = (row: number, column: number) => table.values[row]![column]!;
  // A cell may go down only from 1 or more: a count is never negative.
  const allowed = (row: number, column: number, balanced: 1 | -1) => balanceSign(table, row, column) * balanced === 1 || value(row, column) >= 1;
  if (!allowed(startRow, startColumn, direction)) return false;
  // Nodes: rows 0…R, then columns 0…C. The start cell is the arc row → column; the cycle
  // returns from its column to its row. Arcs from a row node to a column node carry
  // `direction`, arcs back carry its opposite: that is the alternation around the cycle.
  const rowCount = table.rows + 1;
  const columnNode = (column: number) => rowCount + column;
  const visited = new Array<boolean>(rowCount + table.columns + 1).fill(false);
  const queue: number[] = [columnNode(startColumn)];
  visited[columnNode(startColumn)] = true;
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === startRow) return true;
    if (node >= rowCount) {
      const column = node - rowCount;
      for (let row = 0; row <= table.rows; row += 1) {
        if (visited[row] || !suppressed[row]![column] || (row === startRow && column === startColumn)) continue;
        if (!allowed(row, column, direction === 1 ? -1 : 1)) continue;
        visited[row] = true;
        queue.push(row);
      }
    } else {
      for (let column = 0; column <= table.columns; column += 1) {
        const next = columnNode(column);
        if (visited[next] || !suppressed[node]![column] || (node === startRow && column === startColumn)) continue;
        if (!allowed(node, column, direction)) continue;
        visited[next] = true;
        queue.push(next);
      }
    }
  }
  return false;
}
