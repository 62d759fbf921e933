import { describe, expect, it } from 'vitest';
import { findLicensePlates } from './cn-license-plate.ts';

function values(text: string): string[] {
  return findLicensePlates(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findLicensePlates', () => {
  it('finds ordinary, new-energy and special-use plates', () => {
    expect(values('车牌浙A12345，粤B·D12345，京AD12345，沪A12345F，苏E1234挂。')).toEqual([
      '浙A12345',
      '粤B·D12345',
      '京AD12345',
      '沪A12345F',
      '苏E1234挂',
    ]);
  });

  it('rejects wrong lengths, the letters I and O, letter-only bodies and glued values', () => {
    expect(values('浙A1234 浙A123456 浙I12345 浙O12345 浙ABCDE X浙A12345 浙A12345X')).toEqual([]);
  });
});
