import { Readable } from 'node:stream';
import type { Cell, Row, Workbook } from 'exceljs';
import type { Item } from '../../core/catalog/resource.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { ByteSource } from './byte-source.ts';
import { datasetCellText } from './cell-text.ts';
import { datasetUnreadable, headerColumns, isBlankRow, recordFromCells, type DatasetRecord } from './dataset-record.ts';

/**
 * Records of the first worksheet of an .xlsx workbook; its first non-blank row is the header and
 * a data row's number is its sheet row number minus the header's, so the row under the header is 1.
 *
 * Two ways in, one result:
 * - a file on disk is streamed with exceljs's WorkbookReader, so a sheet of any length is read
 *   in constant memory. Excel writes the sheets before the shared strings, and exceljs then
 *   spools each sheet to a temporary file until the strings arrive; that copy is as plain as the
 *   file it came from and is deleted after reading.
 * - bytes already in memory (an upload) are loaded whole, as the catalog import does, so that
 *   they are never written to disk.
 * Merged cells are the one difference: a loaded sheet repeats the merged value in every cell, the
 * streamed one gives it in the first only.
 */
type ExcelModule = typeof import('exceljs');

/** A worksheet row as this reader needs it: its sheet row number and its cells as text (null: not text). */
interface SheetRow {
  number: number;
  cells: (string | null)[];
}

function rowCells(row: Row): (string | null)[] {
  const cells: (string | null)[] = [];
  row.eachCell({ includeEmpty: false }, (cell: Cell, column: number) => {
    while (cells.length < column - 1) cells.push('');
    cells.push(datasetCellText(cell.value, cell.numFmt));
  });
  return cells;
}

async function* recordsOfRows(rows: AsyncIterable<SheetRow> | Iterable<SheetRow>, items: readonly Item[]): AsyncGenerator<DatasetRecord> {
  let header: { number: number; columns: (string | null)[] } | undefined;
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (header === undefined) {
      header = { number: row.number, columns: headerColumns(items, row.cells) };
      continue;
    }
    yield recordFromCells(row.number - header.number, row.cells, header.columns, items);
  }
  if (header === undefined) headerColumns(items, []);
}

/** The loaded workbook's first worksheet in tab order. */
function* loadedRows(workbook: Workbook): Generator<SheetRow> {
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return;
  const rows: Row[] = [];
  // eachRow visits only the rows the file holds, so a sheet that declares a cell at XFD1048576 costs nothing.
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push(row));
  for (const row of rows) yield { number: row.number, cells: rowCells(row) };
}

/** What exceljs's streaming reader has at run time but does not declare: the workbook's sheets in tab order, and each sheet's name. */
interface StreamedWorkbook {
  model?: { sheets?: { name?: string }[] };
}

/** The streamed workbook's first worksheet in tab order (the zip may hold the sheets in another order). */
async function* streamedRows(excel: ExcelModule, input: Readable): AsyncGenerator<SheetRow> {
  const reader = new excel.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    const firstName = (reader as unknown as StreamedWorkbook).model?.sheets?.[0]?.name;
    if (firstName !== undefined && (sheet as unknown as { name?: string }).name !== firstName) continue;
    for await (const row of sheet) yield { number: row.number, cells: rowCells(row) };
    return;
  }
}

function xlsxUnreadable(error: unknown): unknown {
  return error instanceof DomainError ? error : datasetUnreadable({ zh: '不是有效的 Excel（.xlsx）文件', en: 'not a valid Excel (.xlsx) file' }, error);
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

export async function* readXlsxRecords(source: ByteSource, items: readonly Item[]): AsyncGenerator<DatasetRecord> {
  // exceljs takes about half a second to load; only a workbook pays for it (as in parse-catalog.ts).
  const excel = (await import('exceljs')).default;
  if (source.whole !== null) {
    const workbook = new excel.Workbook();
    try {
      await workbook.xlsx.load(toArrayBuffer(source.whole));
    } catch (error) {
      throw xlsxUnreadable(error);
    }
    source.markAllRead();
    yield* recordsOfRows(loadedRows(workbook), items);
    return;
  }
  const input = Readable.from(source.chunks(), { objectMode: false });
  try {
    yield* recordsOfRows(streamedRows(excel, input), items);
  } catch (error) {
    throw xlsxUnreadable(error);
  } finally {
    input.destroy();
  }
}
