import { describe, expect, it } from 'vitest';
import { findPassports } from './cn-passport.ts';

function values(text: string): string[] {
  return findPassports(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findPassports', () => {
  it('finds a passport number after a context word', () => {
    expect(values('护照号码：E12345678。')).toEqual(['E12345678']);
    expect(values('Passport No.: EA1234567')).toEqual(['EA1234567']);
    expect(values('持护照G12345678入境')).toEqual(['G12345678']);
  });

  it('ignores the same shape without context, on another line, or far away', () => {
    expect(values('产品型号E12345678')).toEqual([]);
    expect(values('护照\nE12345678')).toEqual([]);
    expect(values(`护照${'的'.repeat(45)}E12345678`)).toEqual([]);
  });

  it('finds passport numbers in a column headed by a passport label', () => {
    expect(values('姓名\t护照号码\n张三\tE12345678\n李四\tE87654321\n')).toEqual(['E12345678', 'E87654321']);
  });

  it('rejects masked and glued values', () => {
    expect(values('护照号：E1234**** 护照号：XE12345678 护照号：E123456789')).toEqual([]);
  });
});
