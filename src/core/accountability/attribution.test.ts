import { describe, expect, it } from 'vitest';
import { partiesOf, proposeAttribution, type AttributionFacts, type ExchangeFact } from './attribution.ts';

const call = (seq: number, overrides: Partial<ExchangeFact> = {}): ExchangeFact => ({
  seq,
  grantId: 'grant-1',
  credentialId: 'credential-1',
  consumerOrgId: 'civil',
  personId: 'clerk',
  contractorOrgId: null,
  records: 1,
  items: ['name', 'resident_id'],
  regions: { '331199': 1 },
  ...overrides,
});

const base: AttributionFacts = {
  supervisorOrgId: 'bureau',
  exchanges: [call(10), call(11)],
  grants: [{ id: 'grant-1', consumerOrgId: 'civil', providerOrgId: 'police', items: ['name', 'resident_id'], regionCodes: ['331199'], widenedBy: null }],
  credentials: [{ id: 'credential-1', orgId: 'civil', responsiblePersonId: 'owner' }],
  people: [{ id: 'clerk', orgId: 'civil', orgKind: 'department' }],
  contractors: [],
  overdueAlerts: [],
};

describe('attribution rules', () => {
  it('holds the consumer, the credential’s responsible person and the named end user for data that left through a credential', () => {
    const proposals = proposeAttribution(base);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      rule: 'consumer-credential',
      parties: [
        { kind: 'organisation', id: 'civil', role: 'consumer' },
        { kind: 'person', id: 'owner', role: 'credential-holder' },
        { kind: 'person', id: 'clerk', role: 'end-user' },
      ],
      evidence: [10, 11],
    });
    expect(proposals[0]!.reasons[0]!.en).toContain('2 calls');
    expect(proposals[0]!.reasons[0]!.en).toContain('2 records');
  });

  it('holds the provider for answers beyond the grant’s items or regions, and the approver who widened the masks', () => {
    const beyond = proposeAttribution({ ...base, exchanges: [call(10), call(12, { items: ['name', 'resident_id', 'address'] }), call(13, { regions: { '330102': 1 } })] });
    const scope = beyond.find((proposal) => proposal.rule === 'beyond-scope')!;
    expect(scope.parties).toEqual([{ kind: 'organisation', id: 'police', role: 'provider' }]);
    expect(scope.evidence).toEqual([12, 13]);

    const widened = proposeAttribution({ ...base, grants: [{ ...base.grants[0]!, widenedBy: { orgId: 'police', personId: 'approver-1' } }] });
    expect(widened.find((proposal) => proposal.rule === 'beyond-scope')!.parties).toEqual([
      { kind: 'organisation', id: 'police', role: 'provider' },
      { kind: 'person', id: 'approver-1', role: 'approver' },
    ]);
    // Within scope and not widened: the rule proposes nothing.
    expect(proposeAttribution(base).some((proposal) => proposal.rule === 'beyond-scope')).toBe(false);
  });

  it('holds the contractor and the department that commissioned it when contractor staff were the end user (DSL Art. 40)', () => {
    const facts: AttributionFacts = {
      ...base,
      exchanges: [call(20, { personId: 'operator', contractorOrgId: 'vendor' })],
      people: [{ id: 'operator', orgId: 'vendor', orgKind: 'contractor' }],
      contractors: [{ orgId: 'vendor', commissionedBy: ['civil'] }],
    };
    const proposal = proposeAttribution(facts).find((candidate) => candidate.rule === 'contractor-end-user')!;
    expect(proposal.parties).toEqual([
      { kind: 'organisation', id: 'vendor', role: 'contractor' },
      { kind: 'organisation', id: 'civil', role: 'commissioning-department' },
      { kind: 'person', id: 'operator', role: 'end-user' },
    ]);
    expect(proposal.reasons[0]!.zh).toContain('第四十条');
    // A department that never commissioned the contractor is not held for it.
    const uncommissioned = proposeAttribution({ ...facts, contractors: [{ orgId: 'vendor', commissionedBy: ['other'] }] }).find((candidate) => candidate.rule === 'contractor-end-user')!;
    expect(uncommissioned.parties.map((party) => party.role)).toEqual(['contractor', 'end-user']);
  });

  it('holds the supervision authority for an alert it left overdue', () => {
    const proposals = proposeAttribution({ ...base, exchanges: [], overdueAlerts: [{ seq: 30, alertId: 'alert-1', assigneeOrgId: null, delayMinutes: 95 }] });
    expect(proposals).toEqual([expect.objectContaining({ rule: 'overdue-alert', parties: [{ kind: 'organisation', id: 'bureau', role: 'supervisor' }], evidence: [30] })]);
    expect(proposals[0]!.reasons[0]!.en).toContain('95 minutes');
  });

  it('merges the parties of the chosen proposals, each once per role', () => {
    const facts: AttributionFacts = { ...base, grants: [{ ...base.grants[0]!, widenedBy: { orgId: 'police', personId: 'approver-1' } }], overdueAlerts: [{ seq: 30, alertId: 'alert-1', assigneeOrgId: 'bureau', delayMinutes: 5 }] };
    const parties = partiesOf([...proposeAttribution(facts), ...proposeAttribution(facts)]);
    expect(parties.map((party) => `${party.id}:${party.role}`)).toEqual(['civil:consumer', 'owner:credential-holder', 'clerk:end-user', 'police:provider', 'approver-1:approver', 'bureau:supervisor']);
  });
});
