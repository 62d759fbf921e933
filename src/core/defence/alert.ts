import type { DetectorName, Principal, Severity } from '../detection/finding.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { ContainmentTargets } from './containment.ts';

/*
 * An alert of active defence (issue #7 §3): one or more findings of one detector about one
 * principal in one window (the dedup key), assigned to the region's supervision authority with
 * a deadline by severity. 《数据安全法》第二十九条: measures must be taken at once when a risk is
 * found; GB/T 39477-2020 asks for alerts that are handled and closed, not only shown.
 */

export const ALERT_STATUSES = ['open', 'acknowledged', 'contained', 'resolved', 'false_positive'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What a person may move an alert to, from each status. Containment may also be applied by the system. */
const NEXT: Record<AlertStatus, readonly AlertStatus[]> = {
  open: ['acknowledged', 'contained', 'false_positive'],
  acknowledged: ['contained', 'resolved', 'false_positive'],
  contained: ['resolved', 'false_positive'],
  resolved: [],
  false_positive: [],
};

export const OPEN_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'contained'];

export interface Alert {
  id: string;
  detector: DetectorName;
  severity: Severity;
  status: AlertStatus;
  principal: Principal;
  /** The principal's organisation, when it has one: whose record the alert weighs on in risk assessments. */
  orgId: string | null;
  regionCode: string;
  /** The supervision authority the alert is assigned to; null when the region has none yet. */
  assigneeOrgId: string | null;
  /** The system credential and grant of the event that raised it: what containment can act on. */
  targets: ContainmentTargets;
  dedupKey: string;
  /** Audit seqs, oldest first, capped: inclusion proofs can be pulled for each. */
  evidence: number[];
  summary: { zh: string; en: string };
  /** The time of the event that raised it. */
  raisedAt: string;
  lastSeenAt: string;
  occurrences: number;
  deadlineAt: string;
  /** When the deadline passed with the alert still open: the supervisor's delay. */
  escalatedAt: string | null;
  updatedAt: string;
}

export interface AlertStep {
  alertId: string;
  at: string;
  actor: { type: 'person' | 'process'; id: string };
  from: AlertStatus;
  to: AlertStatus;
  reason: string;
}

/** Evidence kept per alert; later occurrences only raise the count. */
export const EVIDENCE_LIMIT = 50;

export function mergeEvidence(kept: readonly number[], added: readonly number[]): number[] {
  if (kept.length >= EVIDENCE_LIMIT) return [...kept];
  return [...new Set([...kept, ...added])].sort((left, right) => left - right).slice(0, EVIDENCE_LIMIT);
}

/** Refuses a step the lifecycle does not allow, naming the allowed ones. */
export function checkTransition(from: AlertStatus, to: AlertStatus): void {
  if (!NEXT[from].includes(to)) {
    throw new DomainError('ALERT_TRANSITION_INVALID', `告警不能从「${from}」转为「${to}」/ an alert cannot go from ${from} to ${to}`, { details: { from, to, allowed: [...NEXT[from]] } });
  }
}

export function isOverdue(alert: Pick<Alert, 'status' | 'deadlineAt' | 'escalatedAt'>, now: Date): boolean {
  return alert.escalatedAt === null && OPEN_STATUSES.includes(alert.status) && alert.status !== 'contained' && Date.parse(alert.deadlineAt) < now.getTime();
}
