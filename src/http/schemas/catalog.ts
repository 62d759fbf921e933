import { Type } from 'typebox';
import { GRADES } from '../../core/catalog/grade.ts';
import {
  DATA_TYPES,
  OPEN_TYPES,
  PI_CLASSES,
  RESOURCE_FORMATS,
  RESOURCE_STATUSES,
  SENSITIVE_CATEGORIES,
  SHARING_METHODS,
  SHARING_TYPES,
  UPDATE_CYCLES,
} from '../../core/catalog/resource.ts';
import { MASK_NAMES } from '../../core/masking/index.ts';
import { Cursor, Id, literals, Text } from './common.ts';

const Code = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$', description: '资源代码 / resource code' });

export const ItemSchema = Type.Object(
  {
    name: Text(100),
    code: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }),
    dataType: literals(DATA_TYPES),
    piClass: literals(PI_CLASSES),
    sensitiveCategory: Type.Union([literals(SENSITIVE_CATEGORIES), Type.Null()]),
    grade: literals(GRADES),
    mask: literals(MASK_NAMES),
    subjectKey: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ConditionSchema = Type.Object(
  { text: Text(500), legalBasisIds: Type.Array(Id, { maxItems: 20 }), policy: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]) },
  { additionalProperties: false },
);

export const SharingSchema = Type.Object(
  {
    type: literals(SHARING_TYPES),
    conditions: Type.Array(ConditionSchema, { maxItems: 20 }),
    methods: Type.Array(literals(SHARING_METHODS), { maxItems: 3, uniqueItems: true }),
    legalBasisIds: Type.Array(Id, { maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const DraftSchema = Type.Object(
  {
    code: Code,
    classificationCode: Type.String({ minLength: 1, maxLength: 32, description: '分类代码 / classification code' }),
    name: Text(200),
    summary: Type.String({ maxLength: 2000 }),
    format: literals(RESOURCE_FORMATS),
    items: Type.Array(ItemSchema, { maxItems: 500 }),
    sharing: SharingSchema,
    openType: literals(OPEN_TYPES),
    updateCycle: literals(UPDATE_CYCLES),
    relatedCodes: Type.Array(Code, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const UpdateSchema = Type.Object(
  { ...DraftSchema.properties, gradeChangeReason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const ResourceSchema = Type.Object({
  ...DraftSchema.properties,
  id: Type.String(),
  providerOrgId: Type.String(),
  status: literals(RESOURCE_STATUSES),
  version: Type.Integer(),
  grade: literals(GRADES),
  piClass: literals(PI_CLASSES),
  gradeFloors: Type.Record(Type.String(), literals(GRADES)),
  publishDate: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const VersionSchema = Type.Object({
  version: Type.Integer(),
  status: literals(RESOURCE_STATUSES),
  resource: ResourceSchema,
  changedBy: Type.String(),
  changedAt: Type.String(),
  note: Type.String(),
});

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: '名称与摘要全文检索 / full-text over name and summary' })),
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '提供部门的机构 id（见 GET /organisations）/ the provider organisation’s id' })),
    sharingType: Type.Optional(literals(SHARING_TYPES)),
    grade: Type.Optional(literals(GRADES)),
    piClass: Type.Optional(literals(PI_CLASSES)),
    status: Type.Optional(literals(RESOURCE_STATUSES)),
    cursor: Cursor,
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export const RegradeSchema = Type.Object(
  { grades: Type.Record(Type.String({ maxLength: 64 }), literals(GRADES), { minProperties: 1, maxProperties: 500 }), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const SuggestInputSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({ name: Text(100), samples: Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export const SuggestionSchema = Type.Object({
  piClass: literals(PI_CLASSES),
  sensitiveCategory: Type.Union([literals(SENSITIVE_CATEGORIES), Type.Null()]),
  grade: literals(GRADES),
  mask: literals(MASK_NAMES),
  subjectKey: Type.Boolean(),
  reasons: Type.Array(Type.String()),
});
