import type { DocumentPart, SpanFinder } from './document-part.ts';
import type { TextFormat } from './document-format.ts';
import { csvAsTabs, decodeDocumentText, encodeDocumentText } from './document-text.ts';
import { maskFoundValue } from './mask-for-type.ts';
import { PieceText, maskPieces } from './piece-text.ts';

/** txt, csv, tsv and md: one part, the whole decoded text (CSV seen as tab-separated rows). */
function scannedText(text: string, format: TextFormat): PieceText<'text'> {
  const pieces = new PieceText<'text'>();
  pieces.append('text', text, format === 'csv' ? csvAsTabs(text) : text);
  return pieces;
}

export function extractTextParts(bytes: Uint8Array, format: TextFormat): DocumentPart[] {
  const text = scannedText(decodeDocumentText(bytes).text, format).text();
  return [{ name: 'text', text, locate: () => undefined }];
}

/** Writes the masked text back in the encoding it came in, BOM and all. */
export function maskTextDocument(bytes: Uint8Array, format: TextFormat, findSpans: SpanFinder): Uint8Array {
  const document = decodeDocumentText(bytes);
  const pieces = scannedText(document.text, format);
  const [masked] = maskPieces(pieces, findSpans(pieces.text()), maskFoundValue).values();
  return masked === undefined ? bytes : encodeDocumentText({ ...document, text: masked });
}
