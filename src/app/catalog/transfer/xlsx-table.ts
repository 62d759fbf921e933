import { DomainError } from '../../../core/shared/domain-error.ts';
import ExcelJS from 'exceljs';
import { cellValueText } from './cell-value-text.ts';
import type { Table } from './table.ts';

export const SHEET_NAME = '信息资源目录';

/** exceljs declares its input as an ArrayBuffer; copy exactly the view's bytes into one. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function rowTexts(row: ExcelJS.Row, width: number): (string | null)[] {
  const texts: (string | null)[] = [];
  for (let column = 1; column <= width; column += 1) texts.push(cellValueText(row.getCell(column).value));
  return texts;
}

const MAX_ROWS = 100_000;
const MAX_COLUMNS = 64;

/**
 * The first worksheet, its first row the header. Merged cells (templates often merge a
 * resource's cells down its item rows) read as the merged value on every row, which is what
 * the one-row-per-item layout expects. Undefined when the bytes are not a readable workbook.
 */
export async function readXlsxTable(bytes: Uint8Array): Promise<Table | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(toArrayBuffer(bytes));
  } catch {
    return undefined;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return undefined;
  // A tiny file can declare a cell at XFD1048576; reading row by row to there would hang the
  // server, so the sheet's extent is checked before any loop.
  if (sheet.rowCount > MAX_ROWS || sheet.columnCount > MAX_COLUMNS) {
    throw new DomainError('FILE_TOO_LARGE', `工作表超出 ${MAX_ROWS} 行或 ${MAX_COLUMNS} 列 / the sheet exceeds ${MAX_ROWS} rows or ${MAX_COLUMNS} columns`);
  }
  const width = sheet.columnCount;
  const rows: Table['rows'] = [];
  for (let number = 2; number <= sheet.rowCount; number += 1) rows.push({ number: number - 1, cells: rowTexts(sheet.getRow(number), width) });
  return { header: sheet.rowCount === 0 ? [] : rowTexts(sheet.getRow(1), width), rows };
}

/** `wrapColumns` are 0-based columns whose cells hold line breaks (the conditions cell). */
export async function writeXlsxTable(rows: readonly (readonly string[])[], wrapColumns: readonly number[] = [], sheetName = SHEET_NAME): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Every value is written as a string, so codes such as 0012 and long numbers keep their digits.
  for (const row of rows) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  for (const index of wrapColumns) sheet.getColumn(index + 1).alignment = { wrapText: true, vertical: 'top' };
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
