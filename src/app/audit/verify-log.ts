import { appendToFrontier, frontierRoot, leafHash, type Frontier, type HashFunction } from '../../core/audit/merkle/index.ts';
import { parseCheckpoint, verifyNote, type NoteVerifier } from '../../crypto/checkpoint/index.ts';
import type { AuditStore, StoredCheckpoint } from '../../storage/audit/audit-store.ts';

export type VerifyProblem =
  | { code: 'ENTRY_MISSING'; index: number; message: string }
  | { code: 'ENTRY_OUT_OF_PLACE'; index: number; message: string }
  | { code: 'ENTRY_MODIFIED'; index: number; message: string }
  | { code: 'CHECKPOINT_SIGNATURE_INVALID'; size: number; message: string }
  | { code: 'CHECKPOINT_MISMATCH'; interval: [number, number]; message: string }
  | { code: 'LOG_TRUNCATED'; index: number; message: string };

export type VerifyOutcome = { ok: true; size: number; checkpoints: number } | { ok: false; problem: VerifyProblem };

const PAGE = 10_000;

function checkCheckpoint(checkpoint: StoredCheckpoint, verifier: NoteVerifier, origin: string | undefined): string | null {
  try {
    const { body } = verifyNote(checkpoint.note, [verifier]);
    const parsed = parseCheckpoint(body);
    if (parsed.size !== checkpoint.size || !Buffer.from(parsed.rootHash).equals(Buffer.from(checkpoint.root))) return 'stored size or root differ from the signed note';
    if (origin !== undefined && parsed.origin !== origin) return 'origin differs';
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Recomputes the whole tree from the stored entries and checks it against every signed checkpoint,
 * trusting only the verifier key. It names the first bad index when an entry was modified,
 * deleted, inserted or moved; and when the stored hashes were rewritten to match, the first
 * checkpoint interval whose signed root no longer agrees.
 */
export async function verifyLog(store: AuditStore, hash: HashFunction, verifier: NoteVerifier, progress: (done: number, total: number) => void = () => {}): Promise<VerifyOutcome> {
  const checkpoints = await store.checkpoints();
  for (const checkpoint of checkpoints) {
    const reason = checkCheckpoint(checkpoint, verifier, undefined);
    if (reason !== null) return { ok: false, problem: { code: 'CHECKPOINT_SIGNATURE_INVALID', size: checkpoint.size, message: `检查点 ${checkpoint.size} 签名无效 / checkpoint ${checkpoint.size} does not verify: ${reason}` } };
  }
  const total = await store.size();
  // Archived entries live in signed archive files; recomputation resumes from the stored right
  // edge of the archived prefix, which the checkpoint signed at the archive's end vouches for.
  const archived = await store.archivedUpTo();
  let frontier: Frontier = { size: archived, hashes: archived === 0 ? [] : await store.frontierAt(archived) };
  let next = archived;
  let pending = checkpoints.findIndex((checkpoint) => checkpoint.size >= archived);
  if (pending === -1) pending = checkpoints.length;
  let previous = archived;

  const reach = (size: number): VerifyProblem | null => {
    // Roots are compared at each checkpoint size as the recomputation passes it.
    while (pending < checkpoints.length && checkpoints[pending]!.size <= size) {
      const checkpoint = checkpoints[pending]!;
      if (checkpoint.size === size) {
        const root = frontierRoot(hash, frontier);
        if (!Buffer.from(root).equals(Buffer.from(checkpoint.root))) {
          return { code: 'CHECKPOINT_MISMATCH', interval: [previous, checkpoint.size], message: `第 ${previous}–${checkpoint.size - 1} 条之间的记录与签名检查点不符 / entries in [${previous}, ${checkpoint.size}) no longer match the signed checkpoint` };
        }
        previous = checkpoint.size;
      }
      pending += 1;
    }
    return null;
  };

  const atStart = reach(archived);
  if (atStart) return { ok: false, problem: atStart };
  for await (const page of store.scan(PAGE, archived)) {
    for (const entry of page) {
      if (entry.seq !== next) {
        return { ok: false, problem: { code: 'ENTRY_MISSING', index: next, message: `第 ${next} 条记录缺失 / entry ${next} is missing` } };
      }
      let recordedSeq: unknown;
      try {
        recordedSeq = (JSON.parse(entry.leaf) as { seq?: unknown }).seq;
      } catch {
        recordedSeq = undefined;
      }
      if (recordedSeq !== entry.seq) {
        return { ok: false, problem: { code: 'ENTRY_OUT_OF_PLACE', index: entry.seq, message: `第 ${entry.seq} 条记录的序号不符（被插入或调换）/ entry ${entry.seq} carries another sequence number (inserted or swapped)` } };
      }
      const computed = leafHash(hash, Buffer.from(entry.leaf, 'utf8'));
      if (entry.storedHash === null || entry.storedHash !== Buffer.from(computed).toString('hex')) {
        return { ok: false, problem: { code: 'ENTRY_MODIFIED', index: entry.seq, message: `第 ${entry.seq} 条记录被修改 / entry ${entry.seq} was modified` } };
      }
      frontier = appendToFrontier(hash, frontier, [computed]).frontier;
      next += 1;
      const problem = reach(next);
      if (problem) return { ok: false, problem };
    }
    progress(next, total);
  }
  if (pending < checkpoints.length) {
    return { ok: false, problem: { code: 'LOG_TRUNCATED', index: next, message: `日志在第 ${next} 条之后被截断，短于已签名的检查点 / the log ends at ${next}, before a signed checkpoint` } };
  }
  return { ok: true, size: next, checkpoints: checkpoints.length };
}
