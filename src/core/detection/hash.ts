/*
 * Small non-cryptographic hashes for the detectors' bounded sets and sketches. None of them
 * protects a secret: blind indexes are already keyed HMACs, and the strings hashed here
 * (resource codes, item codes, source addresses, case numbers) are kept only as 32-bit digests
 * so that state stays small and holds no case text.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units; `seed` continues an earlier hash (hash of a pair without concatenating). */
export function fnv1a(text: string, seed: number = FNV_OFFSET): number {
  let hash = seed;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
export function mix32(value: number): number {
  let hash = value | 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function hexWord(hex: string, start: number): number {
  let word = 0;
  const end = Math.min(start + 8, hex.length);
  for (let index = start; index < end; index += 1) {
    const code = hex.charCodeAt(index);
    // '0'–'9' → 0–9, 'a'–'f' and 'A'–'F' → 10–15; anything else still lands somewhere deterministic.
    const digit = code <= 57 ? code - 48 : (code | 32) - 87;
    word = (word << 4) | (digit & 15);
  }
  return word;
}

/**
 * 32 well-mixed bits of a blind index given as hex. An HMAC's bits are uniform, so its first 32
 * bits are as good as any: among 200,000 subjects about five pairs share them, noise beside a
 * sketch's 6.5 %. They are mixed anyway, so that short or patterned test input still spreads
 * over a sketch's registers.
 */
export function subjectHash(blindIndex: string): number {
  return mix32(hexWord(blindIndex, 0) ^ Math.imul(blindIndex.length, 0x9e3779b1));
}
