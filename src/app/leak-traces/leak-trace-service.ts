import { createHash } from 'node:crypto';
import { rankLeakCandidates, type LeakFormat, type LeakMatch } from '../../core/accountability/leak-coverage.ts';
import { scanText } from '../../core/pii/recognizers/index.ts';
import { blindIndexInput, subjectIdentifier } from '../../core/pii/subject-identifier.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { AccessRecord } from '../../storage/repositories/access-records.ts';
import type { LeakTrace, LeakTraceResult } from '../../storage/repositories/leak-traces.ts';
import { actorOf, isInvestigator, notFound, nowIso, type AppContext, type Principal } from '../context.ts';
import { deliveredHash } from '../exchange/delivered-hash.ts';
import { DEFAULT_PUBLICATION_LIMITS, type UploadedFile } from '../publication/publication-service.ts';
import { readLeakedFile, type LeakedRecord } from './leaked-file.ts';

export type { LeakTrace, LeakTraceResult } from '../../storage/repositories/leak-traces.ts';

/** Candidates kept of each kind. */
const MOST_CANDIDATES = 20;
/** Access records matched at most: a leak of common subjects stops here, and says its figures are lower bounds. */
const MOST_ACCESS_RECORDS = 100_000;
/** Blind indexes or hashes per IN list. */
const LOOKUP_CHUNK = 500;
/**
 * A masked identifier (331199********1234) is shared by many people, so a record tied by it alone
 * must also agree on at least half of what that access record delivered (a masked name, a masked
 * phone) before it counts as the same record.
 */
const VALUE_AGREEMENT = 0.5;
/** Records scanned together by the recognizers: one pass over many short lines is much cheaper than a pass per line. */
const SCAN_BATCH = 1000;
/** Cells that could be a subject key as delivered: identifiers and their masked forms all hold digits. */
const KEY_LIKE = /\d{4}/u;

interface Probe {
  subjects: string[];
  keyHashes: string[];
}

function requireInvestigator(principal: Principal): void {
  if (!isInvestigator(principal)) {
    throw new DomainError('FORBIDDEN', '只有监管机构的监管人员或审计人员可以进行泄露溯源 / only a supervisor or auditor of the supervision authority may trace a leak', { details: { requiredRoles: ['supervisor', 'auditor'] } });
  }
}

function chunks<T>(list: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < list.length; start += LOOKUP_CHUNK) parts.push(list.slice(start, start + LOOKUP_CHUNK));
  return parts;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Leak tracing (泄露溯源, issue #8 §3): an investigator uploads a leaked file; its identifiers
 * (found by the publication guard's recognizers) are matched by blind index, and its values that
 * could be a subject key as delivered — masked or not — by the keyed hash the gateway recorded.
 * The grants, credentials, end users and gateway answers that delivered those records are ranked
 * by coverage, with their time windows, and a grant's canary among the records names it alone.
 * The trace is kept and audited with the file's digest and counts only (PIPL Art. 51: measures
 * against leaks; Art. 57: remedy once one happens). The file itself is never stored.
 */
export class LeakTraceService {
  private readonly context: AppContext;
  private readonly maxBytes: number;

  constructor(context: AppContext, maxBytes = DEFAULT_PUBLICATION_LIMITS.maxBytes) {
    this.context = context;
    this.maxBytes = maxBytes;
  }

  async trace(principal: Principal, file: UploadedFile): Promise<LeakTrace> {
    requireInvestigator(principal);
    const leaked = await readLeakedFile(file, this.maxBytes);
    const keyCodes = await this.subjectKeyCodes();
    const identifiers = this.identifiers(leaked.records);
    const probes = leaked.records.map((record, index) => ({ subjects: identifiers[index]!, keyHashes: this.keyHashes(record, keyCodes) }));
    const { bySubject, byKeyHash, truncated } = await this.lookUp(probes);

    const memo = new Map<string, string>();
    const hashOf = (code: string, cell: string): string => {
      const key = `${code}\u0000${cell}`;
      let hash = memo.get(key);
      if (hash === undefined) {
        hash = deliveredHash(this.context.vault, code, cell);
        memo.set(key, hash);
      }
      return hash;
    };
    const agreement = (access: AccessRecord, cells: readonly string[]): number => {
      const delivered = Object.entries(access.valueHashes);
      if (delivered.length === 0) return 0;
      return delivered.filter(([code, hash]) => cells.some((cell) => hashOf(code, cell) === hash)).length / delivered.length;
    };

    const found: { row: number; access: AccessRecord; kind: LeakMatch['kind']; agreement: number }[] = [];
    leaked.records.forEach((record, index) => {
      const probe = probes[index]!;
      const seen = new Set<string>();
      for (const subject of probe.subjects) {
        for (const access of bySubject.get(subject) ?? []) {
          if (seen.has(access.id)) continue;
          seen.add(access.id);
          found.push({ row: record.number, access, kind: 'identifier', agreement: agreement(access, record.cells) });
        }
      }
      for (const hash of probe.keyHashes) {
        for (const access of byKeyHash.get(hash) ?? []) {
          if (seen.has(access.id)) continue;
          seen.add(access.id);
          const share = agreement(access, record.cells);
          if (share >= VALUE_AGREEMENT) found.push({ row: record.number, access, kind: 'value', agreement: share });
        }
      }
    });

    const canaryGrants = new Map<string, string>();
    for (const part of chunks([...new Set(found.map((match) => match.access.subjectIndex))])) {
      for (const [subject, grantId] of await this.context.store.read.leakTraces.canariesBySubjects(part)) canaryGrants.set(subject, grantId);
    }
    const matches: LeakMatch[] = found.map((match) => ({
      row: match.row,
      kind: match.kind,
      agreement: match.agreement,
      canary: canaryGrants.get(match.access.subjectIndex) === match.access.grantId,
      access: { auditSeq: match.access.auditSeq, at: match.access.at, grantId: match.access.grantId, credentialId: match.access.credentialId, personId: match.access.personId, consumerOrgId: match.access.consumerOrgId },
    }));
    return this.keep(principal, file, leaked.format, leaked.records.length, matches, truncated);
  }

  async get(principal: Principal, id: string): Promise<LeakTrace> {
    requireInvestigator(principal);
    const trace = await this.context.store.read.leakTraces.get(id);
    // Another authority's trace answers as an absent one: it learns nothing of the investigation.
    if (!trace || trace.orgId !== principal.org.id) throw notFound('泄露溯源记录', 'leak trace');
    return trace;
  }

  async list(principal: Principal, query: { cursor?: string; limit?: number }): Promise<{ traces: LeakTrace[]; nextCursor: string | null }> {
    requireInvestigator(principal);
    const limit = query.limit ?? 20;
    const traces = await this.context.store.read.leakTraces.list(principal.org.id, query.cursor ?? null, limit + 1);
    const page = traces.slice(0, limit);
    return { traces: page, nextCursor: traces.length > limit ? page[page.length - 1]!.id : null };
  }

  /** The item codes that are a subject key in any resource ever granted: the domains a delivered key was hashed in. */
  private async subjectKeyCodes(): Promise<string[]> {
    const read = this.context.store.read;
    const codes = new Set<string>();
    for (const resourceCode of await read.leakTraces.grantedResourceCodes()) {
      const key = (await read.resources.getByCode(resourceCode))?.items.find((item) => item.subjectKey);
      if (key) codes.add(key.code);
    }
    return [...codes].sort();
  }

  /**
   * Each record's subjects: the blind indexes of the resident IDs and USCCs the recognizers find in
   * it (with their check characters). The records are scanned SCAN_BATCH lines at a time, one pass
   * over each batch, and each finding goes back to its record by its line.
   */
  private identifiers(records: readonly LeakedRecord[]): string[][] {
    const subjects = records.map(() => new Set<string>());
    for (let start = 0; start < records.length; start += SCAN_BATCH) {
      const batch = records.slice(start, start + SCAN_BATCH);
      for (const finding of scanText(batch.map((record) => record.text).join('\n'), { types: ['cn_resident_id', 'cn_uscc'] })) {
        const identifier = subjectIdentifier(finding.value);
        if (identifier) subjects[start + finding.line - 1]!.add(this.context.blindIndex(blindIndexInput(identifier)));
      }
    }
    return subjects.map((set) => [...set]);
  }

  /** The keyed hashes a record's key-like cells would have, had they been delivered as a subject key. */
  private keyHashes(record: LeakedRecord, keyCodes: readonly string[]): string[] {
    const hashes = new Set<string>();
    for (const cell of record.cells) {
      if (!KEY_LIKE.test(cell)) continue;
      for (const code of keyCodes) hashes.add(deliveredHash(this.context.vault, code, cell));
    }
    return [...hashes];
  }

  private async lookUp(probes: readonly Probe[]): Promise<{ bySubject: Map<string, AccessRecord[]>; byKeyHash: Map<string, AccessRecord[]>; truncated: boolean }> {
    const read = this.context.store.read.accessRecords;
    const bySubject = new Map<string, AccessRecord[]>();
    const byKeyHash = new Map<string, AccessRecord[]>();
    let budget = MOST_ACCESS_RECORDS;
    for (const part of chunks([...new Set(probes.flatMap((probe) => probe.subjects))])) {
      if (budget <= 0) break;
      const records = await read.bySubjects(part, budget);
      budget -= records.length;
      for (const record of records) push(bySubject, record.subjectIndex, record);
    }
    for (const part of chunks([...new Set(probes.flatMap((probe) => probe.keyHashes))])) {
      if (budget <= 0) break;
      const records = await read.byKeyHashes(part, budget);
      budget -= records.length;
      for (const record of records) push(byKeyHash, record.keyHash!, record);
    }
    return { bySubject, byKeyHash, truncated: budget <= 0 };
  }

  private async keep(principal: Principal, file: UploadedFile, format: LeakFormat, records: number, matches: LeakMatch[], truncated: boolean): Promise<LeakTrace> {
    const rows = new Map<number, { identifier: boolean; canary: boolean }>();
    const canaries = new Map<string, { grantId: string; consumerOrgId: string; rows: Set<number> }>();
    for (const match of matches) {
      const row = rows.get(match.row) ?? { identifier: false, canary: false };
      rows.set(match.row, { identifier: row.identifier || match.kind === 'identifier', canary: row.canary || match.canary });
      if (!match.canary) continue;
      const entry = canaries.get(match.access.grantId) ?? { grantId: match.access.grantId, consumerOrgId: match.access.consumerOrgId, rows: new Set<number>() };
      entry.rows.add(match.row);
      canaries.set(match.access.grantId, entry);
    }
    const byIdentifier = [...rows.values()].filter((row) => row.identifier).length;
    const result: LeakTraceResult = {
      byIdentifier,
      byValue: rows.size - byIdentifier,
      truncated,
      canaries: [...canaries.values()].map((entry) => ({ grantId: entry.grantId, consumerOrgId: entry.consumerOrgId, records: entry.rows.size })),
      candidates: rankLeakCandidates(records, matches, MOST_CANDIDATES),
    };
    const trace: LeakTrace = {
      id: this.context.ids.next(),
      orgId: principal.org.id,
      investigatorId: principal.person.id,
      createdAt: nowIso(this.context),
      file: { digest: createHash('sha256').update(file.bytes).digest('hex'), format, bytes: file.bytes.byteLength },
      records,
      matchedRecords: rows.size,
      canaryRecords: [...rows.values()].filter((row) => row.canary).length,
      result,
    };
    await this.context.store.transaction(async (repositories) => {
      await repositories.leakTraces.insert(trace);
      await repositories.audit.append({
        actor: actorOf(principal),
        action: 'leak_trace.run',
        object: `leak_trace:${trace.id}`,
        // Digest, counts and ids: the leaked values never enter the log (DESIGN §7).
        details: {
          fileDigest: trace.file.digest,
          format,
          bytes: trace.file.bytes,
          records,
          matchedRecords: trace.matchedRecords,
          byIdentifier: result.byIdentifier,
          byValue: result.byValue,
          canaryRecords: trace.canaryRecords,
          canaryGrantIds: result.canaries.map((canary) => canary.grantId),
          topGrantIds: result.candidates.grant.slice(0, 3).map((candidate) => candidate.id),
          truncated,
        },
      });
    });
    return trace;
  }
}
