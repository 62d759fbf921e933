import { extendFrontier, frontierRoot, type Frontier, type HashFunction } from '../../core/audit/merkle/index.ts';
import { parseCheckpoint, verifyNote, type NoteVerifier } from '../../crypto/checkpoint/index.ts';
import type { AuditStore, StoredCheckpoint } from '../../storage/audit/audit-store.ts';
import { inlineLeafHasher, type LeafHasher } from './leaf-hasher.ts';

export type VerifyProblem =
  | { code: 'ENTRY_MISSING'; index: number; message: string }
  | { code: 'ENTRY_OUT_OF_PLACE'; index: number; message: string }
  | { code: 'ENTRY_MODIFIED'; index: number; message: string }
  | { code: 'CHECKPOINT_SIGNATURE_INVALID'; size: number; message: string }
  | { code: 'CHECKPOINT_MISMATCH'; interval: [number, number]; message: string }
  | { code: 'LOG_TRUNCATED'; index: number; message: string }
  | { code: 'ARCHIVE_UNACCOUNTED'; interval: [number, number]; message: string };

export type VerifyOutcome = { ok: true; size: number; checkpoints: number } | { ok: false; problem: VerifyProblem };

const PAGE = 10_000;

/**
 * The `seq` a leaf records, read without parsing the whole document. In RFC 8785 text the
 * top-level members are sorted (action, actor, details, object, seq, time), so the last `,"seq":`
 * is the top-level one: inside strings a quote is always escaped, so the pattern cannot occur
 * there, and nested members come before it.
 */
function recordedSeq(leaf: string): number | undefined {
  const at = leaf.lastIndexOf(',"seq":');
  if (at === -1) return undefined;
  const match = /^\d+/.exec(leaf.slice(at + 7, at + 27));
  return match ? Number(match[0]) : undefined;
}

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
export interface VerifyOptions {
  progress?: ((done: number, total: number) => void) | undefined;
  hasher?: LeafHasher | undefined;
  /**
   * Signed notes from outside the database (a witness's last checkpoint, an evidence bundle's):
   * deleting checkpoint rows cannot hide a rewrite from these.
   */
  trustedNotes?: string[] | undefined;
}

export async function verifyLog(store: AuditStore, hash: HashFunction, verifier: NoteVerifier, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const hasher = options.hasher ?? inlineLeafHasher(hash);
  try {
    return await recompute(store, hash, verifier, options.progress ?? (() => {}), hasher, options.trustedNotes ?? []);
  } finally {
    await hasher.close();
  }
}

/** A signed note given from outside, as a checkpoint to compare against. */
function trustedCheckpoint(note: string, verifier: NoteVerifier): StoredCheckpoint | string {
  try {
    const { body } = verifyNote(note, [verifier]);
    const parsed = parseCheckpoint(body);
    return { size: parsed.size, root: parsed.rootHash, note, createdAt: '' };
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Archives must form one run from the start of the log, each anchored by a checkpoint signed at
 * its end, and the latest must be recorded by its own `audit.archive.created` entry: otherwise
 * deleting a prefix and claiming it was archived would pass.
 */
async function archivedPrefix(store: AuditStore, checkpoints: StoredCheckpoint[]): Promise<{ end: number; problem: VerifyProblem | null; last: { start: number; end: number } | null }> {
  const archives = await store.archives();
  let expected = 0;
  for (const archive of archives) {
    const anchored = checkpoints.some((checkpoint) => checkpoint.size === archive.end);
    if (archive.start !== expected || !anchored) {
      return { end: expected, last: null, problem: { code: 'ARCHIVE_UNACCOUNTED', interval: [archive.start, archive.end], message: `归档记录 [${archive.start}, ${archive.end}) 无法核实 / the archive of [${archive.start}, ${archive.end}) is not accounted for` } };
    }
    expected = archive.end;
  }
  return { end: expected, last: archives.at(-1) ?? null, problem: null };
}

async function recompute(store: AuditStore, hash: HashFunction, verifier: NoteVerifier, progress: (done: number, total: number) => void, hasher: LeafHasher, trustedNotes: string[]): Promise<VerifyOutcome> {
  const checkpoints = await store.checkpoints();
  for (const checkpoint of checkpoints) {
    const reason = checkCheckpoint(checkpoint, verifier, undefined);
    if (reason !== null) return { ok: false, problem: { code: 'CHECKPOINT_SIGNATURE_INVALID', size: checkpoint.size, message: `检查点 ${checkpoint.size} 签名无效 / checkpoint ${checkpoint.size} does not verify: ${reason}` } };
  }
  for (const note of trustedNotes) {
    const trusted = trustedCheckpoint(note, verifier);
    if (typeof trusted === 'string') return { ok: false, problem: { code: 'CHECKPOINT_SIGNATURE_INVALID', size: -1, message: `给定的检查点无效 / the given checkpoint does not verify: ${trusted}` } };
    checkpoints.push(trusted);
  }
  checkpoints.sort((left, right) => left.size - right.size);
  const total = await store.size();
  // Archived entries live in signed archive files; recomputation resumes from the stored right
  // edge of the archived prefix, which the checkpoint signed at the archive's end vouches for.
  const prefix = await archivedPrefix(store, checkpoints);
  if (prefix.problem) return { ok: false, problem: prefix.problem };
  const archived = prefix.end;
  let archiveRecorded = prefix.last === null;
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
  // While one page's leaves are being hashed, the next page is read.
  let current: { page: { seq: number; leaf: string; storedHash: string | null }[]; hashes: Promise<Uint8Array[]> } | undefined;
  const pages = store.scan(PAGE, archived);
  const fetchNext = async () => {
    const { value, done } = await pages.next();
    return done ? undefined : { page: value, hashes: hasher.hash(value.map((entry) => entry.leaf)) };
  };
  current = await fetchNext();
  while (current) {
    const following = fetchNext();
    // If we stop early, a failed read of the next page must not become an unhandled rejection.
    following.catch(() => {});
    const { page } = current;
    const computedHashes = await current.hashes;
    const hashes: Uint8Array[] = [];
    for (const [position, entry] of page.entries()) {
      const index = next + hashes.length;
      if (entry.seq !== index) {
        return { ok: false, problem: { code: 'ENTRY_MISSING', index, message: `第 ${index} 条记录缺失 / entry ${index} is missing` } };
      }
      if (recordedSeq(entry.leaf) !== entry.seq) {
        return { ok: false, problem: { code: 'ENTRY_OUT_OF_PLACE', index: entry.seq, message: `第 ${entry.seq} 条记录的序号不符（被插入或调换）/ entry ${entry.seq} carries another sequence number (inserted or swapped)` } };
      }
      const computed = computedHashes[position]!;
      if (entry.storedHash === null || entry.storedHash !== Buffer.from(computed.buffer, computed.byteOffset, computed.byteLength).toString('hex')) {
        return { ok: false, problem: { code: 'ENTRY_MODIFIED', index: entry.seq, message: `第 ${entry.seq} 条记录被修改 / entry ${entry.seq} was modified` } };
      }
      if (!archiveRecorded && entry.leaf.includes('"action":"audit.archive.created"')) {
        const details = (JSON.parse(entry.leaf) as { details?: { start?: unknown; end?: unknown } }).details;
        archiveRecorded = details?.start === prefix.last!.start && details?.end === prefix.last!.end;
      }
      hashes.push(computed);
    }
    // Extend the tree a page at a time, stopping at each checkpoint size inside the page.
    let taken = 0;
    while (taken < hashes.length) {
      const boundary = pending < checkpoints.length ? checkpoints[pending]!.size : Number.POSITIVE_INFINITY;
      const count = Math.min(hashes.length - taken, boundary - next);
      frontier = extendFrontier(hash, frontier, hashes.slice(taken, taken + count));
      taken += count;
      next += count;
      const problem = reach(next);
      if (problem) return { ok: false, problem };
    }
    progress(next, total);
    current = await following;
  }
  if (pending < checkpoints.length) {
    return { ok: false, problem: { code: 'LOG_TRUNCATED', index: next, message: `日志在第 ${next} 条之后被截断，短于已签名的检查点 / the log ends at ${next}, before a signed checkpoint` } };
  }
  if (!archiveRecorded) {
    const { start, end } = prefix.last!;
    return { ok: false, problem: { code: 'ARCHIVE_UNACCOUNTED', interval: [start, end], message: `归档 [${start}, ${end}) 没有对应的审计记录 / no audit entry records the archive of [${start}, ${end})` } };
  }
  return { ok: true, size: next, checkpoints: checkpoints.length };
}
