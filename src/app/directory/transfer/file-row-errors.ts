import { DomainError, validationError, type FieldError } from '../../../core/shared/domain-error.ts';

/** A service's field name and the file column it came from, e.g. `/orgId` → `/org`. Most specific first. */
export type FieldRenames = readonly (readonly [service: string, file: string])[];

export const ORGANISATION_FIELD_RENAMES: FieldRenames = [
  ['/contract/commissionedBy', '/commissionedBy'],
  ['/contract/start', '/contractStart'],
  ['/contract/end', '/contractEnd'],
  ['/contract', '/commissionedBy'],
];

export const PERSON_FIELD_RENAMES: FieldRenames = [
  ['/orgId', '/org'],
  // A training record's dates are the only part the service checks (expiry after the pass date).
  ['/training', '/expiresAt'],
];

const ROW_PATH = /^\/rows\/(\d+)(\/.*)?$/u;

function renamed(field: string, renames: FieldRenames): string {
  for (const [service, file] of renames) {
    if (field === service || field.startsWith(`${service}/`)) return file + field.slice(service.length);
  }
  return field;
}

/**
 * The services number rows by their position in the list they were given; the file skipped blank
 * rows, so position i is data row `rows[i - 1]`. Paths are rewritten to the file's rows and
 * column names, so that a person fixing the file is pointed at the right cell.
 */
export function onFileRows(errors: readonly FieldError[], rows: readonly number[], renames: FieldRenames): FieldError[] {
  return errors.map((error) => {
    const match = ROW_PATH.exec(error.path);
    if (!match) return error;
    const row = rows[Number(match[1]) - 1] ?? Number(match[1]);
    return { ...error, path: `/rows/${row}${renamed(match[2] ?? '', renames)}` };
  });
}

/** A service's validation failure with its paths moved onto the file's rows; any other error as it was. */
export function withFileRows(error: unknown, rows: readonly number[], renames: FieldRenames): unknown {
  if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED' || !error.details?.errors) return error;
  return validationError(onFileRows(error.details.errors, rows, renames), error.message);
}
