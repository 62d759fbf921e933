import { describe, expect, it } from 'vitest';
import { findMobiles } from './cn-mobile.ts';

function values(text: string): string[] {
  return findMobiles(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findMobiles', () => {
  it('finds a mobile number next to Chinese text', () => {
    expect(findMobiles('电话13800138000。')).toEqual([{ type: 'cn_mobile', start: 2, end: 13, confidence: 0.9 }]);
  });

  it('includes a country code and accepts 3-4-4 groups split by spaces or hyphens', () => {
    expect(values('+86 138 0013 8000；86-138-0013-8000；0086 13800138000；8613800138000；138-0013-8000')).toEqual([
      '+86 138 0013 8000',
      '86-138-0013-8000',
      '0086 13800138000',
      '8613800138000',
      '138-0013-8000',
    ]);
  });

  it('folds full-width digits', () => {
    expect(values('手机：１３８００１３８０００')).toEqual(['１３８００１３８０００']);
  });

  it('rejects unassigned prefixes, hotlines and numbers inside longer runs', () => {
    expect(values('12345678901 10086100861 12345 12315 110')).toEqual([]);
    expect(values('213800138000 13800138000123 202413800138000123 Ａ13800138000 13800138000ｘ')).toEqual([]);
  });

  it('rejects millisecond timestamps and amounts', () => {
    expect(values('1700000000000 1713800138000 ¥13800138000.00 1,380,013.80 13800138000.5')).toEqual([]);
  });

  it('ignores masked numbers', () => {
    expect(values('138****5678 138****8000 1380013****')).toEqual([]);
  });

  it('does not take one group of a longer grouped number', () => {
    expect(values('138 0013 8000 1234')).toEqual([]);
  });
});
