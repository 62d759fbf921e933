import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain-error.ts';
import { consistencyPlan, inclusionPlan, rootPlan } from './proof-plan.ts';

const MAX = Number.MAX_SAFE_INTEGER;

describe('inclusionPlan', () => {
  it('lists the audit path deepest first (the examples of RFC 9162 §2.1.5)', () => {
    // In the tree of 7 leaves, d0's path is b, h, l: leaf 1, node [2, 4), and [4, 7), which
    // storage holds as two blocks.
    const l = [
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ];
    expect(inclusionPlan(0, 7)).toEqual([[{ level: 0, index: 1 }], [{ level: 1, index: 1 }], l]);
    // d3: c, g, l.
    expect(inclusionPlan(3, 7)).toEqual([[{ level: 0, index: 2 }], [{ level: 1, index: 0 }], l]);
    // d4: f, j, k.
    expect(inclusionPlan(4, 7)).toEqual([[{ level: 0, index: 5 }], [{ level: 0, index: 6 }], [{ level: 2, index: 0 }]]);
    // d6: i, k.
    expect(inclusionPlan(6, 7)).toEqual([[{ level: 1, index: 2 }], [{ level: 2, index: 0 }]]);
    expect(inclusionPlan(0, 1)).toEqual([]);
  });

  it('works at the largest safe tree size', () => {
    const plan = inclusionPlan(MAX - 1, MAX);
    expect(plan.flat().length).toBeLessThanOrEqual(2 * 53 + 2);
    expect(inclusionPlan(0, MAX).flat().length).toBeLessThanOrEqual(2 * 53 + 2);
  });

  it.each([
    [0, 0],
    [5, 5],
    [6, 5],
    [-1, 5],
    [0.5, 5],
    [Number.NaN, 5],
    [0, Number.POSITIVE_INFINITY],
    [0, 2 ** 53],
    [0, MAX + 2],
    ['1' as unknown as number, 5],
  ])('rejects leaf %s of tree %s', (leafIndex, treeSize) => {
    expect(() => inclusionPlan(leafIndex, treeSize)).toThrow(DomainError);
    expect(() => inclusionPlan(leafIndex, treeSize)).toThrow(expect.objectContaining({ code: 'PROOF_RANGE_INVALID' }));
  });
});

describe('consistencyPlan', () => {
  it('follows RFC 9162 §2.1.4.1 (the examples of §2.1.5)', () => {
    // Between sizes 3 and 7 the proof is c, d, g, l: leaves 2 and 3, node [0, 2), node [4, 7).
    expect(consistencyPlan(3, 7)).toEqual([
      [{ level: 0, index: 2 }],
      [{ level: 0, index: 3 }],
      [{ level: 1, index: 0 }],
      [
        { level: 1, index: 2 },
        { level: 0, index: 6 },
      ],
    ]);
    // Between 4 and 7 it is just l: the first tree is a complete subtree the verifier holds.
    expect(consistencyPlan(4, 7)).toEqual([
      [
        { level: 1, index: 2 },
        { level: 0, index: 6 },
      ],
    ]);
    // Between 6 and 7 it is i, j, k: leaf 6, node [4, 6), node [0, 4).
    expect(consistencyPlan(6, 7)).toEqual([[{ level: 1, index: 2 }], [{ level: 0, index: 6 }], [{ level: 2, index: 0 }]]);
  });

  it('is empty for equal sizes', () => {
    expect(consistencyPlan(0, 0)).toEqual([]);
    expect(consistencyPlan(9, 9)).toEqual([]);
  });

  it('works at the largest safe tree size', () => {
    expect(consistencyPlan(MAX - 1, MAX).flat().length).toBeLessThanOrEqual(2 * 53 + 2);
    expect(consistencyPlan(1, MAX).flat().length).toBeLessThanOrEqual(2 * 53 + 2);
  });

  it.each([
    [0, 1],
    [2, 1],
    [-1, 1],
    [1, 2.5],
    [1, Number.NaN],
    [1, 2 ** 53],
  ])('rejects sizes %s and %s', (size1, size2) => {
    expect(() => consistencyPlan(size1, size2)).toThrow(expect.objectContaining({ code: 'PROOF_RANGE_INVALID' }));
  });
});

describe('rootPlan', () => {
  it('lists the complete subtrees of [0, size)', () => {
    expect(rootPlan(0)).toEqual([]);
    expect(rootPlan(6)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
    ]);
  });
});
