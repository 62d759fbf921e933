import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import { checkEvidenceBundle } from '../../src/app/audit/evidence-bundle.ts';
import { leafHash, sm3, verifyInclusion } from '../../src/core/audit/merkle/index.ts';
import { createTestRuntime, type TestRuntime } from '../support/harness.ts';

/** The gm suite end to end: an SM3 tree and SM2-signed checkpoints, checked with sm-crypto-v2 directly. */
describe('audit log in the gm suite', () => {
  let test: TestRuntime;
  beforeAll(async () => {
    test = await createTestRuntime('sqlite', { cryptoSuite: 'gm' });
    for (let index = 0; index < 9; index++) await test.runtime.context.store.auditLog.append({ actor: { type: 'process', id: 'test', org: null }, action: 'test.event', object: `n:${index}`, details: {} });
    await test.runtime.services.audit.issueCheckpoint();
  });
  afterAll(() => test.close());

  it('signs checkpoints with SM2 (user ID 1234567812345678) over an SM3 tree', async () => {
    const key = (await test.app.inject({ method: 'GET', url: '/api/v1/audit/key' })).body.trim();
    const [name, keyId, ...rest] = key.split('+');
    const typed = Buffer.from(rest.join('+'), 'base64');
    expect(typed[0]).toBe(0xff);
    expect(typed.subarray(1, 8).toString()).toBe('sm2-sm3');
    const publicKey = typed.subarray(8).toString('hex');
    expect(publicKey).toHaveLength(130);

    const note = (await test.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoint' })).body;
    const [body, signatures] = note.split('\n\n');
    const line = signatures!.trim().split('\n')[0]!;
    expect(line.startsWith(`— ${name} `)).toBe(true);
    const signed = Buffer.from(line.split(' ')[2]!, 'base64');
    expect(signed.subarray(0, 4).toString('hex')).toBe(keyId);
    const signature = signed.subarray(4).toString('hex');
    expect(signature).toHaveLength(128);
    expect(sm2.doVerifySignature(`${body}\n`, signature, publicKey, { hash: true, userId: '1234567812345678' })).toBe(true);

    const size = Number(body!.split('\n')[1]);
    const root = Buffer.from(body!.split('\n')[2]!, 'base64');
    const [entry] = await test.runtime.context.store.auditStore.entries(4, 5);
    const proof = await test.runtime.services.audit.inclusionProof(4, size);
    expect(verifyInclusion(sm3, 4, size, leafHash(sm3, Buffer.from(entry!.leaf, 'utf8')), proof.hashes.map((hash) => Buffer.from(hash, 'base64')), root)).toBe(true);
  });

  it('verifies its own log and evidence bundles', async () => {
    expect(await test.runtime.services.audit.verify()).toMatchObject({ ok: true });
    const bundle = await test.runtime.services.audit.evidence(2);
    expect(bundle.suite).toBe('gm');
    expect(checkEvidenceBundle(bundle, test.runtime.services.audit.verifierKey)).toMatchObject({ ok: true });
  });
});
