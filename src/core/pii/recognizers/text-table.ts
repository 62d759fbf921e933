import { isSpaceCode, windowEnd, windowStart } from './text-classes.ts';

/**
 * Plain-text tables, as they appear in notices, exported lists and pasted spreadsheets: a header
 * line, then one row per line, with cells split by tabs, by `|` (markdown tables too), by runs of
 * two or more spaces (or ideographic spaces), or by commas (CSV, with double-quoted cells).
 *
 * Names and addresses carry no check character, so the guard only looks for them where a column
 * header says what they are (姓名, 家庭住址 …). This module finds those columns and hands back the
 * spans of their cells; deciding whether a cell holds a name is the recognizer's business.
 */
export type CellSeparator = 'tab' | 'pipe' | 'spaces' | 'comma';

export interface TextSpan {
  start: number;
  end: number;
}

export interface ColumnCells {
  /** Cells of the matching columns in the rows below the header, trimmed, quotes removed. */
  cells: TextSpan[];
  /** Offset of the first line after the table. */
  end: number;
}

const TAB = 0x09;
const PIPE = 0x7c;
const COMMA = 0x2c;
const QUOTE = 0x22;
const SPACE = 0x20;
const IDEOGRAPHIC_SPACE = 0x3000;
const NEWLINE = 0x0a;
const HYPHEN = 0x2d;
const COLON = 0x3a;

/**
 * A header line is short. Looking for the ends of a line only this far keeps the cost of each
 * keyword hit bounded, even in prose written as one enormous line.
 */
const LONGEST_HEADER_LINE = 400;
/** A longer line is prose, not a row: the table ends there. */
const LONGEST_ROW_LINE = 4000;
/** Header cells are a word or two; a keyword inside a longer cell is prose. */
const LONGEST_HEADER_CELL = 24;

/** Separators in order of preference when two split a line into as many cells. */
const SEPARATORS: readonly CellSeparator[] = ['tab', 'pipe', 'spaces', 'comma'];

/**
 * The separator a line uses, or null when it is not split at all. A tab always wins; otherwise,
 * when several are present, the one that yields the most cells, so a CSV header with a stray
 * ideographic space in `姓\u3000名` is still read as CSV.
 */
export function detectSeparator(text: string, lineStart: number, lineEnd: number): CellSeparator | null {
  const present = new Set<CellSeparator>();
  for (let index = lineStart; index < lineEnd; index += 1) {
    const code = text.charCodeAt(index);
    if (code === TAB) present.add('tab');
    else if (code === PIPE) present.add('pipe');
    else if (code === IDEOGRAPHIC_SPACE || (code === SPACE && text.charCodeAt(index + 1) === SPACE)) present.add('spaces');
    else if (code === COMMA) present.add('comma');
  }
  // Nobody types a tab inside a cell: a line with tabs is tab-separated.
  if (present.has('tab')) return 'tab';
  let best: CellSeparator | null = null;
  let bestCells = 1;
  for (const separator of SEPARATORS) {
    if (!present.has(separator)) continue;
    const cells = present.size === 1 ? 2 : splitCells(text, lineStart, lineEnd, separator).length;
    if (cells > bestCells) {
      best = separator;
      bestCells = cells;
    }
  }
  return best;
}

/**
 * The cells of one line, each trimmed of white space (and of its quotes, for CSV).
 *
 * With spaces, a separator is a run of two or more white-space characters. A single ideographic
 * space separates cells only on a line that has no such run: in `序号  姓\u3000名  身份证号` it is
 * padding inside a header, in `序号\u3000姓名\u3000身份证号` it is the separator.
 */
export function splitCells(text: string, lineStart: number, lineEnd: number, separator: CellSeparator): TextSpan[] {
  const cells: TextSpan[] = [];
  forEachCell(text, lineStart, lineEnd, separator, (_column, start, end) => {
    cells.push({ start, end });
  });
  return cells;
}

type CellVisitor = (column: number, start: number, end: number) => void;

/**
 * Calls `visit` with each trimmed cell of a line and returns how many cells there were. Rows are
 * read through this without building an array, and tabs, pipes and unquoted commas are found
 * with indexOf, so a long table costs little more than reading it once.
 */
function forEachCell(text: string, lineStart: number, lineEnd: number, separator: CellSeparator, visit: CellVisitor): number {
  if (separator === 'spaces') return forEachSpacedCell(text, lineStart, lineEnd, visit);
  const character = separator === 'tab' ? '\t' : separator === 'pipe' ? '|' : ',';
  if (separator === 'comma') {
    const quote = text.indexOf('"', lineStart);
    if (quote !== -1 && quote < lineEnd) return forEachQuotedCell(text, lineStart, lineEnd, visit);
  }
  let column = 0;
  let cellStart = lineStart;
  for (;;) {
    let cellEnd = text.indexOf(character, cellStart);
    if (cellEnd === -1 || cellEnd > lineEnd) cellEnd = lineEnd;
    visitTrimmed(text, column, cellStart, cellEnd, visit);
    column += 1;
    if (cellEnd >= lineEnd) return column;
    cellStart = cellEnd + 1;
  }
}

/** CSV with quotes: commas inside "…" do not separate. Jumps from quote to comma with indexOf. */
function forEachQuotedCell(text: string, lineStart: number, lineEnd: number, visit: CellVisitor): number {
  let column = 0;
  let cellStart = lineStart;
  let position = lineStart;
  for (;;) {
    let comma = text.indexOf(',', position);
    if (comma === -1 || comma > lineEnd) comma = lineEnd;
    const quote = text.indexOf('"', position);
    if (quote !== -1 && quote < comma) {
      // Skip the quoted stretch; an unclosed quote runs to the end of the line.
      const closing = text.indexOf('"', quote + 1);
      position = closing === -1 || closing >= lineEnd ? lineEnd : closing + 1;
      if (position < lineEnd) continue;
      comma = lineEnd;
    }
    visitTrimmed(text, column, cellStart, comma, visit);
    column += 1;
    if (comma >= lineEnd) return column;
    cellStart = comma + 1;
    position = cellStart;
  }
}

function forEachSpacedCell(text: string, lineStart: number, lineEnd: number, visit: CellVisitor): number {
  let cellStart = lineStart;
  // Leading indentation is layout, not an empty first column.
  while (cellStart < lineEnd && isSpaceCode(text.charCodeAt(cellStart))) cellStart += 1;
  const loneIdeographicSeparates = !hasWhiteSpaceRun(text, cellStart, lineEnd);
  let column = 0;
  let index = cellStart;
  while (index < lineEnd) {
    const code = text.charCodeAt(index);
    if (!isSpaceCode(code)) {
      index += 1;
      continue;
    }
    let length = 1;
    while (index + length < lineEnd && isSpaceCode(text.charCodeAt(index + length))) length += 1;
    if (length >= 2 || code === TAB || (code === IDEOGRAPHIC_SPACE && loneIdeographicSeparates)) {
      visitTrimmed(text, column, cellStart, index, visit);
      column += 1;
      cellStart = index + length;
    }
    index += length;
  }
  if (cellStart < lineEnd) {
    visitTrimmed(text, column, cellStart, lineEnd, visit);
    column += 1;
  }
  return column;
}

function visitTrimmed(text: string, column: number, start: number, end: number, visit: CellVisitor): void {
  let from = start;
  let to = end;
  while (from < to && isSpaceCode(text.charCodeAt(from))) from += 1;
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to -= 1;
  if (to - from >= 2 && text.charCodeAt(from) === QUOTE && text.charCodeAt(to - 1) === QUOTE) {
    from += 1;
    to -= 1;
  }
  visit(column, from, to);
}

function hasWhiteSpaceRun(text: string, start: number, end: number): boolean {
  for (let index = start + 1; index < end; index += 1) {
    if (isSpaceCode(text.charCodeAt(index)) && isSpaceCode(text.charCodeAt(index - 1))) return true;
  }
  return false;
}

/**
 * A header cell as a word: white space, markdown emphasis, a trailing colon and a trailing
 * parenthetical note dropped, so that `姓\u3000名`, `**姓名**` and `姓名（必填）` all read 姓名.
 */
export function headerWord(text: string, cell: TextSpan): string {
  return text
    .slice(cell.start, cell.end)
    .replace(/[\s*"]/g, '')
    .replace(/[(（][^)）]*[)）]$/, '')
    .replace(/[:：]$/, '');
}

/** A markdown alignment row such as `|---|:---:|`: only pipes, colons, hyphens and spaces. */
function isRuleLine(text: string, lineStart: number, lineEnd: number): boolean {
  let hyphens = 0;
  for (let index = lineStart; index < lineEnd; index += 1) {
    const code = text.charCodeAt(index);
    if (code === HYPHEN) hyphens += 1;
    else if (code !== PIPE && code !== COLON && !isSpaceCode(code)) return false;
  }
  return hyphens >= 3;
}

function isBlank(text: string, lineStart: number, lineEnd: number): boolean {
  for (let index = lineStart; index < lineEnd; index += 1) {
    if (!isSpaceCode(text.charCodeAt(index))) return false;
  }
  return true;
}

/**
 * If the line holding `position` is a table header with at least one column for which
 * `isHeader(word)` holds, returns the cells of those columns in the rows below, and where the
 * table ends. The table ends at a blank line or at a line that does not split into two or more
 * cells with the header's separator (the prose that follows a list). Callers resume their search
 * at `end`, so each row is read once and a scan stays linear however long the table.
 */
export function columnCellsBelow(text: string, position: number, isHeader: (word: string) => boolean): ColumnCells | null {
  if (!nearCellEdges(text, position)) return null;
  const headerStart = windowStart(text, position, LONGEST_HEADER_LINE);
  const headerEnd = windowEnd(text, position, LONGEST_HEADER_LINE);
  const startsLine = headerStart === 0 || text.charCodeAt(headerStart - 1) === NEWLINE;
  const endsLine = headerEnd === text.length || isLineBreak(text.charCodeAt(headerEnd));
  if (!startsLine || !endsLine) return null;
  const separator = detectSeparator(text, headerStart, headerEnd);
  if (separator === null || !inShortCell(text, position, headerStart, headerEnd, separator)) return null;
  const headers = splitCells(text, headerStart, headerEnd, separator);
  if (headers.length < 2) return null;
  const columns: number[] = [];
  headers.forEach((cell, column) => {
    const word = headerWord(text, cell);
    // `护照号码：E12345678` is a label and its value, not a column header.
    if (word !== '' && !/[:：]/.test(word) && isHeader(word)) columns.push(column);
  });
  if (columns.length === 0) return null;

  const cells: TextSpan[] = [];
  const wanted = new Set(columns);
  const collect: CellVisitor = (column, start, end) => {
    if (end > start && wanted.has(column)) cells.push({ start, end });
  };
  let lineStart = nextLineStart(text, headerEnd);
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    let lineEnd = newline === -1 ? text.length : newline;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd -= 1;
    if (lineEnd - lineStart > LONGEST_ROW_LINE || isBlank(text, lineStart, lineEnd)) break;
    if (separator === 'pipe' && isRuleLine(text, lineStart, lineEnd)) {
      lineStart = nextLineStart(text, lineEnd);
      continue;
    }
    const before = cells.length;
    if (forEachCell(text, lineStart, lineEnd, separator, collect) < 2) {
      // Not a row after all: the prose after the table. Forget what it offered.
      cells.length = before;
      break;
    }
    lineStart = nextLineStart(text, lineEnd);
  }
  return { cells, end: lineStart };
}

/**
 * Whether the keyword at `position` sits in a short cell. Checked before the line is split, so a
 * keyword in prose (`订单号：…，…`) is turned away after reading a few dozen characters.
 */
function inShortCell(text: string, position: number, lineStart: number, lineEnd: number, separator: CellSeparator): boolean {
  let from = position;
  while (from > lineStart && position - from <= LONGEST_HEADER_CELL && !isSeparatorAt(text, from - 1, separator)) from -= 1;
  let to = position;
  while (to < lineEnd && to - from <= LONGEST_HEADER_CELL && !isSeparatorAt(text, to, separator)) to += 1;
  return to - from <= LONGEST_HEADER_CELL;
}

/**
 * A cheap first test: a header cell has an edge (a separator, a line break or the end of the text)
 * within a short distance on both sides of the keyword. Prose fails this after a few dozen reads.
 */
function nearCellEdges(text: string, position: number): boolean {
  let left = false;
  for (let index = position - 1; index >= position - LONGEST_HEADER_CELL && !left; index -= 1) {
    left = index < 0 || isEdgeAt(text, index);
  }
  let right = false;
  for (let index = position; index <= position + LONGEST_HEADER_CELL && !right; index += 1) {
    right = index >= text.length || isEdgeAt(text, index);
  }
  return left && right;
}

function isEdgeAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (
    code === NEWLINE || code === 0x0d || code === TAB || code === PIPE || code === COMMA || code === IDEOGRAPHIC_SPACE ||
    (code === SPACE && (text.charCodeAt(index + 1) === SPACE || text.charCodeAt(index - 1) === SPACE))
  );
}

function isSeparatorAt(text: string, index: number, separator: CellSeparator): boolean {
  const code = text.charCodeAt(index);
  switch (separator) {
    case 'tab':
      return code === TAB;
    case 'pipe':
      return code === PIPE;
    case 'comma':
      return code === COMMA;
    case 'spaces':
      return code === IDEOGRAPHIC_SPACE || code === TAB || (code === SPACE && (text.charCodeAt(index + 1) === SPACE || text.charCodeAt(index - 1) === SPACE));
  }
}

function isLineBreak(code: number): boolean {
  return code === NEWLINE || code === 0x0d;
}

function nextLineStart(text: string, lineEnd: number): number {
  const newline = text.indexOf('\n', lineEnd);
  return newline === -1 ? text.length : newline + 1;
}
