import { createCipheriv, createDecipheriv } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/shared/id-generator.ts';
import { SM2_USER_ID, sm2Signer, sm2Verifier, verifySm2Signature } from '../../src/crypto/checkpoint/index.ts';
import { cipherSuite } from '../../src/crypto/cipher-suite.ts';
import { sm4Gcm } from '../../src/crypto/sm4-gcm.ts';
import { expectDomainError } from '../checkpoint/expect-domain-error.ts';
import vectors from '../fixtures/gm/vectors.json' with { type: 'json' };
import { hex, SM3_VECTORS, SM4_BLOCK_VECTOR, SM4_GCM_VECTOR, toHex } from './known-answers.ts';

/**
 * The gm suite against the standards' own examples (known answers, not our output):
 * SM3 from GB/T 32905-2016, the SM4 block from GB/T 32907-2016, SM4-GCM from RFC 8998 appendix A.1,
 * and the SM2 signature from GB/T 32918 (GM/T 0003.5).
 */

const gm = cipherSuite('gm');

describe('SM3 (GB/T 32905-2016, appendix A)', () => {
  it('hashes both examples through the gm suite', () => {
    for (const vector of SM3_VECTORS) {
      expect(toHex(gm.hash(vector.message))).toBe(vector.digest);
      expect(toHex(gm.hash(Buffer.from(vector.message, 'ascii')))).toBe(vector.digest);
    }
  });
});

describe('SM4 (GB/T 32907-2016, appendix A, example 1)', () => {
  it('encrypts and decrypts the block with Node’s native sm4-ecb', () => {
    const cipher = createCipheriv('sm4-ecb', hex(SM4_BLOCK_VECTOR.key), null).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(hex(SM4_BLOCK_VECTOR.plaintext)), cipher.final()]).toString('hex')).toBe(SM4_BLOCK_VECTOR.ciphertext);
    const decipher = createDecipheriv('sm4-ecb', hex(SM4_BLOCK_VECTOR.key), null).setAutoPadding(false);
    expect(Buffer.concat([decipher.update(hex(SM4_BLOCK_VECTOR.ciphertext)), decipher.final()]).toString('hex')).toBe(SM4_BLOCK_VECTOR.plaintext);
  });
});

describe('SM4-GCM (RFC 8998, appendix A.1)', () => {
  const key = hex(SM4_GCM_VECTOR.key);
  const iv = hex(SM4_GCM_VECTOR.iv);
  const aad = hex(SM4_GCM_VECTOR.aad);
  const sealed = hex(`${SM4_GCM_VECTOR.iv}${SM4_GCM_VECTOR.ciphertext}${SM4_GCM_VECTOR.tag}`);

  it('is what the gm suite seals when the random source yields the example IV', () => {
    expect(toHex(gm.seal(key, hex(SM4_GCM_VECTOR.plaintext), aad, () => iv))).toBe(toHex(sealed));
    expect(toHex(sm4Gcm.encrypt(key, iv, hex(SM4_GCM_VECTOR.plaintext), aad).tag)).toBe(SM4_GCM_VECTOR.tag.toLowerCase());
  });

  it('opens the example, and refuses it with a changed tag, ciphertext or AAD', () => {
    expect(toHex(gm.open(key, sealed, aad))).toBe(SM4_GCM_VECTOR.plaintext.toLowerCase());
    for (const index of [sealed.length - 1, 12 + 5]) {
      const tampered = sealed.slice();
      tampered[index]! ^= 0x01;
      expectDomainError(() => gm.open(key, tampered, aad), 'DECRYPTION_FAILED');
    }
    expectDomainError(() => gm.open(key, sealed, aad.subarray(1)), 'DECRYPTION_FAILED');
  });
});

describe('SM2 (GB/T 32918 / GM/T 0003.5 signature example)', () => {
  const vector = vectors.sm2_sign[0]!;
  const publicKey = hex(`04${vector.public_key_x}${vector.public_key_y}`);
  const message = Buffer.from(vector.message_ascii, 'ascii');
  const standard = { hash: true, der: false, userId: vector.user_id_ascii } as const;

  it('verifies the standard signature with the checkpoint verifier and with sm-crypto-v2', () => {
    expect(vector.user_id_ascii).toBe(SM2_USER_ID);
    expect(verifySm2Signature(message, hex(`${vector.r}${vector.s}`), publicKey)).toBe(true);
    expect(sm2.doVerifySignature(message, `${vector.r}${vector.s}`.toLowerCase(), toHex(publicKey), standard)).toBe(true);
  });

  it('round-trips a signature made with the example private key', () => {
    const signer = sm2Signer('vector.example/sm2', hex(vector.private_key));
    const text = Buffer.from(`custos ${toHex(seededRandom(5)(8))}`);
    expect(sm2Verifier('vector.example/sm2', publicKey).verify(text, signer.sign(text))).toBe(true);
  });

  it('does not verify a signature made under another user ID', () => {
    const otherUser = sm2.doSignature(message, vector.private_key.toLowerCase(), { ...standard, userId: 'ALICE123@YAHOO.COM' });
    expect(verifySm2Signature(message, hex(otherUser), publicKey)).toBe(false);
    expect(sm2.doVerifySignature(message, `${vector.r}${vector.s}`.toLowerCase(), toHex(publicKey), { ...standard, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
  });
});
