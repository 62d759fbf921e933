import { LEAK_FORMATS, type LeakFormat } from '../../core/accountability/leak-coverage.ts';
import { validationError } from '../../core/shared/domain-error.ts';
import { detectDocumentFormat, type DocumentFormat } from '../publication/document-format.ts';
import { extractParts } from '../publication/extract-document.ts';
import { formatUnsupported } from '../publication/publication-errors.ts';
import type { UploadedFile } from '../publication/publication-service.ts';

export { LEAK_FORMATS, type LeakFormat };

/** One record of a leaked file: its number in the file (1-based, over all sheets) and its cells. */
export interface LeakedRecord {
  number: number;
  cells: string[];
  /** The record as one line, cells tab-separated: what the recognizers read. */
  text: string;
}

export interface LeakedFile {
  format: LeakFormat;
  records: LeakedRecord[];
}

/** A leak bigger than this is traced in parts: each part's figures stand on their own. */
export const MOST_LEAKED_RECORDS = 200_000;

function isLeakFormat(format: DocumentFormat): format is LeakFormat {
  return (LEAK_FORMATS as readonly string[]).includes(format);
}

/** Plain text has no one separator: tabs, commas (half or full width), semicolons, bars and spaces all part cells. */
const TEXT_SEPARATORS = /[\t,，;；|\s]+/u;
/** A header names columns; a record of personal data carries a number (an identifier, a phone) somewhere. */
const DIGIT_RUN = /\d{4}/u;

function cellsOf(line: string, format: LeakFormat): string[] {
  const parts = format === 'txt' ? line.split(TEXT_SEPARATORS) : line.split('\t');
  return parts.map((cell) => cell.trim()).filter((cell) => cell !== '');
}

/**
 * The records of a leaked file, decoded as the publication guard decodes it (UTF-8, GB18030 or
 * UTF-16 by BOM; a workbook sheet by sheet, its notes left out). The first line of each sheet or
 * file is taken for a header, and left out, when no cell of it holds four digits in a row.
 * Fails with FORMAT_UNSUPPORTED for any other format, FILE_UNREADABLE for a file its parser cannot
 * read, and VALIDATION_FAILED for a file with no record or too many. No message quotes the file.
 */
export async function readLeakedFile(file: UploadedFile, maxBytes: number): Promise<LeakedFile> {
  const format = detectDocumentFormat(file.name, file.bytes);
  if (!isLeakFormat(format)) throw formatUnsupported(`泄露溯源只读取 ${LEAK_FORMATS.join('、')}`, `leak tracing reads ${LEAK_FORMATS.join(', ')} only`);
  const parts = await extractParts(file.bytes, format, { maxBytes });
  const records: LeakedRecord[] = [];
  for (const part of parts) {
    // A workbook's notes are a second part of the sheet: what someone wrote beside the table, not records.
    if (format === 'xlsx' && part.name.endsWith('(批注 / notes)')) continue;
    let first = true;
    for (const line of part.text.split(/\r?\n/u)) {
      const cells = cellsOf(line, format);
      if (cells.length === 0) continue;
      const header = first && !cells.some((cell) => DIGIT_RUN.test(cell));
      first = false;
      if (header) continue;
      if (records.length === MOST_LEAKED_RECORDS) {
        throw validationError([{ path: '/file', code: 'LEAK_FILE_TOO_MANY_RECORDS', message: `至多 ${MOST_LEAKED_RECORDS} 条记录，请分批溯源 / at most ${MOST_LEAKED_RECORDS} records; trace the file in parts` }]);
      }
      // One line per record, so that a finding's line in a batch of records names its record.
      records.push({ number: records.length + 1, cells, text: cells.join('\t').replaceAll('\r', ' ') });
    }
  }
  if (records.length === 0) throw validationError([{ path: '/file', code: 'LEAK_FILE_EMPTY', message: '文件中没有数据记录 / the file holds no records' }]);
  return { format, records };
}
