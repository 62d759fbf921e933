import type { Vault } from '../context.ts';

/**
 * What an access record keeps of a delivered value: the keyed hash, in its item's domain, of the
 * value exactly as delivered (masked or not). One definition, for the gateway that records it
 * and leak tracing that recomputes it from a leaked file.
 */
export function deliveredHash(vault: Pick<Vault, 'keyedHash'>, itemCode: string, value: string): string {
  return vault.keyedHash(`delivered/${itemCode}`, value);
}
