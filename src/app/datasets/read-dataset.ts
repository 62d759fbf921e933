import { checkRow } from '../../core/catalog/check-row.ts';
import type { Item } from '../../core/catalog/resource.ts';
import type { FieldError } from '../../core/shared/domain-error.ts';
import { openByteSource, type ByteSource, type DatasetSource } from './byte-source.ts';
import { readCsvRecords } from './csv-records.ts';
import type { DatasetRecord } from './dataset-record.ts';
import { readJsonRecords } from './json-records.ts';
import { readXlsxRecords } from './xlsx-records.ts';
import type { DatasetFormat, DatasetReadProgress } from './dataset-format.ts';

/**
 * Reading a hosted dataset: the rows a provider loads for one catalog resource, from CSV (UTF-8
 * or GB18030), XLSX or JSON. Reading only maps columns to items; checkDatasetRecord (or
 * checkRow) then checks each row's values against the items' data types.
 */
export type { DatasetRecord } from './dataset-record.ts';
export type { DatasetSource } from './byte-source.ts';

export { DATASET_FORMATS, datasetFormatOf, type DatasetFormat, type DatasetReadProgress } from './dataset-format.ts';

function recordsOf(format: DatasetFormat, source: ByteSource, items: readonly Item[]): AsyncIterable<DatasetRecord> {
  switch (format) {
    case 'csv':
      return readCsvRecords(source.chunks(), items);
    case 'xlsx':
      return readXlsxRecords(source, items);
    case 'json':
      return readJsonRecords(source.chunks(), items);
    default:
      throw new Error(`unsupported dataset format ${String(format satisfies never)}`);
  }
}

/**
 * Streams the records of a dataset file, its header (CSV, XLSX) mapped to the items with
 * mapHeader. Nothing happens until the iteration starts, and then it fails with a DomainError:
 * VALIDATION_FAILED with `details.errors` for a header that does not fit the items, or
 * DATASET_UNREADABLE for a file that is not of its format (or not there). Neither message
 * carries anything from the file. Breaking out of the iteration closes the file.
 *
 * `onProgress` is called as the reading moves through the file (about once per 64 KiB) and once
 * at the end.
 */
export async function* readDataset(source: DatasetSource, format: DatasetFormat, items: readonly Item[], onProgress?: (progress: DatasetReadProgress) => void): AsyncGenerator<DatasetRecord> {
  const bytes = await openByteSource(source);
  let rows = 0;
  let reported = -1;
  const report = () => {
    reported = bytes.bytesRead();
    onProgress?.({ bytesRead: reported, totalBytes: bytes.totalBytes, rows });
  };
  for await (const record of recordsOf(format, bytes, items)) {
    rows += 1;
    if (bytes.bytesRead() !== reported) report();
    yield record;
  }
  report();
}

/**
 * A record's reading problems and checkRow's, together: the values of a row that has neither,
 * else every error of the row.
 */
export function checkDatasetRecord(items: readonly Item[], record: DatasetRecord): { values: Record<string, string | null> } | { errors: FieldError[] } {
  const checked = checkRow(items, record.values, record.row);
  const errors = [...(record.errors ?? []), ...('errors' in checked ? checked.errors : [])];
  return errors.length > 0 ? { errors } : checked;
}
