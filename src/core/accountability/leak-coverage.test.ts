import { describe, expect, it } from 'vitest';
import { rankLeakCandidates, type LeakMatch } from './leak-coverage.ts';

const access = (grantId: string, auditSeq: number, at: string, personId = `${grantId}-user`): LeakMatch['access'] => ({ auditSeq, at, grantId, credentialId: `${grantId}-app`, personId, consumerOrgId: `${grantId}-org` });
const match = (row: number, kind: LeakMatch['kind'], agreement: number, entry: LeakMatch['access'], canary = false): LeakMatch => ({ row, kind, agreement, canary, access: entry });

describe('leak candidate ranking', () => {
  it('counts each leaked record once per candidate, with its window, answers and how it was tied', () => {
    const matches = [
      match(1, 'identifier', 1, access('a', 10, '2026-11-30T02:00:00.000Z')),
      // The same record delivered twice to grant a: still one record, two answers.
      match(1, 'identifier', 0.5, access('a', 11, '2026-11-30T03:00:00.000Z')),
      match(2, 'value', 1, access('a', 11, '2026-11-30T03:00:00.000Z')),
      match(2, 'identifier', 0, access('b', 12, '2026-11-29T01:00:00.000Z')),
    ];
    const ranking = rankLeakCandidates(4, matches, 10);
    expect(ranking.grant.map((candidate) => [candidate.id, candidate.records, candidate.coverage, candidate.byIdentifier, candidate.byValue, candidate.agreement, candidate.answers])).toEqual([
      ['a', 2, 0.5, 1, 1, 1, 2],
      ['b', 1, 0.25, 1, 0, 0, 1],
    ]);
    expect(ranking.grant[0]).toMatchObject({ firstAccessAt: '2026-11-30T02:00:00.000Z', lastAccessAt: '2026-11-30T03:00:00.000Z', consumerOrgId: 'a-org' });
    expect(ranking.answer.map((candidate) => [candidate.id, candidate.records])).toEqual([
      ['11', 2],
      ['10', 1],
      ['12', 1],
    ]);
    expect(ranking.credential.map((candidate) => candidate.id)).toEqual(['a-app', 'b-app']);
    expect(ranking.person.map((candidate) => candidate.id)).toEqual(['a-user', 'b-user']);
    expect(ranking.grant[0]!.explanation.zh).toContain('4 条记录中的 2 条（50.0%）');
  });

  it('puts a canary holder first, then coverage, then agreement, and keeps at most the limit', () => {
    const matches = [
      ...[1, 2, 3].map((row) => match(row, 'identifier', 0.4, access('wide', row, '2026-11-30T02:00:00.000Z'))),
      ...[1, 2, 3].map((row) => match(row, 'identifier', 1, access('exact', 10 + row, '2026-11-30T02:00:00.000Z'))),
      match(4, 'value', 1, access('canary', 20, '2026-11-30T02:00:00.000Z'), true),
    ];
    const ranking = rankLeakCandidates(4, matches, 2);
    expect(ranking.grant.map((candidate) => candidate.id)).toEqual(['canary', 'exact']);
    expect(ranking.grant[0]!.explanation.en).toContain('canary');
  });

  it('ranks nothing when nothing matched', () => {
    expect(rankLeakCandidates(3, [], 5)).toEqual({ grant: [], credential: [], person: [], answer: [] });
  });
});
