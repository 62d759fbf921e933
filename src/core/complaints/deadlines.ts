import { addWorkingDays, workingDaysBetween, type WorkingCalendar } from '../calendar/index.ts';
import { ACKNOWLEDGE_WORKING_DAYS, ANSWER_WORKING_DAYS, type Complaint } from './complaint.ts';

export interface ComplaintDeadlines {
  acknowledgeBy: Date;
  answerBy: Date;
}

/** Both limits, counted from the day after receipt on the region's calendar; the last millisecond of the day is in time. */
export function complaintDeadlines(filedAt: Date, calendar: WorkingCalendar): ComplaintDeadlines {
  return { acknowledgeBy: addWorkingDays(filedAt, ACKNOWLEDGE_WORKING_DAYS, calendar), answerBy: addWorkingDays(filedAt, ANSWER_WORKING_DAYS, calendar) };
}

/** Working days `at` is past an inclusive `deadline`; 0 when in time. */
export function workingDaysOverdue(deadline: Date, at: Date, calendar: WorkingCalendar): number {
  return at.getTime() <= deadline.getTime() ? 0 : workingDaysBetween(deadline, at, calendar);
}

/** Where a complaint stands against its two limits at `now`: what the supervisor's overdue list shows. */
export interface ComplaintStanding {
  /** Not acknowledged, and the acknowledgement limit has passed. */
  acknowledgementOverdue: boolean;
  /** Not answered, and the answer limit has passed. */
  answerOverdue: boolean;
  /** Working days the pending step is late by at `now`, or the last step was late by when taken; 0 when in time. */
  overdueWorkingDays: number;
}

export function complaintStanding(complaint: Pick<Complaint, 'status' | 'acknowledgeBy' | 'answerBy' | 'acknowledgeOverdueDays' | 'answerOverdueDays'>, now: Date, calendar: WorkingCalendar): ComplaintStanding {
  const acknowledgementOverdue = complaint.status === 'received' && now.getTime() > Date.parse(complaint.acknowledgeBy);
  const answerOverdue = complaint.status !== 'answered' && now.getTime() > Date.parse(complaint.answerBy);
  let overdueWorkingDays: number;
  if (complaint.status === 'answered') overdueWorkingDays = complaint.answerOverdueDays ?? 0;
  else if (answerOverdue) overdueWorkingDays = workingDaysOverdue(new Date(complaint.answerBy), now, calendar);
  else if (acknowledgementOverdue) overdueWorkingDays = workingDaysOverdue(new Date(complaint.acknowledgeBy), now, calendar);
  else overdueWorkingDays = 0;
  return { acknowledgementOverdue, answerOverdue, overdueWorkingDays };
}
