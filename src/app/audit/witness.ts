import { sha256, sm3, verifyConsistency } from '../../core/audit/merkle/index.ts';
import { parseCheckpoint, parseVerifierKey, verifyNote } from '../../crypto/checkpoint/index.ts';

/** What a witness remembers between runs. */
export interface WitnessState {
  url: string;
  verifierKey: string;
  suite: 'intl' | 'gm';
  size: number;
  root: string;
  checkpoint: string;
}

function suiteOfKey(verifierKey: string): 'intl' | 'gm' {
  const encoded = verifierKey.split('+').slice(2).join('+');
  return Buffer.from(encoded, 'base64')[0] === 0xff ? 'gm' : 'intl';
}

/** Fetches a path of the log's API as text; the CLI passes one built on fetch. */
export type Fetch = (path: string) => Promise<string>;

export type WitnessOutcome =
  | { ok: true; state: WitnessState; grewBy: number }
  | { ok: false; code: 'ROLLBACK' | 'SPLIT_VIEW' | 'INCONSISTENT' | 'BAD_SIGNATURE'; message: string };

/**
 * One witness round (the Certificate Transparency gossip idea): fetch the log's checkpoint,
 * check its signature with the pinned key, and check that it extends the last one seen. A log
 * that shrinks (rollback), shows another root at the same size (split view), or cannot prove
 * consistency has been rewritten.
 */
export async function witnessOnce(fetchText: Fetch, previous: WitnessState | null, pinnedKey: string | undefined, url: string): Promise<WitnessOutcome> {
  const verifierKey = (pinnedKey ?? previous?.verifierKey ?? (await fetchText('/api/v1/audit/key'))).trim();
  // The key says the suite: an SM2 key signs SM3 trees (type 0xff "sm2-sm3"), Ed25519 SHA-256 ones.
  const suite = suiteOfKey(verifierKey);
  const note = await fetchText('/api/v1/audit/checkpoint');
  let size: number;
  let root: Buffer;
  try {
    const { body } = verifyNote(note, [parseVerifierKey(verifierKey)]);
    const checkpoint = parseCheckpoint(body);
    size = checkpoint.size;
    root = Buffer.from(checkpoint.rootHash);
  } catch (error) {
    return { ok: false, code: 'BAD_SIGNATURE', message: `检查点签名无效 / the checkpoint does not verify: ${(error as Error).message}` };
  }
  const state: WitnessState = { url, verifierKey, suite, size, root: root.toString('base64'), checkpoint: note };
  if (!previous) return { ok: true, state, grewBy: size };
  const previousRoot = Buffer.from(previous.root, 'base64');
  if (size < previous.size) return { ok: false, code: 'ROLLBACK', message: `日志由 ${previous.size} 条回退到 ${size} 条 / the log went back from ${previous.size} to ${size} entries` };
  if (size === previous.size) {
    if (!root.equals(previousRoot)) return { ok: false, code: 'SPLIT_VIEW', message: `同一大小 ${size} 出现两个不同的根 / two different roots for size ${size}` };
    return { ok: true, state, grewBy: 0 };
  }
  // Every tree extends the empty one: there is nothing to prove from size 0.
  if (previous.size === 0) return { ok: true, state, grewBy: size };
  const proof = JSON.parse(await fetchText(`/api/v1/audit/proof/consistency?first=${previous.size}&second=${size}`)) as { hashes?: unknown };
  const hashes = Array.isArray(proof.hashes) ? proof.hashes.filter((hash): hash is string => typeof hash === 'string').map((hash) => Buffer.from(hash, 'base64')) : [];
  const hash = suite === 'gm' ? sm3 : sha256;
  if (!verifyConsistency(hash, previous.size, size, hashes, previousRoot, root)) {
    return { ok: false, code: 'INCONSISTENT', message: `新检查点（${size}）不是旧检查点（${previous.size}）的延续 / the new checkpoint does not extend the old one` };
  }
  return { ok: true, state, grewBy: size - previous.size };
}
