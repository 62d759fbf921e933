import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';

for (const dialect of DIALECTS) {
  describe(`table audit log (${dialect})`, () => {
    let test: TestRuntime;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
    });
    afterAll(() => test.close());

    it('numbers concurrent appends from separate transactions without a gap or a twin', async () => {
      const { store } = test.runtime.context;
      const before = (await store.read.audit.list({ start: 0, limit: 10_000 })).length;
      await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          store.transaction((repositories) => repositories.audit.append({ actor: { type: 'process', id: 'test', org: null }, action: 'test.appended', object: `n:${index}`, details: { index } })),
        ),
      );
      const records = await store.read.audit.list({ start: 0, limit: 10_000 });
      expect(records.map((record) => record.seq)).toEqual(Array.from({ length: before + 40 }, (_, seq) => seq));
    });

    it('writes nothing when the surrounding transaction fails', async () => {
      const { store } = test.runtime.context;
      const before = (await store.read.audit.list({ start: 0, limit: 10_000 })).length;
      await expect(
        store.transaction(async (repositories) => {
          await repositories.audit.append({ actor: { type: 'process', id: 'test', org: null }, action: 'test.rolled_back', object: 'x', details: {} });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect((await store.read.audit.list({ start: 0, limit: 10_000 })).length).toBe(before);
    });
  });
}
