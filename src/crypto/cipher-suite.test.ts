import { createDecipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/shared/id-generator.ts';
import { expectDomainError } from '../../test/checkpoint/expect-domain-error.ts';
import type { CryptoSuite } from './blind-index.ts';
import { cipherSuite, SEALED_OVERHEAD_BYTES } from './cipher-suite.ts';

const SUITES: CryptoSuite[] = ['intl', 'gm'];
const KEY_BYTES: Record<CryptoSuite, number> = { intl: 32, gm: 16 };
/** SHA-256("abc") from FIPS 180-4's examples; SM3("abc") from GB/T 32905-2016 appendix A. */
const HASH_OF_ABC: Record<CryptoSuite, string> = {
  intl: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  gm: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
};
const NODE_DIGEST: Record<CryptoSuite, string> = { intl: 'sha256', gm: 'sm3' };

const encoder = new TextEncoder();

for (const name of SUITES) {
  describe(`cipher suite ${name}`, () => {
    const suite = cipherSuite(name);
    const random = seededRandom(name === 'gm' ? 11 : 12);
    const key = random(suite.keyBytes);
    const aad = encoder.encode('RES-001/ITEM-02/row-7');

    it('names itself and takes keys of the suite’s length', () => {
      expect(suite.name).toBe(name);
      expect(suite.keyBytes).toBe(KEY_BYTES[name]);
      expect(() => suite.seal(new Uint8Array(24), encoder.encode('x'), aad, random)).toThrow(RangeError);
      expect(() => suite.open(new Uint8Array(24), new Uint8Array(40), aad)).toThrow(RangeError);
    });

    it('round-trips, as nonce(12) ‖ ciphertext ‖ tag(16), empty text included', () => {
      for (const length of [0, 1, 16, 32, 1000]) {
        const plaintext = random(length);
        const sealed = suite.seal(key, plaintext, aad, random);
        expect(sealed).toHaveLength(SEALED_OVERHEAD_BYTES + length);
        expect(suite.open(key, sealed, aad)).toEqual(plaintext);
      }
    });

    it('takes its nonce from the random source, so the same text seals differently each time', () => {
      const nonce = Uint8Array.from({ length: 12 }, (_, index) => index + 1);
      const fixed = (size: number): Uint8Array => nonce.slice(0, size);
      const plaintext = encoder.encode('110101199003074512');
      const first = suite.seal(key, plaintext, aad, fixed);
      expect(first.subarray(0, 12)).toEqual(nonce);
      expect(suite.seal(key, plaintext, aad, fixed)).toEqual(first);
      const seen = new Set<string>();
      for (let round = 0; round < 50; round++) seen.add(Buffer.from(suite.seal(key, plaintext, aad, random)).toString('hex'));
      expect(seen.size).toBe(50);
      expect(() => suite.seal(key, plaintext, aad, () => new Uint8Array(8))).toThrow(RangeError);
    });

    it('refuses every changed byte, a wrong key, a wrong AAD and a short value', () => {
      const sealed = suite.seal(key, encoder.encode('secret value'), aad, random);
      for (let index = 0; index < sealed.length; index++) {
        const tampered = sealed.slice();
        tampered[index]! ^= 0x80;
        expectDomainError(() => suite.open(key, tampered, aad), 'DECRYPTION_FAILED');
      }
      expectDomainError(() => suite.open(random(suite.keyBytes), sealed, aad), 'DECRYPTION_FAILED');
      expectDomainError(() => suite.open(key, sealed, encoder.encode('RES-001/ITEM-02/row-8')), 'DECRYPTION_FAILED');
      expectDomainError(() => suite.open(key, sealed.subarray(0, sealed.length - 1), aad), 'DECRYPTION_FAILED');
      expectDomainError(() => suite.open(key, sealed.subarray(0, SEALED_OVERHEAD_BYTES - 1), aad), 'DECRYPTION_FAILED');
      expectDomainError(() => suite.open(key, new Uint8Array(0), aad), 'DECRYPTION_FAILED');
    });

    it('hashes with its suite’s function (known answer for "abc"), text as UTF-8', () => {
      expect(Buffer.from(suite.hash('abc')).toString('hex')).toBe(HASH_OF_ABC[name]);
      expect(suite.hash(encoder.encode('abc'))).toEqual(suite.hash('abc'));
      expect(suite.hash('统一社会信用代码')).toEqual(suite.hash(encoder.encode('统一社会信用代码')));
    });

    it('computes HMAC with its suite’s function (checked with node:crypto directly)', () => {
      const hmacKey = random(32);
      const expected = createHmac(NODE_DIGEST[name], hmacKey).update('what do ya want for nothing?').digest('hex');
      expect(Buffer.from(suite.hmac(hmacKey, 'what do ya want for nothing?')).toString('hex')).toBe(expected);
      expect(suite.hmac(hmacKey, encoder.encode('x'))).not.toEqual(suite.hmac(random(32), encoder.encode('x')));
    });
  });
}

describe('cipher suites', () => {
  it('the intl suite is standard AES-256-GCM: Node decrypts its output directly', () => {
    const suite = cipherSuite('intl');
    const random = seededRandom(3);
    const key = random(32);
    const sealed = suite.seal(key, encoder.encode('interoperable'), encoder.encode('aad'), random);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(encoder.encode('aad'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const plaintext = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
    expect(plaintext.toString('utf8')).toBe('interoperable');
  });

  it('returns HMAC-SHA-256 of RFC 4231 test case 2 in the intl suite', () => {
    const mac = cipherSuite('intl').hmac(encoder.encode('Jefe'), 'what do ya want for nothing?');
    expect(Buffer.from(mac).toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('refuses an unknown suite name that slipped past the type checker', () => {
    expect(() => cipherSuite('des' as CryptoSuite)).toThrow(RangeError);
  });
});
