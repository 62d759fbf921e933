import { decodeChunks, iconvDecoder, NotUtf8, startsWith, utf8Decoder, UTF8_BOM, UTF16BE_BOM, UTF16LE_BOM, type ChunkDecoder } from '../chunk-decoders.ts';
import { scanTextWithFacts, type Finding, type PiiType } from '../../core/pii/index.ts';
import { detectSeparator, splitCells } from '../../core/pii/recognizers/text-table.ts';
import type { TextFormat } from './document-format.ts';
import { CSV_START, csvPieceAsTabs, type CsvState, type TextEncoding } from './document-text.ts';
import { fileUnreadable } from './publication-errors.ts';

/**
 * Scanning a large text file (txt, csv, tsv, md) without holding it in memory: the bytes are
 * decoded as they arrive and scanned in line-aligned chunks of a few million characters, and each
 * finding is reported with its offsets and line in the whole decoded text — the same answer, for a
 * file of one chunk, as scanText over the whole text.
 *
 * Three things a chunk boundary could break are carried across it:
 * - a table's header: names and addresses are found only in columns whose header says so, so the
 *   first lines of a table still open at the end of a chunk are scanned again in front of the next
 *   (their own findings were reported already and are dropped);
 * - a line longer than a chunk (a file with no line breaks): it is cut mid-line with an overlap on
 *   both sides, so that a value across the cut is read whole, once;
 * - in a CSV, a quoted field holding line breaks: the chunk may end inside it, and the next one
 *   goes on reading it as quoted (document-text.ts CsvState).
 */
export interface TextStreamOptions {
  types?: readonly PiiType[];
  /** csv is scanned as tab-separated rows (document-text.ts csvAsTabs), as extraction does. */
  format?: TextFormat;
  /** Decided from the first bytes when absent (a BOM, else strict UTF-8, else GB18030). */
  encoding?: TextEncoding;
  /** Characters per chunk; tests make it small. */
  chunkCharacters?: number;
}

/**
 * Something that yields the file's bytes, and can be asked again from the start. A piece need only
 * stay as it is until the next is asked for (the reader copies what it keeps), so a source may read
 * into one buffer again and again.
 */
export type ByteSource = () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * The longest chunk cut from a line that does not end (about 4 MB of UTF-16): large enough that
 * per-chunk costs vanish, small enough to stay bounded. A piece of whole lines up to twice as long
 * is scanned as one chunk (ChunkScanner.push); the blocks read from a file are smaller.
 */
export const DEFAULT_CHUNK_CHARACTERS = 2 * 1024 * 1024;
/** Context kept on each side of a mid-line cut; longer than any finding (an address is ≤ 100, an email ≤ 318). */
const OVERLAP_CHARACTERS = 1024;
/**
 * At most this many lines of a table's top are carried to the next chunk: a title, the header and
 * a row — and in a CSV each may be a record of several lines (a quoted field with line breaks).
 */
const CARRIED_TABLE_LINES = 8;
/** Header lines are short (text-table.ts LONGEST_HEADER_LINE); a longer line is not carried. */
const LONGEST_CARRIED_LINE = 400;
/** A longer line is prose, not a row (text-table.ts LONGEST_ROW_LINE). */
const LONGEST_ROW_LINE = 4000;
const LONGEST_DETACHED = 4096;

const NEWLINE = 0x0a;
/**
 * Bytes read before decoding, per character of a chunk: a block of Chinese text (three bytes a
 * character in UTF-8) then decodes to about a third of a chunk (1.4 MB as UTF-16), and one of
 * ASCII to a chunk, within what ChunkScanner scans whole. Measured on the bench text, blocks of
 * 2 MB scanned 5–7% faster than blocks of 4 MB or 1 MB: the recognizers go back over their block
 * many times, and a smaller one stays in the processor's cache.
 */
const BLOCK_BYTES_PER_CHARACTER = 1;

function chunkCharactersOf(options: TextStreamOptions): number {
  return Math.max(options.chunkCharacters ?? DEFAULT_CHUNK_CHARACTERS, 2 * OVERLAP_CHARACTERS);
}

/** The decoder for a file, from its first bytes (which it is then handed without any BOM). */
function decoderFor(first: Uint8Array, forced: TextEncoding | undefined): { decoder: ChunkDecoder; skip: number } {
  if (startsWith(first, UTF8_BOM)) return { decoder: utf8Decoder(false), skip: UTF8_BOM.length };
  if (startsWith(first, UTF16LE_BOM)) return { decoder: iconvDecoder('utf-16le'), skip: UTF16LE_BOM.length };
  if (startsWith(first, UTF16BE_BOM)) return { decoder: iconvDecoder('utf-16be'), skip: UTF16BE_BOM.length };
  if (forced !== undefined && forced !== 'utf-8') return { decoder: iconvDecoder(forced), skip: 0 };
  return { decoder: utf8Decoder(true), skip: 0 };
}

/** Decoded text, piece by piece, as the bytes arrive: in blocks of about `blockBytes` that end at a line break where one is near. */
function decodedText(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, forced: TextEncoding | undefined, blockBytes: number): AsyncGenerator<string> {
  return decodeChunks(lineAlignedBlocks(chunks, blockBytes), (head) => decoderFor(head, forced));
}

/**
 * The bytes regrouped into blocks of about `blockBytes` that end just after a line-feed byte, the
 * rest carried to the next block. In UTF-8 and GB18030 the byte 0x0A is never part of another
 * character, so each block decodes to whole lines, and ChunkScanner scans it as it stands instead
 * of joining and cutting decoded pieces. A block whose last line feed comes early (a line longer
 * than a block), and any block of UTF-16, is handed on whole: the scanner then cuts as usual.
 *
 * The pieces are gathered in one buffer, sized to what is gathered and used again for every block:
 * the decoder has read a block (and copied what it keeps) before the next is asked for. Fresh
 * buffers of megabytes each would make the garbage collector run over and over on a large file.
 */
async function* lineAlignedBlocks(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, blockBytes: number): AsyncGenerator<Uint8Array> {
  let block = new Uint8Array(0);
  let filled = 0;
  for await (const chunk of chunks) {
    if (filled + chunk.byteLength > block.byteLength) {
      const larger = new Uint8Array(Math.max(filled + chunk.byteLength, Math.min(2 * blockBytes, 2 * (filled + chunk.byteLength))));
      larger.set(block.subarray(0, filled));
      block = larger;
    }
    block.set(chunk, filled);
    filled += chunk.byteLength;
    if (filled < blockBytes) continue;
    const lineEnd = block.lastIndexOf(NEWLINE, filled - 1) + 1;
    const cut = lineEnd > filled / 2 ? lineEnd : filled;
    yield block.subarray(0, cut);
    block.copyWithin(0, cut, filled);
    filled -= cut;
  }
  if (filled > 0) yield block.subarray(0, filled);
}

/**
 * Finds the personal data in a text file read as a stream of bytes. Decoding follows
 * decodeDocumentText: a BOM decides; otherwise UTF-8 if every byte is well-formed UTF-8, else
 * GB18030 — decided from the first bytes, and if a later byte proves the file is not UTF-8 after
 * all, the scan starts again from the beginning as GB18030 (`open` is called a second time).
 */
export async function scanTextStream(open: ByteSource, options: TextStreamOptions = {}): Promise<Finding[]> {
  const blockBytes = BLOCK_BYTES_PER_CHARACTER * chunkCharactersOf(options);
  try {
    return await scanDecoded(decodedText(open(), options.encoding, blockBytes), options);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    try {
      return await scanDecoded(decodedText(open(), 'gb18030', blockBytes), options);
    } catch (again) {
      throw again instanceof NotUtf8 ? fileUnreadable(options.format ?? 'txt', again) : again;
    }
  }
}

async function scanDecoded(pieces: AsyncIterable<string>, options: TextStreamOptions): Promise<Finding[]> {
  const scanner = new ChunkScanner(options);
  for await (const piece of pieces) scanner.push(piece);
  scanner.finish();
  return scanner.findings;
}

/**
 * Decoded text waiting to be scanned, kept as the decoder's pieces and joined only when a chunk is
 * taken. A chunk is then one flat string: a slice of a longer string (what `pending.slice()`
 * gives) is read character by character about a third slower by the recognizers' loops, and
 * appending to a string that was just sliced copies what is left of it again.
 */
class PendingText {
  #pieces: string[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  append(text: string): void {
    if (text.length === 0) return;
    this.#pieces.push(text);
    this.#length += text.length;
  }

  /** The offset just after the last line break among the first `limit` characters, or 0 when there is none. */
  lineEndWithin(limit: number): number {
    let pieceStart = this.#length;
    for (let index = this.#pieces.length - 1; index >= 0; index -= 1) {
      const piece = this.#pieces[index] ?? '';
      pieceStart -= piece.length;
      if (pieceStart >= limit) continue;
      for (let at = Math.min(piece.length, limit - pieceStart) - 1; at >= 0; at -= 1) {
        if (piece.charCodeAt(at) === NEWLINE) return pieceStart + at + 1;
      }
    }
    return 0;
  }

  /** The code unit at `index`. */
  charCodeAt(index: number): number {
    let start = 0;
    for (const piece of this.#pieces) {
      if (index < start + piece.length) return piece.charCodeAt(index - start);
      start += piece.length;
    }
    return Number.NaN;
  }

  /** Removes the first `count` characters and returns them as one string. */
  take(count: number): string {
    const taken: string[] = [];
    let left = count;
    while (left > 0) {
      const piece = this.#pieces.shift();
      if (piece === undefined) break;
      if (piece.length <= left) {
        taken.push(piece);
        left -= piece.length;
      } else {
        taken.push(piece.slice(0, left));
        this.#pieces.unshift(piece.slice(left));
        left = 0;
      }
    }
    this.#length -= count - left;
    return taken.length === 1 ? (taken[0] ?? '') : taken.join('');
  }

  /** The first `count` characters, left in place. */
  peek(count: number): string {
    const peeked: string[] = [];
    let left = count;
    for (const piece of this.#pieces) {
      if (left <= 0) break;
      peeked.push(piece.length <= left ? piece : piece.slice(0, left));
      left -= piece.length;
    }
    return peeked.join('');
  }
}

/** Scans decoded text in chunks, keeping offsets and line numbers global. */
class ChunkScanner {
  readonly findings: Finding[] = [];
  readonly #types: readonly PiiType[] | undefined;
  /** For a CSV, where the reading of its quotes stands at the start of #pending; else undefined. */
  #csv: CsvState | undefined;
  readonly #chunk: number;
  /** Decoded text not yet scanned, and where it starts in the whole text. */
  readonly #pending = new PendingText();
  #offset = 0;
  /** The 1-based line on which #pending starts. */
  #line = 1;
  /** Text already scanned, put in front of the next chunk as context. */
  #context = '';
  /** Findings must start at or after this global offset: what is before was reported. */
  #reportedUntil = 0;

  constructor(options: TextStreamOptions) {
    this.#types = options.types;
    this.#csv = options.format === 'csv' ? CSV_START : undefined;
    this.#chunk = chunkCharactersOf(options);
  }

  push(text: string): void {
    // A piece of whole lines, with nothing before it waiting, is a chunk as it stands.
    if (this.#pending.length === 0 && text.length <= 2 * this.#chunk && text.charCodeAt(text.length - 1) === NEWLINE) {
      this.#scan(text, '', true);
      return;
    }
    this.#pending.append(text);
    while (this.#pending.length >= this.#chunk + OVERLAP_CHARACTERS) this.#cut();
  }

  finish(): void {
    if (this.#pending.length > 0 || this.#offset === 0) this.#scan(this.#pending.take(this.#pending.length), '', true);
  }

  /** Scans the next chunk: up to the last line break within #chunk characters, else mid-line. */
  #cut(): void {
    const lineEnd = this.#pending.lineEndWithin(this.#chunk);
    if (lineEnd > 0) {
      this.#scan(this.#pending.take(lineEnd), '', true);
      return;
    }
    let end = this.#chunk;
    // Never between the two halves of a surrogate pair.
    const code = this.#pending.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    const body = this.#pending.take(end);
    this.#scan(body, this.#pending.peek(OVERLAP_CHARACTERS), false);
  }

  /**
   * Scans context + body + lookahead and keeps the findings that start in the body and after
   * everything reported before. `aligned`: the body ends at a line break (or the end of the text).
   */
  #scan(body: string, lookahead: string, aligned: boolean): void {
    const context = this.#context;
    const text = context + this.#view(body, lookahead);
    const { findings, facts } = scanTextWithFacts(text, this.#types === undefined ? {} : { types: this.#types });
    const bodyStart = context.length;
    const bodyEnd = bodyStart + body.length;
    const contextLines = facts.lineBreaksBefore(bodyStart);
    for (const finding of findings) {
      if (finding.start < bodyStart || finding.start >= bodyEnd) continue;
      const start = this.#offset + finding.start - bodyStart;
      if (start < this.#reportedUntil) continue;
      const end = start + (finding.end - finding.start);
      // Written out in the report's key order (a text part's findings have no location).
      this.findings.push({ type: finding.type, value: detached(finding.value), start, end, line: this.#line + finding.line - 1 - contextLines, confidence: finding.confidence });
      this.#reportedUntil = Math.max(this.#reportedUntil, end);
    }
    this.#context = aligned ? tableTop(text) : text.slice(Math.max(bodyStart, bodyEnd - OVERLAP_CHARACTERS), bodyEnd);
    this.#offset += body.length;
    // A CSV's view keeps every line break where it was (csvPieceAsTabs changes commas and quotes only).
    this.#line += facts.lineBreaksBefore(bodyEnd) - contextLines;
  }

  /** The text the recognizers read: a CSV seen as tab-separated rows, its quotes read on from the last chunk. */
  #view(body: string, lookahead: string): string {
    if (this.#csv === undefined) return body + lookahead;
    const { view, state } = csvPieceAsTabs(body + lookahead, this.#csv, body.length);
    this.#csv = state;
    return view;
  }
}

/**
 * A copy of a finding's value that does not keep its chunk alive: V8 represents a slice of a
 * long string as a view into it, so a value kept as sliced would hold on to the megabytes of text
 * around it, and memory would grow with the file instead of staying at a few chunks.
 */
function detached(value: string): string {
  // Findings are short (an address is at most 100 characters); a long one is left as it is.
  if (value.length > LONGEST_DETACHED) return value;
  const codes = new Array<number>(value.length);
  for (let index = 0; index < value.length; index += 1) codes[index] = value.charCodeAt(index);
  return String.fromCharCode(...codes);
}

/**
 * The top of the table that is still open at the end of `text` (which ends with a line break):
 * its first few lines, which hold its header, or '' when the text does not end in a table. A table
 * is a run of lines that each split into two or more cells, as text-table.ts reads them; a blank
 * line or a line of prose ends it. The run may reach back into the context itself, when the table
 * began chunks ago: its top is then carried on again.
 */
function tableTop(text: string): string {
  let lineEnd = text.charCodeAt(text.length - 1) === 0x0a ? text.length - 1 : text.length;
  let top = -1;
  for (;;) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    if (lineStart > lineEnd || !isRow(text, lineStart, lineEnd)) break;
    top = lineStart;
    if (lineStart === 0) break;
    lineEnd = lineStart - 1;
  }
  if (top === -1) return '';
  let carriedEnd = top;
  for (let line = 0; line < CARRIED_TABLE_LINES && carriedEnd < text.length; line += 1) {
    const newline = text.indexOf('\n', carriedEnd);
    const end = newline === -1 ? text.length : newline;
    if (end - carriedEnd > LONGEST_CARRIED_LINE) break;
    carriedEnd = newline === -1 ? text.length : newline + 1;
  }
  const carried = text.slice(top, carriedEnd);
  return carried === '' || carried.endsWith('\n') ? carried : `${carried}\n`;
}

function isRow(text: string, start: number, end: number): boolean {
  let lineEnd = end;
  if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd -= 1;
  if (lineEnd <= start || lineEnd - start > LONGEST_ROW_LINE) return false;
  const separator = detectSeparator(text, start, lineEnd);
  return separator !== null && splitCells(text, start, lineEnd, separator).length >= 2;
}
