import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { workerLeafHasher } from '../../src/app/audit/leaf-hasher.ts';
import { verifyLog } from '../../src/app/audit/verify-log.ts';
import { witnessOnce, type WitnessState } from '../../src/app/audit/witness.ts';
import { parseVerifierKey } from '../../src/crypto/checkpoint/index.ts';
import { appendToFrontier, leafHash, sha256 } from '../../src/core/audit/merkle/index.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';

const actor = { type: 'process' as const, id: 'test', org: null };

/** A log of 20 entries with signed checkpoints at 10 and 20. */
async function seededLog(dialect: (typeof DIALECTS)[number]): Promise<TestRuntime> {
  const test = await createTestRuntime(dialect);
  const { store } = test.runtime.context;
  // Start from an empty log so indices in the assertions are the ones appended here.
  await sql`delete from audit_entries`.execute(store.database.db);
  await sql`delete from audit_nodes`.execute(store.database.db);
  await sql`delete from audit_checkpoints`.execute(store.database.db);
  for (let index = 0; index < 20; index++) {
    await store.auditLog.append({ actor, action: 'test.event', object: `n:${index}`, details: { index } });
    if (index === 9 || index === 19) await test.runtime.services.audit.issueCheckpoint();
  }
  return test;
}

/** Rewrites every stored node from the (possibly tampered) entries, as a careful attacker would. */
async function rewriteNodes(test: TestRuntime): Promise<void> {
  const db = test.runtime.context.store.database.db;
  const rows = await db.selectFrom('audit_entries').select(['seq', 'leaf']).orderBy('seq').execute();
  const { nodes } = appendToFrontier(sha256, { size: 0, hashes: [] }, rows.map((row) => leafHash(sha256, Buffer.from(row.leaf, 'utf8'))));
  await db.deleteFrom('audit_nodes').execute();
  for (const node of nodes) await db.insertInto('audit_nodes').values({ level: node.level, idx: node.index, hash: Buffer.from(node.hash).toString('hex') }).execute();
}

async function editLeaf(test: TestRuntime, seq: number): Promise<void> {
  const db = test.runtime.context.store.database.db;
  const row = await db.selectFrom('audit_entries').select('leaf').where('seq', '=', seq).executeTakeFirstOrThrow();
  await db.updateTable('audit_entries').set({ leaf: row.leaf.replace('"test.event"', '"test.edited"') }).where('seq', '=', seq).execute();
}

for (const dialect of DIALECTS) {
  describe(`tampering is detected (${dialect})`, () => {
    let test: TestRuntime | undefined;
    afterEach(async () => {
      await test?.close();
      test = undefined;
    });

    const verify = () => test!.runtime.services.audit.verify();

    it('accepts the untouched log', async () => {
      test = await seededLog(dialect);
      expect(await verify()).toEqual({ ok: true, size: 20, checkpoints: 2 });
    });

    it('names an edited entry', async () => {
      test = await seededLog(dialect);
      await editLeaf(test, 7);
      expect(await verify()).toMatchObject({ ok: false, problem: { code: 'ENTRY_MODIFIED', index: 7 } });
    });

    it('names a deleted entry', async () => {
      test = await seededLog(dialect);
      await test.runtime.context.store.database.db.deleteFrom('audit_entries').where('seq', '=', 5).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { code: 'ENTRY_MISSING', index: 5 } });
    });

    it('names an inserted entry', async () => {
      test = await seededLog(dialect);
      const db = test.runtime.context.store.database.db;
      // Make room at 5 by moving every later entry up one, then slip a forged entry in.
      for (let seq = 19; seq >= 5; seq--) {
        const row = await db.selectFrom('audit_entries').select('leaf').where('seq', '=', seq).executeTakeFirstOrThrow();
        await db.updateTable('audit_entries').set({ seq: seq + 1, leaf: row.leaf.replace(`"seq":${seq}`, `"seq":${seq + 1}`) }).where('seq', '=', seq).execute();
      }
      const forged = `{"action":"test.event","actor":{"id":"test","org":null,"type":"process"},"details":{},"object":"forged","seq":5,"time":"2026-11-27T02:00:00.000Z"}`;
      await db.insertInto('audit_entries').values({ seq: 5, time: '2026-11-27T02:00:00.000Z', actor_type: 'process', actor_id: 'test', actor_org: null, action: 'test.event', object: 'forged', leaf: forged }).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { code: 'ENTRY_MODIFIED', index: 5 } });
    });

    it('names swapped entries', async () => {
      test = await seededLog(dialect);
      const db = test.runtime.context.store.database.db;
      const [three, four] = await db.selectFrom('audit_entries').select(['seq', 'leaf']).where('seq', 'in', [3, 4]).orderBy('seq').execute();
      await db.updateTable('audit_entries').set({ leaf: four!.leaf }).where('seq', '=', 3).execute();
      await db.updateTable('audit_entries').set({ leaf: three!.leaf }).where('seq', '=', 4).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { code: 'ENTRY_OUT_OF_PLACE', index: 3 } });
    });

    it('names the checkpoint interval when the stored hashes were rewritten to match', async () => {
      test = await seededLog(dialect);
      await editLeaf(test, 12);
      await rewriteNodes(test);
      expect(await verify()).toMatchObject({ ok: false, problem: { code: 'CHECKPOINT_MISMATCH', interval: [10, 20] } });
    });

    it('notices a log cut short of its last checkpoint', async () => {
      test = await seededLog(dialect);
      await test.runtime.context.store.database.db.deleteFrom('audit_entries').where('seq', '>=', 15).execute();
      expect(await verify()).toMatchObject({ ok: false, problem: { code: 'LOG_TRUNCATED', index: 15 } });
    });

    it('lets a witness catch a rewritten tree, a split view and a rollback', async () => {
      test = await seededLog(dialect);
      const app = test.app;
      const fetchText = async (path: string) => (await app.inject({ method: 'GET', url: path })).body;
      const first = await witnessOnce(fetchText, null, undefined, 'test');
      expect(first).toMatchObject({ ok: true, grewBy: 20 });
      const seen = (first as { state: WitnessState }).state;

      // The operator rewrites history, then signs a new checkpoint after one more entry.
      await editLeaf(test, 3);
      await rewriteNodes(test);
      await test.runtime.context.store.auditLog.append({ actor, action: 'test.event', object: 'later', details: {} });
      await test.runtime.services.audit.issueCheckpoint();
      expect(await witnessOnce(fetchText, seen, undefined, 'test')).toMatchObject({ ok: false, code: 'INCONSISTENT' });

      // A different root at the size the witness saw.
      const db = test.runtime.context.store.database.db;
      await db.deleteFrom('audit_checkpoints').execute();
      await db.deleteFrom('audit_entries').where('seq', '>=', 20).execute();
      await rewriteNodes(test);
      await test.runtime.services.audit.issueCheckpoint();
      expect(await witnessOnce(fetchText, seen, undefined, 'test')).toMatchObject({ ok: false, code: 'SPLIT_VIEW' });

      // A smaller log.
      await db.deleteFrom('audit_checkpoints').execute();
      await db.deleteFrom('audit_entries').where('seq', '>=', 15).execute();
      await rewriteNodes(test);
      await test.runtime.services.audit.issueCheckpoint();
      expect(await witnessOnce(fetchText, seen, undefined, 'test')).toMatchObject({ ok: false, code: 'ROLLBACK' });
    });
  });
}

describe('verification with leaf hashing in a worker thread', () => {
  it('gives the same answers as hashing inline', async () => {
    const test = await seededLog('sqlite');
    try {
      const verifier = parseVerifierKey(test.runtime.services.audit.verifierKey);
      const store = test.runtime.context.store.auditStore;
      expect(await verifyLog(store, sha256, verifier, { hasher: workerLeafHasher('sha256') })).toEqual({ ok: true, size: 20, checkpoints: 2 });
      await editLeaf(test, 11);
      expect(await verifyLog(store, sha256, verifier, { hasher: workerLeafHasher('sha256') })).toMatchObject({ ok: false, problem: { code: 'ENTRY_MODIFIED', index: 11 } });
    } finally {
      await test.close();
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`archive claims and missing checkpoints (${dialect})`, () => {
    it('refuses a deleted prefix passed off as archived, even beside a genuine checkpoint at its end', async () => {
      const test = await seededLog(dialect);
      try {
        const db = test.runtime.context.store.database.db;
        await db.deleteFrom('audit_entries').where('seq', '<', 10).execute();
        await db.insertInto('audit_archives').values({ start: 0, end: 10, file: 'made-up.json', archived_at: '2026-11-27T00:00:00.000Z' }).execute();
        expect(await test.runtime.services.audit.verify()).toMatchObject({ ok: false, problem: { code: 'ARCHIVE_UNACCOUNTED', interval: [0, 10] } });
        await db.updateTable('audit_archives').set({ end: 7 }).execute();
        expect(await test.runtime.services.audit.verify()).toMatchObject({ ok: false, problem: { code: 'ARCHIVE_UNACCOUNTED' } });
      } finally {
        await test.close();
      }
    });

    it('catches a rewrite with the checkpoints deleted, given a checkpoint kept elsewhere', async () => {
      const test = await seededLog(dialect);
      try {
        const kept = await test.runtime.services.audit.checkpoint();
        await editLeaf(test, 12);
        await rewriteNodes(test);
        await test.runtime.context.store.database.db.deleteFrom('audit_checkpoints').execute();
        // Without outside evidence the rewrite is consistent with itself…
        expect(await test.runtime.services.audit.verify()).toMatchObject({ ok: true });
        // …but not with the checkpoint a witness kept.
        expect(await test.runtime.services.audit.verify(undefined, undefined, [kept])).toMatchObject({ ok: false, problem: { code: 'CHECKPOINT_MISMATCH', interval: [0, 20] } });
      } finally {
        await test.close();
      }
    });
  });
}
