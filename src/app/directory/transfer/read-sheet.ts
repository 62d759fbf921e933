import type { FieldError } from '../../../core/shared/domain-error.ts';
import { readCsvTable } from '../../catalog/transfer/csv-table.ts';
import { decodeText } from '../../catalog/transfer/decode-text.ts';
import type { Table } from '../../catalog/transfer/table.ts';
import type { DirectoryFormat } from './directory-format.ts';
import { importError } from './import-errors.ts';

export type SheetRead = { table: Table; errors: [] } | { table: undefined; errors: FieldError[] };

function isBlankText(cell: string | null): boolean {
  return cell !== null && cell.trim() === '';
}

async function readTable(bytes: Uint8Array, format: DirectoryFormat): Promise<Table | undefined> {
  if (format === 'csv') return readCsvTable(decodeText(bytes).text);
  // exceljs takes about half a second to load; only a workbook import pays for it.
  const { readXlsxTable } = await import('../../catalog/transfer/xlsx-table.ts');
  return readXlsxTable(bytes);
}

/**
 * The file as a header and rows, using the catalog's readers: CSV in UTF-8 or GBK/GB18030, or the
 * first sheet of an XLSX workbook. A file with no header or no data rows is refused here, since
 * importing nothing is always a mistake (the wrong file, or the wrong sheet first).
 */
export async function readSheet(bytes: Uint8Array, format: DirectoryFormat): Promise<SheetRead> {
  const table = await readTable(bytes, format);
  if (!table) {
    const message = format === 'csv' ? '不是有效的 CSV 文件 / not a valid CSV file' : '不是有效的 Excel（.xlsx）文件 / not a valid Excel (.xlsx) file';
    return { table: undefined, errors: [importError('', 'FILE_UNREADABLE', message)] };
  }
  if (table.header.every(isBlankText)) return { table: undefined, errors: [importError('', 'FILE_EMPTY', '文件没有表头行 / the file has no header row')] };
  if (table.rows.every((row) => row.cells.every(isBlankText))) return { table: undefined, errors: [importError('', 'FILE_EMPTY', '文件没有数据行 / the file has no data rows')] };
  return { table, errors: [] };
}
