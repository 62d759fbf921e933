import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/shared/id-generator.ts';
import {
  ed25519KeyId,
  ed25519PublicKey,
  ed25519Signer,
  formatVerifierKey,
  generateSigningKey,
  loadSigningKey,
  noteKeyId,
  parseNote,
  parseVerifierKey,
  signerFromKey,
  signNote,
  sm2KeyId,
  verifierFromKey,
  verifierKeyText,
  verifyNote,
  type SigningKey,
} from '../../src/crypto/checkpoint/index.ts';
import vectors from '../fixtures/gm/vectors.json' with { type: 'json' };
import { expectDomainError } from './expect-domain-error.ts';

/** SHA-256(key name || 0x0A || type bytes || public key)[:4], spelled out (C2SP signed-note). */
function keyIdByHand(name: string, type: number[], publicKey: Uint8Array): string {
  const input = Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0x0a]), Buffer.from(type), Buffer.from(publicKey)]);
  return createHash('sha256').update(input).digest().subarray(0, 4).toString('hex');
}

const SM2_TYPE = [0xff, ...Buffer.from('sm2-sm3', 'ascii')];
const vector = vectors.sm2_sign[0]!;
const VECTOR_PUBLIC_KEY = Buffer.from(`04${vector.public_key_x}${vector.public_key_y}`, 'hex');

/**
 * The example key and note of golang.org/x/mod/sumdb/note (its documentation and tests), the
 * reference implementation of C2SP signed-note. The private key text is
 * PRIVATE+KEY+<name>+<key ID>+base64(0x01 || 32-byte seed).
 */
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe('key IDs: known answers', () => {
  it('Ed25519: matches a SHA-256 computed by hand, in the signer, the verifier and the signature line', () => {
    const key = generateSigningKey('intl', 'custos.example/log', seededRandom(5));
    const publicKey = Buffer.from(key.publicKey, 'hex');
    const expected = keyIdByHand('custos.example/log', [0x01], publicKey);
    expect(Buffer.from(ed25519KeyId(key.name, publicKey)).toString('hex')).toBe(expected);
    expect(Buffer.from(signerFromKey(key).keyId).toString('hex')).toBe(expected);
    expect(Buffer.from(verifierFromKey(key).keyId).toString('hex')).toBe(expected);
    const note = signNote('x\n', [signerFromKey(key)]);
    expect(Buffer.from(parseNote(note).signatures[0]!.keyId).toString('hex')).toBe(expected);
    expect(verifierKeyText(key).split('+')[1]).toBe(expected);
  });

  it('SM2: matches a SHA-256 computed by hand over 0xff || "sm2-sm3" || 04 || x || y', () => {
    const expected = keyIdByHand('vector.example/sm2', SM2_TYPE, VECTOR_PUBLIC_KEY);
    expect(expected).toBe('013d2456');
    expect(Buffer.from(sm2KeyId('vector.example/sm2', VECTOR_PUBLIC_KEY)).toString('hex')).toBe(expected);
    expect(Buffer.from(noteKeyId('vector.example/sm2', Buffer.concat([Buffer.from(SM2_TYPE), VECTOR_PUBLIC_KEY]))).toString('hex')).toBe(expected);

    const key = generateSigningKey('gm', 'custos.example/log', seededRandom(6));
    const byHand = keyIdByHand('custos.example/log', SM2_TYPE, Buffer.from(key.publicKey, 'hex'));
    expect(Buffer.from(signerFromKey(key).keyId).toString('hex')).toBe(byHand);
    expect(Buffer.from(verifierFromKey(key).keyId).toString('hex')).toBe(byHand);
    expect(verifierKeyText(key).split('+')[1]).toBe(byHand);
  });

  it('hashes the name as UTF-8', () => {
    const publicKey = ed25519PublicKey(new Uint8Array(32));
    expect(Buffer.from(ed25519KeyId('日志.example/审计', publicKey)).toString('hex')).toBe(keyIdByHand('日志.example/审计', [0x01], publicKey));
  });

  it('reproduces the Go reference note byte for byte (Ed25519 is deterministic)', () => {
    const signer = ed25519Signer('PeterNeumann', GO_SEED);
    expect(Buffer.from(signer.keyId).toString('hex')).toBe('c74f20a3');
    expect(signNote(GO_TEXT, [signer])).toBe(GO_NOTE);
    expect(verifyNote(GO_NOTE, [parseVerifierKey(GO_VERIFIER_KEY)])).toEqual({ body: GO_TEXT, verifiedBy: ['PeterNeumann'] });
    expect(formatVerifierKey('intl', 'PeterNeumann', ed25519PublicKey(GO_SEED))).toBe(GO_VERIFIER_KEY);
  });
});

describe('verifier key text', () => {
  it.each(['intl', 'gm'] as const)('round-trips in the %s suite', (suite) => {
    const key = generateSigningKey(suite, 'custos.example/log', seededRandom(7));
    const text = verifierKeyText(key);
    const material = Buffer.from(text.split('+').slice(2).join('+'), 'base64');
    expect(material).toEqual(Buffer.concat([Buffer.from(suite === 'gm' ? SM2_TYPE : [0x01]), Buffer.from(key.publicKey, 'hex')]));
    const verifier = parseVerifierKey(text);
    expect(verifier.name).toBe('custos.example/log');
    expect(verifier.keyId).toEqual(verifierFromKey(key).keyId);
    expect(verifyNote(signNote('hello\n', [signerFromKey(key)]), [verifier]).verifiedBy).toEqual(['custos.example/log']);
  });

  it('refuses a key ID that does not match the name and key', () => {
    const [name, id, material] = GO_VERIFIER_KEY.split('+') as [string, string, string];
    expectDomainError(() => parseVerifierKey(`${name}+${id.replace('c7', 'c8')}+${material}`), 'VERIFIER_KEY_ID_MISMATCH');
    expectDomainError(() => parseVerifierKey(`PeterNeumanm+${id}+${material}`), 'VERIFIER_KEY_ID_MISMATCH');
    const otherKey = Buffer.concat([Buffer.from([0x01]), Buffer.alloc(32, 9)]).toString('base64');
    expectDomainError(() => parseVerifierKey(`${name}+${id}+${otherKey}`), 'VERIFIER_KEY_ID_MISMATCH');
  });

  it('refuses unsupported signature types', () => {
    const material = Buffer.concat([Buffer.from([0x02]), Buffer.alloc(32, 1)]);
    const id = keyIdByHand('n', [...material.subarray(0, 1)], material.subarray(1));
    expectDomainError(() => parseVerifierKey(`n+${id}+${material.toString('base64')}`), 'VERIFIER_KEY_UNSUPPORTED');
  });

  it('refuses malformed texts and invalid keys', () => {
    const withId = (name: string, material: Buffer): string => `${name}+${keyIdByHand(name, [], material)}+${material.toString('base64')}`;
    const offCurve = Buffer.from(VECTOR_PUBLIC_KEY);
    offCurve[64]! ^= 1;
    const cases: unknown[] = [
      undefined,
      '',
      'PeterNeumann',
      'PeterNeumann+c74f20a3',
      'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+c74f20a3z+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T',
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ',
      '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      withId('short', Buffer.concat([Buffer.from([0x01]), Buffer.alloc(31, 1)])),
      withId('sm2-short', Buffer.concat([Buffer.from(SM2_TYPE), VECTOR_PUBLIC_KEY.subarray(1)])),
      withId('sm2-off-curve', Buffer.concat([Buffer.from(SM2_TYPE), offCurve])),
      withId('has space', Buffer.concat([Buffer.from([0x01]), Buffer.alloc(32, 1)])),
      'x'.repeat(2000),
    ];
    for (const text of cases) expectDomainError(() => parseVerifierKey(text), 'VERIFIER_KEY_MALFORMED');
  });
});

describe('signing keys', () => {
  it.each(['intl', 'gm'] as const)('survive JSON in the %s suite and are reproducible from a seeded random source', (suite) => {
    const key = generateSigningKey(suite, 'custos.example/log', seededRandom(9));
    expect(generateSigningKey(suite, 'custos.example/log', seededRandom(9))).toEqual(key);
    expect(key.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(key.publicKey).toMatch(suite === 'gm' ? /^04[0-9a-f]{128}$/ : /^[0-9a-f]{64}$/);
    const loaded = loadSigningKey(JSON.parse(JSON.stringify(key)));
    expect(loaded).toEqual(key);
    expect(loadSigningKey({ ...key, privateKey: key.privateKey.toUpperCase(), extra: true })).toEqual(key);
    const note = signNote('body\n', [signerFromKey(loaded)]);
    expect(verifyNote(note, [verifierFromKey(key)]).verifiedBy).toEqual(['custos.example/log']);
  });

  it('draws distinct keys from the secure default source', () => {
    expect(generateSigningKey('intl', 'a').privateKey).not.toBe(generateSigningKey('intl', 'a').privateKey);
    expect(generateSigningKey('gm', 'a').privateKey).not.toBe(generateSigningKey('gm', 'a').privateKey);
  });

  it('loads the SM2 standard key pair', () => {
    const key = loadSigningKey({ suite: 'gm', name: 'vector.example/sm2', privateKey: vector.private_key, publicKey: VECTOR_PUBLIC_KEY.toString('hex') });
    expect(verifierKeyText(key).split('+')[1]).toBe('013d2456');
  });

  it('refuses invalid keys with SIGNING_KEY_INVALID', () => {
    const intl = generateSigningKey('intl', 'custos.example/log', seededRandom(1));
    const gm = generateSigningKey('gm', 'custos.example/log', seededRandom(1));
    const order = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
    const invalid: unknown[] = [
      null,
      'key',
      { ...intl, suite: 'rsa' },
      { ...intl, name: '' },
      { ...intl, name: 'a b' },
      { ...intl, privateKey: intl.privateKey.slice(2) },
      { ...intl, privateKey: `${intl.privateKey}00` },
      { ...intl, publicKey: intl.publicKey.slice(2) },
      { ...intl, privateKey: intl.privateKey.replace(/^../, 'zz') },
      { ...intl, privateKey: 42 },
      { ...intl, publicKey: gm.publicKey.slice(2, 66) },
      { ...gm, privateKey: gm.privateKey.slice(2) },
      { ...gm, publicKey: gm.publicKey.slice(2) },
      { ...gm, publicKey: intl.publicKey },
      { ...gm, publicKey: generateSigningKey('gm', 'x', seededRandom(2)).publicKey },
      { ...gm, privateKey: '00'.repeat(32) },
      { ...gm, privateKey: order },
      { ...gm, privateKey: (BigInt(`0x${order}`) - 1n).toString(16) },
      { ...intl, suite: 'gm' },
      { ...gm, suite: 'intl' },
    ];
    for (const value of invalid) expectDomainError(() => loadSigningKey(value), 'SIGNING_KEY_INVALID');
    for (const value of invalid.slice(2) as SigningKey[]) {
      expectDomainError(() => signerFromKey(value), 'SIGNING_KEY_INVALID');
      expectDomainError(() => verifierFromKey(value), 'SIGNING_KEY_INVALID');
      expectDomainError(() => verifierKeyText(value), 'SIGNING_KEY_INVALID');
    }
    expectDomainError(() => generateSigningKey('intl', 'a+b'), 'SIGNING_KEY_INVALID');
  });

  it('gives up on a random source that never yields a usable SM2 scalar', () => {
    expectDomainError(() => generateSigningKey('gm', 'x', (size) => new Uint8Array(size)), 'RANDOM_SOURCE_FAILED');
    expectDomainError(() => generateSigningKey('intl', 'x', () => new Uint8Array(3)), 'RANDOM_SOURCE_FAILED');
  });
});
