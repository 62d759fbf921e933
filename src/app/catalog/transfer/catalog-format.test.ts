import { describe, expect, it } from 'vitest';
import { formatFromFileName } from './catalog-format.ts';

describe('formatFromFileName', () => {
  it('reads the extension case-insensitively', () => {
    expect(formatFromFileName('目录.JSON')).toBe('json');
    expect(formatFromFileName('政务信息资源目录.csv')).toBe('csv');
    expect(formatFromFileName('catalog.v2.xlsx')).toBe('xlsx');
  });

  it('knows nothing of other or missing extensions, including legacy .xls', () => {
    expect(formatFromFileName('catalog.xls')).toBeUndefined();
    expect(formatFromFileName('catalog')).toBeUndefined();
    expect(formatFromFileName('catalog.txt')).toBeUndefined();
  });
});
