import { Type } from 'typebox';
import { BULLETIN_SEVERITIES, BULLETIN_STATUSES } from '../../core/bulletins/bulletin.ts';
import { MAX_ALERT_IDS, MAX_RECIPIENTS, RESPONSE_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH } from '../../core/bulletins/check-bulletin.ts';
import { RECIPIENT_STATES } from '../../core/bulletins/standing.ts';
import { Cursor, Id, Limit, literals } from './common.ts';

export const BulletinInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TITLE_MAX_LENGTH }),
    findings: Type.String({ minLength: 1, maxLength: TEXT_MAX_LENGTH, description: '监测发现 / what monitoring found' }),
    measures: Type.String({ minLength: 1, maxLength: TEXT_MAX_LENGTH, description: '建议措施 / the measures recommended' }),
    severity: literals(BULLETIN_SEVERITIES),
    recipients: Type.Array(Id, { minItems: 1, maxItems: MAX_RECIPIENTS, uniqueItems: true, description: '受通报部门的机构编号 / organisation ids of the departments addressed' }),
    alertIds: Type.Optional(Type.Array(Id, { maxItems: MAX_ALERT_IDS, uniqueItems: true, description: '所依据的告警编号 / the alerts the findings come from' })),
  },
  { additionalProperties: false },
);

export const AcknowledgementSchema = Type.Object(
  { response: Type.Optional(Type.String({ maxLength: RESPONSE_MAX_LENGTH, description: '已采取的措施 / the measures taken' })) },
  { additionalProperties: false },
);

export const BulletinQuerySchema = Type.Object(
  {
    status: Type.Optional(literals(BULLETIN_STATUSES, { description: '部门查询时为本部门的签收状态 / for a department, its own acknowledgement' })),
    overdue: Type.Optional(Type.Boolean({ description: '仅含逾期未签收的 / only those past the deadline unacknowledged' })),
    cursor: Cursor,
    limit: Limit,
  },
  { additionalProperties: false },
);

export const TrackingQuerySchema = Type.Object({ state: Type.Optional(literals(RECIPIENT_STATES)) }, { additionalProperties: false });

export const RecipientSchema = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  acknowledged: Type.Boolean(),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  response: Type.Union([Type.String(), Type.Null()]),
  late: Type.Boolean({ description: '逾期后签收 / acknowledged after the deadline' }),
  overdue: Type.Boolean({ description: '已逾期且未签收 / past the deadline, not acknowledged' }),
  overdueWorkingDays: Type.Integer({ description: '逾期工作日数 / working days past the deadline' }),
});

export const BulletinSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  authorId: Type.String(),
  authorOrgId: Type.String(),
  title: Type.String(),
  findings: Type.String(),
  measures: Type.String(),
  severity: literals(BULLETIN_SEVERITIES),
  alertIds: Type.Array(Type.String()),
  publishedAt: Type.String(),
  acknowledgeBy: Type.String({ description: '签收期限（含）/ acknowledge by (inclusive)' }),
  status: literals(BULLETIN_STATUSES),
  recipients: Type.Array(RecipientSchema),
});

export const TrackingSchema = Type.Object({
  bulletinId: Type.String(),
  acknowledgeBy: Type.String(),
  asOf: Type.String(),
  counts: Type.Object({ recipients: Type.Integer(), acknowledged: Type.Integer(), unacknowledged: Type.Integer(), overdue: Type.Integer(), late: Type.Integer() }),
  recipients: Type.Array(RecipientSchema),
});
