import { describe, it, expect } from 'vitest';
import { normalizeResidentId, residentIdCheckCharacter, validateResidentId } from './resident-id.ts';

/*
 * Known answers, worked out by hand with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
 * and check characters "1 0 X 9 8 7 6 5 4 3 2" for remainders 0..10.
 *
 * 11010519491231002X — the example printed in GB 11643-1999:
 *   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
 *   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X
 * 110101199003070011:
 *   7+9+0+5+0+4+2+9+54+0+0+27+0+35+0+0+2 = 154; 154 mod 11 = 0 → 1
 * 990101199003070015 (same body, province 99): 154 + 8·7 + 8·9 = 282; 282 mod 11 = 7 → 5
 * 11010119990230001X (Feb 30): 7+9+0+5+0+4+2+9+54+27+0+18+30+0+0+0+2 = 167 → X
 */
const STANDARD_EXAMPLE = '11010519491231002X';
const MALE_EXAMPLE = '110101199003070011';

describe('residentIdCheckCharacter', () => {
  it('matches the hand-computed check characters', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('11010119900307001')).toBe('1');
    expect(residentIdCheckCharacter('99010119900307001')).toBe('5');
    expect(residentIdCheckCharacter('11010119990230001')).toBe('X');
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow();
    expect(() => residentIdCheckCharacter('1101051949123100A')).toThrow();
  });
});

describe('normalizeResidentId', () => {
  it('trims, folds full width and upper-cases x', () => {
    expect(normalizeResidentId('  １１０１０５１９４９１２３１００２ｘ ')).toBe(STANDARD_EXAMPLE);
    expect(normalizeResidentId('11010519491231002x')).toBe(STANDARD_EXAMPLE);
    expect(normalizeResidentId('\u300011010519491231002Ｘ\u3000')).toBe(STANDARD_EXAMPLE);
  });

  it('upgrades a 15-digit first-generation number (known answer)', () => {
    // 110105 491231 002 → 110105 19 491231 002 + check X (computed above).
    expect(normalizeResidentId('110105491231002')).toBe(STANDARD_EXAMPLE);
  });

  it('leaves other shapes alone for validation to judge', () => {
    expect(normalizeResidentId('1101051949')).toBe('1101051949');
    expect(normalizeResidentId('')).toBe('');
  });
});

describe('validateResidentId', () => {
  it('accepts the standard example and reports its parts', () => {
    expect(validateResidentId(STANDARD_EXAMPLE)).toEqual({
      valid: true,
      normalized: STANDARD_EXAMPLE,
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
  });

  it('reads sex from the 17th digit', () => {
    const result = validateResidentId(MALE_EXAMPLE);
    expect(result.valid && result.sex).toBe('male');
    expect(result.valid && result.birthDate).toBe('1990-03-07');
  });

  it('accepts lower-case x, full-width input and the 15-digit form', () => {
    expect(validateResidentId('11010519491231002x').valid).toBe(true);
    expect(validateResidentId('１１０１０５１９４９１２３１００２Ｘ').valid).toBe(true);
    const upgraded = validateResidentId('110105491231002');
    expect(upgraded.valid && upgraded.normalized).toBe(STANDARD_EXAMPLE);
  });

  it('rejects a wrong check character', () => {
    expect(validateResidentId('110105194912310021')).toEqual({ valid: false, reason: 'CHECKSUM' });
    expect(validateResidentId('110101199003070012')).toEqual({ valid: false, reason: 'CHECKSUM' });
  });

  it('rejects an impossible date even with a correct check character', () => {
    expect(validateResidentId('11010119990230001X')).toEqual({ valid: false, reason: 'DATE' });
  });

  it('rejects month 13, day 0, Feb 29 of a non-leap year and out-of-range years', () => {
    const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);
    expect(validateResidentId(withCheck('11010119901301001'))).toEqual({ valid: false, reason: 'DATE' });
    expect(validateResidentId(withCheck('11010119900100001'))).toEqual({ valid: false, reason: 'DATE' });
    expect(validateResidentId(withCheck('11010119000229001'))).toEqual({ valid: false, reason: 'DATE' });
    expect(validateResidentId(withCheck('11010121000101001'))).toEqual({ valid: false, reason: 'DATE' });
    // 440524188001010014 is the other GB 11643 example; its checksum is right but 1880 is before 1900.
    expect(validateResidentId('440524188001010014')).toEqual({ valid: false, reason: 'DATE' });
    // 2000 is a leap year (divisible by 400), 2099 is the last accepted year.
    expect(validateResidentId(withCheck('11010120000229001')).valid).toBe(true);
    expect(validateResidentId(withCheck('11010120991231001')).valid).toBe(true);
  });

  it('rejects an unknown province even with a correct check character', () => {
    expect(validateResidentId('990101199003070015')).toEqual({ valid: false, reason: 'PROVINCE' });
  });

  it('rejects a 15-digit number whose date is impossible', () => {
    expect(validateResidentId('110101990230001')).toEqual({ valid: false, reason: 'DATE' });
  });

  it('rejects malformed input as FORMAT', () => {
    for (const value of ['', '1101051949123100', '1101051949123100211', '11010519491231002Y', '1101051949123100X2', '11010519491231 002X']) {
      expect(validateResidentId(value)).toEqual({ valid: false, reason: 'FORMAT' });
    }
  });
});
