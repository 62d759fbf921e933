import { describe, it, expect } from 'vitest';
import { maskEmail } from './mask-email.ts';

describe('maskEmail', () => {
  it('keeps the first character and the domain, hiding the local part length', () => {
    expect(maskEmail('zhangsan@example.gov.cn')).toBe('z***@example.gov.cn');
    expect(maskEmail('ab@example.com')).toBe('a***@example.com');
    expect(maskEmail(' 张三@例子.中国 ')).toBe('张***@例子.中国');
  });

  it('splits at the last @ and never splits an astral character', () => {
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
    expect(maskEmail('😀x@example.com')).toBe('😀***@example.com');
  });

  it('does not show a one-character local part', () => {
    expect(maskEmail('a@example.com')).toBe('***@example.com');
    expect(maskEmail('@example.com')).toBe('***@example.com');
  });

  it('redacts values that are not addresses and keeps empty values empty', () => {
    expect(maskEmail('zhangsan')).toBe('***');
    expect(maskEmail('zhangsan@')).toBe('***');
    expect(maskEmail('')).toBe('');
  });
});
