import { scanText, type PiiType } from '../../core/pii/index.ts';
import { detectDocumentFormat, type DocumentFormat } from './document-format.ts';
import type { FoundSpan } from './document-part.ts';
import { fileTooLarge, megabytes } from './publication-errors.ts';
import { scanDocument, type ScanDocumentOptions } from './scan-document.ts';

export type TypeCounts = Partial<Record<PiiType, number>>;

export interface MaskedFile {
  format: DocumentFormat;
  bytes: Uint8Array;
  /** How many values of each type were replaced. */
  masked: TypeCounts;
  /** What a scan of the masked copy still finds, per type: empty when masking did its job. */
  remaining: TypeCounts;
}

/** The media type a masked copy is sent with; text keeps the encoding it came in, so no charset is claimed. */
export const MEDIA_TYPES: Record<DocumentFormat, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  md: 'text/markdown',
  html: 'text/html',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export function countByType(findings: readonly { type: string }[]): TypeCounts {
  const counts: TypeCounts = {};
  for (const finding of findings) {
    const type = finding.type as PiiType;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/**
 * A masked copy of one file in its own format, with the core/masking preset of each type
 * (mask-for-type.ts), then scanned again so the caller can show that nothing is left. Every
 * format is read whole, so every format has the maxBytes cap here. Throws the publication
 * errors: FORMAT_UNSUPPORTED, FILE_TOO_LARGE, FILE_UNREADABLE, and MASK_UNSUPPORTED_FORMAT for a
 * PDF, whose text layer cannot be redacted safely (mask the source document instead).
 */
export async function maskFile(bytes: Uint8Array, fileName: string, options: ScanDocumentOptions): Promise<MaskedFile> {
  const format = detectDocumentFormat(fileName, bytes);
  if (bytes.byteLength > options.maxBytes) {
    throw fileTooLarge(`${format} 文件大于 ${megabytes(options.maxBytes)}`, `the ${format} file is larger than ${megabytes(options.maxBytes)}`);
  }
  const types = options.types === undefined ? {} : { types: options.types };
  const masked: FoundSpan[] = [];
  const findSpans = (text: string): FoundSpan[] => {
    const spans = scanText(text, types);
    for (const span of spans) masked.push(span);
    return spans;
  };
  // Loaded on first use, like the parsers in scan-document.ts.
  const { maskDocument } = await import('./mask-document.ts');
  const output = await maskDocument(bytes, format, findSpans, { maxBytes: options.maxBytes });
  const again = await scanDocument(output, fileName, options);
  if (again.error !== null) throw new Error(`the masked ${format} copy cannot be read back: ${again.error.code}`);
  return { format, bytes: output, masked: countByType(masked), remaining: countByType(again.findings) };
}
