import type { Role } from '../identity/roles.ts';

/*
 * Early-warning bulletins (预警通报, issue #7 §5). 《数据安全法》第二十二条 asks for monitoring
 * and early warning of data-security risks, and the authority that sees a risk tells the
 * departments concerned what it found and what they should do. Each department acknowledges
 * within a time limit, and what is not acknowledged is followed up.
 */

/** Severities, mildest first: the same scale as the alerts of active defence. */
export const BULLETIN_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type BulletinSeverity = (typeof BULLETIN_SEVERITIES)[number];

/** `open` until every recipient has acknowledged, then `acknowledged`. */
export const BULLETIN_STATUSES = ['open', 'acknowledged'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

/** Working days a department has to acknowledge, the day of publication not counted (《民法典》第二百零一条). */
export const ACKNOWLEDGE_WORKING_DAYS = 3;

/** Only a supervisor of a supervision authority publishes: a bulletin speaks for the authority. */
export const PUBLISHER_ROLE: Role = 'supervisor';

/**
 * Department roles that answer for the organisation: its data administrator and its approvers.
 * A consumer uses data and does not speak for the department.
 */
export const ACKNOWLEDGER_ROLES: readonly Role[] = ['provider_admin', 'approver'];

/** Those who answer for it, and the department's own auditors, may read a bulletin addressed to it. */
export const RECIPIENT_READER_ROLES: readonly Role[] = [...ACKNOWLEDGER_ROLES, 'auditor'];

export interface BulletinDraft {
  title: string;
  findings: string;
  measures: string;
  severity: BulletinSeverity;
  /** Organisation ids of the departments addressed. */
  recipients: string[];
  /** Alerts the findings come from, by id; references only. */
  alertIds: string[];
}

export interface Bulletin {
  id: string;
  regionCode: string;
  authorId: string;
  authorOrgId: string;
  title: string;
  findings: string;
  measures: string;
  severity: BulletinSeverity;
  alertIds: string[];
  publishedAt: string;
  /** The last millisecond of the third working day after publication (inclusive). */
  acknowledgeBy: string;
  status: BulletinStatus;
}

/** One department's copy of a bulletin, as stored. */
export interface BulletinRecipient {
  bulletinId: string;
  orgId: string;
  orgName: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** What the department says it did: the measures taken. */
  response: string | null;
  /** Working days past the deadline at acknowledgement, kept as it was then; null until acknowledged. */
  overdueWorkingDays: number | null;
}
