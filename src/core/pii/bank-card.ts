import { DomainError } from '../shared/domain-error.ts';
import { foldFullWidth } from './fold-width.ts';

/**
 * Payment card numbers (PAN), ISO/IEC 7812: 16–19 digits for cards issued in China, the last being
 * a Luhn (mod 10) check digit. Luhn only catches typing errors; a random 16-digit string passes it
 * one time in ten, so a valid result means "could be a card number", not "is one".
 */
export type BankCardInvalidReason = 'FORMAT' | 'CHECKSUM';

export type BankCardValidation = { valid: true; normalized: string } | { valid: false; reason: BankCardInvalidReason };

/** The Luhn digit to append to `body` (all digits but the check digit). */
export function bankCardCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) {
    throw new DomainError('INVALID_IDENTIFIER_BODY', 'a card number body is digits only');
  }
  return String((10 - (luhnSum(body, true) % 10)) % 10);
}

/** Folds width and drops the spaces and dashes printed between digit groups. */
export function normalizeBankCard(raw: string): string {
  return foldFullWidth(raw).trim().replace(/[\s-]/g, '');
}

export function validateBankCard(raw: string): BankCardValidation {
  const normalized = normalizeBankCard(raw);
  if (!/^\d{16,19}$/.test(normalized)) {
    return { valid: false, reason: 'FORMAT' };
  }
  if (luhnSum(normalized, false) % 10 !== 0) {
    return { valid: false, reason: 'CHECKSUM' };
  }
  return { valid: true, normalized };
}

/**
 * Walks the digits from the right, doubling every second one and subtracting 9 from doubled
 * values above 9. `doubleRightmost` is true when the check digit is not yet in the string.
 */
function luhnSum(digits: string, doubleRightmost: boolean): number {
  let sum = 0;
  let double = doubleRightmost;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = Number(digits[index]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum;
}
