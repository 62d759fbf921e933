import { describe, expect, it } from 'vitest';
import { datasetCellText, excelNumberText, isDateFormat, plainDecimal } from './cell-text.ts';

describe('plainDecimal', () => {
  it('writes out an exponent and leaves other text alone', () => {
    expect(plainDecimal('1e+21')).toBe('1000000000000000000000');
    expect(plainDecimal('1.5e-7')).toBe('0.00000015');
    expect(plainDecimal('-8.655E2')).toBe('-865.5');
    expect(plainDecimal('12.50e0')).toBe('12.5');
    expect(plainDecimal('-0e5')).toBe('0');
    expect(plainDecimal('865.50')).toBe('865.50');
    expect(plainDecimal('1e100000')).toBe('1e100000');
  });
});

describe('excelNumberText', () => {
  it('keeps the 15 digits Excel shows, without an exponent', () => {
    expect(excelNumberText(0.1 + 0.2)).toBe('0.3');
    expect(excelNumberText(865.5)).toBe('865.5');
    // A resident ID typed as a number has already lost its last digits in Excel; it reads as Excel shows it.
    expect(excelNumberText(Number('331199198001010011'))).toBe('331199198001010000');
    expect(excelNumberText(-1.5e-7)).toBe('-0.00000015');
  });
});

describe('isDateFormat', () => {
  it('tells date formats from number formats, ignoring quoted text, escapes and brackets', () => {
    for (const format of ['mm-dd-yy', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]yyyy年m月d日', 'h:mm:ss', 'YYYY-MM-DD']) expect(isDateFormat(format), format).toBe(true);
    for (const format of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', '0.0"天"', '@', '0.00E+00', '\\d0']) expect(isDateFormat(format), format).toBe(false);
  });
});

describe('datasetCellText', () => {
  it('reads dates without a zone, formula results, and no value for errors and uncalculated formulas', () => {
    expect(datasetCellText(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03-01');
    expect(datasetCellText(new Date(Date.UTC(2025, 2, 1, 8, 29, 59, 700)))).toBe('2025-03-01T08:30:00');
    expect(datasetCellText({ formula: 'A1+1', result: 45_748 }, 'yyyy-mm-dd')).toBe('2025-04-01');
    expect(datasetCellText({ formula: 'A1+1', result: 45_748 })).toBe('45748');
    expect(datasetCellText({ error: '#N/A' })).toBeNull();
    expect(datasetCellText({ formula: 'NA()', date1904: false })).toBeNull();
    expect(datasetCellText(null)).toBe('');
  });
});
