import { describe, expect, it } from 'vitest';
import { shanghaiDayInstant } from './shanghai-date.ts';

describe('shanghaiDayInstant', () => {
  it('starts a day at Shanghai midnight and ends it at the next', () => {
    expect(shanghaiDayInstant('2026-03-01', 'start')).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiDayInstant('2026-03-01', 'end')).toBe('2026-03-01T16:00:00.000Z');
  });

  it('reads the ways Chinese spreadsheets write a date', () => {
    for (const text of ['2026-3-1', '2026/3/1', '2026.03.01', '2026年3月1日', '２０２６－０３－０１', ' 2026 / 3 / 1 ']) {
      expect(shanghaiDayInstant(text, 'start')).toBe('2026-02-28T16:00:00.000Z');
    }
  });

  it('refuses what is no calendar day', () => {
    for (const text of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-3/1', '26-03-01', '2026-03-01T00:00', '45292', '']) {
      expect(shanghaiDayInstant(text, 'start')).toBeUndefined();
    }
    expect(shanghaiDayInstant('2028-02-29', 'start')).toBe('2028-02-28T16:00:00.000Z');
  });
});
