import type { Item } from '../catalog/resource.ts';
import { maskStrength, type MaskName } from '../masking/index.ts';
import type { MaskingLevel } from '../policy/index.ts';
import type { PiBasisKind } from './request.ts';

/**
 * The masks a grant starts from (DESIGN §5 masking column):
 * - none: every value as stored;
 * - PI masked by default, and masked unless justified: each personal item with the mask its
 *   provider chose in the catalog, or fully redacted when the provider chose none (PIPL Art. 6:
 *   the least disclosure that serves the purpose);
 * - verification only: no value leaves at all, the answer is yes or no.
 * With the `anonymised` basis (PIPL Art. 73(4)) no personal item is disclosed either.
 */
export function defaultMasks(items: readonly Pick<Item, 'code' | 'piClass' | 'mask'>[], masking: MaskingLevel, piBasis: PiBasisKind | null): Record<string, MaskName> {
  const masks: Record<string, MaskName> = {};
  for (const item of items) {
    const personal = item.piClass !== 'none';
    if (masking === 'verification_only' || (personal && piBasis === 'anonymised')) masks[item.code] = 'redact';
    else if (masking === 'none' || !personal) masks[item.code] = 'none';
    else masks[item.code] = item.mask === 'none' ? 'redact' : item.mask;
  }
  return masks;
}

/** Items whose chosen mask shows more than the default: a weakening, which needs the supervisor. */
export function weakenedMasks(defaults: Record<string, MaskName>, chosen: Record<string, MaskName>): string[] {
  return Object.keys(chosen)
    .filter((code) => defaults[code] !== undefined && maskStrength(chosen[code]!) < maskStrength(defaults[code]!))
    .sort();
}
