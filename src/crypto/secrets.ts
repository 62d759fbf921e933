import { createHash, randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

function scryptAsync(password: BinaryLike, salt: BinaryLike, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * scrypt parameters (RFC 7914). N = 2^15 costs about 32 MiB and tens of milliseconds here: slow
 * enough to blunt offline guessing of a stolen table, quick enough for interactive login.
 */
const COST = 32768;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$salt$hash`, so parameters can rise later without breaking stored hashes. */
export async function hashPassword(password: string, salt: Uint8Array = randomBytes(16)): Promise<string> {
  const key = await scryptAsync(password.normalize('NFKC'), salt, KEY_LENGTH, { N: COST, r: BLOCK_SIZE, p: PARALLELISM, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, Buffer.from(salt).toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallelism, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(cost),
    r: Number(blockSize),
    p: Number(parallelism),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/** Bearer tokens and credential secrets are high-entropy, so one SHA-256 is enough to store them. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random token with a readable prefix that says what it is (for secret scanners and people). */
export function newToken(prefix: string, random: (size: number) => Uint8Array): string {
  return `${prefix}_${Buffer.from(random(32)).toString('base64url')}`;
}
