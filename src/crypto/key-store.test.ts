import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/shared/clock.ts';
import { seededRandom } from '../core/shared/id-generator.ts';
import type { CryptoSuite } from './blind-index.ts';
import { cipherSuite } from './cipher-suite.ts';
import { memoryKeyStore, newKek } from './key-store.ts';

const SUITES: CryptoSuite[] = ['intl', 'gm'];

for (const name of SUITES) {
  describe(`memory key store, ${name} suite`, () => {
    const suite = cipherSuite(name);

    function fixture() {
      const clock = new ManualClock('2026-11-27T08:00:00.000Z');
      const random = seededRandom(name === 'gm' ? 51 : 52);
      return { clock, random, store: memoryKeyStore(suite, random, () => clock.now()) };
    }

    it('starts with one current KEK with a short readable id and the clock’s time', async () => {
      const { store } = fixture();
      expect(store.suite).toBe(name);
      const keys = await store.list();
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ createdAt: '2026-11-27T08:00:00.000Z', current: true });
      expect(keys[0]!.id).toMatch(/^kek-[0-9a-f]{8}$/);
    });

    it('wraps under the current KEK and unwraps with the same context only', async () => {
      const { store, random } = fixture();
      const dataKey = random(suite.keyBytes);
      const wrapped = await store.wrap(dataKey, 'RES-001');
      expect(wrapped.kekId).toBe((await store.list())[0]!.id);
      expect(Buffer.from(wrapped.wrapped, 'base64')).toHaveLength(12 + suite.keyBytes + 16);
      expect(await store.unwrap(wrapped, 'RES-001')).toEqual(dataKey);
      await expect(store.unwrap(wrapped, 'RES-002')).rejects.toMatchObject({ name: 'DomainError', code: 'DECRYPTION_FAILED' });
      const tampered = Buffer.from(wrapped.wrapped, 'base64');
      tampered[20]! ^= 1;
      await expect(store.unwrap({ ...wrapped, wrapped: tampered.toString('base64') }, 'RES-001')).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
    });

    it('does not unwrap a key wrapped under one KEK as if it were under another', async () => {
      const { store, random } = fixture();
      const wrapped = await store.wrap(random(suite.keyBytes), 'RES-001');
      const second = await store.rotate();
      await expect(store.unwrap({ ...wrapped, kekId: second }, 'RES-001')).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });
      await expect(store.unwrap({ ...wrapped, kekId: 'kek-00000000' }, 'RES-001')).rejects.toMatchObject({ code: 'KEK_NOT_FOUND' });
    });

    it('rotates: the new KEK is current, old wrapped keys still unwrap, removal follows the rules', async () => {
      const { store, random, clock } = fixture();
      const dataKey = random(suite.keyBytes);
      const old = await store.wrap(dataKey, 'RES-001');
      clock.advance(86_400_000);
      const second = await store.rotate();
      expect(await store.list()).toEqual([
        { id: old.kekId, createdAt: '2026-11-27T08:00:00.000Z', current: false },
        { id: second, createdAt: '2026-11-28T08:00:00.000Z', current: true },
      ]);
      expect((await store.wrap(dataKey, 'RES-001')).kekId).toBe(second);
      expect(await store.unwrap(old, 'RES-001')).toEqual(dataKey);
      await expect(store.remove(second)).rejects.toMatchObject({ code: 'KEK_IS_CURRENT' });
      await expect(store.remove('kek-ffffffff')).rejects.toMatchObject({ code: 'KEK_NOT_FOUND' });
      await store.remove(old.kekId);
      await expect(store.unwrap(old, 'RES-001')).rejects.toMatchObject({ code: 'KEK_NOT_FOUND' });
      await expect(store.remove(old.kekId)).rejects.toMatchObject({ code: 'KEK_NOT_FOUND' });
    });

    it('runs concurrent rotations one after the other, losing no KEK', async () => {
      const { store } = fixture();
      const ids = await Promise.all([store.rotate(), store.rotate(), store.rotate()]);
      const keys = await store.list();
      expect(keys).toHaveLength(4);
      expect(keys.map((kek) => kek.id)).toEqual(expect.arrayContaining(ids));
      expect(keys.filter((kek) => kek.current).map((kek) => kek.id)).toEqual([ids[2]]);
    });
  });
}

describe('new KEKs', () => {
  it('draw another id when the random source repeats one, and give up on a stuck source', () => {
    const suite = cipherSuite('gm');
    const now = (): Date => new Date('2026-11-27T08:00:00.000Z');
    let calls = 0;
    const repeating = (size: number): Uint8Array => new Uint8Array(size).fill(calls++ < 2 ? 0xaa : 0xbb);
    expect(newKek(suite, repeating, now, ['kek-aaaaaaaa']).id).toBe('kek-bbbbbbbb');
    expect(() => newKek(suite, (size) => new Uint8Array(size), now, ['kek-00000000'])).toThrow(/repeating/);
  });
});
