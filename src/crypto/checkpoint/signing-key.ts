import { DomainError } from '../../core/shared/domain-error.ts';
import { secureRandom, type RandomSource } from '../../core/shared/id-generator.ts';
import type { CryptoSuite } from '../blind-index.ts';
import { ed25519PublicKey, ed25519Signer, ed25519Verifier, ED25519_PUBLIC_KEY_BYTES, ED25519_SEED_BYTES } from './ed25519-signer.ts';
import { bytesEqual, fromHex, toHex } from './encoding.ts';
import { isValidKeyName } from './key-name.ts';
import type { NoteSigner, NoteVerifier } from './note-signer.ts';
import { isValidSm2PrivateKey, sm2PublicKey, sm2Signer, sm2Verifier, SM2_PRIVATE_KEY_BYTES, SM2_PUBLIC_KEY_BYTES } from './sm2-signer.ts';
import { formatVerifierKey } from './verifier-key.ts';

/**
 * A note signing key as stored (JSON). Keys are lowercase hex:
 * - intl: `privateKey` the 32-byte Ed25519 seed (RFC 8032 §5.1.5), `publicKey` the 32-byte key;
 * - gm: `privateKey` the 32-byte SM2 scalar d, `publicKey` the 65-byte point 04 || x || y.
 * `name` is the note key name; for a log it is the log's origin (C2SP tlog-checkpoint).
 */
export interface SigningKey {
  suite: CryptoSuite;
  name: string;
  privateKey: string;
  publicKey: string;
}

/** Attempts at drawing an SM2 scalar in range before assuming the random source is broken. */
const MAX_SCALAR_ATTEMPTS = 64;

function invalid(message: string, cause?: unknown): DomainError<'SIGNING_KEY_INVALID'> {
  return new DomainError('SIGNING_KEY_INVALID', message, { cause });
}

function drawSm2PrivateKey(random: RandomSource): Uint8Array {
  // Rejection sampling keeps d uniform in [1, n − 2] (GB/T 32918.1 §6.1).
  for (let attempt = 0; attempt < MAX_SCALAR_ATTEMPTS; attempt++) {
    const candidate = random(SM2_PRIVATE_KEY_BYTES);
    if (isValidSm2PrivateKey(candidate)) return candidate;
  }
  throw new DomainError('RANDOM_SOURCE_FAILED', 'random source gave no usable SM2 private key');
}

export function generateSigningKey(suite: CryptoSuite, name: string, random: RandomSource = secureRandom): SigningKey {
  if (!isValidKeyName(name)) throw invalid('key name must be non-empty, without spaces, plus signs or control characters');
  if (suite === 'gm') {
    const privateKey = drawSm2PrivateKey(random);
    return { suite, name, privateKey: toHex(privateKey), publicKey: toHex(sm2PublicKey(privateKey)) };
  }
  const seed = random(ED25519_SEED_BYTES);
  if (seed.length !== ED25519_SEED_BYTES) throw new DomainError('RANDOM_SOURCE_FAILED', 'random source gave the wrong number of bytes');
  return { suite, name, privateKey: toHex(seed), publicKey: toHex(ed25519PublicKey(seed)) };
}

interface KeyBytes {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * Checks a stored key fully: known suite, valid name, exact lengths, private key in range, and the
 * public key equal to the one the private key yields (node:crypto would silently derive its own).
 */
function keyBytes(key: SigningKey): KeyBytes {
  if (key.suite !== 'intl' && key.suite !== 'gm') throw invalid('unknown suite');
  if (!isValidKeyName(key.name)) throw invalid('key name must be non-empty, without spaces, plus signs or control characters');
  const privateKey = typeof key.privateKey === 'string' ? fromHex(key.privateKey) : undefined;
  const publicKey = typeof key.publicKey === 'string' ? fromHex(key.publicKey) : undefined;
  const [privateLength, publicLength] = key.suite === 'gm' ? [SM2_PRIVATE_KEY_BYTES, SM2_PUBLIC_KEY_BYTES] : [ED25519_SEED_BYTES, ED25519_PUBLIC_KEY_BYTES];
  if (privateKey === undefined || privateKey.length !== privateLength) throw invalid(`private key must be ${privateLength} bytes of hex`);
  if (publicKey === undefined || publicKey.length !== publicLength) throw invalid(`public key must be ${publicLength} bytes of hex`);
  let derived: Uint8Array;
  try {
    derived = key.suite === 'gm' ? sm2PublicKey(privateKey) : ed25519PublicKey(privateKey);
  } catch (error) {
    throw invalid('private key is not valid', error);
  }
  if (!bytesEqual(derived, publicKey)) throw invalid('public key does not belong to the private key');
  return { privateKey, publicKey };
}

/** Validates a parsed JSON value as a signing key and returns a clean copy. */
export function loadSigningKey(value: unknown): SigningKey {
  if (typeof value !== 'object' || value === null) throw invalid('signing key must be an object');
  const record = value as Record<string, unknown>;
  const key = { suite: record.suite, name: record.name, privateKey: record.privateKey, publicKey: record.publicKey } as SigningKey;
  keyBytes(key);
  return { suite: key.suite, name: key.name, privateKey: key.privateKey.toLowerCase(), publicKey: key.publicKey.toLowerCase() };
}

export function signerFromKey(key: SigningKey): NoteSigner {
  const { privateKey } = keyBytes(key);
  return key.suite === 'gm' ? sm2Signer(key.name, privateKey) : ed25519Signer(key.name, privateKey);
}

export function verifierFromKey(key: SigningKey): NoteVerifier {
  const { publicKey } = keyBytes(key);
  return key.suite === 'gm' ? sm2Verifier(key.name, publicKey) : ed25519Verifier(key.name, publicKey);
}

/** The verifier key text to hand to whoever checks this key's notes. */
export function verifierKeyText(key: SigningKey): string {
  const { publicKey } = keyBytes(key);
  return formatVerifierKey(key.suite, key.name, publicKey);
}
