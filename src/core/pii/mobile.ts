import { foldFullWidth } from './fold-width.ts';

/**
 * Mainland China mobile numbers: 11 digits, 1 then 3–9 (numbering plan of the MIIT;
 * 10x, 11x and 12x are not assigned to mobile networks). The country code may be written
 * +86 or 0086, and people group the digits with spaces or dashes.
 */
export type MobileInvalidReason = 'FORMAT' | 'PREFIX';

export type MobileValidation = { valid: true; normalized: string } | { valid: false; reason: MobileInvalidReason };

/** Folds width, drops spaces and dashes and the country code; returns the bare 11-digit form. */
export function normalizeMobile(raw: string): string {
  const compact = foldFullWidth(raw).trim().replace(/[\s-]/g, '');
  if (compact.startsWith('+86')) return compact.slice(3);
  if (compact.startsWith('0086')) return compact.slice(4);
  return compact;
}

export function validateMobile(raw: string): MobileValidation {
  const normalized = normalizeMobile(raw);
  if (!/^\d{11}$/.test(normalized)) {
    return { valid: false, reason: 'FORMAT' };
  }
  if (!/^1[3-9]/.test(normalized)) {
    return { valid: false, reason: 'PREFIX' };
  }
  return { valid: true, normalized };
}
