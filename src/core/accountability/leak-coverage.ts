/**
 * Ranking for leak tracing (泄露溯源, issue #8 §3): who, by the access records, delivered the
 * records of a leaked file. Pure: the app layer finds the matches, this counts and explains them.
 * PIPL Art. 69 presumes a handler at fault unless it proves otherwise; the ranking is the first
 * evidence an investigator weighs, so every figure in it can be recomputed from the access records.
 */

/** What an investigator may upload (issue #8 §3): a leaked table, as a CSV, a workbook or plain text. */
export const LEAK_FORMATS = ['csv', 'xlsx', 'txt'] as const;
export type LeakFormat = (typeof LEAK_FORMATS)[number];

/** How a leaked record was tied to an access record. */
export type LeakMatchKind = 'identifier' | 'value';

/** One leaked record (by its number in the file) tied to one access record. */
export interface LeakMatch {
  row: number;
  kind: LeakMatchKind;
  /** 0..1: the share of the values this access record delivered that the leaked record holds. */
  agreement: number;
  /** The leaked record is the canary of this access record's grant. */
  canary: boolean;
  access: { auditSeq: number; at: string; grantId: string; credentialId: string; personId: string; consumerOrgId: string };
}

/** What can be ranked: grants, system credentials, end users, and single gateway answers (audit seqs). */
export const LEAK_CANDIDATE_KINDS = ['grant', 'credential', 'person', 'answer'] as const;
export type LeakCandidateKind = (typeof LEAK_CANDIDATE_KINDS)[number];

export interface LeakCandidate {
  kind: LeakCandidateKind;
  /** The grant, credential or person id; for an answer, its audit seq. */
  id: string;
  consumerOrgId: string;
  /** Leaked records it received, each counted once. */
  records: number;
  /** records / the leaked file's records. */
  coverage: number;
  /** Of `records`, those tied by a plaintext identifier (blind index); the rest by a delivered value only. */
  byIdentifier: number;
  byValue: number;
  /** Mean over its records of the best agreement of the values delivered. */
  agreement: number;
  /** Leaked records that are canaries of its grant. */
  canaryRecords: number;
  /** Gateway answers (audit entries) that delivered them. */
  answers: number;
  firstAccessAt: string;
  lastAccessAt: string;
  explanation: { zh: string; en: string };
}

export type LeakRanking = Record<LeakCandidateKind, LeakCandidate[]>;

interface Tally {
  consumerOrgId: string;
  rows: Map<number, { identifier: boolean; agreement: number; canary: boolean }>;
  answers: Set<number>;
  first: string;
  last: string;
}

function keyOf(kind: LeakCandidateKind, access: LeakMatch['access']): string {
  switch (kind) {
    case 'grant':
      return access.grantId;
    case 'credential':
      return access.credentialId;
    case 'person':
      return access.personId;
    case 'answer':
      return String(access.auditSeq);
    default:
      return String(kind satisfies never);
  }
}

function tally(kind: LeakCandidateKind, matches: readonly LeakMatch[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const match of matches) {
    const key = keyOf(kind, match.access);
    let entry = tallies.get(key);
    if (!entry) {
      entry = { consumerOrgId: match.access.consumerOrgId, rows: new Map(), answers: new Set(), first: match.access.at, last: match.access.at };
      tallies.set(key, entry);
    }
    const seen = entry.rows.get(match.row);
    entry.rows.set(match.row, {
      identifier: (seen?.identifier ?? false) || match.kind === 'identifier',
      agreement: Math.max(seen?.agreement ?? 0, match.agreement),
      canary: (seen?.canary ?? false) || match.canary,
    });
    entry.answers.add(match.access.auditSeq);
    if (match.access.at < entry.first) entry.first = match.access.at;
    if (match.access.at > entry.last) entry.last = match.access.at;
  }
  return tallies;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function explain(candidate: Omit<LeakCandidate, 'explanation'>, total: number): { zh: string; en: string } {
  const canary = candidate.canaryRecords > 0;
  return {
    zh:
      `收到泄露文件 ${total} 条记录中的 ${candidate.records} 条（${percent(candidate.coverage)}）：按身份标识匹配 ${candidate.byIdentifier} 条，按交付值（含脱敏值）匹配 ${candidate.byValue} 条，` +
      `交付值平均吻合 ${percent(candidate.agreement)}；经 ${candidate.answers} 次网关应答交付，时间 ${candidate.firstAccessAt} 至 ${candidate.lastAccessAt}` +
      (canary ? `；含本授权专属的诱饵记录 ${candidate.canaryRecords} 条，只有本授权收到过` : ''),
    en:
      `received ${candidate.records} of the leaked file's ${total} records (${percent(candidate.coverage)}): ${candidate.byIdentifier} matched by identifier, ${candidate.byValue} by a delivered (possibly masked) value, ` +
      `delivered values agreeing ${percent(candidate.agreement)} on average; delivered in ${candidate.answers} gateway answers between ${candidate.firstAccessAt} and ${candidate.lastAccessAt}` +
      (canary ? `; includes ${candidate.canaryRecords} canary record(s) that only this grant ever received` : ''),
  };
}

/**
 * Candidates of each kind, best first, at most `limit` of each: those holding a canary first (a
 * canary proves the source), then by coverage, then by how well the delivered values agree (a
 * consumer that received the subjects but other items ranks below the one that received what
 * leaked), then by id for a stable order.
 */
export function rankLeakCandidates(totalRecords: number, matches: readonly LeakMatch[], limit: number): LeakRanking {
  const ranking = {} as LeakRanking;
  for (const kind of LEAK_CANDIDATE_KINDS) {
    const candidates: LeakCandidate[] = [];
    for (const [id, entry] of tally(kind, matches)) {
      const rows = [...entry.rows.values()];
      const byIdentifier = rows.filter((row) => row.identifier).length;
      const base = {
        kind,
        id,
        consumerOrgId: entry.consumerOrgId,
        records: rows.length,
        coverage: totalRecords === 0 ? 0 : rows.length / totalRecords,
        byIdentifier,
        byValue: rows.length - byIdentifier,
        agreement: rows.reduce((sum, row) => sum + row.agreement, 0) / rows.length,
        canaryRecords: rows.filter((row) => row.canary).length,
        answers: entry.answers.size,
        firstAccessAt: entry.first,
        lastAccessAt: entry.last,
      };
      candidates.push({ ...base, explanation: explain(base, totalRecords) });
    }
    candidates.sort((left, right) => right.canaryRecords - left.canaryRecords || right.coverage - left.coverage || right.agreement - left.agreement || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
    ranking[kind] = candidates.slice(0, limit);
  }
  return ranking;
}
