import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../calendar/index.ts';
import { checkStage, investigationDeadline, statementDeadline, statementPeriodOver } from './case.ts';
import { checkDetermination, checkFiling } from './check-case.ts';

describe('case stages and deadlines', () => {
  it('allows only the next stage', () => {
    expect(() => checkStage('filed', 'investigating')).not.toThrow();
    expect(() => checkStage('filed', 'determined')).toThrow(expect.objectContaining({ code: 'CASE_STAGE_CONFLICT' }));
    expect(() => checkStage('closed', 'investigating')).toThrow(expect.objectContaining({ code: 'CASE_STAGE_CONFLICT' }));
  });

  it('counts 20 working days for the investigation and 5 for the statement, skipping the National Day holiday', () => {
    // Filed Friday 25 September 2026 (Beijing). 1–7 October are holidays; the day of receipt does not count.
    const filed = new Date('2026-09-25T02:00:00.000Z');
    expect(statementDeadline(filed, DEFAULT_CALENDAR).toISOString()).toBe('2026-10-09T15:59:59.999Z');
    expect(investigationDeadline(new Date('2026-11-27T02:00:00.000Z'), DEFAULT_CALENDAR).toISOString()).toBe('2026-12-25T15:59:59.999Z');
  });

  it('opens the determination once every party has spoken, or once the period is over', () => {
    const parties = [{ kind: 'organisation' as const, id: 'civil', role: 'consumer' as const }];
    const due = '2026-12-07T15:59:59.999Z';
    expect(statementPeriodOver(parties, [], due, new Date('2026-12-07T10:00:00.000Z'))).toBe(false);
    expect(statementPeriodOver(parties, [], due, new Date('2026-12-08T00:00:00.000Z'))).toBe(true);
    const statement = { caseId: 'c', party: { kind: 'organisation' as const, id: 'civil' }, orgId: 'civil', personId: 'p', text: 't', evidence: [], submittedAt: '' };
    expect(statementPeriodOver(parties, [statement], due, new Date('2026-12-01T00:00:00.000Z'))).toBe(true);
  });
});

describe('case checks', () => {
  it('refuses personal numbers in the facts and malformed sources', () => {
    const errors = checkFiling({ source: { kind: 'complaint', id: 'bad id!' }, title: '标题', facts: '当事人身份证号 11010519491231002X', evidence: [-1] });
    expect(errors.map((error) => `${error.path}:${error.code}`)).toEqual(['/source/id:CASE_SOURCE_INVALID', '/evidence/0:CASE_EVIDENCE_INVALID', '/facts:TEXT_HAS_PERSONAL_DATA']);
  });

  it('lets sanctions fall only on named parties, and needs evidence for no fault (PIPL Art. 69)', () => {
    const parties = [{ kind: 'organisation' as const, id: 'civil', role: 'consumer' as const }];
    const sanction = checkDetermination({ outcome: 'sanction', reasons: '理由', publicSummary: '摘要', evidence: [], sanctions: [{ kind: 'interview', orgId: 'police' }, { kind: 'interview', orgId: 'civil', grantIds: ['g'] }] }, parties);
    expect(sanction.map((error) => error.code)).toEqual(['CASE_SANCTION_NOT_PARTY', 'CASE_GRANTS_NOT_ALLOWED']);
    expect(checkDetermination({ outcome: 'no_fault', reasons: '理由', publicSummary: '摘要', evidence: [], sanctions: [] }, parties).map((error) => error.code)).toEqual(['CASE_NO_FAULT_EVIDENCE_REQUIRED']);
    expect(checkDetermination({ outcome: 'no_fault', reasons: '理由', publicSummary: '摘要', evidence: [3], sanctions: [] }, parties)).toEqual([]);
  });
});
