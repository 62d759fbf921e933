import type { Case } from '../../core/accountability/case.ts';
import type { Role } from '../../core/identity/roles.ts';
import type { CaseParty, CaseScope } from '../../storage/repositories/cases.ts';
import { hasRole, notFound, type Principal } from '../context.ts';

/** Who in a party department speaks for it in a case: its administrators, approvers and auditors. */
export const REPRESENTATIVE_ROLES: readonly Role[] = ['provider_admin', 'approver', 'auditor'];

/**
 * How a principal stands to a case: the authority's supervisor runs it, the authority's auditors
 * read it, a party reads it and states its defence. Anyone else gets the answer an absent case gets.
 */
export type CaseViewer = { kind: 'runner' } | { kind: 'reader' } | { kind: 'party'; parties: CaseParty[] };

export function isCaseRunner(principal: Principal): boolean {
  return principal.org.kind === 'supervisor' && hasRole(principal, 'supervisor');
}

/** The cases a principal may list: its authority's, or those it (or its department, as representative) is party to. */
export function caseScope(principal: Principal): CaseScope {
  if (principal.org.kind === 'supervisor' && hasRole(principal, 'supervisor', 'auditor')) return { authorityOrgId: principal.org.id };
  return { partyOrgId: hasRole(principal, ...REPRESENTATIVE_ROLES) ? principal.org.id : null, partyPersonId: principal.person.id };
}

/** The parties a principal answers for in a case: itself as a person, and its department if it represents it. */
export function ownParties(principal: Principal, parties: readonly CaseParty[]): CaseParty[] {
  const represents = hasRole(principal, ...REPRESENTATIVE_ROLES);
  return parties.filter((party) => (party.kind === 'person' && party.id === principal.person.id) || (party.kind === 'organisation' && represents && party.id === principal.org.id));
}

export function viewerOf(principal: Principal, entry: Case, parties: readonly CaseParty[]): CaseViewer {
  if (principal.org.id === entry.authorityOrgId && principal.org.kind === 'supervisor') {
    if (hasRole(principal, 'supervisor')) return { kind: 'runner' };
    if (hasRole(principal, 'auditor')) return { kind: 'reader' };
  }
  const own = ownParties(principal, parties);
  if (own.length > 0) return { kind: 'party', parties: own };
  throw notFound('问责案件', 'case');
}
