import type { Grade } from '../catalog/grade.ts';
import type { SharingMethod } from '../catalog/resource.ts';
import type { MaskName } from '../masking/index.ts';
import type { RiskLevel } from './risk-factor.ts';
import type { PiBasisKind, RequestStep, RowScope } from './request.ts';

export const GRANT_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** Why a grant is due for review: the calendar (DESIGN §5 review interval) or a re-grading. */
export const REVIEW_REASONS = ['periodic', 'regraded'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export interface GrantItem {
  code: string;
  mask: MaskName;
}

export interface GrantApproval {
  step: RequestStep;
  by: string | null;
  orgId: string;
  at: string;
}

/** Every change of a grant, with who made it and why (政务数据共享条例: reasons on record). */
export interface GrantChange {
  at: string;
  action: 'granted' | 'suspended' | 'resumed' | 'revoked' | 'expired' | 'recertified' | 'review_due';
  by: string | null;
  code: string | null;
  reason: string;
}

/** 共享授权: what the gateway enforces for one consumer, resource and purpose. */
export interface Grant {
  id: string;
  requestId: string;
  consumerOrgId: string;
  providerOrgId: string;
  supervisorOrgId: string;
  resourceCode: string;
  resourceVersion: number;
  grade: Grade;
  items: GrantItem[];
  method: SharingMethod;
  rowScope: RowScope;
  purposeCode: string;
  purposeText: string;
  legalBasisId: string;
  piBasis: PiBasisKind | null;
  /**
   * Calls a day: the consumer's declared volume, enforced as a quota. DESIGN §5 requires one from
   * general-3 up; below, a declared volume is still held to. Null when none was declared.
   */
  quotaPerDay: number | null;
  credentialId: string | null;
  startsAt: string;
  expiresAt: string;
  /** Months between periodic reviews (DESIGN §5); null when the grade has none. */
  reviewMonths: number | null;
  reviewDueAt: string | null;
  reviewReason: ReviewReason | null;
  /** Each call must carry an X-Custos-Issue case number (DESIGN §5, general-4 and up). */
  caseNumberRequired: boolean;
  bulkExport: boolean;
  alertEachAccess: boolean;
  status: GrantStatus;
  /** Why the grant is not active: SUSPENDED, SUSPENDED_BY_SUPERVISOR, REVIEW_OVERDUE, REVOKED, EXPIRED. */
  statusCode: string | null;
  approvals: GrantApproval[];
  risk: { score: number; level: RiskLevel };
  /** The platform's policy version at this grant's last change. */
  policyVersion: number;
  history: GrantChange[];
  /** Changes so far; a change is written only over the revision it was made from. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}
