import { scanText, type Finding, type PiiType } from '../../core/pii/index.ts';
import { detectDocumentFormat, type DocumentFormat, type TextFormat } from './document-format.ts';
import { fileTooLarge, isPublicationError, megabytes } from './publication-errors.ts';
import { scanTextStream, type ByteSource } from './scan-text-stream.ts';

/**
 * One file's result in the publication guard (issue #6): its findings, or the reason it could not
 * be scanned. A per-file problem — an unsupported or unreadable file, one over the size cap — is a
 * value here, never a throw, so a scan of many files reports it and goes on.
 */
export interface FileScanError {
  code: string;
  message: string;
}

export interface DocumentScan {
  /** null when the format could not be told. */
  format: DocumentFormat | null;
  findings: Finding[];
  error: FileScanError | null;
}

export interface ScanDocumentOptions {
  /** Only these types; all when absent. */
  types?: readonly PiiType[];
  /**
   * Largest pdf, xlsx, docx or html file read, in bytes: these are parsed whole, in memory. Text
   * files (txt, csv, tsv, md) are read as a stream and have no cap.
   */
  maxBytes: number;
}

/** A file as the guard reads it: its name (for the extension), its size, and its bytes on demand. */
export interface FileSource {
  name: string;
  size: number;
  /** The first bytes, enough to tell the format (a few kilobytes). */
  head(): Promise<Uint8Array>;
  /** The whole file, for the formats that are parsed in memory. */
  read(): Promise<Uint8Array>;
  /** The file from its first byte, in pieces; may be called more than once. */
  stream: ByteSource;
}

const TEXT_FORMATS: ReadonlySet<DocumentFormat> = new Set<TextFormat>(['txt', 'csv', 'tsv', 'md']);

export function isTextFormat(format: DocumentFormat): format is TextFormat {
  return TEXT_FORMATS.has(format);
}

/**
 * The error value for a failure of one file. Publication errors carry their own bilingual,
 * value-free message; anything else (a parser crashing in a way it does not report) becomes
 * FILE_UNREADABLE with a generic message, since the parser's own words may quote the file.
 */
export function fileScanError(error: unknown): FileScanError {
  if (isPublicationError(error)) return { code: error.code, message: error.message };
  return { code: 'FILE_UNREADABLE', message: '无法读取文件：文件已损坏或无法解析 / cannot read the file: it is corrupt or cannot be parsed' };
}

function failed(format: DocumentFormat | null, error: unknown): DocumentScan {
  return { format, findings: [], error: fileScanError(error) };
}

function scanOptions(options: Pick<ScanDocumentOptions, 'types'>): { types?: readonly PiiType[] } {
  return options.types === undefined ? {} : { types: options.types };
}

/**
 * Scans one document held in memory: every part extractParts gives (sheets, notes, comments,
 * pages …), each finding with offsets and a 1-based line within its part, and the part's
 * location ({sheet, cell} or {page}) where the format has one. Text formats go through the same
 * chunked scanner as a streamed file, so both give the same answer.
 */
export async function scanDocument(bytes: Uint8Array, fileName: string, options: ScanDocumentOptions): Promise<DocumentScan> {
  let format: DocumentFormat;
  try {
    format = detectDocumentFormat(fileName, bytes);
  } catch (error) {
    return failed(null, error);
  }
  try {
    if (isTextFormat(format)) {
      return { format, findings: await scanTextStream(() => [bytes], { ...scanOptions(options), format }), error: null };
    }
    if (bytes.byteLength > options.maxBytes) throw tooLarge(format, options.maxBytes);
    // The parsers (exceljs, pdf.js …) load on first use: a scan of text files, as in a publishing
    // pipeline's `custos scan`, does not pay for reading them at start-up.
    const { extractParts } = await import('./extract-document.ts');
    const findings: Finding[] = [];
    for (const part of await extractParts(bytes, format, { maxBytes: options.maxBytes })) {
      for (const finding of scanText(part.text, scanOptions(options))) {
        const location = part.locate(finding.start);
        findings.push(location === undefined ? finding : { ...finding, location });
      }
    }
    return { format, findings, error: null };
  } catch (error) {
    return failed(format, error);
  }
}

/**
 * Scans one file read through a FileSource: a text file is streamed, whatever its size, so memory
 * stays bounded on a file of hundreds of megabytes; any other format is read whole, up to maxBytes.
 */
export async function scanSource(source: FileSource, options: ScanDocumentOptions): Promise<DocumentScan> {
  let format: DocumentFormat;
  try {
    format = detectDocumentFormat(source.name, await source.head());
  } catch (error) {
    // A name without an extension is told by content, which may lie past the head: read it whole.
    if (!isPublicationError(error) || source.size > options.maxBytes) return failed(null, error);
    try {
      return await scanDocument(await source.read(), source.name, options);
    } catch (readError) {
      return failed(null, readError);
    }
  }
  try {
    if (isTextFormat(format)) return { format, findings: await scanTextStream(source.stream, { ...scanOptions(options), format }), error: null };
    if (source.size > options.maxBytes) throw tooLarge(format, options.maxBytes);
    return await scanDocument(await source.read(), source.name, options);
  } catch (error) {
    return failed(format, error);
  }
}

function tooLarge(format: DocumentFormat, maxBytes: number): Error {
  return fileTooLarge(`${format} 文件大于 ${megabytes(maxBytes)}`, `the ${format} file is larger than ${megabytes(maxBytes)}`);
}
