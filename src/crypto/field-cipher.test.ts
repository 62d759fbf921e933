import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/shared/id-generator.ts';
import { expectDomainError } from '../../test/checkpoint/expect-domain-error.ts';
import type { CryptoSuite } from './blind-index.ts';
import { cipherSuite } from './cipher-suite.ts';
import { fieldCipher, newDataKey } from './field-cipher.ts';

const SUITES: CryptoSuite[] = ['intl', 'gm'];
const VALUE = '110101199003074512';
const HERE = 'RES-2026-0001/ID_NUMBER/row-42';

for (const name of SUITES) {
  describe(`field cipher, ${name} suite`, () => {
    const suite = cipherSuite(name);
    const random = seededRandom(name === 'gm' ? 21 : 22);
    const dataKey = newDataKey(suite, random);
    const cipher = fieldCipher(suite, dataKey, random);

    it('makes data keys of the suite’s length', () => {
      expect(dataKey).toHaveLength(suite.keyBytes);
      expect(newDataKey(suite, random)).not.toEqual(dataKey);
    });

    it('round-trips text, Chinese and empty values included, as base64url', () => {
      for (const value of [VALUE, '张三 北京市朝阳区', '', '😀 emoji']) {
        const sealed = cipher.encrypt(value, HERE);
        expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(cipher.decrypt(sealed, HERE)).toBe(value);
      }
    });

    it('seals the same value differently each time', () => {
      expect(cipher.encrypt(VALUE, HERE)).not.toBe(cipher.encrypt(VALUE, HERE));
    });

    it('does not decrypt a value moved to another row, item or resource', () => {
      const sealed = cipher.encrypt(VALUE, HERE);
      for (const elsewhere of ['RES-2026-0001/ID_NUMBER/row-43', 'RES-2026-0001/PHONE/row-42', 'RES-2026-0002/ID_NUMBER/row-42', '']) {
        expectDomainError(() => cipher.decrypt(sealed, elsewhere), 'DECRYPTION_FAILED');
      }
    });

    it('does not decrypt under another data key', () => {
      const sealed = cipher.encrypt(VALUE, HERE);
      expectDomainError(() => fieldCipher(suite, newDataKey(suite, random), random).decrypt(sealed, HERE), 'DECRYPTION_FAILED');
    });

    it('refuses tampered, truncated and malformed text without throwing anything else', () => {
      const sealed = cipher.encrypt(VALUE, HERE);
      const swapped = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
      for (const bad of [swapped, sealed.slice(0, -2), sealed.slice(4), '', 'not base64url!', `${sealed}==`, `${sealed.slice(0, 10)} ${sealed.slice(10)}`]) {
        expectDomainError(() => cipher.decrypt(bad, HERE), 'DECRYPTION_FAILED');
      }
    });

    it('keeps its own copy of the data key', () => {
      const key = newDataKey(suite, random);
      const own = fieldCipher(suite, key, random);
      const sealed = own.encrypt(VALUE, HERE);
      key.fill(0);
      expect(own.decrypt(sealed, HERE)).toBe(VALUE);
    });

    it('refuses a data key of the wrong length and text that is not well-formed Unicode', () => {
      expect(() => fieldCipher(suite, new Uint8Array(suite.keyBytes + 1), random)).toThrow(RangeError);
      expect(() => cipher.encrypt('\ud800', HERE)).toThrow(RangeError);
    });
  });
}
