import { Type } from 'typebox';
import { CITIZEN_PROVIDERS, SUBJECT_KINDS } from '../../core/citizen/subject.ts';
import { Cursor, Id, Instant, Limit, literals, Text } from './common.ts';

export const DemoLoginSchema = Type.Object({ login: Type.String({ minLength: 1, maxLength: 64, description: '演示地区的主体登录名（见 demo-credentials.json）/ a demo subject login' }) }, { additionalProperties: false });

export const OidcCallbackSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 2048, description: '身份认证服务返回的授权码 / the authorization code' }),
    state: Type.String({ minLength: 16, maxLength: 256, description: '发起登录时的 state / the state of the login' }),
  },
  { additionalProperties: false },
);

export const CitizenLoginSchema = Type.Object({
  token: Type.String({ description: '公民会话令牌，仅可用于 /api/v1/citizen / a citizen token, good for /api/v1/citizen only' }),
  expiresAt: Type.String(),
  subjectKind: literals(SUBJECT_KINDS),
  provider: literals(CITIZEN_PROVIDERS),
});

export const OidcStartSchema = Type.Object({ authorizationUrl: Type.String(), expiresAt: Type.String() });

export const UsageQuerySchema = Type.Object(
  {
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
    limit: Limit,
  },
  { additionalProperties: false },
);

const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const UsageEntrySchema = Type.Object({
  at: Type.String(),
  operation: Type.String(),
  department: Named,
  provider: Named,
  resource: Type.Object({ code: Type.String(), name: Type.String() }),
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  purpose: Type.Object({ code: Type.String(), text: Type.String() }),
  legalBasis: Type.Union([Type.Object({ law: Type.String(), article: Type.String(), title: Type.String() }), Type.Null()]),
  endUserReference: Type.String({ description: '经办人的化名编号（非姓名）/ a pseudonymous reference to the staff member' }),
});

export const UsagePageSchema = Type.Object({
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.String(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  entries: Type.Array(UsageEntrySchema),
  hasMore: Type.Boolean(),
});

export const SubjectNoticeSchema = Type.Object({
  id: Type.String(),
  recordedAt: Type.String(),
  department: Named,
  resourceCode: Type.String(),
  purposeCode: Type.String(),
  itemNames: Type.Array(Type.String()),
  notice: Type.Union([
    Type.Object({ kind: Type.Literal('plan'), channel: Type.String(), content: Type.String(), retention: Type.String(), contact: Type.String() }),
    Type.Object({ kind: Type.Literal('exemption'), ground: Type.String() }),
  ]),
});

export const SubjectConsentSchema = Type.Object({
  id: Type.String(),
  consumerOrgId: Type.String(),
  department: Type.Optional(Type.String()),
  purposeCode: Type.String(),
  resourceCode: Type.Union([Type.String(), Type.Null()]),
  givenAt: Type.String(),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const CitizenConsentParams = Type.Object({ id: Id });

export const HoldBackInputSchema = Type.Object(
  {
    grantId: Id,
    caseNumber: Text(64),
    reason: Text(500),
    coversFrom: Type.Optional(Instant),
    endsAt: Instant,
  },
  { additionalProperties: false },
);

export const HoldBackLiftSchema = Type.Object({ reason: Text(500) }, { additionalProperties: false });

export const HoldBackSchema = Type.Object({
  id: Type.String(),
  grantId: Type.String(),
  supervisorOrgId: Type.String(),
  createdBy: Type.String(),
  caseNumber: Type.String(),
  reason: Type.String(),
  coversFrom: Type.String(),
  endsAt: Type.String(),
  liftedAt: Type.Union([Type.String(), Type.Null()]),
  liftedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const HoldBackListQuerySchema = Type.Object({ limit: Limit, cursor: Cursor }, { additionalProperties: false });
export const HoldBackParams = Type.Object({ id: Id });
