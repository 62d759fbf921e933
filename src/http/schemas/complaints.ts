import { Type } from 'typebox';
import { ANSWER_MAX_LENGTH, CONTACT_MAX_LENGTH, DETAILS_MAX_LENGTH, REASON_MAX_LENGTH, REWARD_MAX_YUAN, SUMMARY_MAX_LENGTH } from '../../core/complaints/check-complaint.ts';
import { COMPLAINT_CATEGORIES, COMPLAINT_KINDS, COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, REWARD_DECISIONS } from '../../core/complaints/complaint.ts';
import { REMEDY_ROUTES } from '../../core/complaints/remedies.ts';
import { TRACKING_NUMBER_PATTERN } from '../../core/complaints/tracking-number.ts';
import { Cursor, Id, Limit, literals } from './common.ts';

const Nullable = <Schema extends ReturnType<typeof Type.String>>(schema: Schema) => Type.Union([schema, Type.Null()]);

export const ComplaintInputSchema = Type.Object(
  {
    regionCode: Type.String({ pattern: '^\\d{6}$', description: '受理地区的行政区划代码 / the region whose supervision authority handles it' }),
    kind: literals(COMPLAINT_KINDS, { description: 'complaint 投诉（本人权益受损）/ report 举报（违法线索）' }),
    category: literals(COMPLAINT_CATEGORIES),
    summary: Type.String({ minLength: 1, maxLength: SUMMARY_MAX_LENGTH, description: '事由摘要 / what it is about, in a line' }),
    details: Type.String({ minLength: 1, maxLength: DETAILS_MAX_LENGTH, description: '具体情况，可含本人信息 / what happened; may name you' }),
    departmentId: Type.Optional(Id),
    contact: Type.Optional(Type.String({ maxLength: CONTACT_MAX_LENGTH, description: '联系方式，匿名时不填；予以保密 / how to reach you; leave out to stay anonymous; kept confidential' })),
  },
  { additionalProperties: false },
);

export const StatusLookupSchema = Type.Object(
  {
    trackingNumber: Type.String({ pattern: TRACKING_NUMBER_PATTERN, description: '受理编号，如 TS-2026-000123 / tracking number' }),
    queryCode: Type.String({ minLength: 1, maxLength: 32, description: '查询码 / the query code shown at filing' }),
  },
  { additionalProperties: false },
);

export const TriageSchema = Type.Object(
  {
    departmentId: Type.Optional(Id),
    reason: Type.Optional(Type.String({ maxLength: REASON_MAX_LENGTH, description: '改变举报人所指部门时必填 / required when routing away from the department the filer named' })),
  },
  { additionalProperties: false },
);

export const AnswerSchema = Type.Object(
  {
    outcome: literals(COMPLAINT_OUTCOMES),
    answer: Type.String({ minLength: 1, maxLength: ANSWER_MAX_LENGTH, description: '告知投诉举报人的处理结果 / the result, as the filer is told it' }),
  },
  { additionalProperties: false },
);

export const RewardSchema = Type.Object(
  {
    decision: literals(REWARD_DECISIONS),
    amountYuan: Type.Integer({ minimum: 0, maximum: REWARD_MAX_YUAN, description: '奖励金额（元），不予奖励时为 0 / whole yuan; 0 when declined' }),
    reason: Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

export const ComplaintQuerySchema = Type.Object(
  {
    status: Type.Optional(literals(COMPLAINT_STATUSES)),
    overdue: Type.Optional(Type.Boolean({ description: '仅含逾期未受理或未答复的 / only those past a limit' })),
    cursor: Cursor,
    limit: Limit,
  },
  { additionalProperties: false },
);

const Organisation = Type.Object({ id: Type.String(), name: Type.String() });
const HandlingSchema = Type.Object({ supervisionAuthority: Organisation, department: Type.Union([Organisation, Type.Null()]) });
const RemedySchema = Type.Object({ route: literals(REMEDY_ROUTES), body: Type.String(), basis: Type.String(), description: Type.String() });
const Deadlines = {
  filedAt: Type.String(),
  acknowledgeBy: Type.String({ description: '受理期限（含），1 个工作日 / acknowledge by (inclusive), 1 working day' }),
  answerBy: Type.String({ description: '答复期限（含），15 个工作日 / answer by (inclusive), 15 working days' }),
};

export const ReceiptSchema = Type.Object({
  trackingNumber: Type.String(),
  queryCode: Type.String({ description: '仅显示一次，请妥善保存 / shown once; keep it' }),
  kind: literals(COMPLAINT_KINDS),
  status: literals(COMPLAINT_STATUSES),
  ...Deadlines,
  handling: HandlingSchema,
  remedies: Type.Array(RemedySchema),
});

export const StatusSchema = Type.Object({
  trackingNumber: Type.String(),
  kind: literals(COMPLAINT_KINDS),
  category: literals(COMPLAINT_CATEGORIES),
  status: literals(COMPLAINT_STATUSES),
  ...Deadlines,
  acknowledgedAt: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  outcome: Type.Union([literals(COMPLAINT_OUTCOMES), Type.Null()]),
  answer: Nullable(Type.String()),
  caseOpened: Type.Boolean({ description: '是否已立案问责 / whether an accountability case was opened' }),
  reward: Type.Union([Type.Object({ decision: literals(REWARD_DECISIONS), amountYuan: Type.Integer() }), Type.Null()]),
  handling: HandlingSchema,
  remedies: Type.Array(RemedySchema),
});

export const ComplaintSchema = Type.Object({
  id: Type.String(),
  trackingNumber: Type.String(),
  regionCode: Type.String(),
  kind: literals(COMPLAINT_KINDS),
  category: literals(COMPLAINT_CATEGORIES),
  summary: Type.String(),
  details: Type.String(),
  contact: Type.Optional(Nullable(Type.String({ description: '仅监管部门可见 / for the supervision authority only' }))),
  namedDepartmentId: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  supervisorOrgId: Type.String(),
  status: literals(COMPLAINT_STATUSES),
  ...Deadlines,
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgeOverdueDays: Type.Union([Type.Integer(), Type.Null()]),
  answeredAt: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answerOverdueDays: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.Union([literals(COMPLAINT_OUTCOMES), Type.Null()]),
  answer: Nullable(Type.String()),
  caseId: Nullable(Type.String()),
  reward: Type.Optional(
    Type.Union([
      Type.Object({ decision: literals(REWARD_DECISIONS), amountYuan: Type.Integer(), reason: Type.String(), decidedAt: Type.String(), decidedBy: Type.String() }),
      Type.Null(),
    ]),
  ),
  handling: HandlingSchema,
  standing: Type.Object({
    acknowledgementOverdue: Type.Boolean(),
    answerOverdue: Type.Boolean(),
    overdueWorkingDays: Type.Integer({ description: '逾期工作日数 / working days late' }),
  }),
});
