import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CSV_START, csvAsTabs, csvPieceAsTabs, decodeDocumentText, encodeDocumentText, type CsvState } from './document-text.ts';

describe('decodeDocumentText', () => {
  it('reads UTF-8, GB18030 and UTF-16 with a BOM, and writes each back byte for byte', () => {
    const samples = [
      new TextEncoder().encode('公示名单'),
      new Uint8Array(iconv.encode('公示名单', 'gb18030')),
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('公示')]),
      new Uint8Array(iconv.encode('公示', 'utf-16le', { addBOM: true })),
    ];
    expect(samples.map((bytes) => decodeDocumentText(bytes).encoding)).toEqual(['utf-8', 'gb18030', 'utf-8', 'utf-16le']);
    for (const bytes of samples) {
      const decoded = decodeDocumentText(bytes);
      expect(decoded.text.startsWith('公示')).toBe(true);
      expect(encodeDocumentText(decoded)).toEqual(bytes);
    }
  });
});

describe('csvAsTabs', () => {
  it('turns separators into tabs and field quotes into spaces, keeping every offset', () => {
    const csv = 'a,"b,c","d ""e"""\r\n1,2';
    const view = csvAsTabs(csv);
    expect(view).toBe('a\t b,c \t d ""e"" \r\n1\t2');
    expect(view.length).toBe(csv.length);
  });

  it('reads a CSV in pieces as it reads it whole, wherever the pieces are cut', () => {
    const csv = '1,"张三","第一行\n""第二行""\n",完\r\n2,"a,b",""\n3,"末尾""';
    const whole = csvAsTabs(csv);
    for (let size = 1; size <= 6; size += 1) {
      let state: CsvState = CSV_START;
      let view = '';
      for (let start = 0; start < csv.length; start += size) {
        // Each piece is read with one character of look-ahead, as scan-text-stream reads a mid-line cut.
        const piece = csvPieceAsTabs(csv.slice(start, start + size + 1), state, Math.min(size, csv.length - start));
        view += piece.view.slice(0, size);
        state = piece.state;
      }
      expect(view).toBe(whole);
    }
  });
});
