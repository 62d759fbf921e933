import { REDACTED } from './redact-all.ts';

/**
 * Email display: first character of the local part, a fixed "***", then the domain, which names
 * the provider rather than the person (GB/T 35273-2020 Annex A, partial display). The mask is
 * fixed-length so the length of the local part is not revealed; a one-character local part is
 * not shown at all. Values without an "@" and a domain are fully redacted.
 */
export function maskEmail(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  // The last "@" separates the domain: quoted local parts may themselves contain "@".
  const at = trimmed.lastIndexOf('@');
  if (at < 0 || at === trimmed.length - 1) return REDACTED;
  const localCharacters = Array.from(trimmed.slice(0, at));
  const shown = localCharacters.length > 1 ? (localCharacters[0] ?? '') : '';
  return `${shown}***@${trimmed.slice(at + 1)}`;
}
