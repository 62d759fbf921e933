import type { AttributionFacts, ContractorFact, CredentialFact, ExchangeFact, GrantFact, OverdueAlertFact, PersonFact } from '../../core/accountability/attribution.ts';
import type { AuditRecord } from '../../core/audit/audit-log.ts';
import type { AuditStore } from '../../storage/audit/audit-store.ts';
import type { Repositories } from '../../storage/store.ts';

const PERMITTED = /^exchange\.[a-z]+\.permitted$/;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The audit entries at these seqs, as recorded; seqs beyond the log are skipped. */
export async function evidenceRecords(audit: AuditStore, seqs: readonly number[]): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (const seq of seqs) {
    const [entry] = await audit.entries(seq, seq + 1);
    if (entry) records.push(JSON.parse(entry.leaf) as AuditRecord);
  }
  return records;
}

function exchangeFact(record: AuditRecord): ExchangeFact | null {
  const details = record.details;
  const grantId = text(details['grantId']);
  // Only calls a system credential made and the gateway permitted delivered data.
  if (!PERMITTED.test(record.action) || record.actor.type !== 'system' || grantId === null || record.actor.org === null) return null;
  const regions = details['regions'];
  return {
    seq: record.seq,
    grantId,
    credentialId: record.actor.id,
    consumerOrgId: record.actor.org,
    personId: text(details['personId']),
    contractorOrgId: text(details['contractorOrgId']),
    records: typeof details['records'] === 'number' ? details['records'] : 0,
    items: Array.isArray(details['items']) ? details['items'].filter((item): item is string => typeof item === 'string') : [],
    regions: regions !== null && typeof regions === 'object' ? (regions as Record<string, number>) : {},
  };
}

function overdueFact(record: AuditRecord): OverdueAlertFact | null {
  if (record.action !== 'alert.escalated' || !record.object.startsWith('alert:')) return null;
  const delay = record.details['delayMinutes'];
  return { seq: record.seq, alertId: record.object.slice('alert:'.length), assigneeOrgId: text(record.details['assigneeOrgId']), delayMinutes: typeof delay === 'number' ? delay : 0 };
}

/**
 * The facts attribution reasons from, read out of the case's evidence (the audit entries) and the
 * records those entries name: grants with the request they came from, credentials, people, and
 * contractors' contracts. Only what the entries point to is read.
 */
export async function gatherFacts(repositories: Repositories, audit: AuditStore, evidence: readonly number[], supervisorOrgId: string): Promise<AttributionFacts> {
  const records = await evidenceRecords(audit, evidence);
  const exchanges = records.map(exchangeFact).filter((fact): fact is ExchangeFact => fact !== null);
  const overdueAlerts = records.map(overdueFact).filter((fact): fact is OverdueAlertFact => fact !== null);

  const grants: GrantFact[] = [];
  for (const grantId of new Set(exchanges.map((exchange) => exchange.grantId))) {
    const grant = await repositories.grants.get(grantId);
    if (!grant) continue;
    const request = await repositories.requests.get(grant.requestId);
    // A mask weaker than the default needs a justification (DESIGN §5): the provider step that approved it widened the scope.
    const widened = request?.terms?.maskJustification ? request.steps.find((step) => step.step === 'provider' && step.decision === 'approved') : undefined;
    grants.push({
      id: grant.id,
      consumerOrgId: grant.consumerOrgId,
      providerOrgId: grant.providerOrgId,
      items: grant.items.map((item) => item.code),
      regionCodes: grant.rowScope.type === 'all' ? null : grant.rowScope.regionCodes,
      widenedBy: request?.terms?.maskJustification ? { orgId: widened?.decidedByOrgId ?? grant.providerOrgId, personId: widened?.decidedBy ?? null } : null,
    });
  }

  const credentials: CredentialFact[] = [];
  for (const credentialId of new Set(exchanges.map((exchange) => exchange.credentialId))) {
    const credential = await repositories.credentials.get(credentialId);
    if (credential) credentials.push({ id: credential.id, orgId: credential.orgId, responsiblePersonId: credential.responsiblePersonId });
  }

  const people: PersonFact[] = [];
  const contractors: ContractorFact[] = [];
  for (const personId of new Set(exchanges.map((exchange) => exchange.personId).filter((id): id is string => id !== null))) {
    const person = await repositories.people.get(personId);
    const organisation = person && (await repositories.organisations.get(person.orgId));
    if (!person || !organisation) continue;
    people.push({ id: person.id, orgId: organisation.id, orgKind: organisation.kind });
    if (organisation.kind === 'contractor' && !contractors.some((known) => known.orgId === organisation.id)) contractors.push({ orgId: organisation.id, commissionedBy: organisation.contract?.commissionedBy ?? [] });
  }
  return { supervisorOrgId, exchanges, grants, credentials, people, contractors, overdueAlerts };
}
