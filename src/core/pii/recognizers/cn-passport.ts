import { candidatesAfter } from './context-window.ts';
import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { columnCellsBelow } from './text-table.ts';

/**
 * cn_passport: a passport number of 8 or 9 characters — a capital letter and 7 or 8 digits, or two
 * letters and 7 digits (the Chinese ordinary passport is E + 8 digits or E + letter + 7 digits;
 * older ones G + 8 digits). The shape
 * is shared by countless product and document codes, so a number counts only after a context word
 * (护照, 护照号, passport: CONTEXT_WORDS.passport) on the same line, or in a table column whose
 * header names a passport.
 */
const CANDIDATE = /[A-Z]{1,2}[0-9]{7,8}/g;
const PASSPORT_NUMBER = /^(?:[A-Z][0-9]{7,8}|[A-Z]{2}[0-9]{7})$/;
const LABEL_CONFIDENCE = 0.85;
const TABLE_CONFIDENCE = 0.9;

export function findPassports(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const seen = new Set<number>();
  const words = factsOf(text, facts).contextWords('passport');
  let resumeAt = 0;
  for (let word = 0; word < words.count; word += 1) {
    const start = words.starts[word] ?? 0;
    if (start < resumeAt) continue;
    for (const span of candidatesAfter(text, words.ends[word] ?? 0, CANDIDATE, isPassportNumber)) {
      if (seen.has(span.start)) continue;
      seen.add(span.start);
      findings.push({ type: 'cn_passport', start: span.start, end: span.end, confidence: LABEL_CONFIDENCE });
    }
    const table = columnCellsBelow(text, start, isPassportHeader);
    if (table === null) continue;
    for (const cell of table.cells) {
      if (seen.has(cell.start) || !isPassportNumber(text.slice(cell.start, cell.end))) continue;
      seen.add(cell.start);
      findings.push({ type: 'cn_passport', start: cell.start, end: cell.end, confidence: TABLE_CONFIDENCE });
    }
    resumeAt = table.end;
  }
  return findings.sort((left, right) => left.start - right.start);
}

function isPassportNumber(value: string): boolean {
  return PASSPORT_NUMBER.test(value);
}

function isPassportHeader(word: string): boolean {
  return word.includes('护照') || /passport/i.test(word);
}
