import { createHmac, type KeyObject } from 'node:crypto';
import { secretKey } from './secret-key.ts';
import type { CryptoSuite } from './blind-index.ts';

/**
 * Keyed hashes for the exchange, each in its own domain so that none can be compared with
 * another: terms that let filters find rows without plaintext, hashes of delivered values for
 * leak tracing, and per-consumer pseudonyms (the keyed_hash mask). The subkey of each domain is
 * HMAC(key, "custos/" + domain), the hash HMAC(subkey, value), cut to 128 bits — collisions among
 * the values of one domain stay out of reach, and the stored column stays short.
 */
export interface KeyedHasher {
  (domain: string, value: string): string;
}

export function keyedHasher(key: Uint8Array, suite: CryptoSuite): KeyedHasher {
  const algorithm = suite === 'gm' ? 'sm3' : 'sha256';
  const root = secretKey(Uint8Array.from(key));
  const subkeys = new Map<string, KeyObject>();
  return (domain, value) => {
    let subkey = subkeys.get(domain);
    if (!subkey) {
      subkey = secretKey(new Uint8Array(createHmac(algorithm, root).update(`custos/${domain}`, 'utf8').digest()));
      subkeys.set(domain, subkey);
    }
    return createHmac(algorithm, subkey).update(value, 'utf8').digest('hex').slice(0, 32);
  };
}
