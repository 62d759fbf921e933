import { bytesEqual } from './bytes-equal.ts';
import { digestLength, emptyRoot, type HashFunction, nodeHash } from './hash-function.ts';
import { isLeafCount } from './leaf-count.ts';
import { isPowerOfTwo } from './power-of-two.ts';

/*
 * Proof verification, following the algorithms of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2
 * (consistency) step by step. Proofs arrive from elsewhere (another node, an auditor's upload),
 * so nothing here throws: any malformed input, such as a non-integer size, a proof element of the
 * wrong length or a proof that is not an array, is simply a proof that does not verify.
 *
 * The RFC's "right-shift" and "LSB" are written as halving and `% 2`: the bitwise operators of
 * JavaScript truncate to 32 bits and tree sizes may not fit (see power-of-two.ts).
 */

function isOdd(value: number): boolean {
  return value % 2 === 1;
}

function halve(value: number): number {
  return Math.floor(value / 2);
}

function isDigestList(proof: unknown, length: number): proof is Uint8Array[] {
  return Array.isArray(proof) && proof.every((element) => element instanceof Uint8Array && element.length === length);
}

/**
 * The root that an inclusion proof implies for the leaf, or undefined if the proof is malformed
 * for this index and size (RFC 9162 §2.1.3.2 steps 1 to 4 and the sn = 0 check of step 5). The
 * caller compares the result with a root it trusts.
 */
export function rootFromInclusionProof(
  hash: HashFunction,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  const length = digestLength(hash);
  if (!isLeafCount(leafIndex) || !isLeafCount(treeSize)) return undefined;
  // Step 1: the leaf must be in the tree.
  if (leafIndex >= treeSize) return undefined;
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== length || !isDigestList(proof, length)) return undefined;
  // Step 2: fn is the leaf's position, sn the last position; both walk up one level per hash.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // Step 3.
  let r = leafHash;
  // Step 4.
  for (const p of proof) {
    // 4a: the path has reached the root but the proof goes on.
    if (sn === 0) return undefined;
    if (isOdd(fn) || fn === sn) {
      // 4b: fn is a right child, or the last node of its level, whose sibling is to the left.
      r = nodeHash(hash, p, r);
      // A last node with no right sibling is carried up unchanged (RFC 6962 §2.1's right
      // subtree smaller than k), so skip the levels where it has none.
      while (!isOdd(fn) && fn !== 0) {
        fn = halve(fn);
        sn = halve(sn);
      }
    } else {
      r = nodeHash(hash, r, p);
    }
    // 4c.
    fn = halve(fn);
    sn = halve(sn);
  }
  // Step 5, first half: a proof too short leaves sn above 0.
  return sn === 0 ? r : undefined;
}

/** Whether proof shows the leaf with hash leafHash at leafIndex in the tree of treeSize leaves with this root (RFC 9162 §2.1.3.2). */
export function verifyInclusion(
  hash: HashFunction,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(hash, leafIndex, treeSize, leafHash, proof);
  return computed !== undefined && root instanceof Uint8Array && bytesEqual(computed, root);
}

/**
 * Whether proof shows that the tree of size2 leaves with root2 extends the tree of size1 leaves
 * with root1 (RFC 9162 §2.1.4.2).
 */
export function verifyConsistency(
  hash: HashFunction,
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isLeafCount(size1) || !isLeafCount(size2) || size1 > size2) return false;
  if (!Array.isArray(proof) || !(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return false;
  if (size1 === size2) {
    // A tree is consistent with itself and the proof is empty (RFC 9162 §2.1.4.1:
    // SUBPROOF(m, D[m], true) = {}). Only the roots are left to compare; their length is not
    // checked, as the transparency-dev vectors expect, because equality is all that matters here.
    // The empty tree's root is known outright, so a size-0 claim must carry exactly H().
    if (proof.length !== 0 || !bytesEqual(root1, root2)) return false;
    return size1 !== 0 || bytesEqual(root1, emptyRoot(hash));
  }
  // Every tree extends the empty one; a "proof" of that proves nothing (RFC 9162 §2.1.4: 0 < m).
  if (size1 === 0) return false;
  const length = digestLength(hash);
  if (!isDigestList(proof, length)) return false;
  // Step 1.
  if (proof.length === 0) return false;
  // Step 2: when the first tree is a complete subtree, the proof omits its root (SUBPROOF with
  // b = true), so the verifier supplies it.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // Step 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Step 4: while the first tree's last node is a right child, it lies inside the complete
  // subtree whose root the path starts with, so climb to that subtree's level.
  while (isOdd(fn)) {
    fn = halve(fn);
    sn = halve(sn);
  }
  // Step 5.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  // Step 6.
  for (const c of path.slice(1)) {
    // 6a.
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      // 6b: c is a left sibling, shared by both trees.
      fr = nodeHash(hash, c, fr);
      sr = nodeHash(hash, c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = halve(fn);
        sn = halve(sn);
      }
    } else {
      // c is a right sibling that exists only in the second tree.
      sr = nodeHash(hash, sr, c);
    }
    // 6c.
    fn = halve(fn);
    sn = halve(sn);
  }
  // Step 7.
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
