import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../audit/audit-log.ts';
import { detectionEvent, EVENT_SUBJECT_LIMIT } from './audit-events.ts';

const system = { type: 'system' as const, id: 'credential-1', org: 'org-civil' };
const regions = (orgId: string) => (orgId === 'org-civil' ? '331199' : null);

function entry(overrides: Partial<AuditRecord>): AuditRecord {
  return { seq: 7, time: '2026-11-30T02:00:00.000Z', actor: system, action: 'exchange.query.permitted', object: 'grant:g', details: {}, ...overrides };
}

const permitted = {
  operation: 'query',
  resourceCode: 'COND',
  purposeCode: 'MINIMUM_LIVING',
  grantId: 'grant-1',
  personId: 'person-1',
  issue: '民救〔2026〕12号',
  ip: '10.1.2.3',
  records: 2,
  items: ['name', 'resident_id'],
  regions: { '331199': 2 },
  grade: 'general-3',
  personOrgKind: 'contractor',
  rowScope: ['3311'],
  sequentiality: 0.5,
  bulk: false,
  quotaLimit: 100,
  quotaUsed: 40,
};

describe('detection events from audit entries', () => {
  it('turns a permit into an access event with the gateway’s features and the access records’ subjects', () => {
    expect(detectionEvent(entry({ details: permitted }), ['a1', 'b2'], regions)).toEqual({
      kind: 'access',
      seq: 7,
      at: Date.parse('2026-11-30T02:00:00.000Z'),
      credentialId: 'credential-1',
      orgId: 'org-civil',
      orgRegion: '331199',
      personId: 'person-1',
      personOrgKind: 'contractor',
      grantId: 'grant-1',
      resourceCode: 'COND',
      grade: 'general-3',
      purposeCode: 'MINIMUM_LIVING',
      issue: '民救〔2026〕12号',
      ip: '10.1.2.3',
      items: ['name', 'resident_id'],
      records: 2,
      subjects: ['a1', 'b2'],
      subjectRegions: [['331199', 2]],
      rowScopeRegions: ['3311'],
      sequentiality: 0.5,
      quota: { used: 40, limit: 100 },
      bulk: false,
    });
  });

  it('caps the subjects an event carries', () => {
    const subjects = Array.from({ length: EVENT_SUBJECT_LIMIT + 10 }, (_, index) => `s${index}`);
    const event = detectionEvent(entry({ details: permitted }), subjects, regions);
    expect(event?.kind === 'access' && event.subjects.length).toBe(EVENT_SUBJECT_LIMIT);
  });

  it('skips permits written before the gateway recorded the features', () => {
    const { grade: _grade, ...older } = permitted;
    expect(detectionEvent(entry({ details: older }), [], regions)).toBeNull();
  });

  it('turns a denial into a denial event, with no credential when the caller never authenticated', () => {
    const denial = entry({ action: 'exchange.denied', actor: { type: 'anonymous', id: 'unknown', org: null }, details: { code: 'CREDENTIAL_INVALID', ip: '203.0.113.9', resourceCode: 'COND', personId: null } });
    expect(detectionEvent(denial, [], regions)).toEqual({ kind: 'denial', seq: 7, at: Date.parse('2026-11-30T02:00:00.000Z'), credentialId: null, orgId: null, personId: null, ip: '203.0.113.9', code: 'CREDENTIAL_INVALID', resourceCode: 'COND' });
  });

  it('counts a person’s administrative acts, but not logins or the handling of alerts', () => {
    const person = { type: 'person' as const, id: 'person-9', org: 'org-civil' };
    expect(detectionEvent(entry({ actor: person, action: 'sharing.grant.suspended' }), [], regions)).toMatchObject({ kind: 'admin', actorId: 'person-9', action: 'sharing.grant.suspended' });
    expect(detectionEvent(entry({ actor: person, action: 'auth.login.succeeded' }), [], regions)).toBeNull();
    expect(detectionEvent(entry({ actor: person, action: 'alert.resolved' }), [], regions)).toBeNull();
    expect(detectionEvent(entry({ actor: { type: 'process', id: 'custos', org: null }, action: 'alert.raised' }), [], regions)).toBeNull();
  });
});
