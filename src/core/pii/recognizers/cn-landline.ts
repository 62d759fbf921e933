import type { RawFinding } from './recognizer.ts';
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

export function findLandlines(text: string): RawFinding[] {
  const findings: RawFinding[] = [];
  const candidate = new RegExp(CANDIDATE.source, 'g');
  for (let match = candidate.exec(text); match !== null; match = candidate.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const parenthesised = match[0].charCodeAt(0) !== 0x30;
    const grouped = parenthesised || hasSeparator(text, start, end);
    if (!standsAlone(text, start, end, grouped)) continue;
    if (!grouped && followsReferenceLabel(text, start)) continue;
    findings.push({ type: 'cn_landline', start, end, confidence: grouped ? GROUPED_CONFIDENCE : RUN_CONFIDENCE });
  }
  return findings;
}
