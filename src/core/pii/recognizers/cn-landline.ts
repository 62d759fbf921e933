import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { followsReferenceLabel, hasSeparator, standsAlone } from './text-classes.ts';

/**
 * cn_landline: a fixed-line number with its trunk-prefixed area code — 010, 02x, or 0 and three
 * digits (0571) — then a 7- or 8-digit local number, optionally an extension:
 * `0571-87654321`, `(010)12345678`, `010 1234 5678`, `0571-87654321-8001`. Without the area
 * code a local number cannot be told from any other number, and service hotlines (12345, 12315,
 * 110, 95588, 400 numbers) carry no area code, so neither is reported. A number written in one
 * run of digits has no separator to vouch for it and gets a lower confidence.
 */
const CANDIDATE =
  /(?:[(\uFF08]0(?:10|2[0-9]|[3-9][0-9]{2})[)\uFF09][ -]?|0(?:10|2[0-9]|[3-9][0-9]{2})[ -]?)[1-9][0-9]{2,3}[ -]?[0-9]{4}(?:-[0-9]{1,5})?/g;
const GROUPED_CONFIDENCE = 0.85;
const RUN_CONFIDENCE = 0.6;

export function findLandlines(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const candidate = new RegExp(CANDIDATE.source, 'y');
  const runs = factsOf(text, facts).digitRuns;
  let searchFrom = 0;
  const tryAt = (at: number): void => {
    // test, not exec: only where the match ends is needed, and no match array is made for it.
    candidate.lastIndex = at;
    if (!candidate.test(text)) return;
    const start = at;
    const end = candidate.lastIndex;
    searchFrom = end;
    const parenthesised = text.charCodeAt(start) !== 0x30;
    const grouped = parenthesised || hasSeparator(text, start, end);
    if (!standsAlone(text, start, end, grouped)) return;
    if (!grouped && followsReferenceLabel(text, start)) return;
    findings.push({ type: 'cn_landline', start, end, confidence: grouped ? GROUPED_CONFIDENCE : RUN_CONFIDENCE });
  };
  for (let number = 0; number < runs.numberCount; number += 1) {
    const run = runs.numbers[number] ?? 0;
    const runStart = runs.starts[run] ?? 0;
    const runEnd = runs.ends[run] ?? 0;
    // `(0571)…`: the parenthesis before a run that starts with the trunk prefix.
    const opening = text.charCodeAt(runStart - 1);
    if (runStart - 1 >= searchFrom && (opening === 0x28 || opening === 0xff08) && text.charCodeAt(runStart) === 0x30) tryAt(runStart - 1);
    for (let at = nextStart(text, runStart, searchFrom, runEnd); at < runEnd; at = nextStart(text, at + 1, searchFrom, runEnd)) {
      if (text.charCodeAt(at) === 0x30) tryAt(at);
    }
  }
  return findings;
}

/**
 * The first place at or after max(from, searchFrom) where `0571-87654321` and its kin could
 * start inside a run of digits ending at `runEnd`: where the digits left before a separator are
 * the whole number and more (10 or more), an area code and a local part (6–8), or an area code
 * (3–4). 5 and 9 fit no layout, fewer than 10 need the separator (a space or hyphen) after the
 * run, and the pattern cannot match anywhere else.
 */
function nextStart(text: string, from: number, searchFrom: number, runEnd: number): number {
  const at = Math.max(from, searchFrom);
  const left = runEnd - at;
  if (left >= 10) return at;
  const after = text.charCodeAt(runEnd);
  if (after !== 0x20 && after !== 0x2d) return runEnd;
  if (left >= 3 && left !== 5 && left !== 9) return at;
  if (left === 9) return runEnd - 8;
  if (left === 5) return runEnd - 4;
  return runEnd;
}
