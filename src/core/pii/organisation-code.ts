import { DomainError } from '../shared/domain-error.ts';

/**
 * 组织机构代码 (organisation code), GB 11714-1997: 8 body characters (digits or upper-case
 * letters) and 1 check character. Letters count A=10 … Z=35. The check is 11 - (Σ value·weight
 * mod 11), written X for 10 and 0 for 11. It is embedded as positions 9–17 of every USCC.
 */
const BODY_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export function organisationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new DomainError('INVALID_IDENTIFIER_BODY', 'an organisation code body is 8 digits or upper-case letters');
  }
  let sum = 0;
  for (let index = 0; index < 8; index += 1) {
    sum += characterValue(first8[index] ?? '') * (BODY_WEIGHTS[index] ?? 0);
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/** True when the 9-character organisation code carries its correct check character. */
export function isValidOrganisationCode(code: string): boolean {
  return /^[0-9A-Z]{8}[0-9X]$/.test(code) && organisationCodeCheckCharacter(code.slice(0, 8)) === code[8];
}

function characterValue(character: string): number {
  // Digits keep their value; 'A' (code 65) counts as 10, so subtract 55.
  return /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 55;
}
