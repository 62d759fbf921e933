import { describe, expect, it } from 'vitest';
import { sequentiality } from './sequentiality.ts';

// Synthetic resident IDs: division 330102, born 1980-01-01, sequence 001… (check digits are not read).
const walk = (count: number) => Array.from({ length: count }, (_, index) => `33010219800101${String(index + 1).padStart(3, '0')}X`);

describe('sequentiality', () => {
  it('scores a walk through one birth date as fully sequential', () => {
    expect(sequentiality(walk(20))).toBe(1);
  });

  it('scores unrelated people near zero', () => {
    expect(sequentiality(['110101199003071234', '330102198512120418', '440305200101010021', '320106197707070737'])).toBe(0);
  });

  it('does not count a walk listed backwards or shuffled', () => {
    expect(sequentiality(walk(10).reverse())).toBe(0);
    const mixed = walk(6);
    expect(sequentiality([mixed[0]!, mixed[3]!, mixed[1]!, mixed[4]!, mixed[2]!, mixed[5]!])).toBeCloseTo(3 / 5);
  });

  it('tells nothing from fewer than three identifiers', () => {
    expect(sequentiality(walk(2))).toBe(0);
    expect(sequentiality([])).toBe(0);
  });
});
