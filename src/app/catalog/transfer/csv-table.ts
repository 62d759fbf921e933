import { parse } from 'csv-parse/sync';
import { guardFormula, unguardFormula } from './formula-guard.ts';
import type { Table } from './table.ts';

/** The first record is the header; undefined when the text is not well-formed CSV. */
export function readCsvTable(text: string): Table | undefined {
  let records: string[][];
  try {
    // Empty lines are kept (and later skipped as blank rows) so row numbers match the file.
    records = parse(text, { relax_column_count: true, skip_empty_lines: false });
  } catch {
    return undefined;
  }
  const [header = [], ...rows] = records.map((record) => record.map(unguardFormula));
  return { header, rows: rows.map((cells, index) => ({ number: index + 1, cells })) };
}

const NEEDS_QUOTES = /[",\r\n]/u;

function csvField(value: string): string {
  const guarded = guardFormula(value);
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/**
 * RFC 4180 (CRLF records, quotes doubled) in UTF-8 with a BOM: without the BOM, Chinese Excel
 * reads the file as GBK and shows mojibake.
 */
export function writeCsvTable(rows: readonly (readonly string[])[]): Uint8Array {
  const text = rows.map((row) => row.map(csvField).join(',')).join('\r\n');
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}
