import { addWorkingDays, type WorkingCalendar } from '../calendar/index.ts';
import type { Severity } from '../detection/finding.ts';

/**
 * How long the supervision authority has to act on an alert (issue #7 §3): critical 1 hour and
 * high 4 hours, round the clock, because a leak in progress does not wait for Monday; medium
 * 1 working day and low 5 working days, on the region's calendar.
 */
export type AlertDeadlines = Record<Severity, { hours: number } | { workingDays: number }>;

export const DEFAULT_ALERT_DEADLINES: AlertDeadlines = {
  critical: { hours: 1 },
  high: { hours: 4 },
  medium: { workingDays: 1 },
  low: { workingDays: 5 },
};

export function alertDeadline(severity: Severity, raisedAt: Date, calendar: WorkingCalendar, deadlines: AlertDeadlines = DEFAULT_ALERT_DEADLINES): Date {
  const limit = deadlines[severity];
  if ('hours' in limit) return new Date(raisedAt.getTime() + limit.hours * 3_600_000);
  return addWorkingDays(raisedAt, limit.workingDays, calendar);
}

/** Containment applied by a rule stands until a person confirms or lifts it, within this long (issue #7 §4). */
export const CONTAINMENT_CONFIRM_HOURS = 4;
