import { DomainError } from '../../shared/domain-error.ts';
import { digestLength, type HashFunction, nodeHash } from './hash-function.ts';
import { isLeafCount } from './leaf-count.ts';
import type { NodeAddress } from './node-address.ts';
import { hashRange } from './range-blocks.ts';
import { rootPlan } from './proof-plan.ts';

/*
 * The right edge of a Merkle tree: the roots of the complete subtrees that [0, size) splits into,
 * one per set bit of size, largest (leftmost) first. It is all that appending needs. A new leaf
 * joins the smallest subtree when they are the same size, and the merging carries upward like
 * adding one to a binary counter; every merge completes a node, and complete nodes never change
 * again (RFC 9162 §2.1.1's tree only ever grows on the right), so storage writes each one once.
 * The root is the fold of the frontier, since [0, size) is a range of the kind range-blocks.ts
 * describes.
 */

export type Frontier = {
  readonly size: number;
  /** Roots of the complete subtrees of [0, size), left to right, one per set bit of size, largest first. */
  readonly hashes: readonly Uint8Array[];
};

/** A complete node to store under its address. */
export interface CompleteNode extends NodeAddress {
  hash: Uint8Array;
}

export interface FrontierAppend {
  frontier: Frontier;
  /** Every node completed by the append, leaves (level 0) included, each after its children. */
  nodes: CompleteNode[];
}

export type FrontierErrorCode = 'MERKLE_FRONTIER_INVALID' | 'MERKLE_HASH_INVALID';

export const EMPTY_FRONTIER: Frontier = Object.freeze({ size: 0, hashes: Object.freeze([]) });

/** Where the frontier of a tree of `size` leaves lives in storage, in the order of Frontier.hashes. */
export function frontierAddresses(size: number): NodeAddress[] {
  // The frontier is exactly what the root is folded from.
  return rootPlan(size);
}

function requireFrontier(hash: HashFunction, frontier: Frontier): NodeAddress[] {
  if (!isLeafCount(frontier.size)) {
    throw new DomainError<FrontierErrorCode>('MERKLE_FRONTIER_INVALID', `a frontier size is a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  }
  const addresses = frontierAddresses(frontier.size);
  if (frontier.hashes.length !== addresses.length) {
    throw new DomainError<FrontierErrorCode>('MERKLE_FRONTIER_INVALID', 'a frontier holds one hash per set bit of its size', {
      details: { size: frontier.size, expected: addresses.length, actual: frontier.hashes.length },
    });
  }
  requireDigests(hash, frontier.hashes, 'frontier');
  return addresses;
}

function requireDigests(hash: HashFunction, hashes: readonly Uint8Array[], argument: string): void {
  const length = digestLength(hash);
  hashes.forEach((value, position) => {
    if (!(value instanceof Uint8Array) || value.length !== length) {
      throw new DomainError<FrontierErrorCode>('MERKLE_HASH_INVALID', `every ${argument} hash must be ${length} bytes long`, {
        details: { argument, position },
      });
    }
  });
}

/**
 * Appends leaves, given as leaf hashes (leafHash of each entry), to the tree whose frontier is
 * given. Returns the new frontier and every newly completed node to store. The input frontier is
 * left as it was. Throws MERKLE_FRONTIER_INVALID or MERKLE_HASH_INVALID for malformed input.
 */
export function appendToFrontier(hash: HashFunction, frontier: Frontier, leafHashes: readonly Uint8Array[]): FrontierAppend {
  const addresses = requireFrontier(hash, frontier);
  requireDigests(hash, leafHashes, 'leaf');
  if (leafHashes.length > Number.MAX_SAFE_INTEGER - frontier.size) {
    throw new DomainError<FrontierErrorCode>('MERKLE_FRONTIER_INVALID', `a tree holds at most ${Number.MAX_SAFE_INTEGER} leaves`);
  }
  const stack: CompleteNode[] = addresses.map((address, position) => ({ ...address, hash: frontier.hashes[position] as Uint8Array }));
  const nodes: CompleteNode[] = [];
  let size = frontier.size;
  for (const leaf of leafHashes) {
    let node: CompleteNode = { level: 0, index: size, hash: leaf };
    nodes.push(node);
    // The top of the stack is the smallest complete subtree; an equal-sized one to its right
    // makes them siblings, and their parent is complete (RFC 6962 §2.1: MTH = H(0x01 || left || right)).
    for (let left = stack.at(-1); left !== undefined && left.level === node.level; left = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(hash, left.hash, node.hash) };
      nodes.push(node);
    }
    stack.push(node);
    size += 1;
  }
  return { frontier: { size, hashes: stack.map((node) => node.hash) }, nodes };
}

/**
 * Like appendToFrontier, but keeps only the new frontier: for recomputing a whole log, where
 * the completed nodes are not stored and building a million node objects would only feed the
 * garbage collector.
 */
export function extendFrontier(hash: HashFunction, frontier: Frontier, leafHashes: readonly Uint8Array[]): Frontier {
  requireFrontier(hash, frontier);
  requireDigests(hash, leafHashes, 'leaf');
  const hashes = [...frontier.hashes];
  // Heights of the subtrees on the stack, largest first, derived from the binary digits of size.
  const levels = frontierAddresses(frontier.size).map((address) => address.level);
  for (const leaf of leafHashes) {
    let node = leaf;
    let level = 0;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      node = nodeHash(hash, hashes.pop()!, node);
      level += 1;
    }
    hashes.push(node);
    levels.push(level);
  }
  return { size: frontier.size + leafHashes.length, hashes };
}

/** The root of the tree [0, size): the fold of its frontier, or H() for the empty tree (RFC 6962 §2.1). */
export function frontierRoot(hash: HashFunction, frontier: Frontier): Uint8Array {
  requireFrontier(hash, frontier);
  return hashRange(hash, frontier.hashes);
}
