import { describe, expect, it } from 'vitest';
import { detectDocumentFormat } from './document-format.ts';

const ZIP = (name: string): Uint8Array => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(`....${name}....`)]);
const PDF = new TextEncoder().encode('%PDF-1.7\n');
const TEXT = new TextEncoder().encode('姓名,身份证号\n');

function code(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('detectDocumentFormat', () => {
  it('takes the extension when the bytes agree, whatever its case', () => {
    expect(detectDocumentFormat('名单.CSV', TEXT)).toBe('csv');
    expect(detectDocumentFormat('dir/公示.htm', TEXT)).toBe('html');
    expect(detectDocumentFormat('a.markdown', TEXT)).toBe('md');
    expect(detectDocumentFormat('a.xlsx', ZIP('xl/workbook.xml'))).toBe('xlsx');
    expect(detectDocumentFormat('a.docx', ZIP('word/document.xml'))).toBe('docx');
    expect(detectDocumentFormat('a.pdf', new TextEncoder().encode('\n\n%PDF-1.4'))).toBe('pdf');
  });

  it('recognises pdf, xlsx and docx by their bytes when the name has no known extension', () => {
    expect(detectDocumentFormat('upload', PDF)).toBe('pdf');
    expect(detectDocumentFormat('upload.bin', ZIP('word/document.xml'))).toBe('docx');
    expect(detectDocumentFormat('upload', ZIP('xl/workbook.xml'))).toBe('xlsx');
  });

  it('refuses a mismatch, a legacy Office file and anything unknown with FORMAT_UNSUPPORTED', () => {
    expect(code(() => detectDocumentFormat('renamed.txt', ZIP('word/document.xml')))).toBe('FORMAT_UNSUPPORTED');
    expect(code(() => detectDocumentFormat('a.csv', PDF))).toBe('FORMAT_UNSUPPORTED');
    expect(code(() => detectDocumentFormat('a.pdf', TEXT))).toBe('FORMAT_UNSUPPORTED');
    expect(code(() => detectDocumentFormat('a.xlsx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toBe('FORMAT_UNSUPPORTED');
    expect(code(() => detectDocumentFormat('a.doc', TEXT))).toBe('FORMAT_UNSUPPORTED');
    expect(code(() => detectDocumentFormat('README', TEXT))).toBe('FORMAT_UNSUPPORTED');
    expect(code(() => detectDocumentFormat('a.zip', ZIP('other.xml')))).toBe('FORMAT_UNSUPPORTED');
  });
});
