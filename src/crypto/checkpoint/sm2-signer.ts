import { sm2 } from 'sm-crypto-v2';
import { DomainError } from '../../core/shared/domain-error.ts';
import { concatBytes, fromHex, toHex, utf8Bytes } from './encoding.ts';
import { noteKeyId } from './key-id.ts';
import { isValidKeyName } from './key-name.ts';
import type { NoteSigner, NoteVerifier } from './note-signer.ts';

/**
 * SM2 note signatures, the gm suite. C2SP signed-note reserves type 0xff for signature types it
 * does not assign, "RECOMMENDED that this byte be followed by a longer identifier"; ours is
 * 0xff || "sm2-sm3", and
 *
 *     key ID = SHA-256(key name || 0x0A || 0xff || "sm2-sm3" || 04 || x || y)[:4]
 *
 * The signature is SM2 with SM3 (GB/T 32918.2 §6, equivalently GM/T 0003.2) over the note text,
 * with Z_A computed from the default user ID of GM/T 0009, encoded as 64 raw bytes r || s (each
 * 32 bytes big-endian), not DER.
 */

export const SM2_SIGNATURE_TYPE = concatBytes(Uint8Array.of(0xff), utf8Bytes('sm2-sm3'));
/** GM/T 0009: the default user distinguishing identifier, ASCII "1234567812345678". */
export const SM2_USER_ID = '1234567812345678';
export const SM2_PRIVATE_KEY_BYTES = 32;
/** Uncompressed point 04 || x || y (GB/T 32918.1, point to byte string conversion, uncompressed form). */
export const SM2_PUBLIC_KEY_BYTES = 65;
export const SM2_SIGNATURE_BYTES = 64;

/** Order n of the base point of the SM2 recommended curve (GB/T 32918.5). */
const CURVE_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/**
 * Options for every call into sm-crypto-v2: `hash: true` makes it compute e = SM3(Z_A || M) as the
 * standard requires (its default signs the raw message), `der: false` gives raw r || s.
 */
const LIBRARY_OPTIONS = { hash: true, der: false, userId: SM2_USER_ID } as const;

function invalidKey(message: string): DomainError<'NOTE_KEY_INVALID'> {
  return new DomainError('NOTE_KEY_INVALID', message);
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

/** Signature type identifier followed by the public key: the bytes hashed into the key ID. */
export function sm2TypedPublicKey(publicKey: Uint8Array): Uint8Array {
  return concatBytes(SM2_SIGNATURE_TYPE, publicKey);
}

export function sm2KeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return noteKeyId(name, sm2TypedPublicKey(publicKey));
}

/** GB/T 32918.1 §6.1: the private key d is an integer in [1, n − 2]. */
export function isValidSm2PrivateKey(privateKey: Uint8Array): boolean {
  if (privateKey.length !== SM2_PRIVATE_KEY_BYTES) return false;
  const value = toBigInt(privateKey);
  return value >= 1n && value <= CURVE_ORDER - 2n;
}

/** GB/T 32918.1 §6.2: an uncompressed point that lies on the curve and is not the point at infinity. */
export function isValidSm2PublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== SM2_PUBLIC_KEY_BYTES || publicKey[0] !== 0x04) return false;
  try {
    return sm2.verifyPublicKey(toHex(publicKey));
  } catch {
    return false;
  }
}

/** The public key P = [d]G, uncompressed. */
export function sm2PublicKey(privateKey: Uint8Array): Uint8Array {
  if (!isValidSm2PrivateKey(privateKey)) throw invalidKey('SM2 private key must be 32 bytes in [1, n − 2]');
  const publicKey = fromHex(sm2.getPublicKeyFromPrivateKey(toHex(privateKey)));
  if (publicKey === undefined || publicKey.length !== SM2_PUBLIC_KEY_BYTES) throw invalidKey('SM2 public key derivation failed');
  return publicKey;
}

/**
 * Verifies a raw r || s signature over `message` (GB/T 32918.2 §7.1). Steps B1 and B2, r and s in
 * [1, n − 1], are checked here since the library does not check them; it computes the rest.
 */
export function verifySm2Signature(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SM2_SIGNATURE_BYTES) return false;
  const r = toBigInt(signature.subarray(0, 32));
  const s = toBigInt(signature.subarray(32));
  if (r < 1n || r >= CURVE_ORDER || s < 1n || s >= CURVE_ORDER) return false;
  try {
    return sm2.doVerifySignature(message, toHex(signature), toHex(publicKey), LIBRARY_OPTIONS);
  } catch {
    return false;
  }
}

export function sm2Signer(name: string, privateKey: Uint8Array): NoteSigner {
  if (!isValidKeyName(name)) throw invalidKey('key name must be non-empty, without spaces, plus signs or control characters');
  const publicKey = sm2PublicKey(privateKey);
  const privateHex = toHex(privateKey);
  const publicHex = toHex(publicKey);
  return {
    name,
    keyId: sm2KeyId(name, publicKey),
    sign: (message) => {
      const signature = fromHex(sm2.doSignature(message, privateHex, { ...LIBRARY_OPTIONS, publicKey: publicHex }));
      if (signature === undefined || signature.length !== SM2_SIGNATURE_BYTES) {
        throw new DomainError('NOTE_SIGNATURE_FAILED', 'SM2 signing did not produce a 64-byte r || s signature');
      }
      return signature;
    },
  };
}

export function sm2Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw invalidKey('key name must be non-empty, without spaces, plus signs or control characters');
  if (!isValidSm2PublicKey(publicKey)) throw invalidKey('SM2 public key must be an uncompressed point on the curve (65 bytes)');
  const key = publicKey.slice();
  return {
    name,
    keyId: sm2KeyId(name, key),
    verify: (message, signature) => verifySm2Signature(message, signature, key),
  };
}
