/*
 * The filer's two keys to a complaint. The tracking number is printed on the receipt and may be
 * read out on the telephone; the query code is the secret that proves the caller is the filer,
 * because an anonymous filer has no account. Numbers run in sequence, so they are guessable by
 * design: only the code protects the complaint (GB/T 35273 §7.1 access by the data subject).
 */

export const TRACKING_PREFIX = 'TS';
const SERIAL_DIGITS = 6;
export const TRACKING_NUMBER_PATTERN = '^TS-\\d{4}-\\d{6,9}$';

/** Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 symbols of 5 bits: 60 bits, out of reach of guessing at the rate lookups are allowed. */
export const QUERY_CODE_SYMBOLS = 12;
export const QUERY_CODE_BYTES = QUERY_CODE_SYMBOLS;

export function trackingNumber(year: number, serial: number): string {
  return `${TRACKING_PREFIX}-${year}-${String(serial).padStart(SERIAL_DIGITS, '0')}`;
}

/**
 * A query code from random bytes, one symbol per byte: 256 is a multiple of 32, so taking the
 * low five bits keeps every symbol equally likely. Shown grouped by four (`7K3M-…`) for reading.
 */
export function queryCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < QUERY_CODE_BYTES) throw new RangeError(`a query code needs ${QUERY_CODE_BYTES} random bytes`);
  let code = '';
  for (let index = 0; index < QUERY_CODE_SYMBOLS; index += 1) code += CODE_ALPHABET[bytes[index]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

/**
 * The code as typed, reduced to its symbols: case and separators ignored, and the letters people
 * confuse with digits read as those digits (Crockford). Undefined when it cannot be a code.
 */
export function normaliseQueryCode(typed: string): string | undefined {
  const symbols = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== QUERY_CODE_SYMBOLS) return undefined;
  for (const symbol of symbols) if (!CODE_ALPHABET.includes(symbol)) return undefined;
  return symbols;
}
