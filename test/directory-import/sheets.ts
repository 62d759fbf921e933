import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DirectoryImportService } from '../../src/app/directory/transfer/directory-import-service.ts';
import { storeOrganisationLookup } from '../../src/app/directory/transfer/organisation-lookup.ts';
import { DomainError, type FieldError } from '../../src/core/shared/domain-error.ts';
import type { Runtime } from '../../src/main/runtime.ts';

/** A cell of a test sheet: text, or a Date for a true Excel date cell. */
export type Cell = string | Date;

function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvText(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** As Chinese-locale Excel saves "CSV" by default: GBK, no BOM. */
export function gbkCsv(rows: readonly (readonly string[])[]): Uint8Array {
  return iconv.encode(csvText(rows), 'gbk');
}

export function utf8Csv(rows: readonly (readonly string[])[]): Uint8Array {
  return new TextEncoder().encode(csvText(rows));
}

export async function xlsx(rows: readonly (readonly Cell[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function importService(runtime: Runtime): DirectoryImportService {
  return new DirectoryImportService(runtime.services.organisations, runtime.services.people, storeOrganisationLookup(runtime.context.store.read.organisations));
}

/** The field errors of a refused import; fails the test if the import was not refused as invalid. */
export async function refusal(work: Promise<unknown>): Promise<FieldError[]> {
  const error: unknown = await work.then(
    () => new Error('expected the import to be refused'),
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
  return error.details?.errors ?? [];
}

/** `path code` pairs, sorted, for comparing error lists whole. */
export function summary(errors: readonly FieldError[]): string[] {
  return errors.map((error) => `${error.path} ${error.code}`).sort();
}

/** Every cell value that appears in some message: there must be none. One character proves nothing. */
export function echoedValues(errors: readonly FieldError[], values: readonly string[]): string[] {
  return values.filter((value) => value.length >= 2 && errors.some((error) => error.message.includes(value)));
}

export async function countOrganisations(runtime: Runtime): Promise<number> {
  return (await runtime.context.store.read.organisations.list({ limit: 10_000 })).length;
}

export async function countPeople(runtime: Runtime): Promise<number> {
  return (await runtime.context.store.read.people.list({ limit: 10_000 })).length;
}
