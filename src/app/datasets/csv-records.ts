import { parse } from 'csv-parse/stream';
import type { Item } from '../../core/catalog/resource.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { unguardFormula } from '../catalog/transfer/formula-guard.ts';
import { datasetUnreadable, headerColumns, isBlankRow, recordFromCells, type DatasetRecord } from './dataset-record.ts';
import { decodeTextChunks } from './decode-text-chunks.ts';

/**
 * An unclosed quote makes the rest of a file one field; csv-parse then stops at this many
 * characters instead of holding the whole file in memory.
 */
const MAX_RECORD_CHARACTERS = 1024 * 1024;

/** csv-parse reads bytes as UTF-8, so each decoded piece is handed over in UTF-8. */
async function* utf8Pieces(text: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const piece of text) yield Buffer.from(piece, 'utf8');
}

function csvUnreadable(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const line = typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number' ? error.lines : null;
  const where = line === null ? { zh: '', en: '' } : { zh: `（文件第 ${line} 行附近）`, en: ` (near line ${line} of the file)` };
  return datasetUnreadable({ zh: `不是有效的 CSV 文件${where.zh}`, en: `not a valid CSV file${where.en}` }, error);
}

/**
 * Records of a CSV file (RFC 4180, as Excel writes it), streamed: the first non-blank record is
 * the header, and a row's number counts the records after it, blank ones included, so that it
 * matches what a person counts in the file (a quoted line break does not start a new row).
 * Cells lose the apostrophe that our own exports put in front of formula-like text (formula-guard.ts).
 */
export async function* readCsvRecords(chunks: AsyncIterable<Uint8Array>, items: readonly Item[]): AsyncGenerator<DatasetRecord> {
  const records = ReadableStream.from(utf8Pieces(decodeTextChunks(chunks))).pipeThrough<string[]>(
    parse({
      bom: false,
      relax_column_count: true,
      // A quote inside an unquoted field (5"屏) is kept as text rather than failing the file.
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARACTERS,
    }),
  );
  let columns: (string | null)[] | undefined;
  let row = 0;
  try {
    for await (const record of records) {
      const cells = record.map(unguardFormula);
      if (columns === undefined) {
        if (!isBlankRow(cells)) columns = headerColumns(items, cells);
        continue;
      }
      row += 1;
      if (!isBlankRow(cells)) yield recordFromCells(row, cells, columns, items);
    }
  } catch (error) {
    throw csvUnreadable(error);
  }
  // An empty file has no header: that is fine only for a resource without a subject key.
  if (columns === undefined) headerColumns(items, []);
}
