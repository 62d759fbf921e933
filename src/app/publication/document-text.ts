import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** A decoded text file, with what is needed to write a masked copy back in the same bytes' form. */
export interface DocumentText {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
}

const BOMS: readonly { encoding: TextEncoding; bytes: readonly number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  // Excel's "Unicode text" export: UTF-16LE with a BOM, tab-separated.
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/**
 * UTF-8 when the bytes are well-formed UTF-8, else GB18030 — the same strict check as the catalog
 * import (app/catalog/transfer/decode-text.ts, which explains why not jschardet). GB18030 is a
 * superset of GB2312 and GBK, the encodings of Chinese-locale Excel and Notepad. A BOM decides.
 */
export function decodeDocumentText(bytes: Uint8Array): DocumentText {
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, index) => bytes[index] === byte)) {
      return { text: iconv.decode(Buffer.from(bytes.subarray(bom.bytes.length)), bom.encoding), encoding: bom.encoding, bom: true };
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030', bom: false };
  }
}

export function encodeDocumentText(document: DocumentText): Uint8Array {
  return new Uint8Array(iconv.encode(document.text, document.encoding, { addBOM: document.bom }));
}

/**
 * The CSV text with the field separators turned into tabs and the quotes around fields into
 * spaces, at the same offsets. Table-aware recognizers (a 姓名 column) read tab-separated rows;
 * keeping every offset lets a span found in this view be masked in the original text as it is.
 * Doubled quotes inside a quoted field stay as they are.
 */
export function csvAsTabs(text: string): string {
  return csvPieceAsTabs(text, CSV_START).view;
}

/**
 * Where a reading of CSV stands between two pieces of it. A quoted field may hold line breaks, so
 * a text read in pieces (scan-text-stream.ts) can be cut inside one; the next piece must go on
 * knowing it is inside quotes, or it would take the closing quote for an opening one and read
 * every row after it wrongly.
 */
export interface CsvState {
  quoted: boolean;
  atFieldStart: boolean;
  /** The next character is the second quote of a doubled pair (`""`) inside a quoted field. */
  inDoubledQuote: boolean;
}

export const CSV_START: CsvState = { quoted: false, atFieldStart: true, inDoubledQuote: false };

const QUOTE = 0x22;
const COMMA = 0x2c;
const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * csvAsTabs for one piece of a CSV text read from `state`: the view of the whole piece, and the
 * state after its first `consumed` characters (the rest is look-ahead, to be read again as the
 * start of the next piece). Every character replaced is ASCII and so is its replacement, so the
 * view is the text's UTF-16 bytes with single bytes overwritten: a large file costs two copies,
 * not a string per character.
 */
export function csvPieceAsTabs(text: string, state: CsvState, consumed = text.length): { view: string; state: CsvState } {
  let { quoted, atFieldStart, inDoubledQuote } = state;
  let after = state;
  let units: Buffer | undefined;
  for (let index = 0; index < text.length; index += 1) {
    if (index === consumed) after = { quoted, atFieldStart, inDoubledQuote };
    const code = text.charCodeAt(index);
    if (inDoubledQuote) {
      inDoubledQuote = false;
      continue;
    }
    if (quoted) {
      if (code !== QUOTE) continue;
      // The quote closes the field unless another follows it; at the very end of the text it closes it.
      if (text.charCodeAt(index + 1) === QUOTE) {
        inDoubledQuote = true;
      } else {
        quoted = false;
        units = overwritten(units, text, index, SPACE);
      }
      continue;
    }
    if (code === QUOTE && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      units = overwritten(units, text, index, SPACE);
    } else if (code === COMMA) {
      atFieldStart = true;
      units = overwritten(units, text, index, TAB);
    } else {
      atFieldStart = code === NEWLINE || code === CARRIAGE_RETURN;
    }
  }
  if (consumed >= text.length) after = { quoted, atFieldStart, inDoubledQuote };
  return { view: units === undefined ? text : units.toString('utf16le'), state: after };
}

/** The text's UTF-16 bytes (copied on the first change) with the ASCII character at `index` replaced. */
function overwritten(units: Buffer | undefined, text: string, index: number, replacement: number): Buffer {
  const bytes = units ?? Buffer.from(text, 'utf16le');
  bytes[2 * index] = replacement;
  return bytes;
}
