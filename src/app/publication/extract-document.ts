import type { DocumentFormat } from './document-format.ts';
import type { DocumentPart, ExtractLimits } from './document-part.ts';
import { extractDocxParts } from './docx-document.ts';
import { extractHtmlParts } from './html-document.ts';
import { extractPdfParts } from './pdf-document.ts';
import { extractTextParts } from './text-document.ts';
import { extractXlsxParts } from './xlsx-document.ts';

export type { DocumentPart, ExtractLimits } from './document-part.ts';

/** One reader per format; a Record, so a format added to DOCUMENT_FORMATS without a reader fails to compile. */
const EXTRACTORS: Record<DocumentFormat, (bytes: Uint8Array, limits: ExtractLimits) => DocumentPart[] | Promise<DocumentPart[]>> = {
  txt: (bytes) => extractTextParts(bytes, 'txt'),
  csv: (bytes) => extractTextParts(bytes, 'csv'),
  tsv: (bytes) => extractTextParts(bytes, 'tsv'),
  md: (bytes) => extractTextParts(bytes, 'md'),
  html: (bytes) => extractHtmlParts(bytes),
  xlsx: extractXlsxParts,
  docx: extractDocxParts,
  pdf: extractPdfParts,
};

/**
 * The scannable texts of a document, each with a way to place an offset back in the file.
 * Fails with a DomainError: FILE_TOO_LARGE for a pdf, xlsx or docx over the caps, and
 * FILE_UNREADABLE for a file its format's parser cannot read. Either is an error for this file
 * only; a scan of many files reports it and goes on.
 */
export async function extractParts(bytes: Uint8Array, format: DocumentFormat, limits: ExtractLimits): Promise<DocumentPart[]> {
  return EXTRACTORS[format](bytes, limits);
}
