import { foldFullWidth } from '../pii/fold-width.ts';
import { REDACTED } from './redact-all.ts';

/**
 * Generalises a date to its year, displayed as YYYY-**-** (GB/T 35273-2020 Annex A:
 * generalisation). The year is read from the start of the value, which covers the spellings met
 * in government data: 1990-03-07, 1990/3/7, 1990.03.07, 19900307, 1990年3月7日 and ISO
 * timestamps. A value that does not start with a year cannot be generalised safely, so it is
 * redacted instead. An empty value stays empty.
 */
export function truncateDate(value: string): string {
  const folded = foldFullWidth(value).trim();
  if (folded === '') return '';
  const match = /^(\d{4})(?:$|\d{4}$|\D)/.exec(folded);
  return match ? `${match[1]}-**-**` : REDACTED;
}
