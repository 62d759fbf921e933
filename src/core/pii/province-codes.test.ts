import { describe, it, expect } from 'vitest';
import { PROVINCE_CODES, isProvinceCode } from './province-codes.ts';

describe('PROVINCE_CODES', () => {
  it('holds the 34 province-level divisions of GB/T 2260', () => {
    expect(PROVINCE_CODES.size).toBe(34);
    for (const code of ['11', '15', '23', '37', '46', '54', '65', '71', '81', '82']) {
      expect(isProvinceCode(code)).toBe(true);
    }
  });

  it('rejects codes in the gaps', () => {
    for (const code of ['00', '10', '16', '20', '24', '38', '47', '55', '66', '72', '83', '91', '99']) {
      expect(isProvinceCode(code)).toBe(false);
    }
  });
});
