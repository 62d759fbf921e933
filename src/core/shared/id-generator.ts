import { randomBytes, randomFillSync } from 'node:crypto';
import type { Clock } from './clock.ts';

/** An IdGenerator mints identifiers. Injected so that tests and seeds are reproducible. */
export interface IdGenerator {
  next(): string;
}

/** Source of random bytes; injected for the same reason as the clock. */
export type RandomSource = (size: number) => Uint8Array;

export const secureRandom: RandomSource = (size) => randomBytes(size);

/** Bytes drawn from the system's generator at a time: one call per few hundred identifiers. */
const POOL_BYTES = 4096;

/**
 * Cryptographically secure bytes, handed out from a pool that the system's generator refills: a
 * call into the generator costs about ten microseconds whatever its size, and the gateway mints
 * identifiers on every call. Each byte is handed out once, as Node's own randomUUID does.
 */
export function pooledSecureRandom(): RandomSource {
  let pool = new Uint8Array(0);
  let used = 0;
  return (size) => {
    if (size > POOL_BYTES) return randomBytes(size);
    if (used + size > pool.length) {
      pool = randomFillSync(new Uint8Array(POOL_BYTES));
      used = 0;
    }
    const bytes = pool.slice(used, used + size);
    used += size;
    return bytes;
  };
}

/**
 * UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits. Ids sort by creation
 * time, which keeps B-tree inserts local on both dialects.
 */
export function uuidV7Generator(clock: Clock, random: RandomSource = secureRandom): IdGenerator {
  return {
    next(): string {
      const bytes = new Uint8Array(16);
      bytes.set(random(10), 6);
      const milliseconds = BigInt(clock.now().getTime());
      for (let index = 0; index < 6; index++) {
        bytes[index] = Number((milliseconds >> BigInt(8 * (5 - index))) & 0xffn);
      }
      bytes[6] = (bytes[6]! & 0x0f) | 0x70;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = Buffer.from(bytes).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

/** A deterministic random source (xorshift-based) for seeds and tests; never for secrets. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0 || 0x9e3779b9;
  return (size) => {
    const out = new Uint8Array(size);
    for (let index = 0; index < size; index++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out[index] = state & 0xff;
    }
    return out;
  };
}
