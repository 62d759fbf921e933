import { createHmac } from 'node:crypto';
import { secretKey } from './secret-key.ts';

export type CryptoSuite = 'intl' | 'gm';

/**
 * The subject blind index: a keyed HMAC over a normalised identifier, so that records about one
 * citizen or company can be joined (consent, access records, the citizen view, leak tracing)
 * without the identifier itself being stored. The key is deployment-wide and kept apart from
 * the data keys: whoever holds the database alone cannot test guesses against it.
 * HMAC-SHA-256 in the intl suite, HMAC-SM3 (GB/T 32905) in the gm suite.
 */
export interface BlindIndexer {
  (normalisedIdentifier: string): string;
}

export const BLIND_INDEX_KEY_BYTES = 32;

export function blindIndexer(key: Uint8Array, suite: CryptoSuite): BlindIndexer {
  if (key.length < BLIND_INDEX_KEY_BYTES) throw new Error('blind-index key must be at least 32 bytes');
  const algorithm = suite === 'gm' ? 'sm3' : 'sha256';
  const secret = secretKey(Uint8Array.from(key));
  return (normalisedIdentifier) => createHmac(algorithm, secret).update(normalisedIdentifier, 'utf8').digest('hex');
}
