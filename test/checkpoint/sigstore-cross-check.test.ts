import { createHash, createPublicKey } from 'node:crypto';
// Deep import: the checkpoint verifier is not in @sigstore/verify's public exports (pinned 3.1.1).
import { verifyCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/shared/id-generator.ts';
import { generateSigningKey, signCheckpoint, signerFromKey, signNote, type SigningKey } from '../../src/crypto/checkpoint/index.ts';

/**
 * An independent check of the intl suite against sigstore-js, which parses signed-note checkpoints
 * with its own code (split at the blank line, a regex for signature lines, its own body parser)
 * and verifies Ed25519 signatures against a trusted log it finds by (a) the first 4 bytes of the
 * log's `logID` equal to the key ID in the signature line and (b) the log's `baseURL` matching the
 * key name. It computes no key IDs itself, so the test gives it the log ID computed here by hand
 * as SHA-256(name || 0x0A || 0x01 || public key): the match then also checks our key ID.
 */

type TransparencyLogEntry = Parameters<typeof verifyCheckpoint>[0];
type TrustedLog = Parameters<typeof verifyCheckpoint>[1][number];

const ORIGIN = 'custos.example/audit-log';
const ROOT = createHash('sha256').update('root').digest();

function trustedLog(key: SigningKey): TrustedLog {
  const publicKey = Buffer.from(key.publicKey, 'hex');
  const logID = createHash('sha256').update(Buffer.concat([Buffer.from(`${key.name}\n`), Buffer.from([0x01]), publicKey])).digest();
  return {
    logID,
    baseURL: `https://${key.name}`,
    publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' }),
    validFor: { start: new Date(0), end: new Date(8.64e15) },
  };
}

function entryWith(envelope: string, log: TrustedLog): TransparencyLogEntry {
  return {
    logIndex: '0',
    logId: { keyId: log.logID },
    kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
    integratedTime: '0',
    inclusionPromise: undefined,
    inclusionProof: { logIndex: '0', rootHash: ROOT, treeSize: '42', hashes: [], checkpoint: { envelope } },
    canonicalizedBody: Buffer.alloc(0),
  };
}

/** Runs sigstore's checkpoint verification of `envelope` with `log` as the only trusted log. */
function checkWithSigstore(envelope: string, log: TrustedLog): ReturnType<typeof verifyCheckpoint> {
  return verifyCheckpoint(entryWith(envelope, log), [log]);
}

describe('@sigstore/verify accepts our intl checkpoints', () => {
  const key = generateSigningKey('intl', ORIGIN, seededRandom(21));
  const text = signCheckpoint({ origin: ORIGIN, size: 42, rootHash: ROOT, extensions: ['custos-extension'] }, [signerFromKey(key)]);

  it('verifies the signature and reads the same origin, size, root hash and extension lines', () => {
    const checkpoint = checkWithSigstore(text, trustedLog(key));
    expect(checkpoint.origin).toBe(ORIGIN);
    expect(checkpoint.logSize).toBe(42n);
    expect(checkpoint.logHash).toEqual(ROOT);
    expect(checkpoint.rest).toEqual(['custos-extension']);
  });

  it('also accepts it cosigned by an SM2 key it cannot check (it needs one good signature)', () => {
    const gm = generateSigningKey('gm', 'custos.example/gm-witness', seededRandom(22));
    const cosigned = signCheckpoint({ origin: ORIGIN, size: 42, rootHash: ROOT }, [signerFromKey(gm), signerFromKey(key)]);
    expect(checkWithSigstore(cosigned, trustedLog(key)).logSize).toBe(42n);
  });

  it('rejects a tampered body, a tampered signature, another key and another name', () => {
    expect(() => checkWithSigstore(text.replace('\n42\n', '\n43\n'), trustedLog(key))).toThrow(/invalid checkpoint signature/);

    const lines = text.split('\n');
    const signatureIndex = lines.findIndex((line) => line.startsWith('\u2014 '));
    const [dash, name, encoded] = lines[signatureIndex]!.split(' ') as [string, string, string];
    const bytes = Buffer.from(encoded, 'base64');
    bytes[30]! ^= 0x04;
    lines[signatureIndex] = `${dash} ${name} ${bytes.toString('base64')}`;
    expect(() => checkWithSigstore(lines.join('\n'), trustedLog(key))).toThrow(/invalid checkpoint signature/);

    const other = generateSigningKey('intl', ORIGIN, seededRandom(23));
    expect(() => checkWithSigstore(text, trustedLog(other))).toThrow(/invalid checkpoint signature/);
    expect(() => checkWithSigstore(text, { ...trustedLog(key), baseURL: 'https://elsewhere.example/log' })).toThrow(/invalid checkpoint signature/);
  });

  it('fails its key-ID match when the trusted log ID is not our key ID', () => {
    const wrongId = { ...trustedLog(key), logID: createHash('sha256').update(Buffer.from(key.publicKey, 'hex')).digest() };
    expect(() => checkWithSigstore(text, wrongId)).toThrow(/invalid checkpoint signature/);
  });

  it('agrees with us on a plain signed note of three lines', () => {
    const note = signNote(`${ORIGIN}\n0\n${Buffer.alloc(32).toString('base64')}\n`, [signerFromKey(key)]);
    expect(checkWithSigstore(note, trustedLog(key)).logSize).toBe(0n);
  });
});
