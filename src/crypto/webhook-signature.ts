import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures on webhook deliveries, so a department system can tell our requests from forged
 * ones. The header is `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: signing the
 * timestamp with the body lets a receiver refuse a captured request replayed later, and the
 * `v1` label leaves room for another scheme (an HMAC-SM3 `v2`) beside it. The key is the
 * secret's UTF-8 bytes, exactly as shown to the department once at registration.
 */
export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const TIMESTAMP_PATTERN = /^\d{1,12}$/;
const HEX_SHA256_PATTERN = /^[0-9a-f]{64}$/;

function mac(secret: string, timestamp: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();
}

/** The `x-custos-signature` header value for a body sent at `timestamp` (Unix seconds, as text). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  if (!TIMESTAMP_PATTERN.test(timestamp)) throw new RangeError('timestamp must be Unix seconds');
  return `t=${timestamp},${SIGNATURE_VERSION}=${mac(secret, timestamp, body).toString('hex')}`;
}

/**
 * Whether `header` is a valid signature of `body` made within `toleranceSeconds` of `now`. The
 * header is attacker-controlled: it is parsed defensively, every `v1` value is tried (a sender
 * may sign with an old and a new secret during rotation), and comparison is constant-time so the
 * answer's timing does not reveal how many leading bytes of a guess were right.
 */
export function verifyWebhook(secret: string, header: string, body: string, now: Date, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS): boolean {
  let timestamp: string | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) return false;
      timestamp = value;
    } else if (key === SIGNATURE_VERSION && HEX_SHA256_PATTERN.test(value)) {
      candidates.push(value);
    }
  }
  if (timestamp === undefined || !TIMESTAMP_PATTERN.test(timestamp) || candidates.length === 0) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > toleranceSeconds) return false;
  const expected = mac(secret, timestamp, body);
  let matched = false;
  // No early exit: every candidate is compared, whatever the outcome of the ones before.
  for (const candidate of candidates) matched = timingSafeEqual(expected, Buffer.from(candidate, 'hex')) || matched;
  return matched;
}
