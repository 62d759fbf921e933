import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';

const actor = { type: 'process' as const, id: 'test', org: null };

for (const dialect of DIALECTS) {
  describe(`Merkle audit log appends (${dialect})`, () => {
    let test: TestRuntime;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
    });
    afterAll(() => test.close());

    it('numbers concurrent appends from separate transactions without a gap or a twin', async () => {
      const { store } = test.runtime.context;
      const before = await store.auditStore.size();
      await Promise.all(
        Array.from({ length: 40 }, (_, index) => store.transaction((repositories) => repositories.audit.append({ actor, action: 'test.appended', object: `n:${index}`, details: { index } }))),
      );
      const entries = await store.auditStore.entries(0, before + 100);
      expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: before + 40 }, (_, seq) => seq));
    });

    it('group-commits many concurrent appends and answers each with its own record', async () => {
      const { store } = test.runtime.context;
      const before = await store.auditStore.size();
      const records = await Promise.all(Array.from({ length: 500 }, (_, index) => store.auditLog.append({ actor, action: 'test.grouped', object: `g:${index}`, details: { index } })));
      records.forEach((record, index) => expect(record.object).toBe(`g:${index}`));
      expect(new Set(records.map((record) => record.seq)).size).toBe(500);
      expect(await store.auditStore.size()).toBe(before + 500);
    });

    it('writes nothing when the surrounding transaction fails', async () => {
      const { store } = test.runtime.context;
      const before = await store.auditStore.size();
      await expect(
        store.transaction(async (repositories) => {
          await repositories.audit.append({ actor, action: 'test.rolled_back', object: 'x', details: {} });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await store.auditStore.size()).toBe(before);
      // The next append continues the same tree.
      const record = await store.auditLog.append({ actor, action: 'test.after', object: 'y', details: {} });
      expect(record.seq).toBe(before);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`storage conflicts and bad events (${dialect})`, () => {
    let test: TestRuntime;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
    });
    afterAll(() => test.close());

    it('turns a unique-index refusal into a CONFLICT, quoting no value', async () => {
      const { store } = test.runtime.context;
      const basis = { id: 'b-1', law: '测试法', article: '第一条', title: '测试', kind: 'law' as const };
      await store.transaction((repositories) => repositories.legalBases.insert(basis));
      const second = store.transaction((repositories) => repositories.legalBases.insert({ ...basis, id: 'b-2' }));
      await expect(second).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(second).rejects.not.toThrow(/测试法/);
    });

    it('fails only the caller whose event cannot become a leaf, not its whole batch', async () => {
      const { store } = test.runtime.context;
      const good = Array.from({ length: 5 }, (_, index) => store.auditLog.append({ actor, action: 'test.good', object: `g:${index}`, details: {} }));
      const bad = store.auditLog.append({ actor, action: 'test.bad', object: 'b', details: { missing: undefined } });
      await expect(bad).rejects.toMatchObject({ code: 'CANONICAL_JSON_INVALID' });
      expect((await Promise.all(good)).map((record) => record.action)).toEqual(Array(5).fill('test.good'));
    });
  });
}
