import type { RawFinding } from './recognizer.ts';
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

export function findIpv4Addresses(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  const quad = new RegExp(DOTTED_QUAD.source, 'g');
  for (let match = quad.exec(text); match !== null; match = quad.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = text.charCodeAt(start - 1);
    const after = text.charCodeAt(end);
    if (isWordCode(before) || before === DOT || isWordCode(after)) continue;
    // A fifth dotted number makes this a version or section number.
    if (after === DOT && isDigitCode(text.charCodeAt(end + 1))) {
      quad.lastIndex = skipDottedRun(text, end);
      continue;
    }
    if (match[0].split('.').every((octet) => OCTET.test(octet))) {
      findings.push({ type: 'ipv4', start, end, confidence: CONFIDENCE });
    }
  }
  return findings;
}

function skipDottedRun(text: string, from: number): number {
  let index = from;
  while (index < text.length && (text.charCodeAt(index) === DOT || isDigitCode(text.charCodeAt(index)))) index += 1;
  return index;
}
