import { PROCESS_ACTOR, type Actor } from '../../core/audit/audit-log.ts';
import { CONTAINMENT_CONFIRM_HOURS } from '../../core/defence/alert-deadline.ts';
import type { Alert } from '../../core/defence/alert.ts';
import type { Containment, ContainmentAction } from '../../core/defence/containment.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, notFound, nowIso, textDigest, type AppContext, type Principal } from '../context.ts';
import { requireSupervisorOf } from './supervision.ts';

/**
 * Containment (issue #7 §4): suspending a credential or a grant, or holding a credential to a low
 * rate, in force from the commit that applies it — the policy version moves, so every gateway
 * process reloads before its next call. A rule applies it on a critical alert; a person confirms
 * or lifts it. Undecided past its deadline it stays in force (fail closed) and is marked overdue.
 */
export class ContainmentService {
  private readonly context: AppContext;

  constructor(context: AppContext) {
    this.context = context;
  }

  /** Applies an action inside the caller's transaction; the alert's own step is the caller's. */
  async apply(repositories: Repositories, alert: Alert, action: ContainmentAction, actor: Actor): Promise<Containment> {
    const targetId = action === 'suspend-grant' ? alert.targets.grantId : alert.targets.credentialId;
    if (targetId === null) {
      throw new DomainError('CONTAINMENT_TARGET_MISSING', `该告警没有可处置的${action === 'suspend-grant' ? '授权' : '系统凭证'} / the alert names no ${action === 'suspend-grant' ? 'grant' : 'system credential'} to act on`, { details: { action } });
    }
    const now = this.context.clock.now();
    const containment: Containment = {
      id: this.context.ids.next(),
      alertId: alert.id,
      action,
      targetId,
      status: 'active',
      appliedBy: actor.type === 'process' ? 'process' : actor.id,
      appliedAt: now.toISOString(),
      confirmBy: new Date(now.getTime() + CONTAINMENT_CONFIRM_HOURS * 3_600_000).toISOString(),
      decidedBy: null,
      decidedAt: null,
      overdueAt: null,
    };
    await repositories.containments.insert(containment);
    await repositories.grants.bumpPolicyVersion();
    await repositories.audit.append({ actor, action: 'containment.applied', object: `containment:${containment.id}`, details: { alertId: alert.id, action, targetId, confirmBy: containment.confirmBy } });
    return containment;
  }

  confirm(principal: Principal, id: string, reason: string): Promise<Containment> {
    return this.decide(principal, id, 'confirmed', reason);
  }

  lift(principal: Principal, id: string, reason: string): Promise<Containment> {
    return this.decide(principal, id, 'lifted', reason);
  }

  private async decide(principal: Principal, id: string, status: 'confirmed' | 'lifted', reason: string): Promise<Containment> {
    return this.context.store.transaction(async (repositories) => {
      const containment = await repositories.containments.get(id);
      const alert = containment && (await repositories.alerts.get(containment.alertId));
      if (!containment || !alert) throw notFound('处置措施', 'containment');
      await requireSupervisorOf(repositories, principal, alert);
      // Confirming twice, or confirming what was lifted, is a conflict; lifting a confirmed action is the normal end.
      if (containment.status === 'lifted' || containment.status === status) {
        throw new DomainError('CONTAINMENT_DECIDED', `该处置措施已${containment.status === 'lifted' ? '解除' : '确认'} / the containment is already ${containment.status}`, { details: { status: containment.status } });
      }
      const at = nowIso(this.context);
      await repositories.containments.decide(id, status, principal.person.id, at);
      if (status === 'lifted') await repositories.grants.bumpPolicyVersion();
      await repositories.audit.append({
        actor: actorOf(principal),
        action: `containment.${status}`,
        object: `containment:${id}`,
        details: { alertId: alert.id, action: containment.action, targetId: containment.targetId, late: at > containment.confirmBy, reasonDigest: textDigest(this.context, reason) },
      });
      return { ...containment, status, decidedBy: principal.person.id, decidedAt: at };
    });
  }

  /** Marks containments left undecided past their deadline; they stay in force. Returns how many. */
  async markOverdue(): Promise<number> {
    const now = nowIso(this.context);
    const overdue = await this.context.store.read.containments.undecidedPast(now);
    for (const containment of overdue) {
      await this.context.store.transaction(async (repositories) => {
        await repositories.containments.markOverdue(containment.id, now);
        await repositories.audit.append({ actor: PROCESS_ACTOR, action: 'containment.overdue', object: `containment:${containment.id}`, details: { alertId: containment.alertId, action: containment.action, confirmBy: containment.confirmBy } });
      });
    }
    return overdue.length;
  }
}
