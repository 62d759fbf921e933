import ExcelJS from 'exceljs';
import type { Element } from '@xmldom/xmldom';
import { cellValueText } from '../catalog/transfer/cell-value-text.ts';
import type { DocumentPart, ExtractLimits, SpanFinder } from './document-part.ts';
import { maskFoundValue } from './mask-for-type.ts';
import { checkPackageSize, parseXml, relationshipsOf, unzipPackage, type PackageEntries } from './ooxml-package.ts';
import { PieceText, maskPieces, type Piece } from './piece-text.ts';
import { fileUnreadable } from './publication-errors.ts';

const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIP_ATTRIBUTE_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const OFFICE_DOCUMENT = '/officeDocument';
const COMMENTS = '/comments';
const CELL_REFERENCE = /^[A-Z]{1,3}[1-9]\d{0,6}$/u;

/** What a piece of a sheet's text is: a cell's value, one run of its rich text, or one run of its note. */
interface CellPiece {
  cell: ExcelJS.Cell;
  kind: 'value' | 'run' | 'note';
  index: number;
}

interface SheetText {
  sheet: ExcelJS.Worksheet;
  /** One line per row, line n is row n; cells tab-separated in column order, the header row first. */
  cells: PieceText<CellPiece>;
  /** One line per note, each located at its cell. */
  notes: PieceText<CellPiece>;
}

/** Tabs and line breaks inside a cell would split its row; the view shows them as spaces. */
function flat(text: string): string {
  return text.replace(/[\t\r\n]/gu, ' ');
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function elementsOf(parent: Element, localName: string): Element[] {
  const list = parent.getElementsByTagNameNS(SPREADSHEET_NS, localName);
  const elements: Element[] = [];
  for (let index = 0; index < list.length; index += 1) {
    const element = list.item(index);
    if (element !== null) elements.push(element);
  }
  return elements;
}

/**
 * The cell references that carry a note, per sheet name, read from the package itself. exceljs
 * attaches a note only to a cell that has a value or a style, and silently drops a note on an empty
 * cell — where a note typed beside a list sits. Reading the comments parts directly finds them all.
 */
function noteReferences(entries: PackageEntries): Map<string, { reference: string; text: string }[]> {
  const notes = new Map<string, { reference: string; text: string }[]>();
  const workbookPath = relationshipsOf(entries, '', 'xlsx').find((relationship) => relationship.type.endsWith(OFFICE_DOCUMENT))?.path;
  const workbookData = workbookPath === undefined ? undefined : entries[workbookPath];
  if (workbookPath === undefined || workbookData === undefined) throw fileUnreadable('xlsx');
  const sheetPaths = new Map(relationshipsOf(entries, workbookPath, 'xlsx').map((relationship) => [relationship.id, relationship.path]));
  for (const sheet of elementsOf(parseXml(workbookData, 'xlsx').documentElement as Element, 'sheet')) {
    const sheetPath = sheetPaths.get(sheet.getAttributeNS(RELATIONSHIP_ATTRIBUTE_NS, 'id') ?? '');
    if (sheetPath === undefined) continue;
    const list: { reference: string; text: string }[] = [];
    for (const relationship of relationshipsOf(entries, sheetPath, 'xlsx')) {
      const data = relationship.type.endsWith(COMMENTS) ? entries[relationship.path] : undefined;
      if (data === undefined) continue;
      for (const comment of elementsOf(parseXml(data, 'xlsx').documentElement as Element, 'comment')) {
        const reference = (comment.getAttribute('ref') ?? '').toUpperCase();
        if (!CELL_REFERENCE.test(reference)) continue;
        list.push({ reference, text: elementsOf(comment, 't').map((run) => run.textContent ?? '').join('') });
      }
    }
    notes.set(sheet.getAttribute('name') ?? '', list);
  }
  return notes;
}

/** The package parts that lead to the notes: relationships, the workbook and its comments, not the sheets' cells. */
function wantedForNotes(path: string): boolean {
  return path.endsWith('.rels') || (path.endsWith('.xml') && !/worksheets\/|sharedStrings|styles|theme/iu.test(path));
}

async function loadWorkbook(bytes: Uint8Array, limits: ExtractLimits): Promise<{ workbook: ExcelJS.Workbook; notes: Map<string, { reference: string; text: string }[]> }> {
  checkPackageSize(bytes, limits, 'xlsx');
  const notes = noteReferences(unzipPackage(bytes, 'xlsx', wantedForNotes));
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(toArrayBuffer(bytes));
  } catch (error) {
    throw fileUnreadable('xlsx', error);
  }
  // Give exceljs back the notes it dropped, so that scanning sees them and masking rewrites them.
  for (const sheet of workbook.worksheets) {
    for (const note of notes.get(sheet.name) ?? []) {
      const cell = sheet.getCell(note.reference);
      if (cell.note === undefined) cell.note = note.text;
    }
  }
  return { workbook, notes };
}

function appendNote(text: PieceText<CellPiece>, cell: ExcelJS.Cell): void {
  const note: ExcelJS.Cell['note'] | undefined = cell.note;
  if (note === undefined) return;
  if (typeof note === 'string') text.append({ cell, kind: 'note', index: 0 }, note, flat(note));
  else (note.texts ?? []).forEach((run, index) => text.append({ cell, kind: 'note', index }, run.text, flat(run.text)));
  text.endLine();
}

/**
 * Every sheet, whatever its state: hidden and veryHidden sheets, hidden rows and hidden columns
 * are where leaked lists have sat (issue #6), so visibility is never a filter here.
 */
function sheetTexts(workbook: ExcelJS.Workbook, notes: Map<string, { reference: string }[]>): SheetText[] {
  return workbook.worksheets.map((sheet) => {
    const cells = new PieceText<CellPiece>();
    let line = 1;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      for (; line < rowNumber; line += 1) cells.separate('\n');
      let column = 1;
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        for (; column < columnNumber; column += 1) cells.separate('\t');
        // A merged range holds its value in the master cell; the others only point at it.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const value = cell.value;
        if (value !== null && typeof value === 'object' && 'richText' in value) {
          value.richText.forEach((run, index) => cells.append({ cell, kind: 'run', index }, run.text, flat(run.text)));
        } else {
          const text = cellValueText(value) ?? '';
          cells.append({ cell, kind: 'value', index: 0 }, text, flat(text));
        }
      });
    });
    const noteText = new PieceText<CellPiece>();
    for (const note of notes.get(sheet.name) ?? []) appendNote(noteText, sheet.getCell(note.reference));
    return { sheet, cells, notes: noteText };
  });
}

function locator(sheet: string, text: PieceText<CellPiece>): DocumentPart['locate'] {
  return (offset) => {
    const piece = text.pieceAt(offset);
    return piece === undefined ? undefined : { sheet, cell: piece.key.cell.address };
  };
}

/** A part per sheet (named after it) and, where a sheet has notes, a part of its notes. */
export async function extractXlsxParts(bytes: Uint8Array, limits: ExtractLimits): Promise<DocumentPart[]> {
  const { workbook, notes } = await loadWorkbook(bytes, limits);
  const parts: DocumentPart[] = [];
  for (const { sheet, cells, notes: noteText } of sheetTexts(workbook, notes)) {
    parts.push({ name: sheet.name, text: cells.text(), locate: locator(sheet.name, cells) });
    if (noteText.length > 0) parts.push({ name: `${sheet.name} (批注 / notes)`, text: noteText.text(), locate: locator(sheet.name, noteText) });
  }
  return parts;
}

function rewriteCells(rewritten: Map<Piece<CellPiece>, string>): void {
  const runs = new Map<ExcelJS.Cell, Map<number, string>>();
  const noteRuns = new Map<ExcelJS.Cell, Map<number, string>>();
  for (const [piece, text] of rewritten) {
    const { cell, kind, index } = piece.key;
    // A formula, number or hyperlink that showed personal data becomes the masked text itself:
    // a kept formula or link target would bring the value back when Excel recalculates or opens it.
    if (kind === 'value') cell.value = text;
    else {
      const byCell = kind === 'run' ? runs : noteRuns;
      const texts = byCell.get(cell) ?? new Map<number, string>();
      texts.set(index, text);
      byCell.set(cell, texts);
    }
  }
  for (const [cell, texts] of runs) {
    const value = cell.value as ExcelJS.CellRichTextValue;
    cell.value = { richText: value.richText.map((run, index) => ({ ...run, text: texts.get(index) ?? run.text })) };
  }
  for (const [cell, texts] of noteRuns) {
    const note = cell.note;
    cell.note = typeof note === 'string' ? (texts.get(0) ?? note) : { ...note, texts: (note.texts ?? []).map((run, index) => ({ ...run, text: texts.get(index) ?? run.text })) };
  }
}

/**
 * Turns every shared-formula clone into a formula of its own. A masked master cell becomes plain
 * text, and exceljs refuses to write clones whose master is no longer a formula; translated
 * formulas compute exactly what the clones did.
 */
function unshareFormulas(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        if (value !== null && typeof value === 'object' && 'sharedFormula' in value && cell.formula) {
          cell.value = { formula: cell.formula, result: value.result };
        }
      });
    });
  }
}

/** Rewrites cell values and notes in every sheet, hidden ones included, and writes the workbook anew. */
export async function maskXlsxDocument(bytes: Uint8Array, findSpans: SpanFinder, limits: ExtractLimits): Promise<Uint8Array> {
  const { workbook, notes } = await loadWorkbook(bytes, limits);
  unshareFormulas(workbook);
  for (const { cells, notes: noteText } of sheetTexts(workbook, notes)) {
    rewriteCells(maskPieces(cells, findSpans(cells.text()), maskFoundValue));
    rewriteCells(maskPieces(noteText, findSpans(noteText.text()), maskFoundValue));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
