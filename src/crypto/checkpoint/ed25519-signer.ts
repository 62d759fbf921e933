import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { DomainError } from '../../core/shared/domain-error.ts';
import { concatBytes } from './encoding.ts';
import { noteKeyId } from './key-id.ts';
import { isValidKeyName } from './key-name.ts';
import type { NoteSigner, NoteVerifier } from './note-signer.ts';

/**
 * Ed25519 note signatures, the intl suite (C2SP signed-note, "Ed25519 signatures"): RFC 8032
 * Ed25519 over the note text, signature type 0x01, and
 *
 *     key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4]
 */

export const ED25519_SIGNATURE_TYPE = 0x01;
export const ED25519_SEED_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

/** PKCS#8 prefix of an Ed25519 private key (RFC 8410 §7); the 32-byte seed follows it. */
const PKCS8_ED25519_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);

function invalidKey(message: string): DomainError<'NOTE_KEY_INVALID'> {
  return new DomainError('NOTE_KEY_INVALID', message);
}

function assertName(name: string): void {
  if (!isValidKeyName(name)) throw invalidKey('key name must be non-empty, without spaces, plus signs or control characters');
}

/** Signature type byte followed by the public key: the bytes hashed into the key ID. */
export function ed25519TypedPublicKey(publicKey: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(ED25519_SIGNATURE_TYPE), publicKey);
}

export function ed25519KeyId(name: string, publicKey: Uint8Array): Uint8Array {
  return noteKeyId(name, ed25519TypedPublicKey(publicKey));
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_SEED_BYTES) throw invalidKey(`Ed25519 private key must be a ${ED25519_SEED_BYTES}-byte seed`);
  return createPrivateKey({ key: Buffer.from(concatBytes(PKCS8_ED25519_PREFIX, seed)), format: 'der', type: 'pkcs8' });
}

function publicKeyBytes(key: KeyObject): Uint8Array {
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw invalidKey('Ed25519 key has no public part');
  return new Uint8Array(Buffer.from(x, 'base64url'));
}

/** The RFC 8032 public key of a 32-byte seed. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return publicKeyBytes(createPublicKey(privateKeyObject(seed)));
}

export function ed25519Signer(name: string, seed: Uint8Array): NoteSigner {
  assertName(name);
  const privateKey = privateKeyObject(seed);
  const keyId = ed25519KeyId(name, publicKeyBytes(createPublicKey(privateKey)));
  return {
    name,
    keyId,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

export function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  assertName(name);
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) throw invalidKey(`Ed25519 public key must be ${ED25519_PUBLIC_KEY_BYTES} bytes`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
  } catch (error) {
    throw new DomainError('NOTE_KEY_INVALID', 'Ed25519 public key is not valid', { cause: error });
  }
  return {
    name,
    keyId: ed25519KeyId(name, publicKey),
    verify: (message, signature) => {
      if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}
