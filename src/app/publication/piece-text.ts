import type { FoundSpan } from './document-part.ts';
import { fileTooLarge, maskSpanInvalid } from './publication-errors.ts';

/**
 * One run of a document's own text — a cell, a rich-text run, a Word <w:t>, an HTML text chunk —
 * placed at [start, end) of the scanned text. `original` is what the source holds; the scanned
 * view may differ from it character for character (a line break inside a cell is a space in the
 * view, so that a row stays one line), but never in length, so offsets mean the same in both.
 */
export interface Piece<Key> {
  key: Key;
  start: number;
  end: number;
  original: string;
}

/**
 * Text assembled from a document's pieces and separators (tabs between cells, line breaks
 * between rows and paragraphs), remembering where each piece landed. Extraction scans `text()`
 * and locates offsets with `pieceAt`; masking maps spans back onto the pieces (maskPieces).
 */
export class PieceText<Key> {
  readonly #chunks: string[] = [];
  readonly #pieces: Piece<Key>[] = [];
  readonly #maxLength: number;
  #length = 0;
  #last = '';
  #joined: string | undefined;

  /** maxLength bounds memory: a small file can declare a cell at XFD1048576 or a million empty rows. */
  constructor(maxLength = MAX_PART_LENGTH) {
    this.#maxLength = maxLength;
  }

  get length(): number {
    return this.#length;
  }

  /** The last character so far; '' while empty. */
  get lastCharacter(): string {
    return this.#last;
  }

  get pieces(): readonly Piece<Key>[] {
    return this.#pieces;
  }

  append(key: Key, original: string, view = original): void {
    if (view.length !== original.length) throw new Error('a piece view must keep the length of its original');
    if (original.length === 0) return;
    this.#pieces.push({ key, start: this.#length, end: this.#length + original.length, original });
    this.#push(view);
  }

  /** Text of our own between pieces: it belongs to no piece and is never rewritten. */
  separate(text: string): void {
    if (text.length > 0) this.#push(text);
  }

  /** Ends the current line, unless the text is empty or already at the start of a line. */
  endLine(): void {
    if (this.#length > 0 && this.#last !== '\n') this.#push('\n');
  }

  text(): string {
    this.#joined ??= this.#chunks.join('');
    return this.#joined;
  }

  /** The piece holding the character at `offset`; undefined on a separator or out of range. */
  pieceAt(offset: number): Piece<Key> | undefined {
    let low = 0;
    let high = this.#pieces.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const piece = this.#pieces[middle];
      if (piece === undefined) return undefined;
      if (offset < piece.start) high = middle - 1;
      else if (offset >= piece.end) low = middle + 1;
      else return piece;
    }
    return undefined;
  }

  /** Index of the first piece that ends after `offset`. */
  firstPieceEndingAfter(offset: number): number {
    let low = 0;
    let high = this.#pieces.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#pieces[middle]?.end ?? 0) > offset) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  #push(text: string): void {
    this.#length += text.length;
    if (this.#length > this.#maxLength) {
      throw fileTooLarge(`单个部分的文本超过 ${this.#maxLength} 个字符`, `the text of one part exceeds ${this.#maxLength} characters`);
    }
    this.#chunks.push(text);
    this.#last = text.at(-1) ?? this.#last;
    this.#joined = undefined;
  }
}

/** 64 Mi UTF-16 code units: 128 MB of string, far beyond any real notice. */
export const MAX_PART_LENGTH = 64 * 1024 * 1024;

interface Edit {
  from: number;
  to: number;
  replacement: string;
}

/**
 * Spans sorted, with overlapping ones merged: two recognizers may claim the same digits (a bank
 * card and an ID inside a longer run), and masking each separately would tear the text apart.
 * A merged span of two types takes the strictest preset, full redaction (type '').
 */
function mergeSpans(spans: readonly FoundSpan[], length: number): FoundSpan[] {
  for (const span of spans) {
    if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end > length || span.start > span.end) {
      throw maskSpanInvalid(span.start, span.end, length);
    }
  }
  const sorted = spans.filter((span) => span.end > span.start).toSorted((a, b) => a.start - b.start || b.end - a.end);
  const merged: FoundSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end), type: last.type === span.type ? last.type : '' };
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

function applyEdits(original: string, edits: readonly Edit[]): string {
  let result = '';
  let position = 0;
  for (const edit of edits) {
    result += original.slice(position, edit.from) + edit.replacement;
    position = edit.to;
  }
  return result + original.slice(position);
}

/**
 * Masks each span across the pieces it covers and returns the new original text of every piece
 * that changed. A span that crosses pieces — an ID typed in two Word runs, half of it bold — puts
 * the whole masked value in its first piece and removes its characters from the following ones,
 * so no piece keeps a readable fragment and the masked value reads as one string.
 */
export function maskPieces<Key>(text: PieceText<Key>, spans: readonly FoundSpan[], mask: (type: string, value: string) => string): Map<Piece<Key>, string> {
  const scanned = text.text();
  const edits = new Map<Piece<Key>, Edit[]>();
  const pieces = text.pieces;
  for (const span of mergeSpans(spans, scanned.length)) {
    const masked = mask(span.type, scanned.slice(span.start, span.end));
    let placed = false;
    for (let index = text.firstPieceEndingAfter(span.start); index < pieces.length; index += 1) {
      const piece = pieces[index];
      if (piece === undefined || piece.start >= span.end) break;
      const from = Math.max(span.start, piece.start) - piece.start;
      const to = Math.min(span.end, piece.end) - piece.start;
      const list = edits.get(piece) ?? [];
      list.push({ from, to, replacement: placed ? '' : masked });
      edits.set(piece, list);
      placed = true;
    }
  }
  const rewritten = new Map<Piece<Key>, string>();
  for (const [piece, list] of edits) rewritten.set(piece, applyEdits(piece.original, list));
  return rewritten;
}
