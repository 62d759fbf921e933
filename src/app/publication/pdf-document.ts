import { fileURLToPath } from 'node:url';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentPart, ExtractLimits } from './document-part.ts';
import { fileTooLarge, fileUnreadable, megabytes } from './publication-errors.ts';

/** The part of pdf.js's TextItem that line assembly needs (kept at the edge, as STYLE.md asks). */
interface PdfTextItem {
  str: string;
  /** [a, b, c, d, x, y]: the text matrix; x and y are the baseline origin in page units. */
  transform: number[];
  width: number;
}

interface PlacedItem {
  text: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

/** Character maps for CJK fonts that rely on predefined encodings, and the standard 14 fonts' metrics. */
const PDFJS_DIRECTORY = fileURLToPath(new URL('./', import.meta.resolve('pdfjs-dist/package.json')));

/** Gaps between items on a line, in units of the font size. */
const JOIN_BELOW = 0.2;
const TAB_FROM = 1.5;
/** Items whose baselines differ by less than this share a line (superscripts, mixed fonts). */
const SAME_LINE = 0.5;

function isTextItem(item: object): item is PdfTextItem {
  return 'str' in item && 'transform' in item;
}

function placed(item: PdfTextItem): PlacedItem {
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  return { text: item.str, x, y, end: x + item.width, size: Math.max(Math.hypot(c, d), Math.hypot(a, b), 1) };
}

/**
 * Reassembles a page's text items into lines, top to bottom and left to right. Producers split
 * text wherever they like — per word, per glyph, per font change — so items on one baseline are
 * joined with nothing between them when they touch (an ID drawn digit by digit stays one
 * string), a space for a word gap, and a tab for a column gap, so a printed table still reads as
 * tab-separated rows.
 */
function pageText(items: readonly PlacedItem[]): string {
  const lines: { y: number; size: number; items: PlacedItem[] }[] = [];
  for (const item of items) {
    if (item.text.length === 0) continue;
    const line = lines.find((candidate) => Math.abs(candidate.y - item.y) <= SAME_LINE * Math.max(candidate.size, item.size));
    if (line) line.items.push(item);
    else lines.push({ y: item.y, size: item.size, items: [item] });
  }
  lines.sort((a, b) => b.y - a.y);
  return lines
    .map((line) => {
      let text = '';
      let previous: PlacedItem | undefined;
      for (const item of line.items.toSorted((a, b) => a.x - b.x)) {
        // pdf.js reports a wide gap as a whitespace item; the gap itself says more.
        if (item.text.trim().length === 0) continue;
        if (previous !== undefined) {
          // Fake bold: the same text drawn twice a fraction of a point apart.
          if (item.text === previous.text && Math.abs(item.x - previous.x) < 0.1 * item.size) continue;
          const gap = (item.x - previous.end) / item.size;
          if (gap >= TAB_FROM) text += '\t';
          else if (gap >= JOIN_BELOW) text += ' ';
        }
        text += item.text;
        previous = item;
      }
      return text;
    })
    .join('\n');
}

function unreadable(error: unknown): Error {
  if (error instanceof Error && error.name === 'PasswordException') {
    return fileUnreadable('pdf', error, '文件受密码保护', 'the file is password-protected');
  }
  return fileUnreadable('pdf', error);
}

/** One part per page of the text layer, located at its page. Scanned pages without OCR have none. */
export async function extractPdfParts(bytes: Uint8Array, limits: ExtractLimits): Promise<DocumentPart[]> {
  if (bytes.byteLength > limits.maxBytes) {
    throw fileTooLarge(`pdf 文件大于 ${megabytes(limits.maxBytes)}`, `the pdf file is larger than ${megabytes(limits.maxBytes)}`);
  }
  const task = getDocument({
    // pdf.js takes ownership of the buffer it is given; a copy keeps the caller's bytes intact.
    data: bytes.slice(),
    cMapUrl: `${PDFJS_DIRECTORY}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS_DIRECTORY}standard_fonts/`,
    // Text extraction needs no rendering: no system fonts, no font faces.
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const parts: DocumentPart[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const content = await (await document.getPage(number)).getTextContent();
      const text = pageText(content.items.flatMap((item) => (isTextItem(item) ? [placed(item)] : [])));
      const page = number;
      parts.push({ name: `page ${page}`, text, locate: (offset) => (offset >= 0 && offset <= text.length ? { page } : undefined) });
    }
    return parts;
  } catch (error) {
    throw unreadable(error);
  } finally {
    await task.destroy();
  }
}
