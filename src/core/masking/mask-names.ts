/**
 * The masking presets, referenced by name from catalog items and grants. The names are a public,
 * stable vocabulary: add to the end, never rename or remove.
 */
export const MASK_NAMES = [
  'none',
  'name',
  'resident_id',
  'mobile',
  'bank_card',
  'uscc',
  'address',
  'email',
  'birth_date',
  'redact',
  'keyed_hash',
  'region_code',
  'null',
] as const;

export type MaskName = (typeof MASK_NAMES)[number];

const MASK_NAME_SET: ReadonlySet<string> = new Set(MASK_NAMES);

export function isMaskName(value: string): value is MaskName {
  return MASK_NAME_SET.has(value);
}
