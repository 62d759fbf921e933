import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafHash, sha256, verifyConsistency, verifyInclusion } from '../../src/core/audit/merkle/index.ts';
import { parseCheckpoint, parseVerifierKey, verifyNote } from '../../src/crypto/checkpoint/index.ts';
import { createTestRuntime, DIALECTS, type TestRuntime } from '../support/harness.ts';
import { call } from '../support/http.ts';
import { buildWorld, type World } from '../support/world.ts';

for (const dialect of DIALECTS) {
  describe(`audit API (${dialect})`, () => {
    let test: TestRuntime;
    let world: World;
    beforeAll(async () => {
      test = await createTestRuntime(dialect);
      world = await buildWorld(test.runtime);
    });
    afterAll(() => test.close());

    const text = async (url: string) => (await test.app.inject({ method: 'GET', url })).body;

    it('serves a signed checkpoint and the key that verifies it, to anyone', async () => {
      await test.runtime.services.audit.issueCheckpoint();
      const key = (await text('/api/v1/audit/key')).trim();
      expect(key).toMatch(/^custos\.local\/audit\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/);
      const note = await text('/api/v1/audit/checkpoint');
      const { body } = verifyNote(note, [parseVerifierKey(key)]);
      const checkpoint = parseCheckpoint(body);
      expect(checkpoint.origin).toBe('custos.local/audit');
      expect(checkpoint.size).toBe(await test.runtime.context.store.auditStore.size());
    });

    it('proves inclusion of every entry and consistency between sizes', async () => {
      const size = await test.runtime.context.store.auditStore.size();
      const { body } = verifyNote(await text('/api/v1/audit/checkpoint'), [parseVerifierKey((await text('/api/v1/audit/key')).trim())]);
      const root = parseCheckpoint(body).rootHash;
      const entries = await call<{ entries: { seq: number; leaf: string }[] }>(test.app, 'GET', `/api/v1/audit/entries?start=0&end=${size}`, { token: world.people.supervisor.token });
      expect(entries.body.entries).toHaveLength(size);
      for (const entry of entries.body.entries) {
        const proof = await call<{ leafIndex: number; treeSize: number; hashes: string[] }>(test.app, 'GET', `/api/v1/audit/proof/inclusion?index=${entry.seq}&size=${size}`);
        expect(proof.body.leafIndex).toBe(entry.seq);
        const hashes = proof.body.hashes.map((hash) => Buffer.from(hash, 'base64'));
        expect(verifyInclusion(sha256, entry.seq, size, leafHash(sha256, Buffer.from(entry.leaf, 'base64')), hashes, root)).toBe(true);
      }
      const smaller = await test.runtime.context.store.auditStore.root(7);
      const consistency = await call<{ hashes: string[] }>(test.app, 'GET', `/api/v1/audit/proof/consistency?first=7&second=${size}`);
      expect(verifyConsistency(sha256, 7, size, consistency.body.hashes.map((hash) => Buffer.from(hash, 'base64')), smaller, root)).toBe(true);
    });

    it('refuses proofs beyond the log and malformed positions with codes', async () => {
      const size = await test.runtime.context.store.auditStore.size();
      const beyond = await call(test.app, 'GET', `/api/v1/audit/proof/inclusion?index=0&size=${size + 5}`);
      expect(beyond.status).toBe(400);
      expect(beyond.body).toMatchObject({ code: 'AUDIT_SIZE_BEYOND_LOG' });
      const outside = await call(test.app, 'GET', `/api/v1/audit/proof/inclusion?index=${size}&size=${size}`);
      expect(outside.status).toBe(400);
      for (const query of ['index=-1&size=3', 'index=1.5&size=3', 'index=abc&size=3', 'index=1&size=99999999999999999999']) {
        expect((await call(test.app, 'GET', `/api/v1/audit/proof/inclusion?${query}`)).status, query).toBe(400);
      }
    });

    it('gives entries and search to investigators only, at most 1,000 at a time', async () => {
      expect((await call(test.app, 'GET', '/api/v1/audit/entries?start=0&end=5', { token: world.people.civilAdmin.token })).status).toBe(403);
      expect((await call(test.app, 'GET', '/api/v1/audit/entries?start=0&end=5')).status).toBe(401);
      const tooMany = await call(test.app, 'GET', '/api/v1/audit/entries?start=0&end=1001', { token: world.people.supervisor.token });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ code: 'AUDIT_RANGE_TOO_LARGE' });
      const found = await call<{ records: { action: string; actor: { id: string } }[] }>(test.app, 'GET', `/api/v1/audit/search?action=directory.person.created&limit=3`, { token: world.people.supervisor.token });
      expect(found.status).toBe(200);
      expect(found.body.records).toHaveLength(3);
      expect(found.body.records.every((record) => record.action === 'directory.person.created')).toBe(true);
      expect((await call(test.app, 'GET', '/api/v1/audit/search?action=x', { token: world.people.policeAdmin.token })).status).toBe(403);
    });
  });
}

describe('on-demand checkpoints', () => {
  it('are issued for investigators only', async () => {
    const test = await createTestRuntime('sqlite');
    try {
      const world = await buildWorld(test.runtime);
      expect((await call(test.app, 'POST', '/api/v1/audit/checkpoint', { token: world.people.civilAdmin.token })).status).toBe(403);
      const issued = await test.app.inject({ method: 'POST', url: '/api/v1/audit/checkpoint', headers: { authorization: `Bearer ${world.people.supervisor.token}` } });
      expect(issued.statusCode).toBe(200);
      const size = await test.runtime.context.store.auditStore.size();
      expect(issued.body.split('\n')[1]).toBe(String(size));
    } finally {
      await test.close();
    }
  });
});

for (const dialect of DIALECTS) describe(`audit search as investigators use it (${dialect})`, () => {
  it('finds by login, by action prefix and by Beijing-time dates', async () => {
    const test = await createTestRuntime(dialect);
    try {
      const world = await buildWorld(test.runtime);
      const token = world.people.supervisor.token;
      const byLogin = await call<{ records: { actor: { id: string } }[] }>(test.app, 'GET', '/api/v1/audit/search?actor=civil-admin', { token });
      expect(byLogin.body.records.length).toBeGreaterThan(0);
      expect(byLogin.body.records.every((record) => record.actor.id === world.people.civilAdmin.id)).toBe(true);
      const prefix = await call<{ records: { action: string }[] }>(test.app, 'GET', '/api/v1/audit/search?action=auth.token.*', { token });
      expect(prefix.body.records.length).toBeGreaterThan(0);
      expect(prefix.body.records.every((record) => record.action.startsWith('auth.token.'))).toBe(true);
      // The test clock reads 2026-11-27 10:00 in Beijing: the day includes it, the next excludes it.
      const today = await call<{ records: unknown[] }>(test.app, 'GET', '/api/v1/audit/search?from=2026-11-27&to=2026-11-27', { token });
      expect(today.body.records.length).toBeGreaterThan(0);
      const tomorrow = await call<{ records: unknown[] }>(test.app, 'GET', '/api/v1/audit/search?from=2026-11-28', { token });
      expect(tomorrow.body.records).toEqual([]);
      expect((await call(test.app, 'GET', '/api/v1/audit/search?from=2026-13-45', { token })).status).toBe(400);
    } finally {
      await test.close();
    }
  });
});
