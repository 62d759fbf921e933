import { Type } from 'typebox';

const ITEM_CODE = { minLength: 1, maxLength: 64 } as const;
/** Filter and assertion values: short, as identifiers and field values are. */
const VALUE = Type.String({ minLength: 1, maxLength: 256 });
const SUBJECT = Type.String({ minLength: 15, maxLength: 40, description: '公民身份号码或统一社会信用代码，仅在请求体中传递 / resident ID or USCC, in the body only' });

export const ExchangeParams = Type.Object({ resourceCode: Type.String({ minLength: 1, maxLength: 64 }) });

export const QueryBodySchema = Type.Object(
  {
    subject: Type.Optional(SUBJECT),
    filters: Type.Optional(Type.Record(Type.String(ITEM_CODE), VALUE, { maxProperties: 8 })),
    items: Type.Optional(Type.Array(Type.String(ITEM_CODE), { minItems: 1, maxItems: 64, uniqueItems: true })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const ExportBodySchema = Type.Object(
  {
    filters: Type.Optional(Type.Record(Type.String(ITEM_CODE), VALUE, { maxProperties: 8 })),
    items: Type.Optional(Type.Array(Type.String(ITEM_CODE), { minItems: 1, maxItems: 64, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const VerifyBodySchema = Type.Object(
  {
    subject: SUBJECT,
    assert: Type.Record(Type.String(ITEM_CODE), VALUE, { minProperties: 1, maxProperties: 8 }),
  },
  { additionalProperties: false },
);

export const QueryAnswerSchema = Type.Object({
  records: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]))),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const VerifyAnswerSchema = Type.Object({ match: Type.Boolean() });

export const ExchangeErrorSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  requestId: Type.String(),
  details: Type.Optional(Type.Object({ errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() }))) }, { additionalProperties: true })),
});

export const EXCHANGE_ERRORS = {
  400: ExchangeErrorSchema,
  401: ExchangeErrorSchema,
  403: ExchangeErrorSchema,
  415: ExchangeErrorSchema,
  429: ExchangeErrorSchema,
  502: ExchangeErrorSchema,
  503: ExchangeErrorSchema,
} as const;
