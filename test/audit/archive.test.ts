import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { checkArchive, retentionCutoff } from '../../src/app/audit/archive.ts';
import { checkEvidenceBundle } from '../../src/app/audit/evidence-bundle.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';

const actor = { type: 'process' as const, id: 'test', org: null };
const DAY = 24 * 60 * 60 * 1000;

describe('retention cutoff', () => {
  it('counts calendar months and never cuts early in a shorter month', () => {
    expect(retentionCutoff(new Date('2026-11-27T02:00:00Z'), 6).toISOString()).toBe('2026-05-27T02:00:00.000Z');
    expect(retentionCutoff(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(retentionCutoff(new Date('2026-01-15T00:00:00Z'), 12).toISOString()).toBe('2025-01-15T00:00:00.000Z');
  });
});

for (const dialect of DIALECTS) {
  describe(`archiving past retention (${dialect})`, () => {
    let test: TestRuntime | undefined;
    afterEach(async () => {
      await test?.close();
      test = undefined;
    });

    it('archives only entries past retention, keeps the tree verifiable, and the segment checks out offline', async () => {
      test = await createTestRuntime(dialect);
      const { store } = test.runtime.context;
      const audit = test.runtime.services.audit;
      await sql`delete from audit_entries`.execute(store.database.db);
      await sql`delete from audit_nodes`.execute(store.database.db);
      for (let index = 0; index < 12; index++) await store.auditLog.append({ actor, action: 'test.old', object: `n:${index}`, details: {} });
      await audit.issueCheckpoint();
      test.clock.advance(200 * DAY);
      for (let index = 0; index < 5; index++) await store.auditLog.append({ actor, action: 'test.new', object: `m:${index}`, details: {} });
      await audit.issueCheckpoint();

      // Twelve months' retention (the default): nothing is old enough yet.
      await expect(audit.prepareArchive()).rejects.toMatchObject({ code: 'NOTHING_TO_ARCHIVE' });
      test.clock.advance(200 * DAY);
      const segment = await audit.prepareArchive();
      expect([segment.start, segment.end]).toEqual([0, 12]);
      expect(checkArchive(segment, audit.verifierKey)).toEqual({ ok: true, start: 0, end: 12 });
      const forged = { ...segment, entries: segment.entries.map((leaf, index) => (index === 3 ? leaf.replace('test.old', 'test.forged') : leaf)) };
      expect(checkArchive(forged, audit.verifierKey)).toMatchObject({ ok: false });

      await audit.commitArchive(segment, 'segment.json', null);
      expect(await store.auditStore.entries(0, 12)).toEqual([]);
      // The log keeps its size, its proofs and its verifiability.
      const outcome = await audit.verify();
      expect(outcome).toMatchObject({ ok: true });
      const bundle = await audit.evidence(13);
      expect(checkEvidenceBundle(bundle, audit.verifierKey)).toMatchObject({ ok: true, seq: 13 });
      expect((await audit.inclusionProof(2, await store.auditStore.size())).hashes.length).toBeGreaterThan(0);
      // Archiving again finds nothing new.
      await expect(audit.prepareArchive()).rejects.toMatchObject({ code: 'NOTHING_TO_ARCHIVE' });
    });
  });
}

describe('checkpoint thinning', () => {
  it('keeps every checkpoint of the last day and the last of each hour before it', async () => {
    const test = await createTestRuntime('sqlite');
    try {
      const { store } = test.runtime.context;
      const audit = test.runtime.services.audit;
      // Two days of appends, one checkpoint every ten minutes.
      for (let step = 0; step < 12 * 24; step++) {
        await store.auditLog.append({ actor, action: 'test.tick', object: `t:${step}`, details: {} });
        await audit.issueCheckpoint();
        test.clock.advance(10 * 60 * 1000);
      }
      await store.auditLog.append({ actor, action: 'test.tick', object: 'last', details: {} });
      test.clock.advance(2 * 60 * 60 * 1000);
      await audit.issueCheckpoint();
      const checkpoints = await store.auditStore.checkpoints();
      const cutoff = new Date(test.clock.now().getTime() - DAY).toISOString();
      const old = checkpoints.filter((checkpoint) => checkpoint.createdAt < cutoff);
      const hours = new Set(old.map((checkpoint) => checkpoint.createdAt.slice(0, 13)));
      expect(old.length).toBe(hours.size);
      expect(checkpoints.filter((checkpoint) => checkpoint.createdAt >= cutoff).length).toBeGreaterThan(100);
      expect(await audit.verify()).toMatchObject({ ok: true });
    } finally {
      await test.close();
    }
  });
});
