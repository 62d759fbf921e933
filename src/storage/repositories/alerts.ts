import type { Kysely } from 'kysely';
import type { Alert, AlertStatus, AlertStep } from '../../core/defence/alert.ts';
import type { DetectorName, PrincipalKind, Severity } from '../../core/detection/finding.ts';
import type { Schema } from '../schema.ts';

export interface AlertFilter {
  /** Alerts of these regions (a supervisor's); undefined for all. */
  regionCode?: string;
  /** Alerts about this organisation's principals (a department's own). */
  orgId?: string;
  status?: AlertStatus;
  detector?: DetectorName;
  severity?: Severity;
  /** Only alerts past their deadline and still open (escalated or due). */
  overdueAt?: string;
  /** Keyset paging: alerts created before this one (ids grow with time). */
  beforeId?: string;
  limit: number;
}

function toAlert(row: Schema['alerts']): Alert {
  return {
    id: row.id,
    detector: row.detector as DetectorName,
    severity: row.severity as Severity,
    status: row.status as AlertStatus,
    principal: { kind: row.principal_kind as PrincipalKind, id: row.principal_id },
    orgId: row.org_id,
    regionCode: row.region_code,
    assigneeOrgId: row.assignee_org_id,
    targets: { credentialId: row.credential_id, grantId: row.grant_id },
    dedupKey: row.dedup_key,
    evidence: JSON.parse(row.evidence) as number[],
    summary: { zh: row.summary_zh, en: row.summary_en },
    raisedAt: row.raised_at,
    lastSeenAt: row.last_seen_at,
    occurrences: Number(row.occurrences),
    deadlineAt: row.deadline_at,
    escalatedAt: row.escalated_at,
    updatedAt: row.updated_at,
  };
}

function toRow(alert: Alert): Schema['alerts'] {
  return {
    id: alert.id,
    dedup_key: alert.dedupKey,
    detector: alert.detector,
    severity: alert.severity,
    status: alert.status,
    principal_kind: alert.principal.kind,
    principal_id: alert.principal.id,
    org_id: alert.orgId,
    region_code: alert.regionCode,
    assignee_org_id: alert.assigneeOrgId,
    credential_id: alert.targets.credentialId,
    grant_id: alert.targets.grantId,
    evidence: JSON.stringify(alert.evidence),
    summary_zh: alert.summary.zh,
    summary_en: alert.summary.en,
    raised_at: alert.raisedAt,
    last_seen_at: alert.lastSeenAt,
    occurrences: alert.occurrences,
    deadline_at: alert.deadlineAt,
    escalated_at: alert.escalatedAt,
    updated_at: alert.updatedAt,
  };
}

export class AlertRepository {
  private readonly db: Kysely<Schema>;

  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async insert(alert: Alert): Promise<void> {
    await this.db.insertInto('alerts').values(toRow(alert)).execute();
  }

  async update(alert: Alert): Promise<void> {
    const { id, ...rest } = toRow(alert);
    await this.db.updateTable('alerts').set(rest).where('id', '=', id).execute();
  }

  async get(id: string): Promise<Alert | undefined> {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAlert(row);
  }

  async byDedupKey(key: string): Promise<Alert | undefined> {
    const row = await this.db.selectFrom('alerts').selectAll().where('dedup_key', '=', key).executeTakeFirst();
    return row && toAlert(row);
  }

  async list(filter: AlertFilter): Promise<Alert[]> {
    let query = this.db.selectFrom('alerts').selectAll();
    if (filter.regionCode !== undefined) query = query.where('region_code', '=', filter.regionCode);
    if (filter.orgId !== undefined) query = query.where('org_id', '=', filter.orgId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.detector !== undefined) query = query.where('detector', '=', filter.detector);
    if (filter.severity !== undefined) query = query.where('severity', '=', filter.severity);
    if (filter.overdueAt !== undefined) query = query.where('deadline_at', '<', filter.overdueAt).where('status', 'in', ['open', 'acknowledged']);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toAlert);
  }

  /** Open or acknowledged alerts past their deadline that have not been escalated yet. */
  async dueForEscalation(now: string, limit: number): Promise<Alert[]> {
    const rows = await this.db.selectFrom('alerts').selectAll().where('status', 'in', ['open', 'acknowledged']).where('deadline_at', '<', now).where('escalated_at', 'is', null).orderBy('deadline_at').limit(limit).execute();
    return rows.map(toAlert);
  }

  async addStep(step: AlertStep): Promise<void> {
    await this.db.insertInto('alert_steps').values({ alert_id: step.alertId, at: step.at, actor_type: step.actor.type, actor_id: step.actor.id, from_status: step.from, to_status: step.to, reason: step.reason }).execute();
  }

  async steps(alertId: string): Promise<AlertStep[]> {
    const rows = await this.db.selectFrom('alert_steps').selectAll().where('alert_id', '=', alertId).orderBy('at').execute();
    return rows.map((row) => ({ alertId: row.alert_id, at: row.at, actor: { type: row.actor_type as AlertStep['actor']['type'], id: row.actor_id }, from: row.from_status as AlertStatus, to: row.to_status as AlertStatus, reason: row.reason }));
  }
}
