import { describe, it, expect } from 'vitest';
import { bankCardCheckDigit, normalizeBankCard, validateBankCard } from './bank-card.ts';

/*
 * Luhn by hand (from the right, the check digit is not doubled, every second digit after it is,
 * and doubled values above 9 lose 9):
 *   4111111111111111: leading 4 doubled → 8; seven other doubled 1s → 14; eight undoubled 1s → 8;
 *     8 + 14 + 8 = 30 ≡ 0 mod 10.
 *   6200000000000005 (16 digits): 6 doubled → 12 → 3; 2 undoubled → 2; 3 + 2 + 5 = 10 ≡ 0.
 *   6200000000000000000 (19 digits): 6 undoubled → 6; 2 doubled → 4; 6 + 4 + 0 = 10 ≡ 0.
 */
describe('bankCardCheckDigit', () => {
  it('matches hand-computed digits', () => {
    expect(bankCardCheckDigit('620000000000000')).toBe('5');
    expect(bankCardCheckDigit('411111111111111')).toBe('1');
    expect(bankCardCheckDigit('620000000000000000')).toBe('0');
  });

  it('refuses non-digits', () => {
    expect(() => bankCardCheckDigit('62000a')).toThrow();
  });
});

describe('normalizeBankCard', () => {
  it('drops group separators and folds full width', () => {
    expect(normalizeBankCard(' 6200 0000 0000 0005 ')).toBe('6200000000000005');
    expect(normalizeBankCard('６２００-００００-００００-０００５')).toBe('6200000000000005');
  });
});

describe('validateBankCard', () => {
  it('accepts Luhn-valid 16- and 19-digit numbers', () => {
    expect(validateBankCard('6200000000000005')).toEqual({ valid: true, normalized: '6200000000000005' });
    expect(validateBankCard('4111 1111 1111 1111').valid).toBe(true);
    expect(validateBankCard('6200000000000000000').valid).toBe(true);
  });

  it('rejects Luhn decoys: one digit off, two adjacent digits swapped', () => {
    expect(validateBankCard('6200000000000006')).toEqual({ valid: false, reason: 'CHECKSUM' });
    expect(validateBankCard('4111111111111112')).toEqual({ valid: false, reason: 'CHECKSUM' });
    // Swapping 6 and 2: 2 doubled → 4, 6 undoubled → 6, +5 = 15.
    expect(validateBankCard('2600000000000005')).toEqual({ valid: false, reason: 'CHECKSUM' });
  });

  it('rejects lengths outside 16–19 even when Luhn passes', () => {
    // 15 digits: 6 undoubled, 2 doubled → 4, check 0 → 10 ≡ 0, but too short.
    expect(validateBankCard('620000000000000')).toEqual({ valid: false, reason: 'FORMAT' });
    expect(validateBankCard('62000000000000000000')).toEqual({ valid: false, reason: 'FORMAT' });
    expect(validateBankCard('')).toEqual({ valid: false, reason: 'FORMAT' });
    expect(validateBankCard('6200a00000000005')).toEqual({ valid: false, reason: 'FORMAT' });
  });
});
