import { PROCESS_ACTOR, type AuditRecord } from '../../core/audit/audit-log.ts';
import { frontierRoot } from '../../core/audit/merkle/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { formatCheckpoint, parseVerifierKey, signNote, type NoteSigner } from '../../crypto/checkpoint/index.ts';
import type { EntrySearch } from '../../storage/audit/audit-store.ts';
import { buildEvidenceBundle, type EvidenceBundle } from './evidence-bundle.ts';
import { inlineLeafHasher, workerLeafHasher } from './leaf-hasher.ts';
import { verifyLog, type VerifyOutcome } from './verify-log.ts';
import { commitArchive, prepareArchive, type ArchiveSegment } from './archive.ts';
import { actorOf, isInvestigator, nowIso, type AppContext, type Principal } from '../context.ts';

/** One request may read at most this many entries (issue: a larger range is refused with a code). */
export const MAX_ENTRIES_PER_REQUEST = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const THINNING_INTERVAL_MS = 60 * 60 * 1000;
const KEEP_EVERY_CHECKPOINT_MS = 24 * 60 * 60 * 1000;

/** Above this many entries, verification hashes leaves in a worker thread. */
const WORKER_THRESHOLD = 20_000;

export interface AuditSigning {
  suite: 'intl' | 'gm';
  /** The log's origin line, which is also the signer name (C2SP tlog-checkpoint). */
  origin: string;
  signer: NoteSigner;
  /** `<name>+<hex key id>+<base64 key>`, served so anyone can verify checkpoints. */
  verifierKey: string;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function requireSize(value: number, name: string, size: number): void {
  if (value > size) throw new DomainError('AUDIT_SIZE_BEYOND_LOG', `${name} 超出日志当前大小 ${size} / ${name} is beyond the log size ${size}`, { details: { logSize: size } });
}

/**
 * The tamper-evident audit log as people and verifiers see it: signed checkpoints, proofs that
 * anyone may fetch (they reveal only hashes), and entries for investigators.
 */
export class AuditService {
  private readonly context: AppContext;
  private readonly signing: AuditSigning;
  private readonly retentionMonths: number;

  constructor(context: AppContext, signing: AuditSigning, retentionMonths: number) {
    this.context = context;
    this.signing = signing;
    this.retentionMonths = retentionMonths;
  }

  get verifierKey(): string {
    return this.signing.verifierKey;
  }

  /**
   * Signs a checkpoint for the current tree when it has grown since the last one. Returns the
   * latest checkpoint either way; an empty log gets a checkpoint of size 0 so there is always one.
   */
  async issueCheckpoint(): Promise<{ size: number; note: string }> {
    const audit = this.context.store.auditStore;
    const size = await audit.size();
    const latest = await audit.latestCheckpoint();
    if (latest && latest.size >= size) return latest;
    const root = size === 0 ? frontierRoot(this.context.hash, { size: 0, hashes: [] }) : await audit.root(size);
    const body = formatCheckpoint({ origin: this.signing.origin, size, rootHash: root });
    const note = signNote(body, [this.signing.signer]);
    await audit.addCheckpoint({ size, root, note, createdAt: nowIso(this.context) });
    await this.thinOldCheckpoints();
    return { size, note };
  }

  private lastThinning = 0;

  /**
   * A checkpoint a second while the log grows is 86,400 a day. After a day only the last of each
   * hour is kept (and every archive's anchor): enough to pin the history, few enough for a full
   * verification to check every signature. Witnesses keep their own copies in any case.
   */
  private async thinOldCheckpoints(): Promise<void> {
    const now = this.context.clock.now().getTime();
    if (now - this.lastThinning < THINNING_INTERVAL_MS) return;
    this.lastThinning = now;
    const archives = await this.context.store.auditStore.archives();
    await this.context.store.auditStore.thinCheckpoints(new Date(now - KEEP_EVERY_CHECKPOINT_MS).toISOString(), new Set(archives.map((archive) => archive.end)));
  }

  /** A checkpoint at an earlier size (for archive segments); the stored one if it exists. */
  async checkpointAt(size: number): Promise<string> {
    const audit = this.context.store.auditStore;
    const existing = await audit.checkpointAt(size);
    if (existing) return existing.note;
    requireSize(size, 'size', await audit.size());
    const root = await audit.root(size);
    const note = signNote(formatCheckpoint({ origin: this.signing.origin, size, rootHash: root }), [this.signing.signer]);
    await audit.addCheckpoint({ size, root, note, createdAt: nowIso(this.context) });
    return note;
  }

  /** The next archive segment of entries past retention (网络安全法 Art. 21 keeps them six months at least). */
  prepareArchive(): Promise<ArchiveSegment> {
    return prepareArchive(this.context, this, this.signing.suite, this.retentionMonths);
  }

  commitArchive(segment: ArchiveSegment, file: string, principal: Principal | null): Promise<void> {
    return commitArchive(this.context, segment, file, principal ? actorOf(principal) : PROCESS_ACTOR);
  }

  /** On demand: an investigator asks for a checkpoint covering everything logged so far. */
  issueCheckpointFor(principal: Principal): Promise<{ size: number; note: string }> {
    this.requireInvestigator(principal);
    return this.issueCheckpoint();
  }

  async checkpoint(): Promise<string> {
    const latest = await this.context.store.auditStore.latestCheckpoint();
    return latest ? latest.note : (await this.issueCheckpoint()).note;
  }

  async inclusionProof(leafIndex: number, treeSize: number): Promise<{ leafIndex: number; treeSize: number; hashes: string[] }> {
    requireSize(treeSize, 'size', await this.context.store.auditStore.size());
    if (leafIndex >= treeSize) throw new DomainError('PROOF_RANGE_INVALID', 'index 须小于 size / index must be below size');
    const hashes = await this.context.store.auditStore.inclusionProof(leafIndex, treeSize);
    return { leafIndex, treeSize, hashes: hashes.map(toBase64) };
  }

  async consistencyProof(first: number, second: number): Promise<{ first: number; second: number; hashes: string[] }> {
    requireSize(second, 'second', await this.context.store.auditStore.size());
    // RFC 9162 §2.1.4: a proof from the empty tree proves nothing, and first may not pass second.
    if (first === 0 || first > second) throw new DomainError('PROOF_RANGE_INVALID', '须满足 0 < first ≤ second / first must satisfy 0 < first ≤ second');
    const hashes = await this.context.store.auditStore.consistencyProof(first, second);
    return { first, second, hashes: hashes.map(toBase64) };
  }

  private requireInvestigator(principal: Principal): void {
    // The log names who did what across every department: only the supervision authority's
    // supervisors and auditors read it.
    if (!isInvestigator(principal)) throw new DomainError('FORBIDDEN', '仅监管部门的监管、审计人员可查阅审计日志 / only supervisors and auditors of the supervision authority read the audit log');
  }

  async entries(principal: Principal, start: number, end: number): Promise<{ seq: number; leaf: string }[]> {
    this.requireInvestigator(principal);
    if (end < start) throw new DomainError('AUDIT_RANGE_INVALID', 'end 须不小于 start / end must not be below start');
    if (end - start > MAX_ENTRIES_PER_REQUEST) {
      throw new DomainError('AUDIT_RANGE_TOO_LARGE', `一次最多读取 ${MAX_ENTRIES_PER_REQUEST} 条 / at most ${MAX_ENTRIES_PER_REQUEST} entries per request`, { details: { maximum: MAX_ENTRIES_PER_REQUEST } });
    }
    const entries = await this.context.store.auditStore.entries(start, end);
    return entries.map((entry) => ({ seq: entry.seq, leaf: Buffer.from(entry.leaf, 'utf8').toString('base64') }));
  }

  /** Recomputes the whole log and checks it against every checkpoint, with this log's key or another. */
  async verify(progress?: (done: number, total: number) => void, verifierKey: string = this.signing.verifierKey, trustedNotes: string[] = []): Promise<VerifyOutcome> {
    const verifier = parseVerifierKey(verifierKey.trim());
    // A worker thread pays off once there is real work to overlap.
    const large = (await this.context.store.auditStore.size()) > WORKER_THRESHOLD;
    const hasher = large ? workerLeafHasher(this.signing.suite === 'gm' ? 'sm3' : 'sha256') : inlineLeafHasher(this.context.hash);
    return verifyLog(this.context.store.auditStore, this.context.hash, verifier, { progress, hasher, trustedNotes });
  }

  /** An evidence bundle for one entry, against a checkpoint issued now if the latest does not cover it. */
  evidence(seq: number): Promise<EvidenceBundle> {
    return buildEvidenceBundle(this.context, this, this.signing.suite, seq);
  }

  /**
   * Search for investigators. `actor` may be a person's id or login; an `action` ending in `*`
   * matches by prefix (`auth.login.*`).
   */
  async search(principal: Principal, search: EntrySearch): Promise<AuditRecord[]> {
    this.requireInvestigator(principal);
    const query = { ...search };
    if (query.actorId && !UUID.test(query.actorId)) {
      const person = await this.context.store.read.people.getByLogin(query.actorId);
      if (!person) return [];
      query.actorId = person.id;
    }
    if (query.action?.endsWith('*')) {
      query.actionPrefix = query.action.slice(0, -1);
      query.action = undefined;
    }
    return this.context.store.auditStore.search(query);
  }
}
