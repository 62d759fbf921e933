import { residentIdCheckCharacter, validateResidentId } from '../../../src/core/pii/index.ts';
import type { FoundSpan } from '../../../src/app/publication/document-part.ts';

/**
 * A stand-in for the recognizers (scanText), which are written elsewhere: 18-character resident
 * IDs that pass GB 11643 validation, never inside a longer run of digits or letters. Enough to
 * tell whether extraction shows a planted ID as one string and whether masking removed it.
 */
export function residentIdSpans(text: string): FoundSpan[] {
  const spans: FoundSpan[] = [];
  for (const match of text.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/gu)) {
    if (validateResidentId(match[0]).valid) spans.push({ start: match.index, end: match.index + match[0].length, type: 'cn_resident_id' });
  }
  return spans;
}

/** A valid resident ID from its first 17 digits. */
export function residentId(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}
