import { DomainError } from '../shared/domain-error.ts';
import { foldFullWidth } from './fold-width.ts';
import { isProvinceCode } from './province-codes.ts';

/**
 * 公民身份号码 (resident ID number), GB 11643-1999:
 * 6-digit region code (GB/T 2260) + 8-digit birth date YYYYMMDD + 3-digit sequence (odd for men,
 * even for women) + 1 check character computed with ISO 7064 MOD 11-2.
 * First-generation cards carry a 15-digit form (region + YYMMDD + sequence, century 19, no check).
 */
export type ResidentIdInvalidReason = 'FORMAT' | 'PROVINCE' | 'DATE' | 'CHECKSUM';

export type ResidentIdValidation =
  | { valid: true; normalized: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { valid: false; reason: ResidentIdInvalidReason };

/** ISO 7064 MOD 11-2 weights: 2^(17-i) mod 11 for positions i = 1..17 (GB 11643-1999 §7). */
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11); 10 is written as the Roman numeral X. */
const CHECK_CHARACTERS = '10X98765432';

/**
 * The earliest and latest birth years accepted. The upper bound is fixed rather than read from a
 * clock so that validation is pure and gives the same answer tomorrow as today.
 */
const EARLIEST_BIRTH_YEAR = 1900;
const LATEST_BIRTH_YEAR = 2099;

export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainError('INVALID_IDENTIFIER_BODY', 'a resident ID body is exactly 17 digits');
  }
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += (first17.charCodeAt(index) - 0x30) * (CHECK_WEIGHTS[index] ?? 0);
  }
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/**
 * Trims, folds full-width characters and upper-cases x. A 15-digit first-generation number is
 * upgraded to 18 digits the way the public-security system does it: insert the century 19 after the
 * region code and append the computed check character. Anything else is returned folded but
 * otherwise untouched, so that validation can say what is wrong with it.
 */
export function normalizeResidentId(raw: string): string {
  const folded = foldFullWidth(raw).trim().toUpperCase();
  if (/^\d{15}$/.test(folded)) {
    const first17 = `${folded.slice(0, 6)}19${folded.slice(6)}`;
    return first17 + residentIdCheckCharacter(first17);
  }
  return folded;
}

export function validateResidentId(raw: string): ResidentIdValidation {
  const normalized = normalizeResidentId(raw);
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return { valid: false, reason: 'FORMAT' };
  }
  if (!isProvinceCode(normalized.slice(0, 2))) {
    return { valid: false, reason: 'PROVINCE' };
  }
  const year = digitsAt(normalized, 6, 4);
  const month = digitsAt(normalized, 10, 2);
  const day = digitsAt(normalized, 12, 2);
  if (year < EARLIEST_BIRTH_YEAR || year > LATEST_BIRTH_YEAR || !isCalendarDate(year, month, day)) {
    return { valid: false, reason: 'DATE' };
  }
  if (residentIdCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) {
    return { valid: false, reason: 'CHECKSUM' };
  }
  return {
    valid: true,
    normalized,
    birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
    // The 17th digit is the sequence's last digit: odd for men, even for women (GB 11643-1999 §5.3).
    sex: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: normalized.slice(0, 6),
  };
}

/** The number written by the `length` ASCII digits at `start` (the caller has checked they are digits). */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index += 1) value = value * 10 + (text.charCodeAt(index) - 0x30);
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Gregorian calendar arithmetic, without Date, so that no time zone can shift the answer. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= daysInMonth;
}
