import { Type } from 'typebox';
import { ALERT_STATUSES } from '../../core/defence/alert.ts';
import { CONTAINMENT_ACTIONS, CONTAINMENT_STATUSES } from '../../core/defence/containment.ts';
import { DETECTOR_NAMES, PRINCIPAL_KINDS, SEVERITIES } from '../../core/detection/finding.ts';
import { Cursor, Limit, literals, Text } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const AlertSchema = Type.Object({
  id: Type.String(),
  detector: literals(DETECTOR_NAMES),
  severity: literals(SEVERITIES),
  status: literals(ALERT_STATUSES),
  principal: Type.Object({ kind: literals(PRINCIPAL_KINDS), id: Type.String() }),
  orgId: Nullable(Type.String()),
  regionCode: Type.String(),
  assigneeOrgId: Nullable(Type.String()),
  targets: Type.Object({ credentialId: Nullable(Type.String()), grantId: Nullable(Type.String()) }),
  dedupKey: Type.String(),
  evidence: Type.Array(Type.Integer(), { description: '审计日志序号，可据此获取包含证明 / audit seqs; pull inclusion proofs for them' }),
  summary: Type.Object({ zh: Type.String(), en: Type.String() }),
  raisedAt: Type.String(),
  lastSeenAt: Type.String(),
  occurrences: Type.Integer(),
  deadlineAt: Type.String(),
  escalatedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});

export const ContainmentSchema = Type.Object({
  id: Type.String(),
  alertId: Type.String(),
  action: literals(CONTAINMENT_ACTIONS),
  targetId: Type.String(),
  status: literals(CONTAINMENT_STATUSES),
  appliedBy: Type.String(),
  appliedAt: Type.String(),
  confirmBy: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  overdueAt: Nullable(Type.String()),
});

export const AlertDetailSchema = Type.Object({
  alert: AlertSchema,
  steps: Type.Array(
    Type.Object({
      alertId: Type.String(),
      at: Type.String(),
      actor: Type.Object({ type: Type.Union([Type.Literal('person'), Type.Literal('process')]), id: Type.String() }),
      from: literals(ALERT_STATUSES),
      to: literals(ALERT_STATUSES),
      reason: Type.String(),
    }),
  ),
  containments: Type.Array(ContainmentSchema),
});

export const AlertQuerySchema = Type.Object(
  {
    status: Type.Optional(literals(ALERT_STATUSES)),
    detector: Type.Optional(literals(DETECTOR_NAMES)),
    severity: Type.Optional(literals(SEVERITIES)),
    overdue: Type.Optional(Type.Boolean({ description: '只看已过处置期限仍未处置的 / only alerts past their deadline and not yet handled' })),
    cursor: Cursor,
    limit: Limit,
  },
  { additionalProperties: false },
);

export const AlertActSchema = Type.Object(
  {
    to: literals(['acknowledged', 'contained', 'resolved', 'false_positive'] as const, { description: '下一状态 / the next status' }),
    reason: Text(2000),
    action: Type.Optional(literals(CONTAINMENT_ACTIONS, { description: '仅在 to=contained 时：同时执行的处置措施 / with to=contained only: the action to apply' })),
  },
  { additionalProperties: false },
);

export const ReasonSchema = Type.Object({ reason: Text(2000) }, { additionalProperties: false });

export const DetectionStatusSchema = Type.Object({ position: Nullable(Type.Integer()), head: Nullable(Type.Integer()) });
