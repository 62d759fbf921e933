import { applyMask, type MaskName } from '../../core/masking/index.ts';
import type { PiiType } from '../../core/pii/recognizers/finding.ts';

/**
 * The display preset for each kind of finding (GB/T 35273-2020 Annex A). Kinds without a preset
 * of their own — landlines, passports, plates, IP addresses — are redacted whole: a partial
 * display designed for one identifier can leave too much of another readable. A Record, so a
 * new PiiType without a decision here fails to compile.
 */
const MASK_OF_TYPE: Record<PiiType, MaskName> = {
  cn_resident_id: 'resident_id',
  cn_mobile: 'mobile',
  cn_landline: 'redact',
  bank_card: 'bank_card',
  cn_uscc: 'uscc',
  email: 'email',
  cn_passport: 'redact',
  cn_hk_macau_permit: 'redact',
  cn_license_plate: 'redact',
  ipv4: 'redact',
  person_name: 'name',
  address: 'address',
};

/** The masked form of a found value; a type we do not know is redacted, never left alone. */
export function maskFoundValue(type: string, value: string): string {
  const preset: MaskName = Object.hasOwn(MASK_OF_TYPE, type) ? MASK_OF_TYPE[type as PiiType] : 'redact';
  return applyMask(preset, value);
}
