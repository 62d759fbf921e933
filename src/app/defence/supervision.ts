import type { Alert } from '../../core/defence/alert.ts';
import type { Repositories } from '../../storage/store.ts';
import { hasRole, notFound, requireRole, type Principal } from '../context.ts';

/**
 * Who may see an alert: the supervision authority it is assigned to (its supervisors and
 * auditors), and the department it weighs on (its auditors). Anyone else gets the answer an
 * absent alert gets.
 */
export function maySee(principal: Principal, alert: Pick<Alert, 'assigneeOrgId' | 'regionCode' | 'orgId'>): boolean {
  if (principal.org.kind === 'supervisor' && hasRole(principal, 'supervisor', 'auditor')) return alert.assigneeOrgId === principal.org.id || (alert.assigneeOrgId === null && alert.regionCode === principal.org.regionCode);
  return alert.orgId === principal.org.id && hasRole(principal, 'auditor');
}

/** Only a supervisor of the assigned authority acts on an alert (数据安全法 Art. 6: the supervising department's duty). */
export async function requireSupervisorOf(repositories: Pick<Repositories, 'regions'>, principal: Principal, alert: Alert): Promise<void> {
  if (!maySee(principal, alert)) throw notFound('告警', 'alert');
  requireRole(principal, 'supervisor');
  if (principal.org.kind !== 'supervisor') throw notFound('告警', 'alert');
  if (alert.assigneeOrgId === null) {
    const region = await repositories.regions.get(alert.regionCode);
    if (region?.supervisorOrgId && region.supervisorOrgId !== principal.org.id) throw notFound('告警', 'alert');
  }
}
