import type { MaskName } from './mask-names.ts';

/**
 * A total order on presets, so that policy can check mechanically that a grant only ever
 * strengthens the mask a provider set (DESIGN §5). Presets are ranked by how much of the value
 * they can leave visible on the kind of value they were designed for, most first:
 *
 *   0 none        the whole value
 *   1 address     the administrative prefix (province…county), unbounded in length
 *   2 region_code the prefecture of a 6-digit division code
 *   3 email       one character plus the domain, unbounded in length
 *   4 uscc        10 of 18 (first 8, last 2)
 *   5 resident_id 10 of 18 (first 6, last 4)
 *   6 mobile      7 of 11 (first 3, last 4)
 *   7 bank_card   4 of 16–19 (last 4)
 *   8 birth_date  the year, 4 digits
 *   9 name        1 character
 *  10 keyed_hash  nothing, but one consumer can link its own records of a subject
 *  11 redact      nothing, not even the length
 *  12 null        nothing, not even that a value exists
 *
 * Comparing presets meant for different kinds of value is only approximate; in practice an item
 * moves between none, its own preset and redact, where the order is exact.
 */
const MASK_STRENGTH: Record<MaskName, number> = {
  none: 0,
  address: 1,
  region_code: 2,
  email: 3,
  uscc: 4,
  resident_id: 5,
  mobile: 6,
  bank_card: 7,
  birth_date: 8,
  name: 9,
  keyed_hash: 10,
  redact: 11,
  null: 12,
};

export function maskStrength(name: MaskName): number {
  return MASK_STRENGTH[name];
}
