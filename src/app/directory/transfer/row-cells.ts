import type { FieldError } from '../../../core/shared/domain-error.ts';
import { valueOfWord, type LabelTable } from '../../catalog/transfer/labels.ts';
import { splitList } from '../../catalog/transfer/list-cell.ts';
import type { TableRow } from '../../catalog/transfer/table.ts';
import { cellError, type DirectoryImportErrorCode } from './import-errors.ts';
import type { LocatedColumns, SheetColumn } from '../../sheets/sheet-columns.ts';

export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((cell) => cell !== null && cell.trim() === '');
}

/**
 * Reads the cells of one data row, recording each problem at `/rows/N/<column>`. Every reader
 * returns undefined for a bad cell after reporting it, so a row's readers can all run and the
 * person fixing the file sees every problem of the row at once.
 */
export class RowCells<Key extends string> {
  readonly number: number;
  private readonly row: TableRow;
  private readonly columns: readonly SheetColumn<Key>[];
  private readonly located: LocatedColumns<Key>;
  private readonly errors: FieldError[];
  private readonly errorsBefore: number;

  constructor(row: TableRow, columns: readonly SheetColumn<Key>[], located: LocatedColumns<Key>, errors: FieldError[]) {
    this.number = row.number;
    this.row = row;
    this.columns = columns;
    this.located = located;
    this.errors = errors;
    this.errorsBefore = errors.length;
  }

  /** Whether anything on this row has been reported. */
  get failed(): boolean {
    return this.errors.length > this.errorsBefore;
  }

  column(key: Key): SheetColumn<Key> {
    const column = this.columns.find((candidate) => candidate.key === key);
    if (!column) throw new Error(`unknown directory column ${key}`);
    return column;
  }

  /** `field` is the column key, or `key/index` for one entry of a list cell. */
  report(field: Key | `${Key}/${number}`, code: DirectoryImportErrorCode, message: string): void {
    this.errors.push(cellError(this.number, field, code, message));
  }

  /** The trimmed text; '' for an optional column left out of the file; null when the cell is not text. */
  text(key: Key): string | null {
    const position = this.located.positions.get(key);
    const cell = position === undefined ? '' : (this.row.cells[position] ?? '');
    return cell === null ? null : cell.trim();
  }

  /** Like text, but a cell that is not text (an Excel #N/A) is reported and read as undefined. */
  readable(key: Key): string | undefined {
    const text = this.text(key);
    if (text !== null) return text;
    this.report(key, 'VALUE_INVALID', `${this.column(key).zh}单元格无法读取 / ${this.column(key).en} cell is not text`);
    return undefined;
  }

  missing(key: Key): undefined {
    this.report(key, 'VALUE_REQUIRED', `${this.column(key).zh}不能为空 / ${this.column(key).en} is required`);
    return undefined;
  }

  required(key: Key): string | undefined {
    const text = this.readable(key);
    return text === '' ? this.missing(key) : text;
  }

  invalid(field: Key | `${Key}/${number}`, key: Key): undefined {
    this.report(field, 'VALUE_INVALID', `${this.column(key).zh}取值无效 / invalid ${this.column(key).en}`);
    return undefined;
  }

  choice<Value extends string>(key: Key, table: LabelTable<Value>): Value | undefined {
    const text = this.required(key);
    return text === undefined ? undefined : (valueOfWord(table, text) ?? this.invalid(key, key));
  }

  /** The entries of a `;`/`；` list cell; empty when the cell is. */
  list(key: Key): string[] | undefined {
    const text = this.readable(key);
    return text === undefined ? undefined : splitList(text);
  }

  /** Each entry chosen from a table; a bad entry is reported at `key/index` so its position is known. */
  choices<Value extends string>(key: Key, table: LabelTable<Value>): Value[] | undefined {
    const entries = this.list(key);
    if (entries === undefined) return undefined;
    const values = entries.map((entry, index) => valueOfWord(table, entry) ?? this.invalid(`${key}/${index}`, key));
    return values.every((value) => value !== undefined) ? values : undefined;
  }

  /** Data under a blank header would be silently lost, so it is reported instead. */
  reportStrayCells(): void {
    for (const index of this.located.blank) {
      const cell = this.row.cells[index];
      if (cell === null || (cell !== undefined && cell.trim() !== '')) {
        this.errors.push(cellError(this.number, `column-${index + 1}`, 'VALUE_UNEXPECTED', `第 ${index + 1} 列没有表头却有内容 / column ${index + 1} has data but no header`));
      }
    }
  }
}
