import { describe, expect, it } from 'vitest';
import { pooledSecureRandom, seededRandom, uuidV7Generator } from './id-generator.ts';

describe('pooledSecureRandom', () => {
  it('hands out each byte of its pool once, in pieces of the size asked for', () => {
    const random = pooledSecureRandom();
    const pieces = Array.from({ length: 1000 }, () => random(10));
    expect(pieces.every((piece) => piece.length === 10)).toBe(true);
    // 10,000 bytes span three refills; 80 random bits never repeat by chance.
    expect(new Set(pieces.map((piece) => Buffer.from(piece).toString('hex'))).size).toBe(1000);
  });

  it('gives a piece that later calls do not change', () => {
    const random = pooledSecureRandom();
    const first = random(16);
    const copy = Uint8Array.from(first);
    for (let call = 0; call < 600; call += 1) random(16);
    expect(first).toEqual(copy);
  });

  it('serves a request larger than its pool directly', () => {
    expect(pooledSecureRandom()(10_000)).toHaveLength(10_000);
  });
});

describe('uuidV7Generator', () => {
  it('writes the time first and the version and variant bits of RFC 9562', () => {
    const ids = uuidV7Generator({ now: () => new Date(Date.UTC(2026, 10, 27)) }, seededRandom(7));
    const id = ids.next();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 27));
  });
});
