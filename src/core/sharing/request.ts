import type { CalendarDate } from '../calendar/index.ts';
import type { Grade } from '../catalog/grade.ts';
import type { SharingMethod, SharingType } from '../catalog/resource.ts';
import type { MaskName } from '../masking/index.ts';
import type { GradeControls } from '../policy/index.ts';
import type { RiskAssessment } from './assess-risk.ts';

/**
 * The steps of the request-and-reply procedure (申请—答复, 政务数据共享条例), each with a
 * working-day time limit:
 * - compliance: the supervisor's check of what the automatic check could not settle;
 * - provider: the providing department's decision;
 * - supervisor: the supervisor's review the graded-controls matrix asks for (DESIGN §5), or the
 *   special procedure for core data and 不予共享 resources;
 * - dispute: the supervisor's coordination of a disputed refusal (争议协调).
 */
export const REQUEST_STEPS = ['compliance', 'provider', 'supervisor', 'dispute'] as const;
export type RequestStep = (typeof REQUEST_STEPS)[number];

export const REQUEST_STATUSES = ['pending', 'granted', 'refused', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** PIPL Art. 13: the lawful basis a state organ relies on for personal information. */
export const PI_BASIS_KINDS = ['statutory_duty', 'consent', 'anonymised'] as const;
export type PiBasisKind = (typeof PI_BASIS_KINDS)[number];

export const NOTICE_CHANNELS = ['sms', 'letter', 'website', 'in_person', 'app'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * PIPL Art. 35 read with Art. 18(1): a state organ notifies unless a law requires secrecy or
 * notice would impede its statutory duties.
 */
export const NOTICE_EXEMPTION_GROUNDS = ['law_requires_confidentiality', 'impedes_duties'] as const;
export type NoticeExemptionGround = (typeof NOTICE_EXEMPTION_GROUNDS)[number];

/** What the subjects are told (PIPL Art. 17(1)): who, why and how, what, how long, and how to object. */
export interface NoticePlan {
  kind: 'plan';
  channel: NoticeChannel;
  /** The processing purpose and method, as the subjects will read it. */
  content: string;
  retention: string;
  /** How subjects exercise their rights: a contact point. */
  contact: string;
}

export interface NoticeExemption {
  kind: 'exemption';
  ground: NoticeExemptionGround;
  reason: string;
}

export type PiBasis =
  | { kind: 'statutory_duty'; dutyCode: string; notice: NoticePlan | NoticeExemption }
  | { kind: 'consent' }
  | { kind: 'anonymised' };

/** Which subjects' rows the consumer may receive; GB/T 2260 codes match the subject's region. */
export type RowScope = { type: 'all' } | { type: 'regions'; regionCodes: string[] };

/**
 * Data the consumer needs that is not in the catalog yet (目录外数据): the provider has ten working
 * days rather than five to answer, by naming the published resource and items that serve it, or
 * by refusing with a reason (政务数据共享条例).
 */
export interface UncatalogedData {
  providerOrgId: string;
  description: string;
}

/** What a consumer department asks for. */
export interface SharingRequestDraft {
  /** The catalog entry; null when asking for data not yet cataloged (`uncataloged`). */
  resourceCode: string | null;
  /** Codes of the requested items; empty until an uncataloged request is answered. */
  items: string[];
  uncataloged: UncatalogedData | null;
  purposeCode: string;
  purposeText: string;
  /** The registered legal basis; for a 不予共享 resource it must be a statute (法律、行政法规). */
  legalBasisId: string;
  piBasis: PiBasis | null;
  period: { from: CalendarDate; to: CalendarDate };
  expectedVolumePerDay: number;
  rowScope: RowScope;
  method: SharingMethod;
  /** The consumer system (a credential id) that will call; tells whether a contractor operates it. */
  credentialId: string | null;
}

export const REQUEST_FLAG_CODES = ['DUPLICATE_COLLECTION', 'PURPOSE_OUTSIDE_DUTIES'] as const;
export type RequestFlagCode = (typeof REQUEST_FLAG_CODES)[number];

/** Something the automatic compliance check cannot settle alone, shown to every approver. */
export interface RequestFlag {
  code: RequestFlagCode;
  message: string;
  /** The live grants that already cover the items (DUPLICATE_COLLECTION). */
  grantIds?: string[];
  /** Duties the purpose needs that the consumer lacks (PURPOSE_OUTSIDE_DUTIES). */
  dutyCodes?: string[];
}

export const STEP_DECISIONS = ['passed', 'approved', 'refused', 'upheld', 'overturned'] as const;
export type StepDecision = (typeof STEP_DECISIONS)[number];

/** One step as it happened: whose it was, its deadline, and whether and how late it was decided. */
export interface StepRecord {
  step: RequestStep;
  /** The organisation responsible: the provider, or the supervision authority. */
  orgId: string;
  startedAt: string;
  dueAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  /** The decider's organisation: the supervisor's when it decided an escalated provider step. */
  decidedByOrgId: string | null;
  decision: StepDecision | null;
  reason: string | null;
  /** When the step went past its deadline and was escalated to the supervisor. */
  escalatedAt: string | null;
  /** Working days past the deadline when decided (or when escalated, while undecided). */
  overdueWorkingDays: number;
}

/** Why a request ended refused: a stable code plus the decider's reason, always both. */
export interface Refusal {
  step: RequestStep;
  code: string;
  reason: string;
  by: string | null;
  at: string;
}

/** What the provider decided besides "yes": only ever stronger masks (DESIGN §5). */
export interface ProviderTerms {
  masks: Record<string, MaskName>;
  /** Why a mask is weaker than the default; a weaker mask also needs the supervisor. */
  maskJustification: string | null;
}

export interface SharingRequest extends SharingRequestDraft {
  id: string;
  consumerOrgId: string;
  applicantId: string;
  providerOrgId: string;
  /** The supervision authority of the provider's region that reviews, coordinates and escalates. */
  supervisorOrgId: string;
  /** The next five are null until an uncataloged request is answered with a resource. */
  resourceVersion: number | null;
  sharingType: SharingType | null;
  /** The grade the request is handled at: its items' highest, raised by aggregation. */
  grade: Grade | null;
  controls: GradeControls | null;
  risk: RiskAssessment | null;
  flags: RequestFlag[];
  status: RequestStatus;
  step: RequestStep | null;
  stepDueAt: string | null;
  /** Approval steps still ahead, in order. */
  remaining: RequestStep[];
  steps: StepRecord[];
  terms: ProviderTerms | null;
  refusal: Refusal | null;
  /** The consumer's dispute of a refusal (争议协调), with its reason. */
  dispute: { reason: string; by: string; at: string } | null;
  grantId: string | null;
  /** Changes so far; a change is written only over the revision it was made from. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** A request that names a catalog resource, and so has been assessed. */
export type CatalogedRequest = SharingRequest & {
  resourceCode: string;
  resourceVersion: number;
  sharingType: SharingType;
  grade: Grade;
  controls: GradeControls;
  risk: RiskAssessment;
};

export function isCataloged(request: SharingRequest): request is CatalogedRequest {
  return request.resourceCode !== null && request.controls !== null && request.risk !== null && request.grade !== null;
}
