import { base32Encode, totpUri } from '../../core/identity/totp.ts';
import type { RandomSource } from '../../core/shared/id-generator.ts';

const ALPHABETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '#%+-=@'];

/**
 * An initial password that passes the complexity policy by construction: four characters from
 * each class (no look-alikes such as 0/O and 1/l), shuffled. It is shown once and should be
 * changed at first login.
 */
export function generatePassword(random: RandomSource): string {
  const characters = ALPHABETS.flatMap((alphabet) => Array.from(random(4), (byte) => alphabet[byte % alphabet.length]!));
  const order = random(characters.length);
  return characters
    .map((character, index) => ({ character, key: order[index]! }))
    .sort((left, right) => left.key - right.key)
    .map((entry) => entry.character)
    .join('');
}

/** A 160-bit TOTP secret (RFC 4226 §4 recommends 160 bits), with the URI an authenticator app scans. */
export function generateTotpSecret(random: RandomSource, login: string): { secret: string; uri: string } {
  const secret = base32Encode(random(20));
  return { secret, uri: totpUri(secret, login, 'Custos') };
}
