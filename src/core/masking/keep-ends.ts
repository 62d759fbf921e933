import { DomainError } from '../shared/domain-error.ts';

/**
 * Keeps `keepStart` characters at the front and `keepEnd` at the back and replaces each character
 * in between with `maskChar` — the partial display GB/T 35273-2020 (Annex A, 去标识化展示) uses
 * for identifiers such as 110101********1234. Lengths count Unicode code points, so an astral
 * character (an emoji, a CJK Extension B surname such as 𠮷) is one character, never split in half.
 *
 * When the value is no longer than what would be kept, every character is masked: showing
 * "the whole value minus nothing" would disclose it, and a one-character name must become "*".
 */
export function keepEnds(value: string, keepStart: number, keepEnd: number, maskChar = '*'): string {
  if (!Number.isInteger(keepStart) || !Number.isInteger(keepEnd) || keepStart < 0 || keepEnd < 0) {
    throw new DomainError('INVALID_MASK_PARAMETER', 'keepStart and keepEnd are non-negative integers');
  }
  if (Array.from(maskChar).length !== 1) {
    throw new DomainError('INVALID_MASK_PARAMETER', 'the mask character is exactly one character');
  }
  const characters = Array.from(value);
  if (characters.length <= keepStart + keepEnd) {
    return maskChar.repeat(characters.length);
  }
  const start = characters.slice(0, keepStart).join('');
  const end = keepEnd === 0 ? '' : characters.slice(-keepEnd).join('');
  return start + maskChar.repeat(characters.length - keepStart - keepEnd) + end;
}
