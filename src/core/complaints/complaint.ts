import type { Role } from '../identity/roles.ts';

/*
 * Complaints and reports (投诉举报, issue #8 §5). Anyone may complain of, or report, an unlawful
 * handling of data to the authority that supervises it (《数据安全法》第十二条, 《个人信息保护法》
 * 第六十五条); the authority handles it in time and tells the filer the result (PIPL Art. 65), and
 * keeps the filer's identity confidential (DSL Art. 12).
 */

/** `complaint` (投诉): the filer's own rights were harmed. `report` (举报): a tip about a breach, which may earn a reward. */
export const COMPLAINT_KINDS = ['complaint', 'report'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** What the filer says happened, in the platform's own words; routing and statistics use it. */
export const COMPLAINT_CATEGORIES = ['leak', 'unauthorised_access', 'unlawful_sharing', 'excessive_collection', 'rights_refused', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** received → acknowledged (triaged, routed) → answered. */
export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'answered'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** 属实 / 不属实 / 不予受理 (outside the authority's remit, or not a data matter). */
export const COMPLAINT_OUTCOMES = ['substantiated', 'unsubstantiated', 'not_accepted'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export const REWARD_DECISIONS = ['granted', 'declined'] as const;
export type RewardDecision = (typeof REWARD_DECISIONS)[number];

/** Working days to acknowledge and to answer, the day of receipt not counted (《民法典》第二百零一条). */
export const ACKNOWLEDGE_WORKING_DAYS = 1;
export const ANSWER_WORKING_DAYS = 15;

/** Only a supervisor of the supervision authority handles a complaint: the answer speaks for the authority. */
export const HANDLER_ROLE: Role = 'supervisor';
/** Department roles that read what is routed to them: those who answer for the department, and its auditors. */
export const DEPARTMENT_READER_ROLES: readonly Role[] = ['provider_admin', 'approver', 'auditor'];

/** What a filer sends; `contact` is absent for an anonymous filing. */
export interface ComplaintDraft {
  regionCode: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  summary: string;
  details: string;
  /** The department the filer holds responsible, if they know it. */
  departmentId: string | null;
  /** How to reach the filer (name, telephone, e-mail), as they wrote it. */
  contact: string | null;
}

export interface ComplaintReward {
  decision: RewardDecision;
  /** Whole yuan; 0 when declined. */
  amountYuan: number;
  reason: string;
  decidedAt: string;
  decidedBy: string;
}

export interface Complaint {
  id: string;
  trackingNumber: string;
  regionCode: string;
  kind: ComplaintKind;
  category: ComplaintCategory;
  summary: string;
  details: string;
  contact: string | null;
  /** The department the filer named, kept as they named it even if triage routes elsewhere. */
  namedDepartmentId: string | null;
  /** The department the complaint is routed to now. */
  departmentId: string | null;
  /** The region's supervision authority when it was filed. */
  supervisorOrgId: string;
  status: ComplaintStatus;
  filedAt: string;
  acknowledgeBy: string;
  answerBy: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Working days late at acknowledgement, kept as counted then; null until acknowledged. */
  acknowledgeOverdueDays: number | null;
  answeredAt: string | null;
  answeredBy: string | null;
  answerOverdueDays: number | null;
  outcome: ComplaintOutcome | null;
  /** The authority's answer to the filer. */
  answer: string | null;
  /** The accountability case a substantiated complaint opened, when one was opened. */
  caseId: string | null;
  reward: ComplaintReward | null;
}
