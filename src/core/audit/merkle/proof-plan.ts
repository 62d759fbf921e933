import { DomainError } from '../../shared/domain-error.ts';
import { requireLeafCount, type ProofErrorCode } from './leaf-count.ts';
import type { NodeAddress } from './node-address.ts';
import { largestPowerOfTwoBelow } from './power-of-two.ts';
import { rangeBlocks } from './range-blocks.ts';

/*
 * Which stored nodes make up each hash of a proof. A plan is a list with one entry per proof
 * hash, in the proof's order; each entry lists the complete blocks whose hashRange is that hash.
 * The plans walk the recursions of RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF/SUBPROOF), the
 * same as RFC 6962 §2.1.1 and §2.1.2, top down and then reverse, because those definitions put
 * the deepest sibling first.
 *
 * Size of a plan. Only ranges on the right edge of the tree ([a, n) for some a) can be
 * incomplete. Once a walk steps into a left subtree it is inside a complete subtree, and every
 * sibling from there down is a single block. So at most one proof hash is a fold, of at most
 * floorLog2(n) + 1 blocks, and a plan reads at most about 2·log2(n) nodes from storage.
 */

export type ProofPlan = NodeAddress[][];

interface LeafRange {
  start: number;
  end: number;
}

function planOf(rangesTopDown: LeafRange[]): ProofPlan {
  return rangesTopDown.reverse().map((range) => rangeBlocks(range.start, range.end));
}

/**
 * The blocks of the inclusion proof (audit path) of leaf leafIndex in the tree of treeSize
 * leaves, RFC 9162 §2.1.3.1. Throws PROOF_RANGE_INVALID unless 0 ≤ leafIndex < treeSize ≤ 2^53 − 1.
 */
export function inclusionPlan(leafIndex: number, treeSize: number): ProofPlan {
  requireLeafCount(leafIndex, 'leafIndex');
  requireLeafCount(treeSize, 'treeSize');
  if (leafIndex >= treeSize) {
    throw new DomainError<ProofErrorCode>('PROOF_RANGE_INVALID', 'the leaf index must be smaller than the tree size', {
      details: { leafIndex, treeSize },
    });
  }
  const siblings: LeafRange[] = [];
  let start = 0;
  let end = treeSize;
  // PATH(m, D[n]) for n > 1: with k the largest power of two < n, recurse into the half holding
  // leaf m and append the MTH of the other half. PATH(0, {d(0)}) is empty.
  while (end - start > 1) {
    const middle = start + largestPowerOfTwoBelow(end - start);
    if (leafIndex < middle) {
      siblings.push({ start: middle, end });
      end = middle;
    } else {
      siblings.push({ start, end: middle });
      start = middle;
    }
  }
  return planOf(siblings);
}

/**
 * The blocks of the consistency proof between the trees of size1 and size2 leaves, RFC 9162
 * §2.1.4.1. Equal sizes give an empty proof (SUBPROOF(m, D[m], true) = {}). Throws
 * PROOF_RANGE_INVALID if size1 > size2, or if size1 = 0 < size2: RFC 9162 §2.1.4 defines proofs
 * for 0 < m only, because every tree extends the empty one and such a proof would prove nothing
 * (verifiers, ours included, reject it).
 */
export function consistencyPlan(size1: number, size2: number): ProofPlan {
  requireLeafCount(size1, 'size1');
  requireLeafCount(size2, 'size2');
  if (size1 > size2) {
    throw new DomainError<ProofErrorCode>('PROOF_RANGE_INVALID', 'the first tree size must not exceed the second', { details: { size1, size2 } });
  }
  if (size1 === size2) return [];
  if (size1 === 0) {
    throw new DomainError<ProofErrorCode>('PROOF_RANGE_INVALID', 'there is no consistency proof from the empty tree', { details: { size1, size2 } });
  }
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = size2;
  // SUBPROOF(m, D[start:end], b), with m = size1 − start. `wholeTreeSoFar` is b: true until the
  // walk first turns right, and while it holds the range's left edge is leaf 0, so once the range
  // shrinks to [0, size1) its hash is the first root, which the verifier already holds.
  // size1 stays within (start, end], so the range shrinks until it ends at size1.
  let wholeTreeSoFar = true;
  while (end !== size1) {
    const middle = start + largestPowerOfTwoBelow(end - start);
    if (size1 <= middle) {
      // m ≤ k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n]).
      ranges.push({ start: middle, end });
      end = middle;
    } else {
      // m > k: SUBPROOF(m − k, D[k:n], false) : MTH(D[0:k]).
      ranges.push({ start, end: middle });
      start = middle;
      wholeTreeSoFar = false;
    }
  }
  // SUBPROOF(m, D[m], false) = {MTH(D[m])}; with b true it is empty, the verifier knows that root.
  if (!wholeTreeSoFar) ranges.push({ start, end });
  return planOf(ranges);
}

/** The blocks whose hashRange is the root of the tree of treeSize leaves; none for the empty tree. */
export function rootPlan(treeSize: number): NodeAddress[] {
  requireLeafCount(treeSize, 'treeSize');
  return treeSize === 0 ? [] : rangeBlocks(0, treeSize);
}
