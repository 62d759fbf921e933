import { foldFullWidth } from '../pii/fold-width.ts';
import { REDACTED } from './redact-all.ts';

/**
 * Generalises a 6-digit administrative division code (GB/T 2260) to its prefecture: 331199
 * becomes 331100, which is itself a valid code and reads naturally in statistics. A province code
 * (XX0000) stays as it is. Anything that is not a 6-digit code is redacted: it cannot be
 * generalised safely. An empty value stays empty.
 */
export function truncateRegionCode(value: string): string {
  const folded = foldFullWidth(value).trim();
  if (folded === '') return '';
  return /^\d{6}$/.test(folded) ? `${folded.slice(0, 4)}00` : REDACTED;
}
