import { leafHash, sha256, sm3, verifyInclusion } from '../../core/audit/merkle/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { parseCheckpoint, parseVerifierKey, verifyNote } from '../../crypto/checkpoint/index.ts';
import type { AppContext } from '../context.ts';

export const BUNDLE_FORMAT = 'custos-audit-evidence/1';

/**
 * An evidence bundle: everything needed to show, offline and to anyone holding the log's key,
 * that one audit entry is in the log. Documented in docs/audit-log.md.
 */
export interface EvidenceBundle {
  format: typeof BUNDLE_FORMAT;
  /** `intl` hashes with SHA-256, `gm` with SM3. */
  suite: 'intl' | 'gm';
  entry: { seq: number; leaf: string };
  inclusionProof: { leafIndex: number; treeSize: number; hashes: string[] };
  checkpoint: string;
  verifierKey: string;
}

/** What a bundle is built from: the log's checkpoints and proofs. */
export interface EvidenceSource {
  readonly verifierKey: string;
  issueCheckpoint(): Promise<{ size: number; note: string }>;
  inclusionProof(leafIndex: number, treeSize: number): Promise<EvidenceBundle['inclusionProof']>;
}

export async function buildEvidenceBundle(context: AppContext, audit: EvidenceSource, suite: 'intl' | 'gm', seq: number): Promise<EvidenceBundle> {
  const [entry] = await context.store.auditStore.entries(seq, seq + 1);
  if (!entry) throw new DomainError('NOT_FOUND', `审计记录 ${seq} 不存在 / no audit entry ${seq}`);
  const { size, note } = await audit.issueCheckpoint();
  const inclusionProof = await audit.inclusionProof(seq, size);
  return { format: BUNDLE_FORMAT, suite, entry: { seq, leaf: Buffer.from(entry.leaf, 'utf8').toString('base64') }, inclusionProof, checkpoint: note, verifierKey: audit.verifierKey };
}

export type BundleCheck = { ok: true; seq: number; treeSize: number; origin: string; selfAsserted: boolean } | { ok: false; reason: string };

function fail(reason: string): BundleCheck {
  return { ok: false, reason };
}

/**
 * Verifies a bundle offline, trusting only `trustedKey` (a verifier key); without one it uses
 * the key inside the bundle and says that the result is self-asserted. The bundle is untrusted
 * input: every field is checked before use.
 */
export function checkEvidenceBundle(input: unknown, trustedKey?: string): BundleCheck {
  const bundle = input as Partial<EvidenceBundle> | null;
  if (!bundle || typeof bundle !== 'object' || bundle.format !== BUNDLE_FORMAT) return fail(`不是 ${BUNDLE_FORMAT} 证据包 / not a ${BUNDLE_FORMAT} bundle`);
  if (bundle.suite !== 'intl' && bundle.suite !== 'gm') return fail('suite 无效 / unknown suite');
  const { entry, inclusionProof, checkpoint } = bundle;
  if (!entry || !Number.isSafeInteger(entry.seq) || typeof entry.leaf !== 'string') return fail('entry 无效 / malformed entry');
  if (!inclusionProof || !Array.isArray(inclusionProof.hashes) || !inclusionProof.hashes.every((hash) => typeof hash === 'string')) return fail('inclusionProof 无效 / malformed proof');
  if (typeof checkpoint !== 'string') return fail('checkpoint 无效 / malformed checkpoint');
  const keyText = trustedKey ?? bundle.verifierKey;
  if (typeof keyText !== 'string') return fail('缺少验证公钥 / no verifier key');
  let verifier;
  try {
    verifier = parseVerifierKey(keyText.trim());
  } catch (error) {
    return fail(`验证公钥格式无效 / the verifier key is malformed: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const { body } = verifyNote(checkpoint, [verifier]);
    const parsed = parseCheckpoint(body);
    if (inclusionProof.leafIndex !== entry.seq || inclusionProof.treeSize !== parsed.size) return fail('证明与检查点或记录不对应 / the proof does not match the entry or the checkpoint');
    const hash = bundle.suite === 'gm' ? sm3 : sha256;
    const leaf = Buffer.from(entry.leaf, 'base64');
    const proof = inclusionProof.hashes.map((value) => Buffer.from(value, 'base64'));
    if (!verifyInclusion(hash, entry.seq, parsed.size, leafHash(hash, leaf), proof, parsed.rootHash)) return fail('存在性证明不成立 / the inclusion proof does not verify');
    return { ok: true, seq: entry.seq, treeSize: parsed.size, origin: parsed.origin, selfAsserted: trustedKey === undefined };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}
