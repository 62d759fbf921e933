import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../shared/domain-error.ts';
import { secureRandom, type RandomSource } from '../shared/id-generator.ts';

/*
 * Time-based one-time passwords, the second login factor (GB/T 22239-2019 level 3 asks for two
 * factors). TOTP is RFC 6238 over HOTP (RFC 4226) with HMAC-SHA-1, a 30-second step and T0 = 0:
 * the parameters every authenticator app supports by default. Secrets travel to those apps in
 * base32 (RFC 4648 §6), which is why the codec lives here.
 */

export interface TotpOptions {
  /** Length of the code, 6 to 8 (RFC 4226 §5.3 requires at least 6). Default 6. */
  digits?: number;
  /** Length of a time step in seconds (RFC 6238 §4.1, X). Default 30. */
  periodSeconds?: number;
}

export interface TotpVerifyOptions extends TotpOptions {
  /** Steps accepted either side of the current one, for clock drift (RFC 6238 §5.2). Default 1. */
  window?: number;
}

export type TotpVerification = { valid: true; step: number } | { valid: false };

/** RFC 4226 §4 R6: the shared secret MUST be at least 128 bits; 160 bits is recommended. */
const MINIMUM_SECRET_BYTES = 16;
export const TOTP_SECRET_BYTES = 20;
const MAXIMUM_WINDOW = 10;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function resolveOptions(options: TotpOptions): { digits: number; periodSeconds: number } {
  const digits = options.digits ?? 6;
  const periodSeconds = options.periodSeconds ?? 30;
  if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
    throw new DomainError('TOTP_OPTIONS_INVALID', 'TOTP digits must be an integer from 6 to 8', { details: { digits } });
  }
  if (!Number.isInteger(periodSeconds) || periodSeconds < 1) {
    throw new DomainError('TOTP_OPTIONS_INVALID', 'TOTP period must be a positive whole number of seconds', { details: { periodSeconds } });
  }
  return { digits, periodSeconds };
}

function assertSecret(secret: Uint8Array): void {
  if (secret.length < MINIMUM_SECRET_BYTES) {
    throw new DomainError('TOTP_SECRET_INVALID', `a TOTP secret must be at least ${MINIMUM_SECRET_BYTES} bytes`);
  }
}

/** RFC 6238 §4.2: T = floor((unix time − T0) / X), with T0 = 0. */
function timeStep(at: Date, periodSeconds: number): number {
  const milliseconds = at.getTime();
  if (Number.isNaN(milliseconds) || milliseconds < 0) throw new DomainError('TOTP_TIME_INVALID', 'a TOTP time must be a valid instant after 1970');
  return Math.floor(milliseconds / 1000 / periodSeconds);
}

/** HOTP (RFC 4226 §5.3): HMAC of the 8-byte big-endian counter, dynamic truncation, modulo 10^digits. */
function hotp(secret: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an authenticator shows at `at`. */
export function generateTotp(secret: Uint8Array, at: Date, options: TotpOptions = {}): string {
  assertSecret(secret);
  const { digits, periodSeconds } = resolveOptions(options);
  return hotp(secret, timeStep(at, periodSeconds), digits);
}

/**
 * Checks `code` against the steps within `window` of `at`. On success returns the matched step:
 * RFC 6238 §5.2 requires that a code be accepted only once, so the caller records the step
 * and refuses any step not later than the last one accepted. Every candidate is compared, in
 * constant time, so the timing reveals neither the code nor which step matched.
 */
export function verifyTotp(secret: Uint8Array, code: string, at: Date, options: TotpVerifyOptions = {}): TotpVerification {
  assertSecret(secret);
  const { digits, periodSeconds } = resolveOptions(options);
  const window = options.window ?? 1;
  if (!Number.isInteger(window) || window < 0 || window > MAXIMUM_WINDOW) {
    throw new DomainError('TOTP_OPTIONS_INVALID', `TOTP window must be an integer from 0 to ${MAXIMUM_WINDOW}`, { details: { window } });
  }
  // Authenticator apps display codes in groups ("123 456"); people type them that way.
  const entered = code.replace(/\s/g, '');
  // The length and the digit-only shape are public, so rejecting early here leaks nothing.
  if (entered.length !== digits || !/^\d+$/.test(entered)) return { valid: false };
  const enteredBytes = Buffer.from(entered, 'ascii');
  const current = timeStep(at, periodSeconds);
  let matched: number | null = null;
  for (let step = current - window; step <= current + window; step += 1) {
    if (step < 0) continue;
    const equal = timingSafeEqual(Buffer.from(hotp(secret, step, digits), 'ascii'), enteredBytes);
    if (equal && matched === null) matched = step;
  }
  return matched === null ? { valid: false } : { valid: true, step: matched };
}

/** A fresh 160-bit secret (the length RFC 4226 §4 recommends) for enrolling an authenticator. */
export function generateTotpSecret(random: RandomSource = secureRandom): Uint8Array {
  return random(TOTP_SECRET_BYTES);
}

/** RFC 4648 §6 base32, upper case, without padding (authenticator apps expect it unpadded). */
export function base32Encode(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += BASE32_ALPHABET[(buffer >> bits) & 0x1f];
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 0x1f];
  return output;
}

/** Pad characters RFC 4648 §6 allows at the end of a final 8-character quantum, by data length. */
const PADDING_FOR_DATA_LENGTH: Record<number, number> = { 2: 6, 4: 4, 5: 3, 7: 1 };

/**
 * Decodes RFC 4648 base32, case-insensitively, with or without correct trailing padding.
 * Anything else is refused with TOTP_SECRET_INVALID rather than guessed at: other characters
 * (spaces included), misplaced or wrong-length padding, a length no byte string encodes to,
 * and non-zero leftover bits (RFC 4648 §3.5), so each secret has exactly one accepted spelling
 * up to case and padding.
 */
export function base32Decode(text: string): Uint8Array {
  const invalid = (reason: string): DomainError<'TOTP_SECRET_INVALID'> =>
    new DomainError('TOTP_SECRET_INVALID', `TOTP secret is not valid base32: ${reason}`);
  const firstPad = text.indexOf('=');
  const data = (firstPad === -1 ? text : text.slice(0, firstPad)).toUpperCase();
  const remainder = data.length % 8;
  if (remainder !== 0 && !(remainder in PADDING_FOR_DATA_LENGTH)) throw invalid('impossible length');
  if (firstPad !== -1) {
    const padding = text.slice(firstPad);
    if (!/^=+$/.test(padding) || padding.length !== PADDING_FOR_DATA_LENGTH[remainder]) throw invalid('misplaced or wrong padding');
  }
  const bytes = new Uint8Array(Math.floor((data.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const character of data) {
    const value = BASE32_ALPHABET.indexOf(character);
    if (value === -1) throw invalid('character outside the base32 alphabet');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) throw invalid('non-zero trailing bits');
  return bytes;
}

/**
 * An otpauth:// URI for enrolling an authenticator app by QR code, in the de facto "Key Uri
 * Format" of Google Authenticator: label "issuer:account", both percent-encoded, and the issuer
 * repeated as a parameter. That format forbids a colon inside issuer or account, since the
 * label is split on it.
 */
export function totpUri(secretBase32: string, account: string, issuer: string, options: TotpOptions = {}): string {
  const { digits, periodSeconds } = resolveOptions(options);
  assertSecret(base32Decode(secretBase32));
  for (const [name, value] of [['account', account], ['issuer', issuer]] as const) {
    if (value.trim() === '' || value.includes(':')) {
      throw new DomainError('TOTP_LABEL_INVALID', `TOTP ${name} must be non-empty and contain no colon`);
    }
  }
  const secret = secretBase32.replace(/=+$/, '').toUpperCase();
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${secret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${digits}`,
    `period=${periodSeconds}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
