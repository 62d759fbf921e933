import type { FieldError } from '../../core/shared/domain-error.ts';
import { normaliseWord } from '../catalog/transfer/labels.ts';
import type { Table } from '../catalog/transfer/table.ts';

/** A header problem: codes shared by every sheet Custos reads (the catalog, the directory). */
function headerError(path: string, code: 'COLUMN_UNKNOWN' | 'COLUMN_DUPLICATE' | 'COLUMN_MISSING', message: string): FieldError {
  return { path, code, message };
}

/**
 * One column of a sheet (catalog or directory). `zh` is the header the guide shows; the English `key` is also
 * accepted as a header and names the column in error paths; `en` is only for messages.
 */
export interface SheetColumn<Key extends string = string> {
  key: Key;
  zh: string;
  en: string;
  /** Other headers people write for the same column (older registers, everyday wording). */
  aliases?: readonly string[];
  /** A required column must be in the header. An optional one may be left out of the file. */
  required: boolean;
  /** Columns that only make sense together: if one is present, all of its group must be. */
  group?: string;
}

export interface LocatedColumns<Key extends string> {
  /** 0-based position of each column present in the header. */
  positions: Map<Key, number>;
  /** 0-based positions of header cells left blank: data under them is unexpected. */
  blank: number[];
  errors: FieldError[];
}

function columnNamed<Key extends string>(columns: readonly SheetColumn<Key>[], header: string): SheetColumn<Key> | undefined {
  const word = normaliseWord(header);
  return columns.find((column) => [column.zh, column.key, ...(column.aliases ?? [])].some((name) => normaliseWord(name) === word));
}

function isMissing<Key extends string>(column: SheetColumn<Key>, columns: readonly SheetColumn<Key>[], positions: Map<Key, number>): boolean {
  if (positions.has(column.key)) return false;
  if (column.required) return true;
  return column.group !== undefined && columns.some((other) => other.group === column.group && positions.has(other.key));
}

/**
 * Where each column is, by Chinese name, alias or English key, in any order. An unknown header is
 * an error rather than ignored, so that a misspelt column is caught instead of silently dropped.
 * Header errors use `/header/<key>`, or `/header/<column number>` for a header we do not know.
 */
export function locateColumns<Key extends string>(header: readonly (string | null)[], columns: readonly SheetColumn<Key>[]): LocatedColumns<Key> {
  const positions = new Map<Key, number>();
  const blank: number[] = [];
  const errors: FieldError[] = [];
  header.forEach((text, index) => {
    if (text !== null && text.trim() === '') {
      blank.push(index);
      return;
    }
    // null is a header cell that could not be read (an Excel error value): unknown, not blank.
    const column = text === null ? undefined : columnNamed(columns, text);
    if (!column) {
      errors.push(headerError(`/header/${index + 1}`, 'COLUMN_UNKNOWN', `第 ${index + 1} 列表头无法识别 / column ${index + 1} has an unknown header`));
    } else if (positions.has(column.key)) {
      errors.push(headerError(`/header/${column.key}`, 'COLUMN_DUPLICATE', `${column.zh}列重复 / duplicate column: ${column.en}`));
    } else {
      positions.set(column.key, index);
    }
  });
  for (const column of columns) {
    if (isMissing(column, columns, positions)) errors.push(headerError(`/header/${column.key}`, 'COLUMN_MISSING', `缺少${column.zh}列 / missing column: ${column.en}`));
  }
  return { positions, blank, errors };
}

/** The trimmed texts of one column on every row, for gathering what must be looked up before parsing. */
export function columnTexts<Key extends string>(table: Table, columns: readonly SheetColumn<Key>[], key: Key): string[] {
  const position = locateColumns(table.header, columns).positions.get(key);
  if (position === undefined) return [];
  return table.rows.map((row) => row.cells[position]?.trim() ?? '').filter((text) => text !== '');
}
