import type { MaskName } from './mask-names.ts';

/**
 * A total order on presets, so that policy can check mechanically that a grant only ever
 * strengthens the mask a provider set (DESIGN §5). Presets are ranked by how many characters they
 * can leave visible on the kind of value they were designed for, most first:
 *
 *   0 none        the whole value
 *   1 address     the administrative prefix (province…county), unbounded in length
 *   2 email       one character plus the domain, unbounded in length
 *   3 uscc        10 of 18 (first 8, last 2)
 *   4 resident_id 10 of 18 (first 6, last 4)
 *   5 bank_card   10 of 16–19 (first 6, last 4)
 *   6 mobile      7 of 11 (first 3, last 4)
 *   7 birth_date  the year, 4 digits
 *   8 name        1 character
 *   9 redact      nothing, not even the length
 *
 * Comparing presets meant for different kinds of value is only approximate; in practice an item
 * moves between none, its own preset and redact, where the order is exact.
 */
const MASK_STRENGTH: Record<MaskName, number> = {
  none: 0,
  address: 1,
  email: 2,
  uscc: 3,
  resident_id: 4,
  bank_card: 5,
  mobile: 6,
  birth_date: 7,
  name: 8,
  redact: 9,
};

export function maskStrength(name: MaskName): number {
  return MASK_STRENGTH[name];
}
