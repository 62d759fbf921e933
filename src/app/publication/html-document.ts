import { Parser } from 'htmlparser2';
import type { DocumentPart, SpanFinder } from './document-part.ts';
import { decodeDocumentText, encodeDocumentText } from './document-text.ts';
import { maskFoundValue } from './mask-for-type.ts';
import { PieceText, maskPieces, type Piece } from './piece-text.ts';

/** Where a piece of the scanned text sits in the HTML source: [start, end) of the raw markup. */
interface SourceRange {
  start: number;
  end: number;
  kind: 'text' | 'attribute' | 'comment';
  /** The attribute's quote; null when unquoted. */
  quote: string | null;
}

/** Elements whose start and end break the line of text; inside a table cell they give a space instead. */
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html',
  'legend', 'li', 'main', 'nav', 'noscript', 'ol', 'option', 'p', 'pre', 'section', 'select', 'summary', 'table', 'tbody',
  'template', 'textarea', 'tfoot', 'thead', 'title', 'ul',
]);

/** Code, not text: excluded, as the brief of issue #6 asks. */
const CODE_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style']);

/** Attributes that are markup — styling hooks, types, layout — rather than content. */
const MARKUP_ATTRIBUTES: ReadonlySet<string> = new Set([
  'align', 'border', 'cellpadding', 'cellspacing', 'charset', 'class', 'colspan', 'dir', 'for', 'height', 'http-equiv', 'id',
  'lang', 'method', 'name', 'rel', 'role', 'rowspan', 'style', 'tabindex', 'target', 'type', 'valign', 'width', 'xmlns',
]);

function flat(text: string): string {
  return text.replace(/[\t\r\n]/gu, ' ');
}

interface HtmlText {
  /** Element text — visible or not: hidden, display:none and <template> content are all text here — and comments. */
  text: PieceText<SourceRange>;
  /** One attribute value per line: titles, alt texts, form values, data-* and link targets. */
  attributes: PieceText<SourceRange>;
}

/**
 * Reads the text of an HTML page with the source range of every piece, so a span found in the
 * text can be written back into the markup. CSS is not evaluated: text hidden by display:none,
 * the hidden attribute or a <template> is still in the published file, and anyone can read it
 * with "view source". Table rows become lines with their cells tab-separated.
 */
function htmlText(source: string): HtmlText {
  const text = new PieceText<SourceRange>();
  const attributes = new PieceText<SourceRange>();
  let codeDepth = 0;
  let cellDepth = 0;
  const cellsInRow: number[] = [];
  let pending: { start: number; end: number; value: string } | undefined;

  const flush = (): void => {
    if (pending !== undefined && codeDepth === 0) {
      // Indentation between tags is no content, but it still parts two inline elements: without
      // a space, <span>ID</span> <span>mobile</span> would read as one run of 29 digits.
      if (pending.value.trim().length > 0) text.append({ start: pending.start, end: pending.end, kind: 'text', quote: null }, pending.value, flat(pending.value));
      else if (!['', '\n', '\t', ' '].includes(text.lastCharacter)) text.separate(' ');
    }
    pending = undefined;
  };
  const lineBreak = (): void => {
    if (cellDepth > 0) text.separate(' ');
    else text.endLine();
  };

  const parser: Parser = new Parser(
    {
      ontext(value) {
        // Entities arrive as chunks of their own; contiguous chunks are one piece of the source.
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (pending !== undefined && pending.end === start) pending = { start: pending.start, end, value: pending.value + value };
        else {
          flush();
          pending = { start, end, value };
        }
      },
      onattribute(name, value, quote) {
        if (MARKUP_ATTRIBUTES.has(name) || value.length === 0 || /^\s*data:/iu.test(value)) return;
        const range = attributeValueRange(source, parser.startIndex, parser.endIndex, name, quote);
        if (range === undefined) return;
        attributes.append({ ...range, kind: 'attribute', quote: quote ?? null }, value, flat(value));
        attributes.endLine();
      },
      onopentag(name) {
        flush();
        if (CODE_ELEMENTS.has(name)) codeDepth += 1;
        if (name === 'tr') {
          lineBreak();
          cellsInRow.push(0);
        } else if (name === 'td' || name === 'th') {
          const cells = cellsInRow.at(-1);
          if (cells !== undefined) {
            if (cells > 0) text.separate('\t');
            cellsInRow[cellsInRow.length - 1] = cells + 1;
          }
          cellDepth += 1;
        } else if (name === 'br') text.separate(cellDepth > 0 ? ' ' : '\n');
        else if (BLOCK_ELEMENTS.has(name)) lineBreak();
      },
      onclosetag(name) {
        flush();
        if (CODE_ELEMENTS.has(name)) codeDepth = Math.max(0, codeDepth - 1);
        if (name === 'tr') {
          cellsInRow.pop();
          lineBreak();
        } else if (name === 'td' || name === 'th') cellDepth = Math.max(0, cellDepth - 1);
        else if (BLOCK_ELEMENTS.has(name)) lineBreak();
      },
      oncomment(value) {
        flush();
        if (codeDepth > 0) return;
        // A commented-out row of a list is a classic leak: still in the page, just not shown.
        lineBreak();
        text.append({ start: parser.startIndex, end: parser.endIndex + 1, kind: 'comment', quote: null }, value, flat(value));
        lineBreak();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(source);
  flush();
  return { text, attributes };
}

/**
 * The raw value of the attribute that htmlparser2 just reported: `start` is where its name
 * begins and `end` just past its closing quote (or at the end of an unquoted value).
 */
function attributeValueRange(source: string, start: number, end: number, name: string, quote: string | null | undefined): { start: number; end: number } | undefined {
  let position = start + name.length;
  while (/\s/u.test(source[position] ?? '')) position += 1;
  if (source[position] !== '=') return undefined;
  position += 1;
  while (/\s/u.test(source[position] ?? '')) position += 1;
  if (quote === '"' || quote === "'") {
    if (source[position] !== quote) return undefined;
    return { start: position + 1, end: end - 1 };
  }
  return { start: position, end };
}

export function extractHtmlParts(bytes: Uint8Array): DocumentPart[] {
  const { text, attributes } = htmlText(decodeDocumentText(bytes).text);
  const parts: DocumentPart[] = [{ name: 'text', text: text.text(), locate: () => undefined }];
  if (attributes.length > 0) parts.push({ name: 'attributes', text: attributes.text(), locate: () => undefined });
  return parts;
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function markupFor(range: SourceRange, text: string): string {
  switch (range.kind) {
    case 'text':
      return escapeText(text);
    case 'comment':
      return `<!--${text}-->`;
    case 'attribute': {
      const quote = range.quote ?? '"';
      const escaped = escapeText(text).replaceAll(quote, quote === '"' ? '&quot;' : '&#39;');
      return range.quote === null ? `"${escaped}"` : escaped;
    }
  }
}

/** Writes each masked piece back into its place in the markup, in the page's own encoding. */
export function maskHtmlDocument(bytes: Uint8Array, findSpans: SpanFinder): Uint8Array {
  const document = decodeDocumentText(bytes);
  const { text, attributes } = htmlText(document.text);
  const rewritten: [Piece<SourceRange>, string][] = [text, attributes].flatMap((part) => [...maskPieces(part, findSpans(part.text()), maskFoundValue)]);
  if (rewritten.length === 0) return bytes;
  const chunks: string[] = [];
  let position = 0;
  for (const [piece, masked] of rewritten.toSorted(([a], [b]) => a.key.start - b.key.start)) {
    chunks.push(document.text.slice(position, piece.key.start), markupFor(piece.key, masked));
    position = piece.key.end;
  }
  chunks.push(document.text.slice(position));
  return encodeDocumentText({ ...document, text: chunks.join('') });
}
