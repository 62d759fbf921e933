import type { AttributionFacts } from '../../core/accountability/attribution.ts';
import type { Sanction } from '../../core/accountability/case.ts';
import type { SanctionInput } from '../../core/accountability/check-case.ts';
import type { FieldError } from '../../core/shared/domain-error.ts';
import { validationError } from '../../core/shared/domain-error.ts';
import type { Repositories } from '../../storage/store.ts';
import type { AppContext, Principal } from '../context.ts';
import type { GrantService } from '../sharing/grant-service.ts';

/**
 * The grants a suspension names: those given, or by default every grant the evidence shows the
 * organisation used (as consumer) or answered (as provider). A suspension reaches only grants in
 * evidence, and only those the authority itself supervises.
 */
export function suspensionGrants(sanctions: readonly SanctionInput[], facts: AttributionFacts, authorityOrgId: string, supervisors: ReadonlyMap<string, string>): { grantIds: string[][]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const grantIds = sanctions.map((sanction, index) => {
    if (sanction.kind !== 'suspension') return [];
    const held = facts.grants.filter((grant) => grant.consumerOrgId === sanction.orgId || grant.providerOrgId === sanction.orgId).map((grant) => grant.id);
    const chosen = sanction.grantIds ?? held;
    if (chosen.length === 0) errors.push({ path: `/sanctions/${index}/grantIds`, code: 'CASE_GRANTS_REQUIRED', message: '证据中没有该单位使用的共享授权，无可暂停 / the evidence shows no grant of this organisation to suspend' });
    chosen.forEach((grantId, position) => {
      if (!held.includes(grantId)) errors.push({ path: `/sanctions/${index}/grantIds/${position}`, code: 'CASE_GRANT_NOT_IN_EVIDENCE', message: '只能暂停证据所涉该单位的授权 / only a grant of this organisation that the evidence shows' });
      else if (supervisors.get(grantId) !== authorityOrgId) errors.push({ path: `/sanctions/${index}/grantIds/${position}`, code: 'CASE_GRANT_OUTSIDE_AUTHORITY', message: '该授权不由本监管机构监管 / the grant is supervised by another authority' });
    });
    return [...new Set(chosen)];
  });
  return { grantIds, errors };
}

/**
 * Carries out the sanctions: each goes into the sanctions table the risk assessment counts, and a
 * suspension suspends its grants through the grant service, which bumps the policy version, so
 * the gateway refuses the very next call with GRANT_SUSPENDED (issue #8: "a suspension really
 * suspends"). Only the supervisor lifts a suspension it imposed.
 */
export async function applySanctions(context: AppContext, grants: GrantService, repositories: Repositories, principal: Principal, caseId: string, inputs: readonly SanctionInput[], grantIds: readonly string[][]): Promise<Sanction[]> {
  const at = context.clock.now().toISOString();
  const sanctions: Sanction[] = [];
  for (const [index, input] of inputs.entries()) {
    const sanction: Sanction = { id: context.ids.next(), kind: input.kind, orgId: input.orgId, personId: input.personId ?? null, grantIds: [...(grantIds[index] ?? [])], decidedAt: at };
    for (const grantId of sanction.grantIds) {
      const grant = await repositories.grants.get(grantId);
      // A grant already suspended, revoked or expired no longer answers: nothing more to stop.
      if (!grant || grant.status !== 'active') continue;
      const reason = `问责案件 ${caseId} 决定暂停共享权限 / sharing suspended by accountability case ${caseId}`;
      await grants.save(repositories, grant, 'suspended', 'SUSPENDED_BY_SUPERVISOR', { at, action: 'suspended', by: principal.person.id, code: 'SUSPENDED_BY_SUPERVISOR', reason }, principal);
    }
    await repositories.cases.addSanction(caseId, sanction, { caseId, grantIds: sanction.grantIds });
    sanctions.push(sanction);
  }
  return sanctions;
}

export function requireValid(errors: FieldError[]): void {
  if (errors.length > 0) throw validationError(errors);
}
