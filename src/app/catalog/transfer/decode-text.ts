import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030';
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte);
}

/**
 * Decodes an uploaded text file. Chinese-locale Excel saves "CSV" as GBK unless told otherwise,
 * so both UTF-8 and GBK arrive in practice.
 *
 * We use a strict UTF-8 check rather than jschardet: statistical detection guesses from byte
 * frequencies and is unreliable on short files (a catalog row or two of Chinese text is often
 * reported as Big5, windows-1252 or similar). A strict check is deterministic and, for this pair,
 * decisive: GBK encodes Chinese as lead bytes 0x81–0xFE followed by 0x40–0xFE, which almost never
 * forms well-formed UTF-8, while pure ASCII reads the same either way. GB18030 is the fallback
 * because it is a superset of GB2312 and GBK, so any of the three decodes correctly.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWithUtf8Bom(bytes)) {
    // A BOM is an explicit declaration; trust it and let malformed bytes surface as U+FFFD
    // rather than reinterpreting a declared UTF-8 file as GB18030.
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(UTF8_BOM.length)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}
