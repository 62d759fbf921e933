import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/shared/id-generator.ts';
import {
  formatCheckpoint,
  generateSigningKey,
  parseNote,
  signerFromKey,
  signNote,
  sm2PublicKey,
  sm2Signer,
  sm2Verifier,
  verifySm2Signature,
} from '../../src/crypto/checkpoint/index.ts';
import vectors from '../fixtures/gm/vectors.json' with { type: 'json' };

/**
 * The gm suite checked outside the note code: our SM2 note signatures verified by calling
 * sm-crypto-v2 directly, and the GB/T 32918 / GM/T 0003.5 signature example verified through the
 * same sm2Verifier that checks note signatures.
 */

const vector = vectors.sm2_sign[0]!;
const VECTOR_PUBLIC_HEX = `04${vector.public_key_x}${vector.public_key_y}`.toLowerCase();
const VECTOR_SIGNATURE = Buffer.from(`${vector.r}${vector.s}`, 'hex');
const VECTOR_MESSAGE = Buffer.from(vector.message_ascii, 'ascii');
const STANDARD = { hash: true, der: false, userId: vector.user_id_ascii } as const;
const ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

describe('our SM2 note signatures, checked by sm-crypto-v2 directly', () => {
  const key = generateSigningKey('gm', 'custos.example/audit-log', seededRandom(31));
  const body = formatCheckpoint({ origin: 'custos.example/audit-log', size: 7, rootHash: new Uint8Array(32).fill(0xab) });
  const note = signNote(body, [signerFromKey(key)]);
  const signature = parseNote(note).signatures[0]!.signature;
  const signatureHex = Buffer.from(signature).toString('hex');

  it('is 64 raw bytes r || s (128 hex digits), not DER', () => {
    expect(signature).toHaveLength(64);
    expect(signatureHex).toHaveLength(128);
    // Both halves are scalars in [1, n − 1]; a DER encoding would be a SEQUENCE of about 70 bytes.
    for (const half of [signatureHex.slice(0, 64), signatureHex.slice(64)]) {
      expect(BigInt(`0x${half}`) >= 1n && BigInt(`0x${half}`) < ORDER).toBe(true);
    }
  });

  it('verifies with SM3(Z_A || M) and the default user ID, given the body as text or as bytes', () => {
    // sm-crypto-v2 reads a string message as UTF-8 text; bytes are taken as they are.
    expect(sm2.doVerifySignature(body, signatureHex, key.publicKey, STANDARD)).toBe(true);
    expect(sm2.doVerifySignature(Buffer.from(body, 'utf8'), signatureHex, key.publicKey, STANDARD)).toBe(true);
  });

  it('does not verify under the library defaults, another user ID, a hex string message, or a changed body', () => {
    // Its default, hash: false, signs the message itself instead of SM3(Z_A || M).
    expect(sm2.doVerifySignature(body, signatureHex, key.publicKey)).toBe(false);
    expect(sm2.doVerifySignature(body, signatureHex, key.publicKey, { ...STANDARD, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    // A hex string is not decoded: it would be hashed as the UTF-8 text of the hex digits.
    expect(sm2.doVerifySignature(Buffer.from(body).toString('hex'), signatureHex, key.publicKey, STANDARD)).toBe(false);
    expect(sm2.doVerifySignature(body.replace('7', '8'), signatureHex, key.publicKey, STANDARD)).toBe(false);
  });
});

describe('the GB/T 32918 SM2 signature example', () => {
  it('derives the example public key from its private key', () => {
    expect(Buffer.from(sm2PublicKey(Buffer.from(vector.private_key, 'hex'))).toString('hex')).toBe(VECTOR_PUBLIC_HEX);
  });

  it('verifies through the note verifier path', () => {
    const verifier = sm2Verifier('vector.example/sm2', Buffer.from(VECTOR_PUBLIC_HEX, 'hex'));
    expect(verifier.verify(VECTOR_MESSAGE, VECTOR_SIGNATURE)).toBe(true);
    expect(verifier.verify(Buffer.from('message digesT'), VECTOR_SIGNATURE)).toBe(false);
    for (const byte of [0, 31, 32, 63]) {
      const tampered = Buffer.from(VECTOR_SIGNATURE);
      tampered[byte]! ^= 0x01;
      expect(verifier.verify(VECTOR_MESSAGE, tampered)).toBe(false);
    }
  });

  it('refuses r or s outside [1, n − 1] and wrong lengths without throwing (GB/T 32918.2 §7.1 B1, B2)', () => {
    const publicKey = Buffer.from(VECTOR_PUBLIC_HEX, 'hex');
    const r = BigInt(`0x${vector.r}`);
    const s = BigInt(`0x${vector.s}`);
    const raw = (left: bigint, right: bigint): Buffer => Buffer.from(`${left.toString(16).padStart(64, '0')}${right.toString(16).padStart(64, '0')}`, 'hex');
    expect(verifySm2Signature(VECTOR_MESSAGE, raw(r, s), publicKey)).toBe(true);
    expect(verifySm2Signature(VECTOR_MESSAGE, raw(0n, s), publicKey)).toBe(false);
    expect(verifySm2Signature(VECTOR_MESSAGE, raw(r, 0n), publicKey)).toBe(false);
    expect(verifySm2Signature(VECTOR_MESSAGE, raw(r + ORDER, s), publicKey)).toBe(false);
    expect(verifySm2Signature(VECTOR_MESSAGE, raw(r, s + ORDER), publicKey)).toBe(false);
    expect(verifySm2Signature(VECTOR_MESSAGE, VECTOR_SIGNATURE.subarray(1), publicKey)).toBe(false);
    expect(verifySm2Signature(VECTOR_MESSAGE, Buffer.concat([VECTOR_SIGNATURE, Buffer.alloc(1)]), publicKey)).toBe(false);
  });

  it('is reproduced by the library when given the example nonce k, so its hash: true mode is the standard one', () => {
    const x1 = BigInt(`0x${sm2.getPublicKeyFromPrivateKey(vector.k.toLowerCase()).slice(2, 66)}`);
    const signature = sm2.doSignature(VECTOR_MESSAGE, vector.private_key.toLowerCase(), { ...STANDARD, pointPool: [{ k: BigInt(`0x${vector.k}`), x1 }] });
    expect(signature).toBe(`${vector.r}${vector.s}`.toLowerCase());
  });

  it('our signer with the example private key makes signatures the example public key verifies', () => {
    const signer = sm2Signer('vector.example/sm2', Buffer.from(vector.private_key, 'hex'));
    const signature = signer.sign(VECTOR_MESSAGE);
    expect(sm2.doVerifySignature(VECTOR_MESSAGE, Buffer.from(signature).toString('hex'), VECTOR_PUBLIC_HEX, STANDARD)).toBe(true);
    // SM2 signing is randomised: a second signature differs but verifies too.
    const again = signer.sign(VECTOR_MESSAGE);
    expect(again).not.toEqual(signature);
    expect(sm2Verifier('vector.example/sm2', Buffer.from(VECTOR_PUBLIC_HEX, 'hex')).verify(VECTOR_MESSAGE, again)).toBe(true);
  });
});
