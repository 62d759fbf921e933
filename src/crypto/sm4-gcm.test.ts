import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/shared/id-generator.ts';
import { expectDomainError } from '../../test/checkpoint/expect-domain-error.ts';
import { hex, SM4_GCM_VECTOR, toHex } from '../../test/crypto/known-answers.ts';
import { GCM_NONCE_BYTES, nativeGcm, sm4Gcm } from './sm4-gcm.ts';

const key = hex(SM4_GCM_VECTOR.key);
const iv = hex(SM4_GCM_VECTOR.iv);
const aad = hex(SM4_GCM_VECTOR.aad);
const plaintext = hex(SM4_GCM_VECTOR.plaintext);
const ciphertext = hex(SM4_GCM_VECTOR.ciphertext);
const tag = hex(SM4_GCM_VECTOR.tag);

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= 0x01;
  return copy;
}

describe('SM4-GCM, RFC 8998 appendix A.1', () => {
  it('encrypts the example to its ciphertext and tag', () => {
    const sealed = sm4Gcm.encrypt(key, iv, plaintext, aad);
    expect(toHex(sealed.ciphertext)).toBe(SM4_GCM_VECTOR.ciphertext.toLowerCase());
    expect(toHex(sealed.tag)).toBe(SM4_GCM_VECTOR.tag.toLowerCase());
  });

  it('decrypts the example', () => {
    expect(toHex(sm4Gcm.decrypt(key, iv, ciphertext, aad, tag))).toBe(SM4_GCM_VECTOR.plaintext.toLowerCase());
  });

  it('refuses a changed tag, ciphertext, AAD, IV or key, and a truncated tag', () => {
    for (const index of [0, 7, 15]) expectDomainError(() => sm4Gcm.decrypt(key, iv, ciphertext, aad, flipped(tag, index)), 'DECRYPTION_FAILED');
    for (const index of [0, 31, 63]) expectDomainError(() => sm4Gcm.decrypt(key, iv, flipped(ciphertext, index), aad, tag), 'DECRYPTION_FAILED');
    expectDomainError(() => sm4Gcm.decrypt(key, iv, ciphertext.subarray(0, 48), aad, tag), 'DECRYPTION_FAILED');
    expectDomainError(() => sm4Gcm.decrypt(key, iv, ciphertext, flipped(aad, 19), tag), 'DECRYPTION_FAILED');
    expectDomainError(() => sm4Gcm.decrypt(key, iv, ciphertext, new Uint8Array(0), tag), 'DECRYPTION_FAILED');
    expectDomainError(() => sm4Gcm.decrypt(key, flipped(iv, 11), ciphertext, aad, tag), 'DECRYPTION_FAILED');
    expectDomainError(() => sm4Gcm.decrypt(flipped(key, 0), iv, ciphertext, aad, tag), 'DECRYPTION_FAILED');
    expectDomainError(() => sm4Gcm.decrypt(key, iv, ciphertext, aad, tag.subarray(0, 12)), 'DECRYPTION_FAILED');
  });

  it('takes only 16-byte keys and 12-byte IVs', () => {
    expect(() => sm4Gcm.encrypt(new Uint8Array(32), iv, plaintext, aad)).toThrow(RangeError);
    expect(() => sm4Gcm.encrypt(key, new Uint8Array(16), plaintext, aad)).toThrow(RangeError);
    expect(() => sm4Gcm.decrypt(key, new Uint8Array(8), ciphertext, aad, tag)).toThrow(RangeError);
  });

  it('round-trips empty and odd lengths', () => {
    const random = seededRandom(4);
    for (const length of [0, 1, 15, 16, 17, 31, 33, 255, 4097]) {
      const message = random(length);
      const nonce = random(GCM_NONCE_BYTES);
      const sealed = sm4Gcm.encrypt(key, nonce, message, aad);
      expect(sealed.ciphertext).toHaveLength(length);
      expect(sm4Gcm.decrypt(key, nonce, sealed.ciphertext, aad, sealed.tag)).toEqual(message);
    }
  });
});

describe('the same GCM assembly over AES, against Node’s native AES-256-GCM', () => {
  // Node's aes-256-gcm is OpenSSL's, which we did not write: agreement checks GHASH, the padding of
  // A and C, the length block and the counter blocks, independently of SM4.
  const aesGcm = nativeGcm('aes-256-ecb', 32);

  it('gives the same ciphertext and tag for every length of text and AAD around block edges', () => {
    const random = seededRandom(38);
    for (const aadLength of [0, 1, 15, 16, 17, 40]) {
      for (let length = 0; length <= 70; length++) {
        const aesKey = random(32);
        const nonce = random(12);
        const additional = random(aadLength);
        const message = random(length);
        const native = createCipheriv('aes-256-gcm', aesKey, nonce);
        native.setAAD(additional);
        const expected = Buffer.concat([native.update(message), native.final()]);
        const ours = aesGcm.encrypt(aesKey, nonce, message, additional);
        expect(toHex(ours.ciphertext)).toBe(expected.toString('hex'));
        expect(toHex(ours.tag)).toBe(native.getAuthTag().toString('hex'));
      }
    }
  });

  it('agrees on a long message too (4,500 counter blocks)', () => {
    const random = seededRandom(72);
    const [aesKey, nonce, message] = [random(32), random(12), random(72_001)];
    const native = createCipheriv('aes-256-gcm', aesKey, nonce);
    const expected = Buffer.concat([native.update(message), native.final()]);
    const ours = aesGcm.encrypt(aesKey, nonce, message, new Uint8Array(0));
    expect(Buffer.from(ours.ciphertext).equals(expected)).toBe(true);
    expect(toHex(ours.tag)).toBe(native.getAuthTag().toString('hex'));
  });
});
