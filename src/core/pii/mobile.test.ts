import { describe, it, expect } from 'vitest';
import { normalizeMobile, validateMobile } from './mobile.ts';

describe('normalizeMobile', () => {
  it('drops country code, spaces and dashes and folds full width', () => {
    expect(normalizeMobile('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizeMobile('0086-138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('+86-13800138000')).toBe('13800138000');
    expect(normalizeMobile('１３８００１３８０００')).toBe('13800138000');
    expect(normalizeMobile('＋８６\u3000138 0013 8000 ')).toBe('13800138000');
  });
});

describe('validateMobile', () => {
  it('accepts every second digit from 3 to 9', () => {
    for (const second of ['3', '4', '5', '6', '7', '8', '9']) {
      expect(validateMobile(`1${second}800138000`).valid).toBe(true);
    }
  });

  it('rejects unassigned prefixes', () => {
    expect(validateMobile('12345678901')).toEqual({ valid: false, reason: 'PREFIX' });
    expect(validateMobile('10086100861')).toEqual({ valid: false, reason: 'PREFIX' });
    expect(validateMobile('23800138000')).toEqual({ valid: false, reason: 'PREFIX' });
    // A Beijing landline with area code is also 11 digits once the dash goes.
    expect(validateMobile('010-12345678')).toEqual({ valid: false, reason: 'PREFIX' });
  });

  it('rejects wrong lengths, letters, a bare 86 prefix and foreign country codes', () => {
    for (const value of ['', '1380013800', '138001380001', '1380013800a', '8613800138000', '+85213800138000']) {
      expect(validateMobile(value)).toEqual({ valid: false, reason: 'FORMAT' });
    }
  });
});
