import { CONTEXT_WORDS } from './context-words.ts';
import type { Spans } from './offset-list.ts';
import { columnCellsBelow, type TextSpan } from './text-table.ts';

/**
 * Table columns that hold reference numbers — order, serial, transaction and invoice numbers
 * (订单编号, 交易流水号 …). Such numbers are long, all digits, and pass a single check character
 * by chance (Luhn one time in ten), so a card- or code-shaped value in one of these columns is
 * taken for what its header says it is. The header words are CONTEXT_WORDS.reference.
 */
const REFERENCE_HEADER = new RegExp(CONTEXT_WORDS.reference.pattern.source);

function isReferenceHeader(word: string): boolean {
  return REFERENCE_HEADER.test(word);
}

/** The cells of every reference-number column in the text, in text order, from the reference words TextFacts found. */
export function referenceColumnCells(text: string, words: Spans): TextSpan[] {
  const cells: TextSpan[] = [];
  let resumeAt = 0;
  for (let word = 0; word < words.count; word += 1) {
    const start = words.starts[word] ?? 0;
    if (start < resumeAt) continue;
    const table = columnCellsBelow(text, start, isReferenceHeader);
    if (table === null) continue;
    for (const cell of table.cells) cells.push(cell);
    // The rows have been read; the search goes on after the table.
    resumeAt = table.end;
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
