import { DomainError } from './domain-error.ts';

/**
 * An RFC 3339 instant in its one stored form: UTC with milliseconds. Instants are compared as
 * text in storage, so `…T08:00:00+08:00` must become `…T00:00:00.000Z` before it is kept, or it
 * would expire eight hours late.
 */
export function utcInstant(value: string, path = '/'): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new DomainError('VALIDATION_FAILED', '时间格式无效 / not a valid date-time', { details: { errors: [{ path, code: 'INSTANT_INVALID', message: 'not a valid RFC 3339 date-time' }] } });
  }
  return new Date(time).toISOString();
}
