import { DomainError } from '../../shared/domain-error.ts';
import { emptyRoot, nodeHash, type HashFunction } from './hash-function.ts';
import { requireLeafCount, type ProofErrorCode } from './leaf-count.ts';
import type { NodeAddress } from './node-address.ts';
import { floorLog2 } from './power-of-two.ts';

/*
 * Every hash in an RFC 6962 proof is MTH(D[start:end]) for some leaf range. Storage keeps only
 * complete subtrees, so such a range is read as a few complete blocks and folded together.
 *
 * Why the fold equals MTH. Let the range have length L and let 2^e be the largest power of two
 * ≤ L. Suppose the range starts at a multiple of 2^e. That holds for every range in an RFC 6962
 * proof: the recursion of §2.1 starts at [0, n), and if a range starts at a multiple of the
 * smallest power of two ≥ its length, so do both halves it is cut into at k (the left half has
 * length k and the old start is a multiple of something ≥ k; the right half starts at a multiple
 * of k and is no longer than k). Now:
 *  - If L = 2^e, the range is one aligned complete subtree, and its stored node is its MTH: §2.1
 *    halves a power of two exactly, all the way down to the leaves.
 *  - Otherwise §2.1 splits at k = 2^e (the largest power of two smaller than L). The left part is
 *    the aligned complete block B1. The right part [start + 2^e, end) is shorter than 2^e and
 *    starts at a multiple of 2^e, so it satisfies the same supposition. By induction its MTH is
 *    the fold of the remaining blocks, giving MTH = nodeHash(B1, nodeHash(B2, … nodeHash(Bk−1, Bk))).
 * The blocks are therefore the binary digits of L from the largest down, laid left to right from
 * start, and there are at most floorLog2(L) + 1 of them.
 */

/**
 * The complete subtrees that make up the leaf range [start, end), left to right and largest first.
 * Throws PROOF_RANGE_INVALID for an empty or reversed range, or for one whose blocks would not be
 * aligned (such a range never appears in an RFC 6962 proof and its MTH is not a fold of stored nodes).
 */
export function rangeBlocks(start: number, end: number): NodeAddress[] {
  requireLeafCount(start, 'start');
  requireLeafCount(end, 'end');
  if (end <= start) {
    throw new DomainError<ProofErrorCode>('PROOF_RANGE_INVALID', 'a leaf range must hold at least one leaf', { details: { start, end } });
  }
  const blocks: NodeAddress[] = [];
  let offset = start;
  while (offset < end) {
    const level = floorLog2(end - offset);
    const width = 2 ** level;
    if (offset % width !== 0) {
      throw new DomainError<ProofErrorCode>('PROOF_RANGE_INVALID', 'a leaf range in a proof starts at a multiple of the largest power of two it contains', {
        details: { start, end },
      });
    }
    blocks.push({ level, index: offset / width });
    offset += width;
  }
  return blocks;
}

/**
 * MTH of a range from the hashes of its rangeBlocks, in the same order, folded from the right.
 * No blocks means the empty list, whose MTH is H() (RFC 6962 §2.1), so rootPlan(0) works too.
 */
export function hashRange(hash: HashFunction, blockHashes: readonly Uint8Array[]): Uint8Array {
  const last = blockHashes.at(-1);
  if (last === undefined) return emptyRoot(hash);
  return blockHashes.slice(0, -1).reduceRight((right, left) => nodeHash(hash, left, right), last);
}
