import type { RawFinding } from './recognizer.ts';
import { factsOf, type TextFacts } from './text-facts.ts';
import { isMaskCode } from './text-classes.ts';

/**
 * email: local@domain.tld, found by looking at each `@` (TextFacts notes them) and reading outwards, which is far
 * cheaper than a regular expression that tries every position. The local part takes the
 * characters RFC 5322 dot-atoms commonly use; the domain needs at least one dot and an alphabetic
 * top-level label of two or more letters. A masked address (`z***@example.com`, `zhang@***.com`)
 * is not reported.
 */
const MOST_LOCAL_UNITS = 64;
const MOST_DOMAIN_UNITS = 253;
const LEAST_TLD_LETTERS = 2;
const CONFIDENCE = 0.95;

export function findEmails(text: string, facts?: TextFacts): RawFinding[] {
  const findings: RawFinding[] = [];
  const { offsets, count } = factsOf(text, facts).atSigns;
  let resumeAt = 0;
  for (let sign = 0; sign < count; sign += 1) {
    const at = offsets[sign] ?? 0;
    // A search goes on after each address it found.
    if (at < resumeAt) continue;
    let start = at;
    while (start > 0 && at - start < MOST_LOCAL_UNITS && isLocalCode(text.charCodeAt(start - 1))) start -= 1;
    while (start < at && text.charCodeAt(start) === 0x2e) start += 1;
    if (start === at || isMaskCode(text.charCodeAt(start - 1)) || text.charCodeAt(at - 1) === 0x2e) continue;
    const end = domainEnd(text, at + 1);
    if (end === -1) continue;
    findings.push({ type: 'email', start, end, confidence: CONFIDENCE });
    resumeAt = end;
  }
  return findings;
}

function isLocalCode(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d
  );
}

function isLetterCode(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The end of a dotted domain starting at `from`, or -1 when there is none. */
function domainEnd(text: string, from: number): number {
  let index = from;
  let lastDot = -1;
  let labelStart = from;
  while (index < text.length && index - from <= MOST_DOMAIN_UNITS) {
    const code = text.charCodeAt(index);
    if (isLetterCode(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d) {
      index += 1;
      continue;
    }
    if (code !== 0x2e || index === labelStart || text.charCodeAt(index - 1) === 0x2d) break;
    lastDot = index;
    index += 1;
    labelStart = index;
  }
  // Drop a trailing dot or hyphen (the end of a sentence), then check the top-level label.
  let end = index;
  while (end > from && (text.charCodeAt(end - 1) === 0x2e || text.charCodeAt(end - 1) === 0x2d)) end -= 1;
  if (lastDot === -1 || isMaskCode(text.charCodeAt(end))) return -1;
  const tldStart = text.lastIndexOf('.', end - 1) + 1;
  if (tldStart <= from || end - tldStart < LEAST_TLD_LETTERS) return -1;
  for (let position = tldStart; position < end; position += 1) {
    if (!isLetterCode(text.charCodeAt(position))) return -1;
  }
  return end;
}
