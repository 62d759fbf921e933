import { describe, it, expect } from 'vitest';
import { truncateDate } from './truncate-date.ts';

describe('truncateDate', () => {
  it('keeps only the year of common spellings', () => {
    for (const value of ['1990-03-07', '1990/3/7', '1990.03.07', '19900307', '1990年3月7日', '1990-03-07T08:00:00Z', '１９９０－０３－０７', '1990']) {
      expect(truncateDate(value)).toBe('1990-**-**');
    }
  });

  it('redacts values that do not start with a year', () => {
    for (const value of ['07/03/1990', '199003', '199003071', 'unknown', '😀']) {
      expect(truncateDate(value)).toBe('***');
    }
  });

  it('keeps the empty string empty', () => {
    expect(truncateDate('')).toBe('');
    expect(truncateDate('  ')).toBe('');
  });
});
