import { DomainError } from '../../core/shared/domain-error.ts';
import type { CryptoSuite } from '../blind-index.ts';
import { bytesEqual, fromBase64, fromHex, toBase64, toHex } from './encoding.ts';
import { ed25519TypedPublicKey, ed25519Verifier, ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_TYPE } from './ed25519-signer.ts';
import { KEY_ID_BYTES, noteKeyId } from './key-id.ts';
import { isValidKeyName } from './key-name.ts';
import type { NoteVerifier } from './note-signer.ts';
import { sm2TypedPublicKey, sm2Verifier, SM2_PUBLIC_KEY_BYTES, SM2_SIGNATURE_TYPE } from './sm2-signer.ts';

/**
 * The verifier key text of a note key, the format that golang.org/x/mod/sumdb/note and the
 * transparency-log tools exchange:
 *
 *     <key name>+<key ID as 8 hex digits>+<base64(signature type || public key)>
 *
 * e.g. Ed25519: base64(0x01 || 32-byte key); SM2: base64(0xff || "sm2-sm3" || 65-byte point).
 * Key names contain no plus sign (C2SP signed-note), so the first two plus signs split the fields;
 * the base64 field may contain plus signs of its own.
 */

const MAX_VERIFIER_KEY_LENGTH = 1024;

function typedPublicKey(suite: CryptoSuite, publicKey: Uint8Array): Uint8Array {
  return suite === 'gm' ? sm2TypedPublicKey(publicKey) : ed25519TypedPublicKey(publicKey);
}

export function formatVerifierKey(suite: CryptoSuite, name: string, publicKey: Uint8Array): string {
  // Building the verifier validates the name and the public key.
  const verifier = suite === 'gm' ? sm2Verifier(name, publicKey) : ed25519Verifier(name, publicKey);
  return `${name}+${toHex(verifier.keyId)}+${toBase64(typedPublicKey(suite, publicKey))}`;
}

function malformed(message: string, cause?: unknown): DomainError<'VERIFIER_KEY_MALFORMED'> {
  return new DomainError('VERIFIER_KEY_MALFORMED', message, { cause });
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && bytesEqual(bytes.subarray(0, prefix.length), prefix);
}

function buildVerifier(name: string, material: Uint8Array): NoteVerifier {
  if (material[0] === ED25519_SIGNATURE_TYPE) {
    const publicKey = material.subarray(1);
    if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) throw malformed('Ed25519 verifier key must hold a 32-byte public key');
    return ed25519Verifier(name, publicKey);
  }
  if (startsWith(material, SM2_SIGNATURE_TYPE)) {
    const publicKey = material.subarray(SM2_SIGNATURE_TYPE.length);
    if (publicKey.length !== SM2_PUBLIC_KEY_BYTES) throw malformed('SM2 verifier key must hold a 65-byte uncompressed point');
    return sm2Verifier(name, publicKey);
  }
  throw new DomainError('VERIFIER_KEY_UNSUPPORTED', 'verifier key has an unsupported signature type');
}

/**
 * Parses a verifier key text and recomputes its key ID from the name and the key: a text whose key
 * ID does not match is refused (VERIFIER_KEY_ID_MISMATCH), so that a mistyped or altered key cannot
 * be configured under another key's ID.
 */
export function parseVerifierKey(text: unknown): NoteVerifier {
  if (typeof text !== 'string' || text.length > MAX_VERIFIER_KEY_LENGTH) throw malformed('verifier key must be a short text');
  const firstPlus = text.indexOf('+');
  const secondPlus = firstPlus < 0 ? -1 : text.indexOf('+', firstPlus + 1);
  if (secondPlus < 0) throw malformed('verifier key must be <name>+<key ID>+<key>');
  const name = text.slice(0, firstPlus);
  const keyIdText = text.slice(firstPlus + 1, secondPlus);
  const material = fromBase64(text.slice(secondPlus + 1));
  if (!isValidKeyName(name)) throw malformed('verifier key has an invalid key name');
  const keyId = keyIdText.length === 2 * KEY_ID_BYTES ? fromHex(keyIdText) : undefined;
  if (keyId === undefined) throw malformed('verifier key ID must be 8 hex digits');
  if (material === undefined || material.length === 0) throw malformed('verifier key material must be canonical base64');
  if (!bytesEqual(noteKeyId(name, material), keyId)) {
    throw new DomainError('VERIFIER_KEY_ID_MISMATCH', 'verifier key ID does not match the key name and public key');
  }
  try {
    return buildVerifier(name, material);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOTE_KEY_INVALID') throw malformed('verifier key holds an invalid public key', error);
    throw error;
  }
}
