import { formatUnsupported } from './publication-errors.ts';

/** The kinds of file the publication guard reads (issue #6, "Formats"). */
export const DOCUMENT_FORMATS = ['txt', 'csv', 'tsv', 'md', 'html', 'xlsx', 'docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Formats read as decoded text, as opposed to a container that needs its own parser. */
export type TextFormat = Extract<DocumentFormat, 'txt' | 'csv' | 'tsv' | 'md'>;

const EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  txt: 'txt',
  text: 'txt',
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  xlsx: 'xlsx',
  docx: 'docx',
  pdf: 'pdf',
};

type Magic = 'zip' | 'pdf' | 'ole' | 'none';

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** Acrobat accepts %PDF- anywhere in the first kilobyte, so a .pdf with a prefix of junk is still read. */
const PDF_HEADER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function findAscii(bytes: Uint8Array, text: string, from = 0, to = bytes.length): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(to, bytes.length)).indexOf(text, from, 'latin1');
}

function magicOf(bytes: Uint8Array): Magic {
  // Local file header (PK\3\4); an empty archive starts with its end record (PK\5\6).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, PDF_HEADER)) return 'pdf';
  // Compound File Binary: legacy .doc/.xls, and also what a password-protected .xlsx/.docx is.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return 'none';
}

const MAGIC_OF_FORMAT: Record<DocumentFormat, Magic> = {
  txt: 'none',
  csv: 'none',
  tsv: 'none',
  md: 'none',
  html: 'none',
  xlsx: 'zip',
  docx: 'zip',
  pdf: 'pdf',
};

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/u).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** An Office Open XML package names its main part in a local header, uncompressed. */
function officeFormatOf(bytes: Uint8Array): DocumentFormat | undefined {
  if (findAscii(bytes, 'word/document.xml') >= 0) return 'docx';
  if (findAscii(bytes, 'xl/workbook.xml') >= 0) return 'xlsx';
  return undefined;
}

/**
 * The format of a file, from its name and its first bytes. Both must agree: a gate that scanned a
 * renamed .docx as plain text would see only compressed bytes and report it clean, so a text
 * extension on a zip, PDF or OLE file is refused rather than guessed. A name without a known
 * extension is accepted only when the bytes alone say pdf, xlsx or docx.
 */
export function detectDocumentFormat(fileName: string, bytes: Uint8Array): DocumentFormat {
  const extension = extensionOf(fileName);
  const declared = EXTENSIONS[extension];
  const magic = magicOf(bytes);
  if (declared === undefined) {
    if (magic === 'pdf') return 'pdf';
    const office = magic === 'zip' ? officeFormatOf(bytes) : undefined;
    if (office) return office;
    return extension === ''
      ? formatUnsupportedThrow('无扩展名且无法识别内容', 'no extension and unrecognised content')
      : formatUnsupportedThrow(`扩展名 .${extension}`, `the .${extension} extension`);
  }
  if (declared === 'pdf' && findAscii(bytes, '%PDF-', 0, PDF_HEADER_WINDOW) >= 0) return 'pdf';
  if (MAGIC_OF_FORMAT[declared] !== magic) {
    const actual = magic === 'none' ? '文本' : magic;
    const actualEnglish = magic === 'none' ? 'text' : magic;
    return formatUnsupportedThrow(`内容（${actual}）与扩展名 .${extension} 不符`, `the content (${actualEnglish}) does not match the .${extension} extension`);
  }
  return declared;
}

function formatUnsupportedThrow(reason: string, reasonEnglish: string): never {
  throw formatUnsupported(reason, reasonEnglish);
}
