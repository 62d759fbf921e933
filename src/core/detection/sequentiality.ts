/*
 * How sequential or dictionary-ordered the identifiers of one multi-subject answer are, scored by
 * the gateway while it holds them in plaintext (issue #7 §1); only the score travels on.
 *
 * Why: harvesting tools walk the identifier space. Resident IDs (GB 11643-1999) are the 6-digit
 * division code, the 8-digit birth date, a 3-digit sequence and a check digit, so a walk shows as
 * neighbours sharing their first 14 characters with a sequence that rises by a little. USCCs
 * (GB 32100-2015) walked in dictionary order show as neighbours sharing a long prefix. Lookups
 * of real cases almost never share 14 characters: people asked about together are unrelated.
 *
 * The score is the share of neighbouring pairs, in the order the answer lists them, that look
 * like one step of such a walk: same first 14 characters, and the rest rising. 0 for fewer than
 * three identifiers, where no order can be told from chance.
 */

/** Characters a walk keeps fixed: division code and birth date of a resident ID, or a long USCC prefix. */
const SHARED_PREFIX = 14;
const MINIMUM_IDENTIFIERS = 3;

export function sequentiality(identifiers: readonly string[]): number {
  if (identifiers.length < MINIMUM_IDENTIFIERS) return 0;
  let steps = 0;
  for (let index = 1; index < identifiers.length; index += 1) {
    const previous = identifiers[index - 1]!;
    const current = identifiers[index]!;
    if (previous.length < SHARED_PREFIX || current.length < SHARED_PREFIX) continue;
    if (previous.slice(0, SHARED_PREFIX) === current.slice(0, SHARED_PREFIX) && previous < current) steps += 1;
  }
  return steps / (identifiers.length - 1);
}
