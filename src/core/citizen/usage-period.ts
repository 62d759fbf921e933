import type { FieldError } from '../shared/domain-error.ts';

/**
 * The period of a findUsage query (Estonia's Data Tracker): from and to, both optional. A
 * missing end means now; a missing start means the beginning of the record.
 */
export interface UsagePeriod {
  from: string | null;
  to: string;
}

export function usagePeriodOf(from: string | undefined, to: string | undefined, now: Date, errors: FieldError[]): UsagePeriod | null {
  const start = from === undefined ? null : new Date(from);
  const end = to === undefined ? now : new Date(to);
  if (start && Number.isNaN(start.getTime())) errors.push({ path: '/from', code: 'INSTANT_INVALID', message: '须为带时区的 ISO 8601 时间 / must be an ISO 8601 instant' });
  if (Number.isNaN(end.getTime())) errors.push({ path: '/to', code: 'INSTANT_INVALID', message: '须为带时区的 ISO 8601 时间 / must be an ISO 8601 instant' });
  if (errors.length > 0) return null;
  if (start && start > end) {
    errors.push({ path: '/from', code: 'PERIOD_REVERSED', message: '起始时间不能晚于截止时间 / from must not be after to' });
    return null;
  }
  // Nothing after now exists yet; capping also keeps a far-future `to` from meaning anything.
  const capped = end > now ? now : end;
  return { from: start ? start.toISOString() : null, to: capped.toISOString() };
}
