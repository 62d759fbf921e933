import { describe, expect, it } from 'vitest';
import { digestLength, emptyRoot, leafHash, nodeHash, sha256, sm3 } from './hash-function.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('hash functions', () => {
  it('computes SHA-256 (FIPS 180-4 example "abc")', () => {
    expect(hex(sha256(ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('computes SM3 (GB/T 32905-2016 Appendix A example "abc")', () => {
    expect(hex(sm3(ascii('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('returns plain Uint8Arrays of the digest length', () => {
    expect(sha256(ascii('x')).constructor).toBe(Uint8Array);
    expect(digestLength(sha256)).toBe(32);
    expect(digestLength(sm3)).toBe(32);
  });
});

describe('RFC 6962 §2.1 hashing', () => {
  it('gives the empty tree the hash of the empty string', () => {
    expect(hex(emptyRoot(sha256))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('prefixes leaves with 0x00 (root of the tree holding the empty leaf)', () => {
    expect(hex(leafHash(sha256, new Uint8Array(0)))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(leafHash(sha256, ascii('ab'))).toEqual(sha256(Uint8Array.of(0x00, 0x61, 0x62)));
  });

  it('prefixes interior nodes with 0x01 and keeps the children in order', () => {
    const left = Uint8Array.of(1, 2);
    const right = Uint8Array.of(3);
    expect(nodeHash(sha256, left, right)).toEqual(sha256(Uint8Array.of(0x01, 1, 2, 3)));
    expect(nodeHash(sha256, right, left)).not.toEqual(nodeHash(sha256, left, right));
  });
});
