import { datasetError, datasetRowPath, mapHeader, type ColumnMap } from '../../core/catalog/check-row.ts';
import type { Item } from '../../core/catalog/resource.ts';
import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';

/** One data row of a dataset file, its values by item code; not yet checked (checkRow does that). */
export interface DatasetRecord {
  /**
   * The data row number, counting from 1, the header not counted: in a CSV or a worksheet, the
   * row right under the header is 1 and blank rows keep their numbers; in a JSON array, the
   * element's position; in NDJSON, the line number.
   */
  row: number;
  /** Every item of the resource: the text as the file has it, null when empty or absent. */
  values: Record<string, string | null>;
  /**
   * Problems found while reading the row, before any type is checked: a value in a column with
   * no item, a JSON key that names no item, a cell holding an Excel error. Absent when none.
   */
  errors?: FieldError[];
}

/** A reason in both languages, for an unreadable file; it never quotes the file. */
export interface Reason {
  zh: string;
  en: string;
}

/**
 * The file cannot be read at all. The cause keeps only a library's error code: parser messages
 * quote the text around the fault (JSON.parse, csv-parse), and that text is personal data.
 */
export function datasetUnreadable(reason: Reason, cause?: unknown): DomainError<'DATASET_UNREADABLE'> {
  const message = `无法读取数据文件：${reason.zh} / cannot read the dataset file: ${reason.en}`;
  return new DomainError('DATASET_UNREADABLE', message, { details: { errors: [datasetError('', 'DATASET_UNREADABLE', message)] }, cause: cause === undefined ? undefined : codeOnly(cause) });
}

function codeOnly(cause: unknown): Error {
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : cause instanceof Error ? cause.name : 'unknown';
  return new Error(code);
}

/** mapHeader, throwing its errors as a refusal of the whole file. */
export function headerColumns(items: readonly Item[], header: readonly (string | null)[]): ColumnMap['columns'] {
  // A header cell that is not text (an Excel error value) can name no item; it reads as blank.
  const mapped = mapHeader(items, header.map((cell) => cell ?? ''));
  if ('errors' in mapped) throw validationError(mapped.errors, '数据文件表头与资源信息项不符 / the header of the dataset file does not match the items of the resource');
  return mapped.columns;
}

export function emptyValues(items: readonly Item[]): Record<string, string | null> {
  // fromEntries defines own properties, so no item code can reach a prototype.
  return Object.fromEntries(items.map((item) => [item.code, null]));
}

/** A row with nothing in it; an error cell (null) is something. */
export function isBlankRow(cells: readonly (string | null)[]): boolean {
  return cells.every((cell) => cell !== null && cell.trim() === '');
}

/**
 * A CSV or worksheet row as a record: each cell goes to its column's item. A cell that is not
 * text (null) is reported on its item; a value with no item to go to is reported on the row,
 * since dropping it would lose data without a word.
 */
export function recordFromCells(row: number, cells: readonly (string | null)[], columns: ColumnMap['columns'], items: readonly Item[]): DatasetRecord {
  const values = emptyValues(items);
  const errors: FieldError[] = [];
  cells.forEach((cell, index) => {
    const code = columns[index] ?? null;
    const column = index + 1;
    if (code === null) {
      if (cell === null || cell.trim() !== '') {
        errors.push(datasetError(datasetRowPath(row), 'DATASET_VALUE_UNEXPECTED', `第 ${row} 行第 ${column} 列有内容，但该列没有对应的信息项 / row ${row} has a value in column ${column}, which holds no item`));
      }
      return;
    }
    if (cell === null) {
      errors.push(datasetError(datasetRowPath(row, code), 'DATASET_VALUE_INVALID', `第 ${row} 行第 ${column} 列是 Excel 错误值或未计算的公式，不是数据 / row ${row}, column ${column} holds an Excel error value or an uncalculated formula, not data`));
      return;
    }
    values[code] = cell === '' ? null : cell;
  });
  return errors.length > 0 ? { row, values, errors } : { row, values };
}
