import { Type } from 'typebox';
import { ORGANISATION_KINDS, ROLES } from '../../core/identity/roles.ts';
import { LEGAL_BASIS_KINDS, PERSON_STATUSES } from '../../core/identity/person.ts';
import { REGION_LEVELS } from '../../core/region/region.ts';
import { CalendarDate, Id, Instant, literals, Text } from './common.ts';

export const RegionCode = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 六位行政区划代码' });

export const TimeLimitsSchema = Type.Object(
  {
    complianceCheck: Type.Integer({ minimum: 1, maximum: 60 }),
    providerReply: Type.Integer({ minimum: 1, maximum: 60 }),
    providerReplyUncataloged: Type.Integer({ minimum: 1, maximum: 60 }),
    supervisorReview: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    disputeCoordination: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    reviewGrace: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  },
  { additionalProperties: false },
);

export const RegionSettingsSchema = Type.Object(
  { timeLimits: TimeLimitsSchema, weekend: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7, uniqueItems: true }) },
  { additionalProperties: false },
);

export const RegionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: literals(REGION_LEVELS),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  supervisorOrgId: Type.Union([Type.String(), Type.Null()]),
  settings: RegionSettingsSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ScheduleSchema = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    source: Text(200),
    holidays: Type.Array(CalendarDate, { maxItems: 60 }),
    makeUpWorkdays: Type.Array(CalendarDate, { maxItems: 30 }),
  },
  { additionalProperties: false },
);

export const WorkingHoursSchema = Type.Object(
  {
    periods: Type.Array(Type.Object({ start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }), end: Type.String({ pattern: '^\\d{2}:\\d{2}$' }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 6,
    }),
  },
  { additionalProperties: false },
);

export const ContractSchema = Type.Object(
  { commissionedBy: Type.Array(Id, { maxItems: 100 }), start: Instant, end: Instant },
  { additionalProperties: false },
);

export const OrganisationInputSchema = Type.Object(
  {
    name: Text(200),
    uscc: Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码（GB 32100）' }),
    regionCode: RegionCode,
    kind: literals(ORGANISATION_KINDS),
    duties: Type.Optional(Type.Array(Text(64), { maxItems: 200 })),
    workingHours: Type.Optional(WorkingHoursSchema),
    contract: Type.Optional(Type.Union([ContractSchema, Type.Null()])),
  },
  { additionalProperties: false },
);

export const OrganisationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  regionCode: Type.String(),
  kind: literals(ORGANISATION_KINDS),
  duties: Type.Array(Type.String()),
  workingHours: WorkingHoursSchema,
  contract: Type.Union([ContractSchema, Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const TrainingSchema = Type.Object({ course: Text(64), passedAt: Instant, expiresAt: Instant }, { additionalProperties: false });

export const PersonInputSchema = Type.Object(
  {
    orgId: Id,
    login: Type.String({ minLength: 3, maxLength: 64 }),
    name: Text(100),
    roles: Type.Array(literals(ROLES), { maxItems: 7 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    training: Type.Optional(Type.Array(TrainingSchema, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const PersonSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  login: Type.String(),
  name: Type.String(),
  roles: Type.Array(literals(ROLES)),
  status: literals(PERSON_STATUSES),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const PersonDetailSchema = Type.Object({
  ...PersonSchema.properties,
  training: Type.Array(Type.Object({ id: Type.String(), course: Type.String(), passedAt: Type.String(), expiresAt: Type.String() })),
});

export const EnrolmentSchema = Type.Object({
  person: PersonSchema,
  password: Type.String({ description: '初始密码，仅显示一次 / initial password, shown once' }),
  totpSecret: Type.String({ description: 'TOTP 密钥（Base32），仅显示一次 / shown once' }),
  totpUri: Type.String(),
});

export const CredentialInputSchema = Type.Object(
  {
    orgId: Id,
    appId: Type.String({ minLength: 3, maxLength: 64 }),
    allowedIps: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 50 }),
    responsiblePersonId: Id,
    contractorOrgId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);

export const CredentialSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  appId: Type.String(),
  allowedIps: Type.Array(Type.String()),
  responsiblePersonId: Type.String(),
  contractorOrgId: Type.Union([Type.String(), Type.Null()]),
  status: literals(['active', 'suspended', 'revoked'] as const),
  createdAt: Type.String(),
});

export const LegalBasisInputSchema = Type.Object(
  { law: Text(100), article: Text(40), title: Text(200), kind: literals(LEGAL_BASIS_KINDS) },
  { additionalProperties: false },
);

export const LegalBasisSchema = Type.Object({ id: Type.String(), law: Type.String(), article: Type.String(), title: Type.String(), kind: literals(LEGAL_BASIS_KINDS) });
