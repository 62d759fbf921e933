import { Type } from 'typebox';
import { GRADES } from '../../core/catalog/grade.ts';
import { SHARING_METHODS, SHARING_TYPES } from '../../core/catalog/resource.ts';
import { MASK_NAMES } from '../../core/masking/index.ts';
import { APPROVAL_STEPS, MASKING_LEVELS } from '../../core/policy/index.ts';
import { GRANT_STATUSES, REVIEW_REASONS } from '../../core/sharing/grant.ts';
import { MITIGATIONS, RISK_FACTOR_CODES, RISK_LEVELS } from '../../core/sharing/index.ts';
import { PURPOSE_CODE_PATTERN } from '../../core/sharing/purpose.ts';
import {
  NOTICE_CHANNELS,
  NOTICE_EXEMPTION_GROUNDS,
  PI_BASIS_KINDS,
  REQUEST_FLAG_CODES,
  REQUEST_STATUSES,
  REQUEST_STEPS,
  STEP_DECISIONS,
} from '../../core/sharing/request.ts';
import { CalendarDate, Cursor, Id, Limit, literals, Text } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const ItemCode = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' });
const PurposeCode = Type.String({ pattern: PURPOSE_CODE_PATTERN });
const DutyCode = Type.String({ minLength: 1, maxLength: 32 });
const RegionCode = Type.String({ pattern: '^\\d{6}$' });

const NoticePlanSchema = Type.Object(
  { kind: Type.Literal('plan'), channel: literals(NOTICE_CHANNELS), content: Text(2000), retention: Text(200), contact: Text(200) },
  { additionalProperties: false, description: '告知方案（个人信息保护法第十七条）/ notice plan, PIPL Art. 17' },
);
const NoticeExemptionSchema = Type.Object(
  { kind: Type.Literal('exemption'), ground: literals(NOTICE_EXEMPTION_GROUNDS), reason: Text(1000) },
  { additionalProperties: false, description: '免于告知（第三十五条、第十八条）/ exemption, PIPL Arts. 35 and 18' },
);
const PiBasisSchema = Type.Union([
  Type.Object({ kind: Type.Literal('statutory_duty'), dutyCode: DutyCode, notice: Type.Union([NoticePlanSchema, NoticeExemptionSchema]) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('consent') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('anonymised') }, { additionalProperties: false }),
]);
const RowScopeSchema = Type.Union([
  Type.Object({ type: Type.Literal('all') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('regions'), regionCodes: Type.Array(RegionCode, { maxItems: 50, uniqueItems: true }) }, { additionalProperties: false }),
]);

export const RequestDraftSchema = Type.Object(
  {
    resourceCode: Nullable(Type.String({ minLength: 1, maxLength: 64, description: '目录资源代码；目录外数据填 null / resource code, or null for uncataloged data' })),
    items: Type.Array(ItemCode, { maxItems: 500 }),
    uncataloged: Type.Optional(
      Nullable(Type.Object({ providerOrgId: Id, description: Text(2000) }, { additionalProperties: false, description: '目录外数据需求：提供部门与数据说明 / data not yet cataloged: its provider and a description' })),
    ),
    purposeCode: PurposeCode,
    purposeText: Text(1000),
    legalBasisId: Id,
    piBasis: Nullable(PiBasisSchema),
    period: Type.Object({ from: CalendarDate, to: CalendarDate }, { additionalProperties: false }),
    expectedVolumePerDay: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    rowScope: RowScopeSchema,
    method: literals(SHARING_METHODS),
    credentialId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

const ControlsSchema = Type.Object({
  approval: Type.Array(literals(APPROVAL_STEPS)),
  waiveApprovalIfUnconditional: Type.Boolean(),
  specialProcedure: Type.Boolean(),
  masking: literals(MASKING_LEVELS),
  maxGrantMonths: Type.Integer(),
  reviewMonths: Nullable(Type.Integer()),
  quotaRequired: Type.Boolean(),
  caseNumberRequired: Type.Boolean(),
  bulkExport: Type.Boolean(),
  alertEachAccess: Type.Boolean(),
  tighterDetection: Type.Boolean(),
});

const RiskSchema = Type.Object({
  score: Type.Integer(),
  level: literals(RISK_LEVELS),
  aggregationGrade: Nullable(literals(GRADES)),
  factors: Type.Array(Type.Object({ code: literals(RISK_FACTOR_CODES), weight: Type.Integer(), reason: Type.String() })),
  mitigations: Type.Array(literals(MITIGATIONS)),
});

const StepSchema = Type.Object({
  step: literals(REQUEST_STEPS),
  orgId: Type.String(),
  startedAt: Type.String(),
  dueAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedByOrgId: Nullable(Type.String()),
  decision: Nullable(literals(STEP_DECISIONS)),
  reason: Nullable(Type.String()),
  escalatedAt: Nullable(Type.String()),
  overdueWorkingDays: Type.Integer(),
});

export const RequestSchema = Type.Object({
  ...RequestDraftSchema.properties,
  credentialId: Nullable(Type.String()),
  uncataloged: Nullable(Type.Object({ providerOrgId: Type.String(), description: Type.String() })),
  id: Type.String(),
  consumerOrgId: Type.String(),
  applicantId: Type.String(),
  providerOrgId: Type.String(),
  supervisorOrgId: Type.String(),
  resourceVersion: Nullable(Type.Integer()),
  sharingType: Nullable(literals(SHARING_TYPES)),
  grade: Nullable(literals(GRADES)),
  controls: Nullable(ControlsSchema),
  risk: Nullable(RiskSchema),
  flags: Type.Array(Type.Object({ code: literals(REQUEST_FLAG_CODES), message: Type.String(), grantIds: Type.Optional(Type.Array(Type.String())), dutyCodes: Type.Optional(Type.Array(Type.String())) })),
  status: literals(REQUEST_STATUSES),
  step: Nullable(literals(REQUEST_STEPS)),
  stepDueAt: Nullable(Type.String()),
  remaining: Type.Array(literals(REQUEST_STEPS)),
  steps: Type.Array(StepSchema),
  terms: Nullable(Type.Object({ masks: Type.Record(Type.String(), literals(MASK_NAMES)), maskJustification: Nullable(Type.String()) })),
  refusal: Nullable(Type.Object({ step: literals(REQUEST_STEPS), code: Type.String(), reason: Type.String(), by: Nullable(Type.String()), at: Type.String() })),
  dispute: Nullable(Type.Object({ reason: Type.String(), by: Type.String(), at: Type.String() })),
  grantId: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const RequestQuerySchema = Type.Object(
  { status: Type.Optional(literals(REQUEST_STATUSES)), step: Type.Optional(literals(REQUEST_STEPS)), resourceCode: Type.Optional(Type.String({ maxLength: 64 })), cursor: Cursor, limit: Limit },
  { additionalProperties: false },
);

export const DecisionSchema = Type.Object(
  {
    decision: literals(['approve', 'refuse'] as const),
    resourceCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '答复目录外申请：本部门已发布的资源 / answering an uncataloged request: your published resource' })),
    items: Type.Optional(Type.Array(ItemCode, { minItems: 1, maxItems: 500 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    masks: Type.Optional(Type.Record(ItemCode, literals(MASK_NAMES))),
    maskJustification: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ReasonSchema = Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });

export const GrantSchema = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  consumerOrgId: Type.String(),
  providerOrgId: Type.String(),
  supervisorOrgId: Type.String(),
  resourceCode: Type.String(),
  resourceVersion: Type.Integer(),
  grade: literals(GRADES),
  items: Type.Array(Type.Object({ code: Type.String(), mask: literals(MASK_NAMES) })),
  method: literals(SHARING_METHODS),
  rowScope: RowScopeSchema,
  purposeCode: Type.String(),
  purposeText: Type.String(),
  legalBasisId: Type.String(),
  piBasis: Nullable(literals(PI_BASIS_KINDS)),
  quotaPerDay: Nullable(Type.Integer()),
  credentialId: Nullable(Type.String()),
  startsAt: Type.String(),
  expiresAt: Type.String(),
  reviewMonths: Nullable(Type.Integer()),
  reviewDueAt: Nullable(Type.String()),
  reviewReason: Nullable(literals(REVIEW_REASONS)),
  caseNumberRequired: Type.Boolean(),
  bulkExport: Type.Boolean(),
  alertEachAccess: Type.Boolean(),
  status: literals(GRANT_STATUSES),
  statusCode: Nullable(Type.String()),
  approvals: Type.Array(Type.Object({ step: literals(REQUEST_STEPS), by: Nullable(Type.String()), orgId: Type.String(), at: Type.String() })),
  risk: Type.Object({ score: Type.Integer(), level: literals(RISK_LEVELS) }),
  policyVersion: Type.Integer(),
  history: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), by: Nullable(Type.String()), code: Nullable(Type.String()), reason: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const GrantQuerySchema = Type.Object(
  { status: Type.Optional(literals(GRANT_STATUSES)), resourceCode: Type.Optional(Type.String({ maxLength: 64 })), consumerOrgId: Type.Optional(Id), cursor: Cursor, limit: Limit },
  { additionalProperties: false },
);

export const NoticeSchema = Type.Object({
  id: Type.String(),
  grantId: Type.String(),
  consumerOrgId: Type.String(),
  resourceCode: Type.String(),
  purposeCode: Type.String(),
  itemNames: Type.Array(Type.String()),
  notice: Type.Union([NoticePlanSchema, NoticeExemptionSchema]),
  recordedAt: Type.String(),
});

export const InboxItemSchema = Type.Object({
  kind: literals(['request_step', 'dispute_possible', 'grant_review', 'grant_expiring'] as const),
  requestId: Nullable(Type.String()),
  grantId: Nullable(Type.String()),
  resourceCode: Nullable(Type.String()),
  step: Nullable(literals(REQUEST_STEPS)),
  dueAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  escalated: Type.Boolean(),
});

export const PurposeSchema = Type.Object({ regionCode: Type.String(), code: Type.String(), name: Type.String(), dutyCodes: Type.Array(Type.String()) });
export const PurposeInputSchema = Type.Object({ name: Text(200), dutyCodes: Type.Array(DutyCode, { maxItems: 50, uniqueItems: true }) }, { additionalProperties: false });

const ControlsOverrideSchema = Type.Partial(
  Type.Object(
    {
      approval: Type.Array(literals(APPROVAL_STEPS), { maxItems: 2 }),
      waiveApprovalIfUnconditional: Type.Boolean(),
      specialProcedure: Type.Boolean(),
      masking: literals(MASKING_LEVELS),
      maxGrantMonths: Type.Integer({ minimum: 1, maximum: 60 }),
      reviewMonths: Nullable(Type.Integer({ minimum: 1, maximum: 60 })),
      quotaRequired: Type.Boolean(),
      caseNumberRequired: Type.Boolean(),
      bulkExport: Type.Boolean(),
      alertEachAccess: Type.Boolean(),
      tighterDetection: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
);
export const PolicyOverridesSchema = Type.Object(Object.fromEntries(GRADES.map((grade) => [grade, Type.Optional(ControlsOverrideSchema)])), { additionalProperties: false });
export const PolicySchema = Type.Object({
  regionCode: Type.String(),
  overrides: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
  profile: Type.Record(Type.String(), ControlsSchema),
});
