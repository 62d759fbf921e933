import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from '../calendar/index.ts';
import { ACKNOWLEDGE_WORKING_DAYS, type BulletinRecipient } from './bulletin.ts';

/** Where one department stands with a bulletin at a given moment: what tracking shows. */
export interface RecipientStanding {
  acknowledged: boolean;
  /** Acknowledged after the deadline: allowed, and marked. */
  late: boolean;
  /** Not acknowledged, and the deadline has passed. */
  overdue: boolean;
  /** Working days past the deadline: at acknowledgement if acknowledged, else until now; 0 when in time. */
  overdueWorkingDays: number;
}

export const RECIPIENT_STATES = ['unacknowledged', 'overdue', 'acknowledged', 'late'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** The deadline to acknowledge a bulletin published at `publishedAt`, in the region's working-day calendar. */
export function acknowledgeDeadline(publishedAt: Date, calendar: WorkingCalendar): Date {
  return addWorkingDays(publishedAt, ACKNOWLEDGE_WORKING_DAYS, calendar);
}

/**
 * Working days by which `at` is past `deadline`; 0 when in time. The deadline is inclusive: an
 * acknowledgement at its last millisecond is in time.
 */
export function workingDaysLate(deadline: Date, at: Date, calendar: WorkingCalendar): number {
  return at.getTime() <= deadline.getTime() ? 0 : workingDaysBetween(deadline, at, calendar);
}

/**
 * A recipient's standing at `now`. An acknowledgement keeps the lateness counted when it was
 * made, so a calendar changed afterwards does not rewrite the record.
 */
export function recipientStanding(recipient: Pick<BulletinRecipient, 'acknowledgedAt' | 'overdueWorkingDays'>, acknowledgeBy: string, now: Date, calendar: WorkingCalendar): RecipientStanding {
  const deadline = new Date(acknowledgeBy);
  if (recipient.acknowledgedAt !== null) {
    const late = Date.parse(recipient.acknowledgedAt) > deadline.getTime();
    return { acknowledged: true, late, overdue: false, overdueWorkingDays: recipient.overdueWorkingDays ?? workingDaysLate(deadline, new Date(recipient.acknowledgedAt), calendar) };
  }
  const overdue = now.getTime() > deadline.getTime();
  return { acknowledged: false, late: false, overdue, overdueWorkingDays: overdue ? workingDaysBetween(deadline, now, calendar) : 0 };
}

/** Whether a standing falls under a tracking filter. */
export function inState(standing: RecipientStanding, state: RecipientState): boolean {
  switch (state) {
    case 'unacknowledged':
      return !standing.acknowledged;
    case 'overdue':
      return standing.overdue;
    case 'acknowledged':
      return standing.acknowledged;
    case 'late':
      return standing.late;
  }
}
