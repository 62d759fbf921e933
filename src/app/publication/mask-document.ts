import type { DocumentFormat } from './document-format.ts';
import type { ExtractLimits, SpanFinder } from './document-part.ts';
import { maskDocxDocument } from './docx-document.ts';
import { maskHtmlDocument } from './html-document.ts';
import { maskUnsupportedFormat } from './publication-errors.ts';
import { maskTextDocument } from './text-document.ts';
import { maskXlsxDocument } from './xlsx-document.ts';

export type { FoundSpan, SpanFinder } from './document-part.ts';

/** Masking reads the whole file like extraction does; with no caps given, 50 MB. */
const DEFAULT_LIMITS: ExtractLimits = { maxBytes: 50 * 1024 * 1024 };

const MASKERS: Record<DocumentFormat, (bytes: Uint8Array, findSpans: SpanFinder, limits: ExtractLimits) => Uint8Array | Promise<Uint8Array>> = {
  txt: (bytes, findSpans) => maskTextDocument(bytes, 'txt', findSpans),
  csv: (bytes, findSpans) => maskTextDocument(bytes, 'csv', findSpans),
  tsv: (bytes, findSpans) => maskTextDocument(bytes, 'tsv', findSpans),
  md: (bytes, findSpans) => maskTextDocument(bytes, 'md', findSpans),
  html: (bytes, findSpans) => maskHtmlDocument(bytes, findSpans),
  xlsx: maskXlsxDocument,
  docx: maskDocxDocument,
  // The text layer is only one of the ways a PDF shows text: rewriting it would leave the glyphs
  // on the page, images of the text and the metadata untouched, and give a false sense of safety.
  pdf: () => {
    throw maskUnsupportedFormat('pdf');
  },
};

/**
 * A masked copy of a document in its own format: every span that `findSpans` reports in the
 * texts extractParts would give is replaced with the core/masking preset for its type, in place
 * (the same cell, the same Word run, the same spot of the markup). Everything else is kept,
 * including the encoding of a text file. A pdf is refused with MASK_UNSUPPORTED_FORMAT.
 */
export async function maskDocument(bytes: Uint8Array, format: DocumentFormat, findSpans: SpanFinder, limits: ExtractLimits = DEFAULT_LIMITS): Promise<Uint8Array> {
  return MASKERS[format](bytes, findSpans, limits);
}
