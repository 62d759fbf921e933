/**
 * Whether two byte strings are identical. Proof verification compares public hashes only, so a
 * plain early-exit comparison is enough; there is no secret for a timing channel to leak.
 */
export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let position = 0; position < left.length; position += 1) {
    if (left[position] !== right[position]) return false;
  }
  return true;
}
