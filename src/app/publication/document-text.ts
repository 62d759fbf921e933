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
  const characters = text.split('');
  let quoted = false;
  let atFieldStart = true;
  for (let index = 0; index < characters.length; index += 1) {
    const character = characters[index];
    if (quoted) {
      if (character === '"') {
        if (characters[index + 1] === '"') index += 1;
        else {
          quoted = false;
          characters[index] = ' ';
        }
      }
      continue;
    }
    if (character === '"' && atFieldStart) {
      quoted = true;
      characters[index] = ' ';
      atFieldStart = false;
    } else if (character === ',') {
      characters[index] = '\t';
      atFieldStart = true;
    } else {
      atFieldStart = character === '\n' || character === '\r';
    }
  }
  return characters.join('');
}
