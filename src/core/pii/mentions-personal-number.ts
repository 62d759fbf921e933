import type { FieldError } from '../shared/domain-error.ts';
import { foldFullWidth } from './fold-width.ts';
import { validateMobile } from './mobile.ts';
import { validateResidentId } from './resident-id.ts';

/** Digit groups as people type them, spaced or dashed; a resident ID may end in X. */
const NUMBER_RUN = /[0-9][0-9Xx]*(?:[\s-]+[0-9][0-9Xx]*)*/g;
const RESIDENT_ID_LENGTH = 18;

/**
 * Whether free text holds a resident ID, a mobile number (GB/T 35273 §3.1 personal information)
 * or a given subject's normalised identifier. Each span of adjacent digit groups is tried whole, so
 * "138 0013 8000" and "+86 138-0013-8000" are found; long runs are also searched for an embedded
 * resident ID, whose date, province and MOD 11-2 check make accidental hits rare. Mobile numbers
 * are matched only as whole spans, since any long reference number would contain an 11-digit
 * window starting 13–19.
 */
export function mentionsPersonalNumber(text: string, normalizedSubject?: string): boolean {
  const folded = foldFullWidth(text);
  if (normalizedSubject !== undefined && folded.replace(/[\s-]/g, '').toUpperCase().includes(normalizedSubject)) return true;
  for (const run of folded.match(NUMBER_RUN) ?? []) {
    const groups = run.split(/[\s-]+/);
    for (let first = 0; first < groups.length; first += 1) {
      let span = '';
      for (let last = first; last < groups.length && span.length <= RESIDENT_ID_LENGTH; last += 1) {
        span += groups[last];
        if (validateResidentId(span).valid || validateMobile(span).valid) return true;
      }
    }
    const digits = groups.join('');
    for (let start = 0; start + RESIDENT_ID_LENGTH <= digits.length; start += 1) {
      if (validateResidentId(digits.slice(start, start + RESIDENT_ID_LENGTH)).valid) return true;
    }
  }
  return false;
}

/**
 * Free text officials write — reasons, purposes, descriptions — goes into records and the audit
 * log, where personal data never appears in plaintext (DESIGN §7). One field error per field that
 * names a resident ID or a mobile number.
 */
export function personalNumberErrors(fields: readonly (readonly [path: string, text: string | null | undefined])[]): FieldError[] {
  return fields
    .filter(([, text]) => text != null && mentionsPersonalNumber(text))
    .map(([path]) => ({ path, code: 'TEXT_HAS_PERSONAL_DATA', message: '不得填写身份证号或手机号，请用文书编号等指代 / no resident IDs or mobile numbers here; refer to a document number instead' }));
}
