import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/shared/clock.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import { seededRandom } from '../core/shared/id-generator.ts';
import type { CryptoSuite } from './blind-index.ts';
import { cipherSuite } from './cipher-suite.ts';
import { openFileKeyStore, type FileKeyStoreOptions } from './file-key-store.ts';

const SUITES: CryptoSuite[] = ['intl', 'gm'];
const root = mkdtempSync(join(tmpdir(), 'custos-keystore-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
function freshPath(): string {
  counter += 1;
  return join(root, `case-${counter}`, 'keys', 'keystore.json');
}

function options(seed: number, create: boolean, clock = new ManualClock('2026-11-27T08:00:00.000Z')): FileKeyStoreOptions {
  return { random: seededRandom(seed), now: () => clock.now(), create };
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

for (const name of SUITES) {
  describe(`file key store, ${name} suite`, () => {
    const suite = cipherSuite(name);

    it('creates the file with one KEK, 0600 in a 0700 directory, only when asked', async () => {
      const path = freshPath();
      const store = await openFileKeyStore(path, suite, options(1, true));
      expect(mode(path)).toBe(0o600);
      expect(mode(join(path, '..'))).toBe(0o700);
      const document = JSON.parse(readFileSync(path, 'utf8'));
      const [kek] = await store.list();
      expect(document).toMatchObject({ format: 'custos-keystore/1', suite: name, current: kek!.id });
      expect(document.keys).toHaveLength(1);
      expect(document.keys[0]).toMatchObject({ id: kek!.id, createdAt: '2026-11-27T08:00:00.000Z' });
      expect(Buffer.from(document.keys[0].key, 'base64')).toHaveLength(suite.keyBytes);
      expect(readdirSync(join(path, '..'))).toEqual(['keystore.json']);
    });

    it('reopens the same KEKs: a key wrapped before unwraps after', async () => {
      const path = freshPath();
      const first = await openFileKeyStore(path, suite, options(2, true));
      const dataKey = seededRandom(99)(suite.keyBytes);
      const wrapped = await first.wrap(dataKey, 'RES-001');
      const again = await openFileKeyStore(path, suite, options(3, false));
      expect(await again.list()).toEqual(await first.list());
      expect(await again.unwrap(wrapped, 'RES-001')).toEqual(dataKey);
      const withCreate = await openFileKeyStore(path, suite, options(4, true));
      expect(await withCreate.list()).toEqual(await first.list());
    });

    it('persists rotation and removal, atomically and still 0600', async () => {
      const path = freshPath();
      const clock = new ManualClock('2026-11-27T08:00:00.000Z');
      const store = await openFileKeyStore(path, suite, options(5, true, clock));
      const dataKey = seededRandom(98)(suite.keyBytes);
      const old = await store.wrap(dataKey, 'RES-001');
      clock.advance(3_600_000);
      const second = await store.rotate();
      expect(mode(path)).toBe(0o600);
      expect(readdirSync(join(path, '..'))).toEqual(['keystore.json']);
      const reopened = await openFileKeyStore(path, suite, options(6, false));
      expect(await reopened.list()).toEqual([
        { id: old.kekId, createdAt: '2026-11-27T08:00:00.000Z', current: false },
        { id: second, createdAt: '2026-11-27T09:00:00.000Z', current: true },
      ]);
      expect(await reopened.unwrap(old, 'RES-001')).toEqual(dataKey);

      expect((await failure(store.remove(second))).code).toBe('KEK_IS_CURRENT');
      expect((await failure(store.remove('kek-12345678'))).code).toBe('KEK_NOT_FOUND');
      await store.remove(old.kekId);
      const afterRemoval = await openFileKeyStore(path, suite, options(7, false));
      expect((await afterRemoval.list()).map((kek) => kek.id)).toEqual([second]);
      expect((await failure(afterRemoval.unwrap(old, 'RES-001'))).code).toBe('KEK_NOT_FOUND');
      expect(mode(path)).toBe(0o600);
    });

    it('refuses a missing file unless asked to create it, in both languages and without creating it', async () => {
      const path = freshPath();
      const error = await failure(openFileKeyStore(path, suite, options(8, false)));
      expect(error.code).toBe('KEY_STORE_MISSING');
      expect(error.message).toMatch(/^密钥库文件不存在.* \/ the key store file does not exist/);
      expect(error.message).toContain(path);
      expect(existsSync(path)).toBe(false);
    });

    it('refuses a store made for the other suite', async () => {
      const path = freshPath();
      await openFileKeyStore(path, cipherSuite(name === 'gm' ? 'intl' : 'gm'), options(9, true));
      expect((await failure(openFileKeyStore(path, suite, options(10, false)))).code).toBe('KEY_STORE_SUITE_MISMATCH');
    });

    it('refuses malformed files, and never repeats their contents', async () => {
      const path = freshPath();
      await openFileKeyStore(path, suite, options(11, true));
      const good = JSON.parse(readFileSync(path, 'utf8'));
      const secret = good.keys[0].key as string;
      const variants: unknown[] = [
        `{"format":"custos-keystore/1","keys":[{"key":"${secret}"`,
        '[]',
        { ...good, format: 'custos-keystore/2' },
        { ...good, suite: 'rot13' },
        { ...good, keys: [] },
        { ...good, keys: 'none' },
        { ...good, current: 'kek-00000000' },
        { ...good, keys: [good.keys[0], good.keys[0]] },
        { ...good, keys: [{ ...good.keys[0], key: secret.slice(0, -4) }] },
        { ...good, keys: [{ ...good.keys[0], key: `${secret}AAAA` }] },
        { ...good, keys: [{ ...good.keys[0], key: `${secret.slice(0, -2)}!!` }] },
        { ...good, keys: [{ ...good.keys[0], id: 'has space' }] },
        { ...good, keys: [{ ...good.keys[0], createdAt: 'yesterday' }] },
        { ...good, keys: [null] },
      ];
      for (const variant of variants) {
        writeFileSync(path, typeof variant === 'string' ? variant : JSON.stringify(variant));
        const error = await failure(openFileKeyStore(path, suite, options(12, false)));
        expect(error.code, JSON.stringify(variant).slice(0, 80)).toBe('KEY_STORE_INVALID');
        expect(`${error.message} ${JSON.stringify(error.details)} ${String(error.cause)}`).not.toContain(secret.slice(0, 12));
      }
    });
  });
}

describe('file key store, concurrency and permissions', () => {
  const suite = cipherSuite('gm');

  it('two processes creating the same store at once end up with one KEK', async () => {
    const path = freshPath();
    const [first, second] = await Promise.all([openFileKeyStore(path, suite, options(13, true)), openFileKeyStore(path, suite, options(14, true))]);
    expect(await first.list()).toEqual(await second.list());
    expect(readdirSync(join(path, '..'))).toEqual(['keystore.json']);
  });

  it('concurrent rotations are all written', async () => {
    const path = freshPath();
    const store = await openFileKeyStore(path, suite, options(15, true));
    const ids = await Promise.all([store.rotate(), store.rotate()]);
    const reopened = await openFileKeyStore(path, suite, options(16, false));
    expect((await reopened.list()).map((kek) => kek.id)).toEqual(expect.arrayContaining(ids));
    expect((await reopened.list()).find((kek) => kek.current)!.id).toBe(ids[1]);
  });

  // Root reads any file whatever its mode, so there is nothing to check when tests run as root.
  it.skipIf(process.getuid?.() === 0)('reports a file it cannot read with its own code', async () => {
    const path = freshPath();
    await openFileKeyStore(path, suite, options(17, true));
    chmodSync(path, 0o000);
    expect((await failure(openFileKeyStore(path, suite, options(18, false)))).code).toBe('KEY_STORE_UNREADABLE');
  });
});
