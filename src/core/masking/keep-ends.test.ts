import { describe, it, expect } from 'vitest';
import { keepEnds } from './keep-ends.ts';

describe('keepEnds', () => {
  it('keeps both ends and masks each character in between', () => {
    expect(keepEnds('13800138000', 3, 4)).toBe('138****8000');
    expect(keepEnds('abcdef', 1, 1, '#')).toBe('a####f');
    expect(keepEnds('abcdef', 0, 0)).toBe('******');
    expect(keepEnds('abcdef', 2, 0)).toBe('ab****');
    expect(keepEnds('abcdef', 0, 2)).toBe('****ef');
  });

  it('masks everything when the value is no longer than what would be kept', () => {
    expect(keepEnds('张', 1, 0)).toBe('*');
    expect(keepEnds('abcd', 2, 2)).toBe('****');
    expect(keepEnds('abc', 6, 4)).toBe('***');
    expect(keepEnds('', 1, 0)).toBe('');
  });

  it('counts code points, never splitting an astral character', () => {
    // 𠮷 (U+20BB7) and 😀 (U+1F600) are two UTF-16 units each but one character.
    expect(keepEnds('𠮷野家', 1, 0)).toBe('𠮷**');
    expect(keepEnds('😀😀😀😀', 1, 1)).toBe('😀**😀');
    expect(keepEnds('a😀', 1, 0)).toBe('a*');
    expect(keepEnds('abc', 1, 0, '●')).toBe('a●●');
  });

  it('refuses bad parameters', () => {
    expect(() => keepEnds('abc', -1, 0)).toThrow();
    expect(() => keepEnds('abc', 1.5, 0)).toThrow();
    expect(() => keepEnds('abc', 1, 0, '')).toThrow();
    expect(() => keepEnds('abc', 1, 0, '**')).toThrow();
  });
});
