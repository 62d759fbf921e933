import { candidatesAfter } from './context-window.ts';
import { CONTEXT_WORDS } from './context-words.ts';
import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { hasContextBefore, standsAlone } from './text-classes.ts';
import { columnCellsBelow } from './text-table.ts';

/**
 * cn_hk_macau_permit: 往来港澳通行证 (mainland residents' permit to Hong Kong and Macao) and
 * 港澳居民来往内地通行证 (回乡证). Forms:
 * - the card permit issued since 2014: C + 8 characters, a digit or letter (no I or O) then
 *   7 digits — distinctive enough to report anywhere, with lower confidence without context;
 * - the older booklet: W + 8 digits; 回乡证: H or M + 8 or 10 digits — only after a context word
 *   (通行证, 港澳, 回乡证: CONTEXT_WORDS.permit) on the same line or in a column whose header
 *   names the permit.
 */
const STRICT = /C[0-9A-HJ-NP-Z][0-9]{7}/g;
const CONTEXT_PATTERN = new RegExp(CONTEXT_WORDS.permit.pattern.source);
const CANDIDATE = /[CWHM][0-9A-HJ-NP-Z]?[0-9]{7,10}/g;
const PERMIT_NUMBER = /^(?:C[0-9A-HJ-NP-Z][0-9]{7}|W[0-9]{8}|[HM][0-9]{8}(?:[0-9]{2})?)$/;
const CONTEXT_LOOKBEHIND = 40;
const CONTEXT_CONFIDENCE = 0.9;
const STRICT_CONFIDENCE = 0.7;

export function findHkMacauPermits(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const seen = new Set<number>();
  const add = (start: number, end: number, confidence: number): void => {
    if (seen.has(start)) return;
    seen.add(start);
    findings.push({ type: 'cn_hk_macau_permit', start, end, confidence });
  };

  // The card form is tried only at a capital C (text-facts.ts).
  const strict = new RegExp(STRICT.source, 'y');
  const known = factsOf(text, facts);
  const { permits, permitCount } = known.digitRuns;
  let searchFrom = 0;
  for (let index = 0; index < permitCount; index += 1) {
    const start = permits[index] ?? 0;
    if (start < searchFrom) continue;
    strict.lastIndex = start;
    const match = strict.exec(text);
    if (match === null) continue;
    const end = start + match[0].length;
    searchFrom = end;
    if (!standsAlone(text, start, end, false)) continue;
    add(start, end, hasContextBefore(text, start, CONTEXT_LOOKBEHIND, CONTEXT_PATTERN) ? CONTEXT_CONFIDENCE : STRICT_CONFIDENCE);
  }

  const words = known.contextWords('permit');
  let resumeAt = 0;
  for (let word = 0; word < words.count; word += 1) {
    const wordStart = words.starts[word] ?? 0;
    if (wordStart < resumeAt) continue;
    for (const span of candidatesAfter(text, words.ends[word] ?? 0, CANDIDATE, isPermitNumber)) {
      add(span.start, span.end, CONTEXT_CONFIDENCE);
    }
    const table = columnCellsBelow(text, wordStart, isPermitHeader);
    if (table === null) continue;
    for (const cell of table.cells) {
      if (isPermitNumber(text.slice(cell.start, cell.end))) add(cell.start, cell.end, CONTEXT_CONFIDENCE);
    }
    resumeAt = table.end;
  }
  return findings.sort((left, right) => left.start - right.start);
}

function isPermitNumber(value: string): boolean {
  return PERMIT_NUMBER.test(value);
}

function isPermitHeader(word: string): boolean {
  return word.includes('通行证') || word.includes('回乡证');
}
