import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DomainError } from '../core/shared/domain-error.ts';
import type { RandomSource } from '../core/shared/id-generator.ts';
import type { CryptoSuite } from './blind-index.ts';
import type { CipherSuite } from './cipher-suite.ts';
import { newKek, ringKeyStore, type KekRing, type KeyEncryptionKey, type KeyStore } from './key-store.ts';

/**
 * KEKs in a local JSON file, the default custody until an HSM or crypto machine is wired in
 * (key-store.ts). The file is the one secret that unlocks every encrypted field, so:
 * - it is created 0600 in a 0700 directory, and only when asked (`create`), so that a typo in a
 *   path fails loudly instead of starting a fresh, empty store whose keys open nothing;
 * - every write goes to a temporary file, is flushed, and is renamed over the old one, so that a
 *   crash leaves the old file or the new one, never half of one (losing it loses the data);
 * - error messages and causes never carry file contents, which would include key material.
 *
 * One process administers the file. A process that has it open does not see rotations made by
 * another until it opens the file again.
 *
 *     {"format": "custos-keystore/1", "suite": "gm", "current": "kek-…",
 *      "keys": [{"id": "kek-…", "createdAt": "2026-…Z", "key": "<base64>"}]}
 */

export const KEY_STORE_FORMAT = 'custos-keystore/1';

export interface FileKeyStoreOptions {
  random: RandomSource;
  now: () => Date;
  /** Create the file, with one KEK, if it is absent. */
  create: boolean;
}

interface KeyStoreDocument {
  format: typeof KEY_STORE_FORMAT;
  suite: CryptoSuite;
  current: string;
  keys: { id: string; createdAt: string; key: string }[];
}

const KEK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

function invalid(path: string, reason: string): DomainError<'KEY_STORE_INVALID'> {
  return new DomainError('KEY_STORE_INVALID', `密钥库文件格式不正确（${reason}）：${path} / the key store file is malformed (${reason}): ${path}`, {
    details: { path, reason },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseKey(path: string, suite: CipherSuite, entry: unknown, index: number): KeyEncryptionKey {
  const where = `keys[${index}]`;
  if (!isRecord(entry)) throw invalid(path, where);
  const { id, createdAt, key } = entry;
  if (typeof id !== 'string' || !KEK_ID_PATTERN.test(id)) throw invalid(path, `${where}.id`);
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw invalid(path, `${where}.createdAt`);
  if (typeof key !== 'string' || !BASE64_PATTERN.test(key)) throw invalid(path, `${where}.key`);
  const bytes = Uint8Array.from(Buffer.from(key, 'base64'));
  // Strict: a truncated or padded key must not be silently stretched or cut to length.
  if (bytes.length !== suite.keyBytes || Buffer.from(bytes).toString('base64') !== key) throw invalid(path, `${where}.key`);
  return { id, createdAt, key: bytes };
}

/** Translates the file, once, into the in-memory ring; checks everything before trusting any of it. */
function parseDocument(path: string, suite: CipherSuite, text: string): KekRing {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // No cause: V8's SyntaxError quotes the text around the error, which may be key material.
    throw invalid(path, 'JSON');
  }
  if (!isRecord(document) || document.format !== KEY_STORE_FORMAT) throw invalid(path, 'format');
  if (document.suite !== 'intl' && document.suite !== 'gm') throw invalid(path, 'suite');
  if (document.suite !== suite.name) {
    throw new DomainError(
      'KEY_STORE_SUITE_MISMATCH',
      `密钥库属于 ${document.suite} 密码套件，当前配置为 ${suite.name}：${path} / the key store is for the ${document.suite} suite, configured is ${suite.name}: ${path}`,
      { details: { path, fileSuite: document.suite, configuredSuite: suite.name } },
    );
  }
  if (!Array.isArray(document.keys) || document.keys.length === 0) throw invalid(path, 'keys');
  const keys = document.keys.map((entry: unknown, index) => parseKey(path, suite, entry, index));
  if (new Set(keys.map((kek) => kek.id)).size !== keys.length) throw invalid(path, 'duplicate id');
  if (typeof document.current !== 'string' || !keys.some((kek) => kek.id === document.current)) throw invalid(path, 'current');
  return { current: document.current, keys };
}

function serialise(suite: CipherSuite, ring: KekRing): string {
  const document: KeyStoreDocument = {
    format: KEY_STORE_FORMAT,
    suite: suite.name,
    current: ring.current,
    keys: ring.keys.map((kek) => ({ id: kek.id, createdAt: kek.createdAt, key: Buffer.from(kek.key).toString('base64') })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Writes `text` to a fresh 0600 temporary file beside `path`, flushes it, then puts it in place:
 * rename to replace, or link to create, which fails if another process created the file first.
 */
async function writeAtomically(path: string, text: string, random: RandomSource, mode: 'replace' | 'create'): Promise<void> {
  const temporary = `${path}.${Buffer.from(random(6)).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // the umask may have taken bits away; it never adds any, but be exact.
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode === 'replace') await rename(temporary, path);
    else await link(temporary, path);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  // The rename itself is durable only once the directory entry is flushed (POSIX).
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DomainError('KEY_STORE_UNREADABLE', `无法读取密钥库文件：${path} / cannot read the key store file: ${path}`, { details: { path }, cause: error });
  }
}

async function createStore(path: string, suite: CipherSuite, options: FileKeyStoreOptions): Promise<KekRing | undefined> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const first = newKek(suite, options.random, options.now, []);
  const ring: KekRing = { current: first.id, keys: [first] };
  try {
    await writeAtomically(path, serialise(suite, ring), options.random, 'create');
    return ring;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined; // someone else created it: use theirs.
    throw error;
  }
}

async function loadRing(path: string, suite: CipherSuite): Promise<KekRing | undefined> {
  const text = await readIfPresent(path);
  return text === undefined ? undefined : parseDocument(path, suite, text);
}

export async function openFileKeyStore(path: string, suite: CipherSuite, options: FileKeyStoreOptions): Promise<KeyStore> {
  let ring = await loadRing(path, suite);
  if (ring === undefined && options.create) ring = (await createStore(path, suite, options)) ?? (await loadRing(path, suite));
  if (ring === undefined) {
    throw new DomainError(
      'KEY_STORE_MISSING',
      `密钥库文件不存在：${path}（首次部署时需显式创建） / the key store file does not exist: ${path} (create it explicitly on first deployment)`,
      { details: { path } },
    );
  }
  return ringKeyStore(suite, ring, options, (next) => writeAtomically(path, serialise(suite, next), options.random, 'replace'));
}
