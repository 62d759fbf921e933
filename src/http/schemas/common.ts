import { Type, type TEnum } from 'typebox';

/** A string enum schema from one of core's readonly value lists, keeping the literal types. */
export function literals<const Values extends readonly string[]>(values: Values, options: { description?: string } = {}): TEnum<[...Values]> {
  return Type.Enum([...values], options) as unknown as TEnum<[...Values]>;
}

export const FieldErrorSchema = Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() });

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: '稳定的错误代码 / stable error code' }),
    message: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(Type.Object({ errors: Type.Optional(Type.Array(FieldErrorSchema)) }, { additionalProperties: true })),
  },
  { $id: 'Error' },
);

/** Every route answers errors in the same shape; listed so OpenAPI shows them and serialisation is fixed. */
export const ERROR_RESPONSES = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
  500: ErrorSchema,
} as const;

/** The routes that take no token answer 429 too: they are rate-limited per source address. */
export const PUBLIC_ERROR_RESPONSES = { ...ERROR_RESPONSES, 429: ErrorSchema } as const;

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Instant = Type.String({ format: 'date-time' });
/** Cursors are the id of the last entry seen: anything else is refused, not read as page one. */
export const Cursor = Type.Optional(Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }));
export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
export const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
