import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { isDigitCode, isWordCode } from './text-classes.ts';

/**
 * ipv4: dotted-quad addresses, each octet 0–255 written without a leading zero (`010` is octal
 * to some parsers and decimal to others, so such a string is not a clean address). A run of more
 * than four dotted numbers is a version or section number (`1.2.3.4.5`), not an address, and so
 * is one glued to letters (`v1.2.3.4`).
 */
const DOTTED_QUAD = /[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}/g;
const OCTET = /^(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/;
const DOT = 0x2e;
const CONFIDENCE = 0.7;
const LONGEST_OCTET = 3;

export function findIpv4Addresses(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const quad = new RegExp(DOTTED_QUAD.source, 'y');
  const runs = factsOf(text, facts).digitRuns;
  let searchFrom = 0;
  // The first octet is at most three digits and a dot follows it: only the last three digits of a
  // run followed by a dot can start one.
  for (let dotted = 0; dotted < runs.dottedCount; dotted += 1) {
    const run = runs.dotted[dotted] ?? 0;
    const runEnd = runs.ends[run] ?? 0;
    // Any quad starting in this run has its first dot at the run's end: what follows it decides
    // for every start at once, before the pattern runs (most dotted numbers are amounts).
    if (!threeOctetsFollow(text, runEnd)) continue;
    for (let at = Math.max(runs.starts[run] ?? 0, runEnd - LONGEST_OCTET, searchFrom); at < runEnd; at = Math.max(at + 1, searchFrom)) {
      quad.lastIndex = at;
      const match = quad.exec(text);
      if (match === null) continue;
      const start = at;
      const end = start + match[0].length;
      searchFrom = end;
      const before = text.charCodeAt(start - 1);
      const after = text.charCodeAt(end);
      if (isWordCode(before) || before === DOT || isWordCode(after)) continue;
      // A fifth dotted number makes this a version or section number.
      if (after === DOT && isDigitCode(text.charCodeAt(end + 1))) {
        searchFrom = skipDottedRun(text, end);
        continue;
      }
      if (match[0].split('.').every((octet) => OCTET.test(octet))) {
        findings.push({ type: 'ipv4', start, end, confidence: CONFIDENCE });
      }
    }
  }
  return findings;
}

/** Whether `.d.d.d` follows at `dot` as the pattern reads it: 1–3 ASCII digits between the dots, at least one after the last. */
function threeOctetsFollow(text: string, dot: number): boolean {
  let index = dot;
  for (let octet = 0; octet < 3; octet += 1) {
    if (text.charCodeAt(index) !== DOT) return false;
    index += 1;
    const start = index;
    while (index - start < LONGEST_OCTET && isAsciiDigit(text.charCodeAt(index))) index += 1;
    if (index === start) return false;
  }
  return true;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function skipDottedRun(text: string, from: number): number {
  let index = from;
  while (index < text.length && (text.charCodeAt(index) === DOT || isDigitCode(text.charCodeAt(index)))) index += 1;
  return index;
}
