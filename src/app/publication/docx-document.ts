import type { Document, Element } from '@xmldom/xmldom';
import type { DocumentPart, ExtractLimits, SpanFinder } from './document-part.ts';
import { maskFoundValue } from './mask-for-type.ts';
import { checkPackageSize, childElements, parseXml, relationshipsOf, serializeXml, unzipPackage, zipPackage, type PackageEntries } from './ooxml-package.ts';
import { PieceText, maskPieces } from './piece-text.ts';
import { fileUnreadable } from './publication-errors.ts';

/** WordprocessingML, in its transitional and strict namespaces (ECMA-376 Part 1 §17). */
const WORD_NAMESPACES: ReadonlySet<string> = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** Parts with text besides the body, by the ending of their relationship type. */
const TEXT_PART_TYPES = ['/comments', '/header', '/footer', '/footnotes', '/endnotes'] as const;

/** Properties and field codes: markup, not text a reader sees. */
const SKIPPED = new Set(['rPr', 'pPr', 'tblPr', 'trPr', 'tcPr', 'sectPr', 'tblGrid', 'instrText', 'delInstrText', 'fldChar']);

/** The elements #inline handles itself; any other element is a wrapper (w:r, w:hyperlink, w:sdt…) and is entered. */
const WORD_INLINE = ['t', 'delText', 'del', 'moveFrom', 'ins', 'moveTo', 'tab', 'ptab', 'br', 'cr', 'noBreakHyphen', 'txbxContent', 'p', 'tbl', ...SKIPPED];

/**
 * current: the document as it reads with every tracked change accepted.
 * removed: what tracked changes took out (w:del, w:moveFrom) read in place with the text around
 * it, for the paragraphs that have any. Both are kept in the file, so both are scanned; they are
 * scanned apart because a deleted ID and its replacement side by side would read as one run of
 * 36 digits, which no recognizer reports.
 */
type View = 'current' | 'removed';

function isWord(element: Element, ...names: string[]): boolean {
  return element.namespaceURI !== null && WORD_NAMESPACES.has(element.namespaceURI) && names.includes(element.localName ?? '');
}

function hasRemoval(element: Element): boolean {
  const elements = element.getElementsByTagName('*');
  for (let index = 0; index < elements.length; index += 1) {
    const descendant = elements.item(index);
    if (descendant !== null && isWord(descendant, 'delText', 'moveFrom')) return true;
  }
  return false;
}

/**
 * The text of one WordprocessingML part: a line per paragraph, a line per table row with its
 * cells tab-separated, and the runs of a paragraph joined with nothing between them — Word splits
 * runs wherever formatting or an edit session changes, often in the middle of an ID. Text boxes
 * follow the paragraph that anchors them. Each piece is one <w:t> or <w:delText> element.
 */
class WordText {
  readonly text = new PieceText<Element>();
  readonly #view: View;
  readonly #deferred: Element[] = [];

  constructor(view: View, root: Element) {
    this.#view = view;
    if (view === 'removed' && !hasRemoval(root)) return;
    this.#block(root);
    this.#flush();
  }

  #block(node: Element): void {
    for (const child of childElements(node)) {
      if (isWord(child, 'p')) this.#line(child, () => this.#inline(child, false, false));
      else if (isWord(child, 'tbl')) this.#table(child);
      else if (!isWord(child, ...SKIPPED)) this.#block(child);
    }
  }

  #table(table: Element): void {
    for (const row of childElements(table)) {
      if (isWord(row, 'tr')) this.#line(row, () => this.#cells(row).forEach((cell, index) => {
        if (index > 0) this.text.separate('\t');
        this.#cellText(cell, false);
      }));
      else if (!isWord(row, ...SKIPPED)) this.#table(row); // rows wrapped in content controls
    }
  }

  #line(element: Element, write: () => void): void {
    if (this.#view === 'removed' && !hasRemoval(element)) return;
    write();
    this.text.endLine();
    this.#flush();
  }

  #cells(row: Element): Element[] {
    return childElements(row).flatMap((child) => (isWord(child, 'tc') ? [child] : isWord(child, ...SKIPPED) ? [] : this.#cells(child)));
  }

  /** A cell's paragraphs and nested tables on the one line of its row, spaces between. */
  #cellText(cell: Element, separated: boolean): boolean {
    let written = separated;
    for (const child of childElements(cell)) {
      if (isWord(child, 'p')) {
        if (written) this.text.separate(' ');
        this.#inline(child, true, false);
        written = true;
      } else if (!isWord(child, ...SKIPPED)) written = this.#cellText(child, written);
    }
    return written;
  }

  #inline(node: Element, inCell: boolean, inserted: boolean): void {
    for (const child of childElements(node)) {
      if (!isWord(child, ...WORD_INLINE)) {
        this.#inline(child, inCell, inserted);
        continue;
      }
      switch (child.localName) {
        case 't':
          if (this.#view === 'current' || !inserted) this.text.append(child, child.textContent ?? '');
          break;
        case 'delText':
          this.text.append(child, child.textContent ?? '');
          break;
        case 'del':
        case 'moveFrom':
          if (this.#view === 'removed') this.#inline(child, inCell, inserted);
          break;
        case 'ins':
        case 'moveTo':
          this.#inline(child, inCell, true);
          break;
        case 'tab':
        case 'ptab':
          this.text.separate(inCell ? ' ' : '\t');
          break;
        case 'br':
        case 'cr':
          this.text.separate(inCell ? ' ' : '\n');
          break;
        case 'noBreakHyphen':
          this.text.separate('-');
          break;
        case 'txbxContent':
        case 'p':
        case 'tbl':
          this.#deferred.push(child);
          break;
        default:
          // Properties and field codes carry no reader-visible text.
          break;
      }
    }
  }

  #flush(): void {
    while (this.#deferred.length > 0) {
      const next = this.#deferred.shift();
      if (next === undefined) break;
      if (isWord(next, 'txbxContent')) this.#block(next);
      else if (isWord(next, 'tbl')) this.#table(next);
      else this.#line(next, () => this.#inline(next, false, false));
    }
  }
}

/** The main document first, then its comments, headers, footers, footnotes and endnotes. */
function textParts(entries: PackageEntries): string[] {
  const main = relationshipsOf(entries, '', 'docx').find((relationship) => relationship.type.endsWith('/officeDocument'))?.path;
  if (main === undefined || entries[main] === undefined) throw fileUnreadable('docx');
  const related = relationshipsOf(entries, main, 'docx')
    .filter((relationship) => TEXT_PART_TYPES.some((type) => relationship.type.endsWith(type)) && entries[relationship.path] !== undefined)
    .map((relationship) => relationship.path);
  return [main, ...new Set(related)];
}

function readPackage(bytes: Uint8Array, limits: ExtractLimits): PackageEntries {
  checkPackageSize(bytes, limits, 'docx');
  return unzipPackage(bytes, 'docx');
}

function rootOf(document: Document): Element {
  const root = document.documentElement;
  if (root === null) throw fileUnreadable('docx');
  return root;
}

const NO_PLACE: DocumentPart['locate'] = () => undefined;

export function extractDocxParts(bytes: Uint8Array, limits: ExtractLimits): DocumentPart[] {
  const entries = readPackage(bytes, limits);
  const parts: DocumentPart[] = [];
  for (const path of textParts(entries)) {
    const root = rootOf(parseXml(entries[path] ?? new Uint8Array(), 'docx'));
    parts.push({ name: path, text: new WordText('current', root).text.text(), locate: NO_PLACE });
    const removed = new WordText('removed', root).text;
    if (removed.length > 0) parts.push({ name: `${path} (修订删除 / tracked deletions)`, text: removed.text(), locate: NO_PLACE });
  }
  return parts;
}

/**
 * Rewrites, in place, the <w:t> and <w:delText> elements that hold a span; everything else in
 * the package — styles, images, relationships — is copied as it was. The removed view is built
 * after the current one is masked, so text both views share is masked once.
 */
export function maskDocxDocument(bytes: Uint8Array, findSpans: SpanFinder, limits: ExtractLimits): Uint8Array {
  const entries = readPackage(bytes, limits);
  for (const path of textParts(entries)) {
    const document = parseXml(entries[path] ?? new Uint8Array(), 'docx');
    let changed = false;
    for (const view of ['current', 'removed'] as const) {
      const text = new WordText(view, rootOf(document)).text;
      for (const [piece, masked] of maskPieces(text, findSpans(text.text()), maskFoundValue)) {
        setText(document, piece.key, masked);
        changed = true;
      }
    }
    if (changed) entries[path] = serializeXml(document);
  }
  return zipPackage(entries);
}

function setText(document: Document, element: Element, text: string): void {
  while (element.firstChild !== null) element.removeChild(element.firstChild);
  element.appendChild(document.createTextNode(text));
  // Without xml:space="preserve" Word drops the spaces at either end of the run.
  if (text !== text.trim()) element.setAttributeNS(XML_NAMESPACE, 'xml:space', 'preserve');
}
