import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/shared/id-generator.ts';
import { ghash, ghashTable } from './ghash.ts';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * SP 800-38D §6.3 Algorithm 1, bit by bit over BigInt: slow and obviously the text of the standard,
 * so the table-driven code is checked against it rather than against itself.
 */
function multiplyByTheBook(x: bigint, y: bigint): bigint {
  const reduction = 0xe1n << 120n;
  let z = 0n;
  let v = y;
  for (let bit = 127n; bit >= 0n; bit--) {
    if ((x >> bit) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ reduction : v >> 1n;
  }
  return z;
}

function ghashByTheBook(hashKey: Uint8Array, data: Uint8Array): bigint {
  const h = BigInt(`0x${toHex(hashKey)}`);
  let y = 0n;
  for (let offset = 0; offset < data.length; offset += 16) y = multiplyByTheBook(y ^ BigInt(`0x${toHex(data.subarray(offset, offset + 16))}`), h);
  return y;
}

describe('GHASH', () => {
  it('matches test case 2 of the GCM specification (McGrew and Viega, appendix B)', () => {
    // AES-128, key 0^128: H = E_K(0^128), C = E_K(inc32(J0)), no AAD.
    const hash = ghash(ghashTable(hex('66e94bd4ef8a2c3b884cfa59ca342b2e')));
    hash.update(hex('0388dace60b6a392f328c2b971b2fe78'));
    expect(toHex(hash.finish(0, 16))).toBe('f38cbb1ad69223dcc3457ae5b6b0f885');
  });

  it('agrees with Algorithm 1 of SP 800-38D on random keys and inputs, padding partial blocks', () => {
    const random = seededRandom(8998);
    for (let round = 0; round < 40; round++) {
      const hashKey = random(16);
      const aad = random(round % 19);
      const text = random(round * 3);
      const hash = ghash(ghashTable(hashKey));
      hash.update(aad);
      hash.update(text);
      const pad = (bytes: Uint8Array): Uint8Array => Uint8Array.from([...bytes, ...new Uint8Array((16 - (bytes.length % 16)) % 16)]);
      const lengths = new Uint8Array(16);
      new DataView(lengths.buffer).setBigUint64(0, BigInt(aad.length * 8));
      new DataView(lengths.buffer).setBigUint64(8, BigInt(text.length * 8));
      const expected = ghashByTheBook(hashKey, Uint8Array.from([...pad(aad), ...pad(text), ...lengths]));
      expect(toHex(hash.finish(aad.length, text.length))).toBe(expected.toString(16).padStart(32, '0'));
    }
  });

  it('multiplies by the field identity and by zero as it should', () => {
    // The identity of GF(2^128) in GCM's bit order is 0x80 00 … 00 (x^0 is the top bit of byte 0).
    const one = hex('80000000000000000000000000000000');
    const block = hex('0123456789abcdeffedcba9876543210');
    expect(ghashByTheBook(one, block).toString(16)).toBe('123456789abcdeffedcba9876543210');
    for (const hashKey of [one, new Uint8Array(16)]) {
      const hash = ghash(ghashTable(hashKey));
      hash.update(block);
      const lengthsOnly = ghashByTheBook(hashKey, Uint8Array.from([...block, ...hex('00000000000000000000000000000080')]));
      expect(toHex(hash.finish(0, 16))).toBe(lengthsOnly.toString(16).padStart(32, '0'));
    }
  });

  it('refuses a hash key that is not one block', () => {
    expect(() => ghashTable(new Uint8Array(15))).toThrow(RangeError);
  });
});
