import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain-error.ts';
import { appendToFrontier, EMPTY_FRONTIER, extendFrontier, type Frontier, frontierAddresses, frontierRoot } from './frontier.ts';
import { leafHash, nodeHash, sha256 } from './hash-function.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The Certificate Transparency reference leaves and the roots of their first n (test/fixtures/rfc6962/README.md). */
const STANDARD_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const STANDARD_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const standardLeafHashes = STANDARD_LEAVES.map((data) => leafHash(sha256, new Uint8Array(Buffer.from(data, 'hex'))));

describe('appendToFrontier and frontierRoot', () => {
  it('give the reference roots for n = 0..8, one leaf at a time', () => {
    let frontier = EMPTY_FRONTIER;
    expect(hex(frontierRoot(sha256, frontier))).toBe(STANDARD_ROOTS[0]);
    standardLeafHashes.forEach((leaf, position) => {
      frontier = appendToFrontier(sha256, frontier, [leaf]).frontier;
      expect(frontier.size).toBe(position + 1);
      expect(hex(frontierRoot(sha256, frontier))).toBe(STANDARD_ROOTS[position + 1]);
    });
  });

  it('give the same frontier and nodes whether leaves come singly or in a batch', () => {
    const batch = appendToFrontier(sha256, EMPTY_FRONTIER, standardLeafHashes);
    let frontier: Frontier = EMPTY_FRONTIER;
    const nodes = standardLeafHashes.flatMap((leaf) => {
      const step = appendToFrontier(sha256, frontier, [leaf]);
      frontier = step.frontier;
      return step.nodes;
    });
    expect(batch.frontier).toEqual(frontier);
    expect(batch.nodes).toEqual(nodes);
    expect(hex(frontierRoot(sha256, batch.frontier))).toBe(STANDARD_ROOTS[8]);
  });

  it('returns each completed node, children before parents, leaves included', () => {
    const [a, b, c] = standardLeafHashes as [Uint8Array, Uint8Array, Uint8Array];
    const first = appendToFrontier(sha256, EMPTY_FRONTIER, [a]);
    expect(first.nodes).toEqual([{ level: 0, index: 0, hash: a }]);
    const second = appendToFrontier(sha256, first.frontier, [b, c]);
    expect(second.nodes).toEqual([
      { level: 0, index: 1, hash: b },
      { level: 1, index: 0, hash: nodeHash(sha256, a, b) },
      { level: 0, index: 2, hash: c },
    ]);
    expect(second.frontier).toEqual({ size: 3, hashes: [nodeHash(sha256, a, b), c] });
    expect(first.frontier).toEqual({ size: 1, hashes: [a] });
  });

  it('appending nothing changes nothing', () => {
    const start = appendToFrontier(sha256, EMPTY_FRONTIER, standardLeafHashes.slice(0, 5)).frontier;
    expect(appendToFrontier(sha256, start, [])).toEqual({ frontier: start, nodes: [] });
  });

  it('rejects malformed frontiers and leaf hashes', () => {
    const leaf = standardLeafHashes[0] as Uint8Array;
    const cases: [Frontier, Uint8Array[], string][] = [
      [{ size: 3, hashes: [leaf] }, [], 'MERKLE_FRONTIER_INVALID'],
      [{ size: -1, hashes: [] }, [], 'MERKLE_FRONTIER_INVALID'],
      [{ size: 1.5, hashes: [leaf] }, [], 'MERKLE_FRONTIER_INVALID'],
      [{ size: 1, hashes: [leaf.subarray(1)] }, [], 'MERKLE_HASH_INVALID'],
      [EMPTY_FRONTIER, [new Uint8Array(31)], 'MERKLE_HASH_INVALID'],
      [{ size: Number.MAX_SAFE_INTEGER, hashes: Array.from({ length: 53 }, () => leaf) }, [leaf], 'MERKLE_FRONTIER_INVALID'],
    ];
    for (const [frontier, leaves, code] of cases) {
      expect(() => appendToFrontier(sha256, frontier, leaves)).toThrow(DomainError);
      expect(() => appendToFrontier(sha256, frontier, leaves)).toThrow(expect.objectContaining({ code }));
    }
    expect(() => frontierRoot(sha256, { size: 2, hashes: [leaf, leaf] })).toThrow(expect.objectContaining({ code: 'MERKLE_FRONTIER_INVALID' }));
  });
});

describe('frontierAddresses', () => {
  it('lists one complete subtree per set bit of the size, largest first', () => {
    expect(frontierAddresses(0)).toEqual([]);
    expect(frontierAddresses(8)).toEqual([{ level: 3, index: 0 }]);
    expect(frontierAddresses(11)).toEqual([
      { level: 3, index: 0 },
      { level: 1, index: 4 },
      { level: 0, index: 10 },
    ]);
  });

  it('rejects sizes that are not leaf counts', () => {
    expect(() => frontierAddresses(-1)).toThrow(expect.objectContaining({ code: 'PROOF_RANGE_INVALID' }));
  });
});

describe('extendFrontier', () => {
  it('reaches the same frontier as appendToFrontier, from any starting size', () => {
    const leaves = Array.from({ length: 45 }, (_, index) => leafHash(sha256, new Uint8Array([index])));
    for (const split of [0, 1, 7, 16, 31, 44]) {
      const start = appendToFrontier(sha256, EMPTY_FRONTIER, leaves.slice(0, split)).frontier;
      const expected = appendToFrontier(sha256, start, leaves.slice(split)).frontier;
      expect(extendFrontier(sha256, start, leaves.slice(split))).toEqual(expected);
    }
  });
});
