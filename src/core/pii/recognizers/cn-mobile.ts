import { foldFullWidth } from '../fold-width.ts';
import { validateMobile } from '../mobile.ts';
import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { hasSeparator, isWordCode, standsAlone } from './text-classes.ts';

/**
 * cn_mobile: 11 digits starting 13–19 (MIIT numbering plan), optionally after +86, 0086 or 86,
 * written whole or in 3-4-4 groups split by a space or a hyphen. A mobile-shaped stretch inside a
 * longer number — a 13-digit millisecond timestamp, an order number — is not reported, nor is a
 * masked one (`138****5678`) or an amount (`¥13800138000.00`).
 *
 * The pattern looks for the 11-digit core, which starts with the single character 1 and so lets
 * the engine skip ahead quickly; the country code in front is read backwards afterwards.
 */
const CORE = /[1\uFF11][3-9\uFF13-\uFF19][0-9\uFF10-\uFF19][ -]?[0-9\uFF10-\uFF19]{4}[ -]?[0-9\uFF10-\uFF19]{4}/g;
const COUNTRY_CODES = ['+86', '\uFF0B86', '0086', '86'] as const;
const CONFIDENCE = 0.9;
const CORE_DIGITS = 11;

export function findMobiles(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const core = new RegExp(CORE.source, 'y');
  const runs = factsOf(text, facts).digitRuns;
  let searchFrom = 0;
  for (let number = 0; number < runs.numberCount; number += 1) {
    const run = runs.numbers[number] ?? 0;
    const runEnd = runs.ends[run] ?? 0;
    // As a search of the whole text would, go on after each match, within the run or past it.
    for (let at = nextStart(text, runs.starts[run] ?? 0, searchFrom, runEnd); at < runEnd; at = nextStart(text, at + 1, searchFrom, runEnd)) {
      // The first two characters as the pattern wants them (1, then 3–9), before it runs.
      if (!isOne(text.charCodeAt(at)) || !isNetworkDigit(text.charCodeAt(at + 1))) continue;
      if (runEnd - at > CORE_DIGITS) {
        // Eleven digits in a row, more after them: the pattern would read exactly those eleven,
        // and a digit after them makes them part of a longer number. A search goes on after them.
        searchFrom = at + CORE_DIGITS;
        continue;
      }
      // test, not exec: the number is copied out only once it stands alone.
      core.lastIndex = at;
      if (!core.test(text)) continue;
      const end = core.lastIndex;
      searchFrom = end;
      if (isWordCode(text.charCodeAt(end))) continue;
      const start = withCountryCode(text, at);
      if (standsAlone(text, start, end, hasSeparator(text, start, end)) && validateMobile(foldFullWidth(text.slice(at, end)).replace(/[ -]/g, '')).valid) {
        findings.push({ type: 'cn_mobile', start, end, confidence: CONFIDENCE });
      }
    }
  }
  return findings;
}

function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x2d;
}

function isOne(code: number): boolean {
  return code === 0x31 || code === 0xff11;
}

/** 3–9, the second digit of a mobile number, as CORE's second character. */
function isNetworkDigit(code: number): boolean {
  return (code >= 0x33 && code <= 0x39) || (code >= 0xff13 && code <= 0xff19);
}

/**
 * The first place at or after max(from, searchFrom) where the 11-digit core could start inside a
 * run of digits ending at `runEnd`: with 11 or more digits left, or 3 or 7 left before a
 * separator (138 0013 8000, 1380013 8000). The pattern cannot match anywhere else.
 */
function nextStart(text: string, from: number, searchFrom: number, runEnd: number): number {
  const at = Math.max(from, searchFrom);
  if (runEnd - at >= 11) return at;
  if (!isSeparator(text.charCodeAt(runEnd))) return runEnd;
  if (runEnd - at >= 7) return runEnd - 7;
  if (runEnd - at >= 3) return runEnd - 3;
  return runEnd;
}

/** Where the number starts once a country code written just before it (`+86 `, `0086-`, `86`) is included. */
function withCountryCode(text: string, coreStart: number): number {
  let position = coreStart;
  const separator = text.charCodeAt(position - 1);
  if (separator === 0x20 || separator === 0x2d) position -= 1;
  const before = foldFullWidth(text.slice(Math.max(0, position - 4), position));
  for (const code of COUNTRY_CODES) {
    if (before.endsWith(code)) return position - code.length;
  }
  return coreStart;
}
