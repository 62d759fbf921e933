import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/shared/clock.ts';
import { seededRandom } from '../../src/core/shared/id-generator.ts';
import type { CryptoSuite } from '../../src/crypto/blind-index.ts';
import { cipherSuite } from '../../src/crypto/cipher-suite.ts';
import { fieldCipher, newDataKey } from '../../src/crypto/field-cipher.ts';
import { openFileKeyStore } from '../../src/crypto/file-key-store.ts';

/**
 * KEK rotation in envelope encryption: only the wrapped data key changes. Fields encrypted under
 * the data key are not touched, so rotating a KEK costs one re-wrap per resource, not a pass over
 * every row, and the old KEK can then be destroyed.
 */

const SUITES: CryptoSuite[] = ['intl', 'gm'];
const root = mkdtempSync(join(tmpdir(), 'custos-rotation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const name of SUITES) {
  describe(`KEK rotation with re-wrap, ${name} suite`, () => {
    it('keeps the same field ciphertext decryptable after the old KEK is removed', async () => {
      const suite = cipherSuite(name);
      const random = seededRandom(name === 'gm' ? 61 : 62);
      const clock = new ManualClock('2026-11-27T08:00:00.000Z');
      const path = join(root, name, 'keystore.json');
      const store = await openFileKeyStore(path, suite, { random, now: () => clock.now(), create: true });
      const resource = 'RES-2026-0001';
      const aad = `${resource}/ID_NUMBER/row-42`;

      const dataKey = newDataKey(suite, random);
      const ciphertext = fieldCipher(suite, dataKey, random).encrypt('110101199003074512', aad);
      const wrappedUnderFirst = await store.wrap(dataKey, resource);
      dataKey.fill(0); // From here on the data key exists only wrapped.

      clock.advance(90 * 86_400_000);
      const second = await store.rotate();
      const unwrapped = await store.unwrap(wrappedUnderFirst, resource);
      const wrappedUnderSecond = await store.wrap(unwrapped, resource);
      expect(wrappedUnderSecond.kekId).toBe(second);
      await store.remove(wrappedUnderFirst.kekId);

      await expect(store.unwrap(wrappedUnderFirst, resource)).rejects.toMatchObject({ code: 'KEK_NOT_FOUND' });
      const reopened = await openFileKeyStore(path, suite, { random, now: () => clock.now(), create: false });
      const restored = await reopened.unwrap(wrappedUnderSecond, resource);
      expect(fieldCipher(suite, restored, random).decrypt(ciphertext, aad)).toBe('110101199003074512');
      await expect(reopened.unwrap(wrappedUnderSecond, 'RES-2026-0002')).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
    });
  });
}
