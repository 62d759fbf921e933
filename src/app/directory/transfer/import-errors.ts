import type { FieldError } from '../../../core/shared/domain-error.ts';
import { rowPath } from '../../catalog/transfer/transfer-errors.ts';

/**
 * Stable codes of directory-file problems. Where a problem is the same one the directory services
 * report (USCC_INVALID, ORGANISATION_UNKNOWN…), the same code is used, so a caller need not care
 * which stage found it. Messages are fixed text and never quote a cell: a register of people is
 * personal data, and error output ends up in logs and tickets.
 */
export type DirectoryImportErrorCode =
  | 'FILE_UNREADABLE'
  | 'FILE_EMPTY'
  | 'COLUMN_MISSING'
  | 'COLUMN_UNKNOWN'
  | 'COLUMN_DUPLICATE'
  | 'VALUE_REQUIRED'
  | 'VALUE_INVALID'
  | 'VALUE_UNEXPECTED'
  | 'USCC_INVALID'
  | 'USCC_DUPLICATE'
  | 'LOGIN_DUPLICATE'
  | 'ORGANISATION_UNKNOWN'
  | 'COMMISSIONER_UNKNOWN'
  | 'CONTRACT_NOT_ALLOWED';

export function importError(path: string, code: DirectoryImportErrorCode, message: string): FieldError {
  return { path, code, message };
}

/** `/rows/N/<field>`: N counts data rows, the header not included, as in the catalog import. */
export function cellError(row: number, field: string, code: DirectoryImportErrorCode, message: string): FieldError {
  return importError(rowPath(row, field), code, message);
}
