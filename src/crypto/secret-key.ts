import { createSecretKey, type KeyObject } from 'node:crypto';

const keys = new WeakMap<Uint8Array, KeyObject>();

/**
 * The key as a KeyObject, made once per key array. Node 24 checks a raw key on every createHmac
 * and createCipheriv (about 15 µs each, measured), which a KeyObject skips: on the gateway's hot
 * path, with several keyed operations per call, that is most of the crypto cost. Callers must not
 * change a key array after first use (they copy keys they are given).
 */
export function secretKey(key: Uint8Array): KeyObject {
  let secret = keys.get(key);
  if (!secret) {
    secret = createSecretKey(key);
    keys.set(key, secret);
  }
  return secret;
}
