import { describe, it, expect } from 'vitest';
import { isValidOrganisationCode, organisationCodeCheckCharacter } from './organisation-code.ts';

/*
 * By hand, weights 3 7 9 10 5 8 4 2, check = 11 - sum mod 11 (10 → X, 11 → 0):
 *   19220382: 3+63+18+20+0+24+32+4 = 164; 164 mod 11 = 10; 11-10 = 1 → 19220382-1
 *   00000000: sum 0; 11-0 = 11 → 0
 *   00000001: 1·2 = 2; 11-2 = 9 → 9
 *   10000000: 1·3 = 3; 11-3 = 8 → 8
 *   A0000000: 10·3 = 30; 30 mod 11 = 8; 11-8 = 3 → 3
 *   00000005: 5·2 = 10; 11-10 = 1 → 1;   00000010: 1·4 = 4; 11-4 = 7
 *   0000000A (value 10): 10·2 = 20; 20 mod 11 = 9; 11-9 = 2
 *   00000100: 1·8 = 8; 11-8 = 3;  01000000: 1·7 = 7 → 4; 00000006: 12 mod 11 = 1 → X
 */
describe('organisationCodeCheckCharacter', () => {
  it('matches hand-computed answers, including the X and 0 cases', () => {
    expect(organisationCodeCheckCharacter('19220382')).toBe('1');
    expect(organisationCodeCheckCharacter('00000000')).toBe('0');
    expect(organisationCodeCheckCharacter('00000001')).toBe('9');
    expect(organisationCodeCheckCharacter('10000000')).toBe('8');
    expect(organisationCodeCheckCharacter('A0000000')).toBe('3');
    expect(organisationCodeCheckCharacter('0000000A')).toBe('2');
    expect(organisationCodeCheckCharacter('01000000')).toBe('4');
    expect(organisationCodeCheckCharacter('00000006')).toBe('X');
  });

  it('refuses a malformed body', () => {
    expect(() => organisationCodeCheckCharacter('1922038')).toThrow();
    expect(() => organisationCodeCheckCharacter('1922038a')).toThrow();
  });
});

describe('isValidOrganisationCode', () => {
  it('accepts a correct code and rejects a wrong check character', () => {
    expect(isValidOrganisationCode('192203821')).toBe(true);
    expect(isValidOrganisationCode('00000006X')).toBe(true);
    expect(isValidOrganisationCode('192203822')).toBe(false);
    expect(isValidOrganisationCode('19220382')).toBe(false);
  });
});
