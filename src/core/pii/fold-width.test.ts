import { describe, it, expect } from 'vitest';
import { foldFullWidth } from './fold-width.ts';

describe('foldFullWidth', () => {
  it('folds full-width digits and letters to ASCII', () => {
    expect(foldFullWidth('０１２３４５６７８９')).toBe('0123456789');
    expect(foldFullWidth('ＸｘＡｚ')).toBe('XxAz');
    expect(foldFullWidth('＋８６')).toBe('+86');
  });

  it('folds the ideographic space and leaves CJK and astral characters alone', () => {
    expect(foldFullWidth('\u3000张三😀')).toBe(' 张三😀');
  });

  it('keeps the empty string empty', () => {
    expect(foldFullWidth('')).toBe('');
  });
});
