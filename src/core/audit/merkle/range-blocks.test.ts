import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain-error.ts';
import { emptyRoot, leafHash, nodeHash, sha256 } from './hash-function.ts';
import { hashRange, rangeBlocks } from './range-blocks.ts';

describe('rangeBlocks', () => {
  it('splits a range into its binary digits, largest first, left to right', () => {
    expect(rangeBlocks(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(rangeBlocks(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeBlocks(16, 32)).toEqual([{ level: 4, index: 1 }]);
    expect(rangeBlocks(5, 6)).toEqual([{ level: 0, index: 5 }]);
  });

  it('works beyond 32 bits', () => {
    const size = Number.MAX_SAFE_INTEGER; // 53 set bits
    const blocks = rangeBlocks(0, size);
    expect(blocks).toHaveLength(53);
    expect(blocks[0]).toEqual({ level: 52, index: 0 });
    expect(blocks.at(-1)).toEqual({ level: 0, index: size - 1 });
    expect(rangeBlocks(2 ** 40, 2 ** 40 + 3)).toEqual([
      { level: 1, index: 2 ** 39 },
      { level: 0, index: 2 ** 40 + 2 },
    ]);
  });

  it.each([
    [3, 3],
    [4, 3],
    [1, 3],
    [2, 6],
    [-1, 1],
    [0.5, 2],
    [0, Number.NaN],
    [0, 2 ** 53],
  ])('rejects [%s, %s)', (start, end) => {
    expect(() => rangeBlocks(start, end)).toThrow(DomainError);
    expect(() => rangeBlocks(start, end)).toThrow(expect.objectContaining({ code: 'PROOF_RANGE_INVALID' }));
  });
});

describe('hashRange', () => {
  const leaves = [0, 1, 2].map((value) => leafHash(sha256, Uint8Array.of(value)));
  const [a, b, c] = leaves as [Uint8Array, Uint8Array, Uint8Array];

  it('folds from the right, as RFC 6962 §2.1 splits at the largest power of two', () => {
    expect(hashRange(sha256, [nodeHash(sha256, a, b), c])).toEqual(nodeHash(sha256, nodeHash(sha256, a, b), c));
    expect(hashRange(sha256, [a, b, c])).toEqual(nodeHash(sha256, a, nodeHash(sha256, b, c)));
  });

  it('returns a single block unchanged and H() for no blocks', () => {
    expect(hashRange(sha256, [a])).toBe(a);
    expect(hashRange(sha256, [])).toEqual(emptyRoot(sha256));
  });
});
