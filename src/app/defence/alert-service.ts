import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import { alertDeadline } from '../../core/defence/alert-deadline.ts';
import { checkTransition, mergeEvidence, type Alert, type AlertStatus, type AlertStep } from '../../core/defence/alert.ts';
import { containmentFor, type Containment, type ContainmentAction, type ContainmentTargets } from '../../core/defence/containment.ts';
import { SEVERITIES, type DetectorName, type Finding, type Severity } from '../../core/detection/finding.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, hasRole, notFound, nowIso, textDigest, type AppContext, type Principal } from '../context.ts';
import type { RegionService } from '../directory/region-service.ts';
import type { ContainmentService } from './containment-service.ts';
import { maySee, requireSupervisorOf } from './supervision.ts';

/** A finding, with what the event that raised it tells about where it belongs. */
export interface RaisedFinding {
  finding: Finding;
  /** Epoch milliseconds of the event that raised it. */
  at: number;
  /** The department whose system or person it is about; null for an unauthenticated address. */
  orgId: string | null;
  regionCode: string;
  targets: ContainmentTargets;
}

export interface AlertQuery {
  status?: AlertStatus | undefined;
  detector?: DetectorName | undefined;
  severity?: Severity | undefined;
  overdue?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface AlertDetail {
  alert: Alert;
  steps: AlertStep[];
  containments: Containment[];
}

/** A person's step: to acknowledge, contain (optionally applying an action), resolve, or dismiss as a false positive. */
export interface AlertAct {
  to: Exclude<AlertStatus, 'open'>;
  reason: string;
  action?: ContainmentAction | undefined;
}

const ESCALATION_BATCH = 200;

/**
 * Alerts of active defence (issue #7 §3): raised from findings, grouped by their dedup key,
 * assigned to the region's supervision authority with a deadline per severity, moved through
 * their lifecycle by supervisors, and escalated when the deadline passes. Every step is audited.
 */
export class AlertService {
  private readonly context: AppContext;
  private readonly regions: RegionService;
  private readonly containment: ContainmentService;

  constructor(context: AppContext, regions: RegionService, containment: ContainmentService) {
    this.context = context;
    this.regions = regions;
    this.containment = containment;
  }

  /** Records a batch of findings in one transaction; critical ones meet the containment rules. Returns the alerts touched. */
  async raise(raised: readonly RaisedFinding[]): Promise<Alert[]> {
    if (raised.length === 0) return [];
    return this.context.store.transaction(async (repositories) => {
      const touched = new Map<string, Alert>();
      for (const item of raised) {
        const alert = await this.raiseOne(repositories, item, touched.get(item.finding.dedupKey));
        touched.set(alert.dedupKey, alert);
      }
      return [...touched.values()];
    });
  }

  private async raiseOne(repositories: Repositories, item: RaisedFinding, known: Alert | undefined): Promise<Alert> {
    const { finding } = item;
    const at = new Date(item.at).toISOString();
    const now = nowIso(this.context);
    const existing = known ?? (await repositories.alerts.byDedupKey(finding.dedupKey));
    const calendar = await this.regions.calendar(item.regionCode, repositories);
    const deadline = alertDeadline(finding.severity, new Date(item.at), calendar).toISOString();
    if (existing) {
      const worse = SEVERITIES.indexOf(finding.severity) > SEVERITIES.indexOf(existing.severity);
      const updated: Alert = {
        ...existing,
        severity: worse ? finding.severity : existing.severity,
        summary: worse ? finding.summary : existing.summary,
        deadlineAt: worse && deadline < existing.deadlineAt ? deadline : existing.deadlineAt,
        evidence: mergeEvidence(existing.evidence, finding.evidence),
        lastSeenAt: at > existing.lastSeenAt ? at : existing.lastSeenAt,
        occurrences: existing.occurrences + 1,
        updatedAt: now,
      };
      await repositories.alerts.update(updated);
      if (worse) await this.contain(repositories, updated);
      return updated;
    }
    const region = await repositories.regions.get(item.regionCode);
    const alert: Alert = {
      id: this.context.ids.next(),
      detector: finding.detector,
      severity: finding.severity,
      status: 'open',
      principal: finding.principal,
      orgId: item.orgId,
      regionCode: item.regionCode,
      assigneeOrgId: region?.supervisorOrgId ?? null,
      targets: item.targets,
      dedupKey: finding.dedupKey,
      evidence: mergeEvidence([], finding.evidence),
      summary: finding.summary,
      raisedAt: at,
      lastSeenAt: at,
      occurrences: 1,
      deadlineAt: deadline,
      escalatedAt: null,
      updatedAt: now,
    };
    await repositories.alerts.insert(alert);
    await repositories.audit.append({
      actor: PROCESS_ACTOR,
      action: 'alert.raised',
      object: `alert:${alert.id}`,
      details: { detector: alert.detector, severity: alert.severity, principalKind: alert.principal.kind, principalId: alert.principal.id, orgId: alert.orgId, assigneeOrgId: alert.assigneeOrgId, evidence: alert.evidence, deadlineAt: alert.deadlineAt },
    });
    return this.contain(repositories, alert);
  }

  /** The containment rules on a critical alert that is still open. */
  private async contain(repositories: Repositories, alert: Alert): Promise<Alert> {
    if (alert.status !== 'open') return alert;
    const rule = containmentFor(alert, alert.targets);
    if (rule === null) return alert;
    await this.containment.apply(repositories, alert, rule.action, PROCESS_ACTOR);
    const contained: Alert = { ...alert, status: 'contained', updatedAt: nowIso(this.context) };
    await repositories.alerts.update(contained);
    await repositories.alerts.addStep({ alertId: alert.id, at: contained.updatedAt, actor: { type: 'process', id: 'custos' }, from: 'open', to: 'contained', reason: `自动处置规则：${rule.action} / containment rule: ${rule.action}` });
    return contained;
  }

  async list(principal: Principal, query: AlertQuery): Promise<{ alerts: Alert[]; nextCursor: string | null }> {
    const scope = principal.org.kind === 'supervisor' && hasRole(principal, 'supervisor', 'auditor') ? { regionCode: principal.org.regionCode } : hasRole(principal, 'auditor') ? { orgId: principal.org.id } : null;
    if (scope === null) throw new DomainError('FORBIDDEN', '只有监管机构或本部门审计人员可查看告警 / only the supervision authority or the department’s auditors see alerts');
    const rows = await this.context.store.read.alerts.list({
      ...scope,
      status: query.status,
      detector: query.detector,
      severity: query.severity,
      ...(query.overdue ? { overdueAt: nowIso(this.context) } : {}),
      ...(query.cursor === undefined ? {} : { beforeId: query.cursor }),
      limit: query.limit + 1,
    });
    const visible = rows.filter((alert) => maySee(principal, alert));
    const page = visible.slice(0, query.limit);
    return { alerts: page, nextCursor: rows.length > query.limit ? rows[query.limit - 1]!.id : null };
  }

  async get(principal: Principal, id: string): Promise<AlertDetail> {
    const read = this.context.store.read;
    const alert = await read.alerts.get(id);
    if (!alert || !maySee(principal, alert)) throw notFound('告警', 'alert');
    return { alert, steps: await read.alerts.steps(id), containments: await read.containments.byAlert(id) };
  }

  async act(principal: Principal, id: string, act: AlertAct): Promise<AlertDetail> {
    if (act.action !== undefined && act.to !== 'contained') {
      throw new DomainError('VALIDATION_FAILED', '只有「处置」一步可附带处置措施 / only the contain step takes an action', { details: { errors: [{ path: '/action', code: 'ACTION_NOT_ALLOWED', message: 'only with to=contained' }] } });
    }
    await this.context.store.transaction(async (repositories) => {
      const alert = await repositories.alerts.get(id);
      if (!alert) throw notFound('告警', 'alert');
      await requireSupervisorOf(repositories, principal, alert);
      checkTransition(alert.status, act.to);
      if (act.action !== undefined) await this.containment.apply(repositories, alert, act.action, actorOf(principal));
      const at = nowIso(this.context);
      await repositories.alerts.update({ ...alert, status: act.to, updatedAt: at });
      await repositories.alerts.addStep({ alertId: id, at, actor: { type: 'person', id: principal.person.id }, from: alert.status, to: act.to, reason: act.reason });
      await repositories.audit.append({
        actor: actorOf(principal),
        action: `alert.${act.to === 'false_positive' ? 'dismissed' : act.to}`,
        object: `alert:${id}`,
        details: { from: alert.status, to: act.to, action: act.action ?? null, late: at > alert.deadlineAt, reasonDigest: textDigest(this.context, act.reason) },
      });
    });
    return this.get(principal, id);
  }

  /**
   * Escalates alerts still open or only acknowledged past their deadline: the entry records the
   * supervision authority's delay (issue #7 §3), which accountability later reads. Returns how many.
   */
  async escalateOverdue(): Promise<number> {
    const now = nowIso(this.context);
    const due = await this.context.store.read.alerts.dueForEscalation(now, ESCALATION_BATCH);
    for (const alert of due) {
      await this.context.store.transaction(async (repositories) => {
        await repositories.alerts.update({ ...alert, escalatedAt: now, updatedAt: now });
        await repositories.audit.append({
          actor: PROCESS_ACTOR,
          action: 'alert.escalated',
          object: `alert:${alert.id}`,
          details: { severity: alert.severity, status: alert.status, assigneeOrgId: alert.assigneeOrgId, deadlineAt: alert.deadlineAt, delayMinutes: Math.floor((Date.parse(now) - Date.parse(alert.deadlineAt)) / 60_000) },
        });
      });
    }
    return due.length;
  }
}
