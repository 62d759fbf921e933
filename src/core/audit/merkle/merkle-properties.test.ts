import { describe, expect, it } from 'vitest';
import { appendToFrontier, EMPTY_FRONTIER, type Frontier, frontierRoot } from './frontier.ts';
import { type HashFunction, emptyRoot, leafHash, nodeHash, sha256, sm3 } from './hash-function.ts';
import type { NodeAddress } from './node-address.ts';
import { ceilLog2, largestPowerOfTwoBelow } from './power-of-two.ts';
import { consistencyPlan, inclusionPlan, rootPlan } from './proof-plan.ts';
import { hashRange } from './range-blocks.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

/*
 * Whole-tree checks: build every complete node the way storage would, answer every proof from
 * those nodes through the plans, and compare with a straight transcription of the RFC 9162
 * §2.1 definitions (MTH, PATH, SUBPROOF) over the list of leaf hashes.
 */

function referenceRoot(hash: HashFunction, leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return emptyRoot(hash);
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  const k = largestPowerOfTwoBelow(leaves.length);
  return nodeHash(hash, referenceRoot(hash, leaves.slice(0, k)), referenceRoot(hash, leaves.slice(k)));
}

function referencePath(hash: HashFunction, m: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m < k
    ? [...referencePath(hash, m, leaves.slice(0, k)), referenceRoot(hash, leaves.slice(k))]
    : [...referencePath(hash, m - k, leaves.slice(k)), referenceRoot(hash, leaves.slice(0, k))];
}

function referenceSubproof(hash: HashFunction, m: number, leaves: Uint8Array[], whole: boolean): Uint8Array[] {
  if (m === leaves.length) return whole ? [] : [referenceRoot(hash, leaves)];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m <= k
    ? [...referenceSubproof(hash, m, leaves.slice(0, k), whole), referenceRoot(hash, leaves.slice(k))]
    : [...referenceSubproof(hash, m - k, leaves.slice(k), false), referenceRoot(hash, leaves.slice(0, k))];
}

const key = (address: NodeAddress): string => `${address.level}/${address.index}`;

interface BuiltTree {
  leaves: Uint8Array[];
  nodes: Map<string, Uint8Array>;
  /** frontiers[n] is the frontier after n leaves. */
  frontiers: Frontier[];
}

/** Appends `size` leaves in batches of 1, 2, 3, … (the last one cut short) and stores every node returned. */
function buildTree(hash: HashFunction, size: number, batched: boolean): BuiltTree {
  const leaves = Array.from({ length: size }, (_, position) => leafHash(hash, new TextEncoder().encode(`audit event ${position}`)));
  const nodes = new Map<string, Uint8Array>();
  const frontiers: Frontier[] = [EMPTY_FRONTIER];
  let frontier = EMPTY_FRONTIER;
  for (let done = 0, batch = 1; done < size; done += batch, batch = batched ? batch + 1 : 1) {
    const step = appendToFrontier(hash, frontier, leaves.slice(done, done + batch));
    for (const node of step.nodes) {
      // Complete nodes never change, so each is written exactly once.
      expect(nodes.has(key(node))).toBe(false);
      nodes.set(key(node), node.hash);
    }
    frontier = step.frontier;
    frontiers[frontier.size] = frontier;
  }
  return { leaves, nodes, frontiers };
}

/** Reads a node as storage would, checking that it was already complete in the tree of treeSize leaves. */
function reader(tree: BuiltTree, treeSize: number): (address: NodeAddress) => Uint8Array {
  return (address) => {
    expect((address.index + 1) * 2 ** address.level).toBeLessThanOrEqual(treeSize);
    const hash = tree.nodes.get(key(address));
    if (hash === undefined) throw new Error(`node ${key(address)} is not stored`);
    return hash;
  };
}

function proofFrom(hash: HashFunction, plan: NodeAddress[][], read: (address: NodeAddress) => Uint8Array): Uint8Array[] {
  return plan.map((blocks) => hashRange(hash, blocks.map(read)));
}

function expectLogarithmic(plan: NodeAddress[][], treeSize: number): void {
  expect(plan.flat().length).toBeLessThanOrEqual(2 * ceilLog2(treeSize) + 2);
}

function checkEverything(hash: HashFunction, maximumSize: number): void {
  const tree = buildTree(hash, maximumSize, false);
  const batchedTree = buildTree(hash, maximumSize, true);
  expect(batchedTree.nodes).toEqual(tree.nodes);
  // A tree of n leaves has floor(n / 2^level) complete nodes at each level.
  let expectedNodes = 0;
  for (let width = 1; width <= maximumSize; width *= 2) expectedNodes += Math.floor(maximumSize / width);
  expect(tree.nodes.size).toBe(expectedNodes);

  const roots = [emptyRoot(hash)];
  for (let treeSize = 1; treeSize <= maximumSize; treeSize += 1) {
    const read = reader(tree, treeSize);
    const leaves = tree.leaves.slice(0, treeSize);
    const root = hashRange(hash, rootPlan(treeSize).map(read));
    expect(root).toEqual(referenceRoot(hash, leaves));
    expect(frontierRoot(hash, tree.frontiers[treeSize] as Frontier)).toEqual(root);
    roots.push(root);

    for (let leafIndex = 0; leafIndex < treeSize; leafIndex += 1) {
      const plan = inclusionPlan(leafIndex, treeSize);
      expectLogarithmic(plan, treeSize);
      const proof = proofFrom(hash, plan, read);
      expect(proof).toEqual(referencePath(hash, leafIndex, leaves));
      const leaf = leaves[leafIndex] as Uint8Array;
      expect(verifyInclusion(hash, leafIndex, treeSize, leaf, proof, root)).toBe(true);
      // The same proof must not pass for a neighbouring position, a smaller tree's root or a
      // tampered hash. (It may pass for a larger tree size whose path has the same shape: the
      // size is not hashed, the root is what binds it, and this root belongs to no larger tree.)
      if (leafIndex + 1 < treeSize) expect(verifyInclusion(hash, leafIndex + 1, treeSize, leaf, proof, root)).toBe(false);
      expect(verifyInclusion(hash, leafIndex, treeSize, leaf, proof, roots[treeSize - 1] as Uint8Array)).toBe(false);
      const tampered = proof.map((element) => element.slice());
      if (tampered[0] !== undefined) tampered[0][0] = (tampered[0][0] as number) ^ 1;
      expect(verifyInclusion(hash, leafIndex, treeSize, leaf, tampered, root)).toBe(tampered.length === 0);
    }
  }

  for (let size2 = 1; size2 <= maximumSize; size2 += 1) {
    const read = reader(tree, size2);
    const leaves = tree.leaves.slice(0, size2);
    for (let size1 = 1; size1 <= size2; size1 += 1) {
      const plan = consistencyPlan(size1, size2);
      expectLogarithmic(plan, size2);
      const proof = proofFrom(hash, plan, read);
      expect(proof).toEqual(referenceSubproof(hash, size1, leaves, true));
      const root1 = roots[size1] as Uint8Array;
      const root2 = roots[size2] as Uint8Array;
      expect(verifyConsistency(hash, size1, size2, proof, root1, root2)).toBe(true);
      if (size1 < size2) {
        expect(verifyConsistency(hash, size1, size2, proof, root2, root1)).toBe(false);
        expect(verifyConsistency(hash, size1, size2, proof.slice(1), root1, root2)).toBe(false);
      }
    }
  }
}

describe('Merkle tree built from stored complete nodes', () => {
  it('answers every inclusion and consistency proof up to 70 leaves with SHA-256', () => {
    checkEverything(sha256, 70);
  });

  it.each([1, 2, 3, 5, 8, 13, 21])('does the same with SM3 up to %i leaves', (size) => {
    checkEverything(sm3, size);
  });

  it('gives SM3 and SHA-256 trees different roots', () => {
    const data = [Uint8Array.of(1), Uint8Array.of(2)];
    const root = (hash: HashFunction): Uint8Array =>
      frontierRoot(hash, appendToFrontier(hash, EMPTY_FRONTIER, data.map((leaf) => leafHash(hash, leaf))).frontier);
    expect(root(sm3)).not.toEqual(root(sha256));
  });
});
