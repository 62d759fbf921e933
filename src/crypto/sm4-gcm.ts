import { createCipheriv, timingSafeEqual } from 'node:crypto';
import { secretKey } from './secret-key.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import { ghash, ghashTable } from './ghash.ts';

/**
 * SM4-GCM (RFC 8998 §3.1: GCM of NIST SP 800-38D with SM4, GB/T 32907, as the block cipher).
 * Node's OpenSSL has `sm4-ecb` but no `sm4-gcm`, so the mode is assembled here: the native block
 * cipher for H, E_K(J0) and the keystream, GHASH (ghash.ts) in TypeScript.
 *
 * The assembly is generic over a native ECB cipher so that tests can build AES-GCM the same way
 * and compare it with Node's own aes-256-gcm: that checks GHASH, the counter blocks and the length
 * handling against an implementation we did not write.
 */

export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;
const BLOCK_BYTES = 16;

/**
 * SP 800-38D §5.2.1.1: len(P) ≤ 2^39 − 256 bits, i.e. 2^32 − 2 blocks. Within it the 32-bit
 * counter of inc32 (starting at 2 for a 96-bit IV) never wraps, so block i simply counts 1 + i.
 */
export const GCM_MAX_PLAINTEXT_BYTES = 2 ** 36 - 32;

export interface GcmSealed {
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/** An AEAD in the GCM construction with a 96-bit nonce and a full 128-bit tag. */
export interface GcmCipher {
  readonly keyBytes: number;
  encrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): GcmSealed;
  /** Throws DomainError('DECRYPTION_FAILED') if the tag does not match; checks it before decrypting. */
  decrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array, tag: Uint8Array): Uint8Array;
}

/** The one error for every authentication failure: which part was wrong is not told to the caller. */
export function decryptionFailed(cause?: unknown): DomainError<'DECRYPTION_FAILED'> {
  return new DomainError('DECRYPTION_FAILED', '解密失败：数据、密钥或关联数据不正确 / decryption failed: the data, key or associated data is wrong', { cause });
}

/** Builds GCM over a 128-bit block cipher given by its OpenSSL ECB name, e.g. `sm4-ecb`. */
export function nativeGcm(ecbAlgorithm: string, keyBytes: number): GcmCipher {
  function checkInputs(key: Uint8Array, nonce: Uint8Array, textBytes: number): void {
    if (key.length !== keyBytes) throw new RangeError(`${ecbAlgorithm} key must be ${keyBytes} bytes`);
    // Only 96-bit IVs (J0 = IV ‖ 0^31 ‖ 1): RFC 8998 §3.1 and SP 800-38D §8.2.1 recommend them.
    if (nonce.length !== GCM_NONCE_BYTES) throw new RangeError(`GCM nonce must be ${GCM_NONCE_BYTES} bytes`);
    if (textBytes > GCM_MAX_PLAINTEXT_BYTES) throw new RangeError('GCM input exceeds 2^39 − 256 bits');
  }

  /**
   * One native ECB call over 0^128 ‖ J0 ‖ inc32(J0) ‖ inc32²(J0) ‖ … gives H, E_K(J0) (the tag
   * mask) and GCTR's keystream together. Creating a Node cipher object costs about as much as
   * encrypting 2 KiB with SM4 (17 µs here), so one call instead of two or three is what makes
   * short field values fast.
   */
  function blockOutputs(key: Uint8Array, nonce: Uint8Array, textBytes: number): { hashKey: Uint8Array; tagMask: Uint8Array; keystream: Uint8Array } {
    const counterBlocks = Math.ceil(textBytes / BLOCK_BYTES);
    const input = new Uint8Array((2 + counterBlocks) * BLOCK_BYTES);
    // J0 = IV ‖ 0^31 ‖ 1 for a 96-bit IV, and keystream block i uses inc32^i(J0), counter 1 + i.
    // The IV is copied by doubling (native copies), then each 32-bit counter is written big-endian.
    input.set(nonce, BLOCK_BYTES);
    for (let filled = BLOCK_BYTES; filled < input.length - BLOCK_BYTES; filled *= 2) {
      input.copyWithin(BLOCK_BYTES + filled, BLOCK_BYTES, BLOCK_BYTES + filled);
    }
    for (let block = 1; block <= counterBlocks + 1; block++) {
      const offset = block * BLOCK_BYTES + GCM_NONCE_BYTES;
      input[offset] = block >>> 24;
      input[offset + 1] = block >>> 16;
      input[offset + 2] = block >>> 8;
      input[offset + 3] = block;
    }
    const cipher = createCipheriv(ecbAlgorithm, secretKey(key), null).setAutoPadding(false);
    const output = cipher.update(input);
    cipher.final();
    return {
      hashKey: output.subarray(0, BLOCK_BYTES),
      tagMask: output.subarray(BLOCK_BYTES, 2 * BLOCK_BYTES),
      keystream: output.subarray(2 * BLOCK_BYTES),
    };
  }

  /** GCTR: encryption and decryption are the same XOR with the keystream. */
  function xorKeystream(input: Uint8Array, keystream: Uint8Array): Uint8Array {
    const output = new Uint8Array(input.length);
    for (let index = 0; index < input.length; index++) output[index] = input[index]! ^ keystream[index]!;
    return output;
  }

  /** T = MSB_128(GCTR_K(J0, S)) with S = GHASH_H(A ‖ 0^v ‖ C ‖ 0^u ‖ [len(A)]64 ‖ [len(C)]64). */
  function computeTag(hashKey: Uint8Array, tagMask: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    const hash = ghash(ghashTable(hashKey));
    hash.update(aad);
    hash.update(ciphertext);
    const tag = hash.finish(aad.length, ciphertext.length);
    for (let index = 0; index < GCM_TAG_BYTES; index++) tag[index]! ^= tagMask[index]!;
    return tag;
  }

  return {
    keyBytes,
    encrypt(key, nonce, plaintext, aad) {
      checkInputs(key, nonce, plaintext.length);
      const { hashKey, tagMask, keystream } = blockOutputs(key, nonce, plaintext.length);
      const ciphertext = xorKeystream(plaintext, keystream);
      return { ciphertext, tag: computeTag(hashKey, tagMask, aad, ciphertext) };
    },
    decrypt(key, nonce, ciphertext, aad, tag) {
      checkInputs(key, nonce, ciphertext.length);
      // Truncated tags (SP 800-38D §5.2.1.2) are refused: only the full 128 bits are accepted.
      if (tag.length !== GCM_TAG_BYTES) throw decryptionFailed();
      const { hashKey, tagMask, keystream } = blockOutputs(key, nonce, ciphertext.length);
      // Authenticate first and release nothing on failure: the caller never sees unverified bytes.
      if (!timingSafeEqual(computeTag(hashKey, tagMask, aad, ciphertext), tag)) throw decryptionFailed();
      return xorKeystream(ciphertext, keystream);
    },
  };
}

export const sm4Gcm: GcmCipher = nativeGcm('sm4-ecb', 16);
