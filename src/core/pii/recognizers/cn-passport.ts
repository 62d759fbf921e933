import { candidatesAfter } from './context-window.ts';
import type { RawFinding } from './recognizer.ts';
import { columnCellsBelow } from './text-table.ts';

/**
 * cn_passport: a passport number of 8 or 9 characters — a capital letter and 7 or 8 digits, or two
 * letters and 7 digits (the Chinese ordinary passport is E + 8 digits or E + letter + 7 digits;
 * older ones G + 8 digits). The shape
 * is shared by countless product and document codes, so a number counts only after a context word
 * (护照, 护照号, passport) on the same line, or in a table column whose header names a passport.
 */
const CONTEXT = /护照|passport/gi;
const CANDIDATE = /[A-Z]{1,2}[0-9]{7,8}/g;
const PASSPORT_NUMBER = /^(?:[A-Z][0-9]{7,8}|[A-Z]{2}[0-9]{7})$/;
const LABEL_CONFIDENCE = 0.85;
const TABLE_CONFIDENCE = 0.9;

export function findPassports(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  const seen = new Set<number>();
  const context = new RegExp(CONTEXT.source, 'gi');
  for (let match = context.exec(text); match !== null; match = context.exec(text)) {
    for (const span of candidatesAfter(text, match.index + match[0].length, CANDIDATE, isPassportNumber)) {
      if (seen.has(span.start)) continue;
      seen.add(span.start);
      findings.push({ type: 'cn_passport', start: span.start, end: span.end, confidence: LABEL_CONFIDENCE });
    }
    const table = columnCellsBelow(text, match.index, isPassportHeader);
    if (table === null) continue;
    for (const cell of table.cells) {
      if (seen.has(cell.start) || !isPassportNumber(text.slice(cell.start, cell.end))) continue;
      seen.add(cell.start);
      findings.push({ type: 'cn_passport', start: cell.start, end: cell.end, confidence: TABLE_CONFIDENCE });
    }
    context.lastIndex = Math.max(context.lastIndex, table.end);
  }
  return findings.sort((left, right) => left.start - right.start);
}

function isPassportNumber(value: string): boolean {
  return PASSPORT_NUMBER.test(value);
}

function isPassportHeader(word: string): boolean {
  return word.includes('护照') || /passport/i.test(word);
}
