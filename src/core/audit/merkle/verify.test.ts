import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sha256 } from './hash-function.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

/*
 * The transparency-dev/merkle test vectors (see test/fixtures/rfc6962/README.md): a correct
 * verifier accepts exactly the cases with wantErr false.
 */

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/rfc6962/', import.meta.url));

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function jsonFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(folder, name));
}

function load<Case>(kind: string): [string, Case][] {
  const folder = join(FIXTURES, kind);
  return jsonFiles(folder).map((file) => [relative(folder, file), JSON.parse(readFileSync(file, 'utf8')) as Case]);
}

const bytes = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));
const proofOf = (proof: string[] | null): Uint8Array[] => (proof ?? []).map(bytes);

const inclusionCases = load<InclusionCase>('inclusion');
const consistencyCases = load<ConsistencyCase>('consistency');

describe('RFC 6962 vectors from transparency-dev/merkle', () => {
  it('finds every vector', () => {
    expect(inclusionCases.length + consistencyCases.length).toBe(196);
    expect(inclusionCases.filter(([, vector]) => !vector.wantErr)).toHaveLength(6);
    expect(consistencyCases.filter(([, vector]) => !vector.wantErr)).toHaveLength(6);
  });

  it.each(inclusionCases)('inclusion %s', (_file, vector) => {
    const verified = verifyInclusion(sha256, vector.leafIdx, vector.treeSize, bytes(vector.leafHash), proofOf(vector.proof), bytes(vector.root));
    expect(verified).toBe(!vector.wantErr);
  });

  it.each(consistencyCases)('consistency %s', (_file, vector) => {
    const verified = verifyConsistency(sha256, vector.size1, vector.size2, proofOf(vector.proof), bytes(vector.root1), bytes(vector.root2));
    expect(verified).toBe(!vector.wantErr);
  });
});

describe('malformed input', () => {
  const [, happy] = inclusionCases.find(([file, vector]) => file.startsWith('1/') && !vector.wantErr) as [string, InclusionCase];
  const leaf = bytes(happy.leafHash);
  const root = bytes(happy.root);
  const proof = proofOf(happy.proof);

  it('accepts the happy path it mutates', () => {
    expect(verifyInclusion(sha256, happy.leafIdx, happy.treeSize, leaf, proof, root)).toBe(true);
  });

  it.each([Number.NaN, -1, 0.5, 2 ** 53, Number.POSITIVE_INFINITY, '0' as unknown as number])('returns false, never throws, for leaf index %s', (index) => {
    expect(verifyInclusion(sha256, index, happy.treeSize, leaf, proof, root)).toBe(false);
    expect(verifyConsistency(sha256, index, 8, [], root, root)).toBe(false);
    expect(verifyConsistency(sha256, 1, index, [], root, root)).toBe(false);
  });

  it('returns false for proofs that are not arrays of digests', () => {
    expect(verifyInclusion(sha256, 0, 8, leaf, null as unknown as Uint8Array[], root)).toBe(false);
    expect(verifyInclusion(sha256, 0, 8, leaf, [...proof.slice(0, 2), 'x' as unknown as Uint8Array], root)).toBe(false);
    expect(verifyInclusion(sha256, 0, 8, leaf, [...proof.slice(0, 2), (proof[2] as Uint8Array).subarray(1)], root)).toBe(false);
    expect(verifyConsistency(sha256, 1, 8, undefined as unknown as Uint8Array[], leaf, root)).toBe(false);
    expect(verifyConsistency(sha256, 1, 8, proof, leaf, undefined as unknown as Uint8Array)).toBe(false);
  });
});
