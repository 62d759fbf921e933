import { DomainError } from '../shared/domain-error.ts';
import { foldFullWidth } from './fold-width.ts';
import { isValidOrganisationCode } from './organisation-code.ts';
import { isProvinceCode } from './province-codes.ts';

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015, 18 characters:
 *   1      registration authority (登记管理部门代码)
 *   2      organisation type (机构类别代码)
 *   3–8    region code of the registering authority (GB/T 2260)
 *   9–17   organisation code with its own check character (GB 11714-1997)
 *   18     check character, MOD 31 over the first 17
 * The alphabet leaves out I, O, S, V and Z, which are too easily read as 1, 0, 5, U and 2.
 *
 * Positions 1 and 2 are only checked against the alphabet: the enumerations of authorities and
 * types are extended by administrative notice, and a stale list would reject genuine codes.
 */
export type UsccInvalidReason = 'FORMAT' | 'REGION' | 'ORGANISATION_CODE' | 'CHECKSUM';

export type UsccValidation = { valid: true; normalized: string } | { valid: false; reason: UsccInvalidReason };

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^(i-1) mod 31 for positions i = 1..17 (GB 32100-2015 §5.3). */
const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Central-level bodies (for example State Council departments) register under region 100000. */
const CENTRAL_REGION_CODE = '100000';

const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function usccCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) {
    throw new DomainError('INVALID_IDENTIFIER_BODY', 'a USCC body is 17 characters of the GB 32100 alphabet');
  }
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += USCC_ALPHABET.indexOf(first17[index] ?? '') * (CHECK_WEIGHTS[index] ?? 0);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

export function normalizeUscc(raw: string): string {
  return foldFullWidth(raw).trim().toUpperCase();
}

export function validateUscc(raw: string): UsccValidation {
  const normalized = normalizeUscc(raw);
  if (!USCC_PATTERN.test(normalized)) {
    return { valid: false, reason: 'FORMAT' };
  }
  const regionCode = normalized.slice(2, 8);
  if (regionCode !== CENTRAL_REGION_CODE && !isProvinceCode(regionCode.slice(0, 2))) {
    return { valid: false, reason: 'REGION' };
  }
  // Checked before the outer check character: a code whose outer check was recomputed over a
  // made-up organisation code is fabricated, and we want to say so rather than call it a typo.
  if (!isValidOrganisationCode(normalized.slice(8, 17))) {
    return { valid: false, reason: 'ORGANISATION_CODE' };
  }
  if (usccCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) {
    return { valid: false, reason: 'CHECKSUM' };
  }
  return { valid: true, normalized };
}
