import { describe, expect, it } from 'vitest';
import type { Grant } from '../sharing/grant.ts';
import { decide, MAX_PAGE, type ExchangeAsk } from './decide.ts';

const NOW = new Date('2026-12-01T02:00:00.000Z');

function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'g1', requestId: 'r1', consumerOrgId: 'civil', providerOrgId: 'police', supervisorOrgId: 'bureau', resourceCode: 'COND', resourceVersion: 1, grade: 'general-3',
    items: [{ code: 'name', mask: 'name' }, { code: 'resident_id', mask: 'resident_id' }], method: 'api', rowScope: { type: 'all' }, purposeCode: 'P', purposeText: 'p', legalBasisId: 'l', piBasis: null,
    quotaPerDay: null, credentialId: null, startsAt: '2026-11-30T00:00:00.000Z', expiresAt: '2027-05-30T00:00:00.000Z', reviewMonths: null, reviewDueAt: null, reviewReason: null,
    caseNumberRequired: false, bulkExport: false, alertEachAccess: false, status: 'active', statusCode: null, approvals: [], risk: { score: 0, level: 'low' }, policyVersion: 1, history: [], revision: 0,
    createdAt: '2026-11-27T00:00:00.000Z', updatedAt: '2026-11-27T00:00:00.000Z', ...overrides,
  };
}

const ask = (overrides: Partial<ExchangeAsk> = {}): ExchangeAsk => ({ operation: 'query', items: null, conditionItems: [], hasSubject: true, limit: null, issue: null, ...overrides });

describe('decide', () => {
  it('permits with the granted items and their masks, the row scope and a bounded page', () => {
    const decision = decide(grant(), ask({ items: ['resident_id'], limit: 5000 }), NOW);
    expect(decision).toEqual({ effect: 'permit', obligations: { items: [{ code: 'resident_id', mask: 'resident_id' }], rowScope: { type: 'all' }, consentRequired: false, limit: MAX_PAGE, alertEachAccess: false } });
  });

  it('denies outside the grant’s status and time window', () => {
    expect(decide(grant({ status: 'suspended' }), ask(), NOW)).toEqual({ effect: 'deny', code: 'GRANT_SUSPENDED' });
    expect(decide(grant({ status: 'revoked' }), ask(), NOW)).toEqual({ effect: 'deny', code: 'GRANT_REVOKED' });
    expect(decide(grant({ startsAt: '2026-12-02T00:00:00.000Z' }), ask(), NOW)).toEqual({ effect: 'deny', code: 'GRANT_NOT_STARTED' });
    expect(decide(grant({ expiresAt: NOW.toISOString() }), ask(), NOW)).toEqual({ effect: 'deny', code: 'GRANT_EXPIRED' });
  });

  it('requires a case number where the grant says so', () => {
    expect(decide(grant({ caseNumberRequired: true }), ask(), NOW)).toEqual({ effect: 'deny', code: 'CASE_NUMBER_REQUIRED' });
    expect(decide(grant({ caseNumberRequired: true }), ask({ issue: '民救〔2026〕1号' }), NOW).effect).toBe('permit');
  });

  it('holds each operation to the sharing method', () => {
    expect(decide(grant({ method: 'verification' }), ask(), NOW)).toEqual({ effect: 'deny', code: 'OPERATION_NOT_GRANTED' });
    expect(decide(grant({ method: 'verification' }), ask({ operation: 'verify', conditionItems: ['name'] }), NOW).effect).toBe('permit');
    expect(decide(grant({ method: 'api' }), ask({ operation: 'export' }), NOW)).toEqual({ effect: 'deny', code: 'OPERATION_NOT_GRANTED' });
    expect(decide(grant({ method: 'dataset', bulkExport: false }), ask({ operation: 'export' }), NOW)).toEqual({ effect: 'deny', code: 'OPERATION_NOT_GRANTED' });
    expect(decide(grant({ method: 'dataset', bulkExport: true }), ask({ operation: 'export', hasSubject: false }), NOW).effect).toBe('permit');
    expect(decide(grant({ method: 'api' }), ask({ hasSubject: false }), NOW)).toEqual({ effect: 'deny', code: 'SUBJECT_OR_FILTER_REQUIRED' });
    expect(decide(grant({ method: 'dataset' }), ask({ hasSubject: false }), NOW).effect).toBe('permit');
  });

  it('denies items, filters and assertions beyond the grant', () => {
    expect(decide(grant(), ask({ items: ['address'] }), NOW)).toEqual({ effect: 'deny', code: 'ITEM_NOT_GRANTED' });
    expect(decide(grant(), ask({ conditionItems: ['address'] }), NOW)).toEqual({ effect: 'deny', code: 'ITEM_NOT_GRANTED' });
  });

  it('obliges consent filtering under the consent basis, and alerts where the grade says so', () => {
    const decision = decide(grant({ piBasis: 'consent', alertEachAccess: true }), ask(), NOW);
    expect(decision).toMatchObject({ effect: 'permit', obligations: { consentRequired: true, alertEachAccess: true } });
  });
});
