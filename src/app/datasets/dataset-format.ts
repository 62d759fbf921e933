/**
 * The file formats a hosted dataset is loaded from, apart from the readers themselves, so that
 * the CLI can list them without loading the CSV and spreadsheet parsers for every command.
 */
export const DATASET_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface DatasetReadProgress {
  /** Bytes of the file taken so far (read ahead of the rows a little). */
  bytesRead: number;
  totalBytes: number | null;
  /** Records handed out so far. */
  rows: number;
}

const FORMAT_BY_EXTENSION: Record<string, DatasetFormat> = {
  csv: 'csv',
  xlsx: 'xlsx',
  json: 'json',
  ndjson: 'json',
  jsonl: 'json',
};

/**
 * The format a file name's extension declares, or null. Tab-separated files and the old binary
 * .xls are not datasets Custos reads: a provider saves them as CSV or .xlsx.
 */
export function datasetFormatOf(fileName: string): DatasetFormat | null {
  const dot = fileName.lastIndexOf('.');
  if (dot === -1) return null;
  return FORMAT_BY_EXTENSION[fileName.slice(dot + 1).toLowerCase()] ?? null;
}
