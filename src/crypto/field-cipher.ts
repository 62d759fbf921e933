import { DomainError } from '../core/shared/domain-error.ts';
import type { RandomSource } from '../core/shared/id-generator.ts';
import type { CipherSuite } from './cipher-suite.ts';

/**
 * A FieldCipher encrypts single field values at rest under one resource's data key: envelope
 * encryption for storage confidentiality (GB/T 39477-2020; GM/T 0054-2018, now GB/T 39786-2021),
 * where the data key is stored only wrapped by a KEK (key-store.ts), so rotating the KEK never
 * re-encrypts the data.
 *
 * The AAD names the value's place, e.g. `resourceCode/itemCode/rowKey`: someone who can write to
 * the database but holds no key cannot move a ciphertext to another row or item (say, swap two
 * citizens' ID numbers) without decryption failing.
 */
export interface FieldCipher {
  /** base64url of nonce ‖ ciphertext ‖ tag. */
  encrypt(value: string, aad: string): string;
  /** DomainError('DECRYPTION_FAILED') on tampering, a wrong key or a wrong AAD. */
  decrypt(sealed: string, aad: string): string;
}

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
/** Fatal: authenticated bytes that are not UTF-8 mean a bug or a forged key, never data to guess at. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decryptionFailed(cause?: unknown): DomainError<'DECRYPTION_FAILED'> {
  return new DomainError('DECRYPTION_FAILED', '字段解密失败 / field decryption failed', { cause });
}

export function newDataKey(suite: CipherSuite, random: RandomSource): Uint8Array {
  const key = Uint8Array.from(random(suite.keyBytes));
  if (key.length !== suite.keyBytes) throw new RangeError(`the random source returned ${key.length} bytes, not ${suite.keyBytes}`);
  return key;
}

export function fieldCipher(suite: CipherSuite, dataKey: Uint8Array, random: RandomSource): FieldCipher {
  if (dataKey.length !== suite.keyBytes) throw new RangeError(`the ${suite.name} suite takes ${suite.keyBytes}-byte data keys`);
  const key = Uint8Array.from(dataKey);
  return {
    encrypt(value, aad) {
      // A lone surrogate would be stored as U+FFFD and come back as a different string.
      if (!value.isWellFormed() || !aad.isWellFormed()) throw new RangeError('field values and AAD must be well-formed Unicode');
      const sealed = suite.seal(key, Buffer.from(value, 'utf8'), Buffer.from(aad, 'utf8'), random);
      return Buffer.from(sealed).toString('base64url');
    },
    decrypt(sealed, aad) {
      // Buffer's base64url decoder skips characters it does not know; refuse them instead.
      if (!BASE64URL_PATTERN.test(sealed)) throw decryptionFailed();
      const plaintext = suite.open(key, Buffer.from(sealed, 'base64url'), Buffer.from(aad, 'utf8'));
      try {
        return UTF8.decode(plaintext);
      } catch (error) {
        throw decryptionFailed(error);
      }
    },
  };
}
