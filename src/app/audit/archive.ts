import { appendToFrontier, frontierRoot, leafHash, sha256, sm3, type Frontier } from '../../core/audit/merkle/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { parseCheckpoint, parseVerifierKey, verifyNote } from '../../crypto/checkpoint/index.ts';
import type { Actor } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../context.ts';

export const ARCHIVE_FORMAT = 'custos-audit-archive/1';

/**
 * An archive segment: entries [start, end) that have passed retention, with what is needed to
 * check them later against the tree without the database: the right edge of [0, start) and a
 * checkpoint signed at `end`. Documented in docs/audit-log.md.
 */
export interface ArchiveSegment {
  format: typeof ARCHIVE_FORMAT;
  suite: 'intl' | 'gm';
  start: number;
  end: number;
  /** Base64 hashes of the complete subtrees of [0, start), largest first. */
  startFrontier: string[];
  /** The exact leaf texts, in order. */
  entries: string[];
  checkpoint: string;
  verifierKey: string;
}

export interface ArchiveSigning {
  readonly verifierKey: string;
  checkpointAt(size: number): Promise<string>;
}

/**
 * The retention cutoff: `months` calendar months before `now`, clamped to the end of a shorter
 * month (31 March minus one month is 28 or 29 February), so nothing goes early.
 */
export function retentionCutoff(now: Date, months: number): Date {
  const target = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return target;
}

/** Builds the next segment of entries older than the retention period, or says there is none. */
export async function prepareArchive(context: AppContext, signing: ArchiveSigning, suite: 'intl' | 'gm', retentionMonths: number): Promise<ArchiveSegment> {
  const store = context.store.auditStore;
  const start = await store.archivedUpTo();
  const cutoff = retentionCutoff(context.clock.now(), retentionMonths).toISOString();
  const end = await store.firstAtOrAfter(cutoff);
  if (end <= start) {
    throw new DomainError('NOTHING_TO_ARCHIVE', `没有超过 ${retentionMonths} 个月保存期的记录 / no entries are older than the ${retentionMonths}-month retention period`, { details: { cutoff } });
  }
  const entries = await store.entries(start, end);
  const startFrontier = start === 0 ? [] : await store.frontierAt(start);
  return {
    format: ARCHIVE_FORMAT,
    suite,
    start,
    end,
    startFrontier: startFrontier.map((hash) => Buffer.from(hash).toString('base64')),
    entries: entries.map((entry) => entry.leaf),
    checkpoint: await signing.checkpointAt(end),
    verifierKey: signing.verifierKey,
  };
}

/**
 * Deletes the archived entries, only after the segment file is safely written and checks out
 * against the tree, and records that it happened. Tree nodes stay: they hold only hashes.
 */
export async function commitArchive(context: AppContext, segment: ArchiveSegment, file: string, actor: Actor): Promise<void> {
  const check = checkArchive(segment, segment.verifierKey);
  if (!check.ok) throw new DomainError('ARCHIVE_INVALID', `归档段校验失败，未删除任何记录 / the segment does not verify; nothing was deleted: ${check.reason}`);
  await context.store.transaction(async (repositories) => {
    if ((await repositories.auditStore.archivedUpTo()) !== segment.start) throw new DomainError('ARCHIVE_CONFLICT', '归档已被其他进程推进 / another process archived meanwhile');
    await repositories.auditStore.recordArchive(segment.start, segment.end, file, context.clock.now().toISOString());
    await repositories.audit.append({ actor, action: 'audit.archive.created', object: `audit:${segment.start}-${segment.end}`, details: { start: segment.start, end: segment.end, file } });
  });
}

export type ArchiveCheck = { ok: true; start: number; end: number } | { ok: false; reason: string };

/** Checks a segment offline against its signed checkpoint, trusting only `trustedKey`. */
export function checkArchive(input: unknown, trustedKey: string): ArchiveCheck {
  const segment = input as Partial<ArchiveSegment> | null;
  if (!segment || typeof segment !== 'object' || segment.format !== ARCHIVE_FORMAT) return { ok: false, reason: `不是 ${ARCHIVE_FORMAT} 归档 / not an archive segment` };
  const { start, end, entries, startFrontier, checkpoint } = segment;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || !Array.isArray(entries) || !Array.isArray(startFrontier) || typeof checkpoint !== 'string') return { ok: false, reason: '字段无效 / malformed fields' };
  if (entries.length !== end! - start!) return { ok: false, reason: '记录数与范围不符 / entry count does not match the range' };
  const hash = segment.suite === 'gm' ? sm3 : sha256;
  try {
    const { body } = verifyNote(checkpoint, [parseVerifierKey(trustedKey.trim())]);
    const signed = parseCheckpoint(body);
    if (signed.size !== end) return { ok: false, reason: '检查点大小与归档末尾不符 / the checkpoint is not at the segment end' };
    let frontier: Frontier = { size: start!, hashes: startFrontier.map((value) => Buffer.from(String(value), 'base64')) };
    for (const [offset, leaf] of entries.entries()) {
      if (typeof leaf !== 'string' || (JSON.parse(leaf) as { seq?: unknown }).seq !== start! + offset) return { ok: false, reason: `第 ${start! + offset} 条记录序号不符 / entry ${start! + offset} is out of place` };
      frontier = appendToFrontier(hash, frontier, [leafHash(hash, Buffer.from(leaf, 'utf8'))]).frontier;
    }
    if (!Buffer.from(frontierRoot(hash, frontier)).equals(Buffer.from(signed.rootHash))) return { ok: false, reason: '重算的根与签名检查点不符 / the recomputed root differs from the signed checkpoint' };
    return { ok: true, start: start!, end: end! };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
