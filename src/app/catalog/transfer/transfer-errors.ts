import type { FieldError } from '../../../core/shared/domain-error.ts';

/**
 * Stable codes of catalog import problems. Messages are fixed Chinese-then-English text and never
 * quote a cell: an imported catalog may hold personal data in the wrong column.
 */
export type TransferErrorCode =
  | 'FILE_UNREADABLE'
  | 'COLUMN_MISSING'
  | 'COLUMN_UNKNOWN'
  | 'COLUMN_DUPLICATE'
  | 'VALUE_REQUIRED'
  | 'VALUE_INVALID'
  | 'VALUE_UNEXPECTED'
  | 'FIELD_UNKNOWN'
  | 'LEGAL_BASIS_UNKNOWN'
  | 'RESOURCE_FIELDS_DIFFER'
  | 'RESOURCE_CODE_DUPLICATE';

export function transferError(path: string, code: TransferErrorCode, message: string): FieldError {
  return { path, code, message };
}

/** Path of a data row (1-based, the header not counted) and, optionally, one of its fields. */
export function rowPath(row: number, field?: string): string {
  return field === undefined ? `/rows/${row}` : `/rows/${row}/${field}`;
}

export function fileUnreadable(message: string): FieldError {
  return transferError('', 'FILE_UNREADABLE', message);
}
