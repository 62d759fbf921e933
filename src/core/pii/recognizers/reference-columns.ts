import { columnCellsBelow, type TextSpan } from './text-table.ts';

/**
 * Table columns that hold reference numbers — order, serial, transaction and invoice numbers
 * (订单编号, 交易流水号 …). Such numbers are long, all digits, and pass a single check character
 * by chance (Luhn one time in ten), so a card- or code-shaped value in one of these columns is
 * taken for what its header says it is.
 */
const REFERENCE_HEADER_KEYWORD = /订单|单号|流水|编号|编码|批次|交易号|凭证|发票|合同|工单|运单|条码|序列号/g;

/** The cells of every reference-number column in the text, in text order. */
export function referenceColumnCells(text: string): TextSpan[] {
  const cells: TextSpan[] = [];
  const keyword = new RegExp(REFERENCE_HEADER_KEYWORD.source, 'g');
  const header = new RegExp(REFERENCE_HEADER_KEYWORD.source);
  const isReferenceHeader = (word: string): boolean => header.test(word);
  for (let match = keyword.exec(text); match !== null; match = keyword.exec(text)) {
    const table = columnCellsBelow(text, match.index, isReferenceHeader);
    if (table === null) continue;
    for (const cell of table.cells) cells.push(cell);
    keyword.lastIndex = Math.max(keyword.lastIndex, table.end);
  }
  return cells.sort((left, right) => left.start - right.start);
}

/** Whether `position` falls inside one of `cells` (sorted by start, not overlapping). */
export function isInsideCell(cells: readonly TextSpan[], position: number): boolean {
  let low = 0;
  let high = cells.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const cell = cells[middle];
    if (cell === undefined) return false;
    if (position < cell.start) high = middle - 1;
    else if (position >= cell.end) low = middle + 1;
    else return true;
  }
  return false;
}
