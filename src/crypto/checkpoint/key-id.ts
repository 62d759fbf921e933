import { createHash } from 'node:crypto';
import { concatBytes, utf8Bytes } from './encoding.ts';

export const KEY_ID_BYTES = 4;

/**
 * The key ID of a note key (C2SP signed-note, "Signatures"):
 *
 *     key ID = SHA-256(key name || 0x0A || signature type || public key)[:4]
 *
 * `typedPublicKey` is the signature type identifier followed by the public key encoding, the same
 * bytes that a verifier key text carries in its last field.
 */
export function noteKeyId(name: string, typedPublicKey: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(concatBytes(utf8Bytes(name), Uint8Array.of(0x0a), typedPublicKey)).digest();
  return new Uint8Array(digest.subarray(0, KEY_ID_BYTES));
}
