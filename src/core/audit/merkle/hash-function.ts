import { hash as oneShotHash } from 'node:crypto';

/*
 * The hashing of RFC 6962 §2.1 (unchanged in RFC 9162 §2.1.1). Leaves and interior nodes get
 * different one-byte prefixes so that no leaf can be passed off as an interior node or the other
 * way round (the second-preimage defence RFC 9162 §2.1.1 describes). The hash itself is a
 * parameter: SHA-256 for interoperability with Certificate Transparency tooling, SM3
 * (GB/T 32905-2016) where a national algorithm is required.
 */

/**
 * A cryptographic hash: the whole message in, the digest out. Must be deterministic and of fixed
 * output length. A string message means its UTF-8 bytes.
 */
export type HashFunction = (data: Uint8Array | string) => Uint8Array;

/** RFC 6962 §2.1: MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export const RFC6962_LEAF_HASH_PREFIX = 0x00;

/** RFC 6962 §2.1: MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export const RFC6962_NODE_HASH_PREFIX = 0x01;

function nodeCryptoHash(algorithm: string): HashFunction {
  return (data) => {
    // crypto.hash is the one-shot form: about twice as fast as createHash for small inputs, which
    // matters when a million leaves are recomputed.
    const digest = oneShotHash(algorithm, data, 'buffer');
    // A plain Uint8Array view rather than a Buffer, so callers and tests see one byte type.
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  };
}

export const sha256: HashFunction = nodeCryptoHash('sha256');

/** SM3 through OpenSSL, which Node's bundled OpenSSL 3 provides. */
export const sm3: HashFunction = nodeCryptoHash('sm3');

/** The hash of one leaf's data: H(0x00 || leaf) (RFC 6962 §2.1). */
export function leafHash(hash: HashFunction, leaf: Uint8Array): Uint8Array {
  const message = new Uint8Array(1 + leaf.length);
  message[0] = RFC6962_LEAF_HASH_PREFIX;
  message.set(leaf, 1);
  return hash(message);
}

/** leafHash of a text's UTF-8 bytes, built in one buffer: the form audit leaves are stored in. */
export function textLeafHash(hash: HashFunction, text: string): Uint8Array {
  // U+0000 is the single byte 0x00 in UTF-8, so this hashes exactly 0x00 ‖ UTF-8(text) without
  // copying the text into a buffer first.
  return hash(`\u0000${text}`);
}

/** The hash of an interior node from its two children: H(0x01 || left || right) (RFC 6962 §2.1). */
export function nodeHash(hash: HashFunction, left: Uint8Array, right: Uint8Array): Uint8Array {
  const message = new Uint8Array(1 + left.length + right.length);
  message[0] = RFC6962_NODE_HASH_PREFIX;
  message.set(left, 1);
  message.set(right, 1 + left.length);
  return hash(message);
}

/** The root of the empty tree: MTH({}) = H() (RFC 6962 §2.1), the hash of the empty string. */
export function emptyRoot(hash: HashFunction): Uint8Array {
  return hash(new Uint8Array(0));
}

const digestLengths = new WeakMap<HashFunction, number>();

/** The output length of a hash in bytes, which every node hash and proof element must have. */
export function digestLength(hash: HashFunction): number {
  let length = digestLengths.get(hash);
  if (length === undefined) {
    length = emptyRoot(hash).length;
    digestLengths.set(hash, length);
  }
  return length;
}
