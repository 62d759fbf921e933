/**
 * GHASH, the universal hash of GCM (NIST SP 800-38D §6.4), in TypeScript: Node's OpenSSL has SM4
 * but no SM4-GCM, so the gm suite computes the tag here (RFC 8998 §3.1 is GCM with SM4).
 *
 * Bit order is the standard's: in a 16-byte block, bit 0 is the most significant bit of byte 0 and
 * is the coefficient of x^0. A block is held as four big-endian 32-bit words w0..w3, so that
 * "multiply by x" is a right shift of the 128-bit number w0‖w1‖w2‖w3, and a bit shifted out of w3
 * is folded back with R = 11100001‖0^120 (x^128 = 1 + x + x^2 + x^7).
 *
 * Speed comes from an 8-bit table per key (Shoup's method): PRODUCTS[b] = b·H for each byte value
 * b, so one block costs 16 table look-ups and byte shifts instead of 128 conditional shifts.
 * Threat note: table look-ups indexed by secret-dependent bytes can leak through a shared CPU
 * cache to code on the same host; the intl suite (native AES-GCM) has no such table. We accept
 * this for the gm suite because the server does not run untrusted co-tenant code.
 */

export const GHASH_BLOCK_BYTES = 16;

/** The field's reduction for a whole byte: REDUCTION[e] = e·x^8 for e in bits 120..127, in w0. */
const REDUCTION = buildReduction();

/** Multiplies a 4-word element by x in place (SP 800-38D §6.3, Algorithm 1, the V step). */
function multiplyByX(words: Uint32Array, offset: number): void {
  const carry = words[offset + 3]! & 1;
  words[offset + 3] = (words[offset + 3]! >>> 1) | (words[offset + 2]! << 31);
  words[offset + 2] = (words[offset + 2]! >>> 1) | (words[offset + 1]! << 31);
  words[offset + 1] = (words[offset + 1]! >>> 1) | (words[offset]! << 31);
  words[offset] = (words[offset]! >>> 1) ^ (carry === 1 ? 0xe1000000 : 0);
}

function buildReduction(): Uint32Array {
  const table = new Uint32Array(256);
  const element = new Uint32Array(4);
  for (let byte = 0; byte < 256; byte++) {
    element.fill(0);
    element[3] = byte;
    for (let step = 0; step < 8; step++) multiplyByX(element, 0);
    // x^(128+j)·… for j < 8 reduces to degree < 15: only the top of w0 is ever set.
    table[byte] = element[0]!;
  }
  return table;
}

function readWord(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** The per-key table: 256 elements of 4 words, entry b = b·H with the byte's top bit as x^0. */
export function ghashTable(hashKey: Uint8Array): Uint32Array {
  if (hashKey.length !== GHASH_BLOCK_BYTES) throw new RangeError('the GHASH key H must be 16 bytes');
  const products = new Uint32Array(256 * 4);
  for (let word = 0; word < 4; word++) products[0x80 * 4 + word] = readWord(hashKey, word * 4);
  for (let bit = 0x40; bit >= 1; bit >>= 1) {
    products.copyWithin(bit * 4, bit * 8, bit * 8 + 4);
    multiplyByX(products, bit * 4);
  }
  // Multiplication distributes over XOR, so every other entry is a sum of the single-bit ones.
  for (let bit = 2; bit < 256; bit <<= 1) {
    for (let low = 1; low < bit; low++) {
      for (let word = 0; word < 4; word++) products[(bit + low) * 4 + word] = products[bit * 4 + word]! ^ products[low * 4 + word]!;
    }
  }
  return products;
}

/**
 * A running GHASH: Y_i = (Y_{i-1} ⊕ X_i)·H. `update` zero-pads a partial last block, which is
 * exactly the 0^v and 0^u padding that GCM puts after A and after C.
 */
export interface Ghash {
  update(data: Uint8Array): void;
  /** Appends [len(A)]64 ‖ [len(C)]64, in bits, and returns the 16-byte result S. */
  finish(aadBytes: number, ciphertextBytes: number): Uint8Array;
}

export function ghash(products: Uint32Array): Ghash {
  const state = new Uint32Array(4);
  const padded = new Uint8Array(GHASH_BLOCK_BYTES);

  function absorb(data: Uint8Array, end: number): void {
    let y0 = state[0]!;
    let y1 = state[1]!;
    let y2 = state[2]!;
    let y3 = state[3]!;
    for (let offset = 0; offset < end; offset += GHASH_BLOCK_BYTES) {
      y0 ^= readWord(data, offset);
      y1 ^= readWord(data, offset + 4);
      y2 ^= readWord(data, offset + 8);
      y3 ^= readWord(data, offset + 12);
      // Horner's rule over the bytes, last byte first: Z = Z·x^8 ⊕ PRODUCTS[byte].
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      let z3 = 0;
      for (let index = 3; index >= 0; index--) {
        const word = index === 3 ? y3 : index === 2 ? y2 : index === 1 ? y1 : y0;
        for (let shift = 0; shift < 32; shift += 8) {
          const carried = z3 & 0xff;
          z3 = (z3 >>> 8) | (z2 << 24);
          z2 = (z2 >>> 8) | (z1 << 24);
          z1 = (z1 >>> 8) | (z0 << 24);
          z0 = (z0 >>> 8) ^ REDUCTION[carried]!;
          const entry = ((word >>> shift) & 0xff) * 4;
          z0 ^= products[entry]!;
          z1 ^= products[entry + 1]!;
          z2 ^= products[entry + 2]!;
          z3 ^= products[entry + 3]!;
        }
      }
      y0 = z0;
      y1 = z1;
      y2 = z2;
      y3 = z3;
    }
    state[0] = y0;
    state[1] = y1;
    state[2] = y2;
    state[3] = y3;
  }

  function update(data: Uint8Array): void {
    const whole = data.length - (data.length % GHASH_BLOCK_BYTES);
    absorb(data, whole);
    if (whole === data.length) return;
    padded.fill(0);
    padded.set(data.subarray(whole));
    absorb(padded, GHASH_BLOCK_BYTES);
  }

  function finish(aadBytes: number, ciphertextBytes: number): Uint8Array {
    const lengths = new DataView(padded.buffer, padded.byteOffset, GHASH_BLOCK_BYTES);
    lengths.setBigUint64(0, BigInt(aadBytes) * 8n);
    lengths.setBigUint64(8, BigInt(ciphertextBytes) * 8n);
    absorb(padded, GHASH_BLOCK_BYTES);
    const result = new Uint8Array(GHASH_BLOCK_BYTES);
    const view = new DataView(result.buffer);
    for (let word = 0; word < 4; word++) view.setUint32(word * 4, state[word]!);
    return result;
  }

  return { update, finish };
}
