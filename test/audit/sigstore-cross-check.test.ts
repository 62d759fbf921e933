import { createHash, createPublicKey } from 'node:crypto';
// Deep imports: these verifiers are not in @sigstore/verify's public exports (pinned 3.1.1).
import { verifyCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint.js';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/harness.ts';

type Entry = Parameters<typeof verifyCheckpoint>[0];
type TrustedLog = Parameters<typeof verifyCheckpoint>[1][number];

/**
 * Our real log, checked by an independent implementation: sigstore-js verifies the served
 * checkpoint's Ed25519 signature and each served inclusion proof against the leaf bytes.
 */
describe('the audit log as @sigstore/verify sees it', () => {
  let test: TestRuntime;
  let log: TrustedLog;
  beforeAll(async () => {
    test = await createTestRuntime('sqlite');
    for (let index = 0; index < 37; index++) {
      await test.runtime.context.store.auditLog.append({ actor: { type: 'process', id: 'test', org: null }, action: 'test.event', object: `n:${index}`, details: { index } });
    }
    await test.runtime.services.audit.issueCheckpoint();
    // <name>+<key id>+<base64 key>: the base64 part may itself hold '+'.
    const [name, , ...keyParts] = (await test.app.inject({ method: 'GET', url: '/api/v1/audit/key' })).body.trim().split('+');
    const publicKey = Buffer.from(keyParts.join('+'), 'base64').subarray(1);
    log = {
      logID: createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([0x01]), publicKey])).digest(),
      baseURL: `https://${name}`,
      publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' }),
      validFor: { start: new Date(0), end: new Date(8.64e15) },
    };
  });
  afterAll(() => test.close());

  it('accepts every entry’s inclusion proof under the signed checkpoint, and rejects a tampered leaf', async () => {
    const envelope = (await test.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoint' })).body;
    const size = Number(envelope.split('\n')[1]);
    const entries = (await test.runtime.context.store.auditStore.entries(0, size)).map((entry) => ({ seq: entry.seq, leaf: Buffer.from(entry.leaf, 'utf8') }));
    for (const entry of entries) {
      const proof = (await test.app.inject({ method: 'GET', url: `/api/v1/audit/proof/inclusion?index=${entry.seq}&size=${size}` })).json() as { hashes: string[] };
      const tlogEntry: Entry = {
        logIndex: String(entry.seq),
        logId: { keyId: log.logID },
        kindVersion: { kind: 'custos-audit', version: '1' },
        integratedTime: '0',
        inclusionPromise: undefined,
        inclusionProof: { logIndex: String(entry.seq), rootHash: Buffer.alloc(32), treeSize: String(size), hashes: proof.hashes.map((hash) => Buffer.from(hash, 'base64')), checkpoint: { envelope } },
        canonicalizedBody: entry.leaf,
      };
      const checkpoint = verifyCheckpoint(tlogEntry, [log]);
      expect(() => verifyMerkleInclusion(tlogEntry as never, checkpoint)).not.toThrow();
      if (entry.seq === 5) {
        const forged = { ...tlogEntry, canonicalizedBody: Buffer.concat([entry.leaf, Buffer.from(' ')]) };
        expect(() => verifyMerkleInclusion(forged as never, checkpoint)).toThrow();
      }
    }
  });
});
