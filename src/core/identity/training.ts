/**
 * Training is checked at the moment of each action that needs it (DESIGN §4): approving,
 * supervising, operating, or being named as the end user of a gateway call. 《数据安全法》
 * Art. 27 requires data-security training; an expired record blocks the action.
 */
export const TRAINED_ACTIONS = ['approve', 'supervise', 'operate', 'use_data'] as const;
export type TrainedAction = (typeof TRAINED_ACTIONS)[number];

export const TRAINING_COURSES = ['data-security-basics', 'personal-information-protection', 'supervision-procedure', 'operations-security'] as const;
export type TrainingCourse = (typeof TRAINING_COURSES)[number];

/** Courses an action needs; each must have an unexpired record. */
export const REQUIRED_COURSES: Record<TrainedAction, readonly TrainingCourse[]> = {
  approve: ['data-security-basics', 'personal-information-protection'],
  supervise: ['data-security-basics', 'supervision-procedure'],
  operate: ['data-security-basics', 'operations-security'],
  use_data: ['data-security-basics'],
};

export interface TrainingRecord {
  course: string;
  passedAt: string;
  expiresAt: string;
}

export type TrainingCheck =
  | { ok: true }
  | { ok: false; code: 'TRAINING_MISSING' | 'TRAINING_EXPIRED'; course: TrainingCourse; expiredAt?: string; message: string };

export function checkTraining(records: readonly TrainingRecord[], action: TrainedAction, now: Date): TrainingCheck {
  const instant = now.toISOString();
  for (const course of REQUIRED_COURSES[action]) {
    const held = records.filter((record) => record.course === course && record.passedAt <= instant);
    if (held.length === 0) {
      return { ok: false, code: 'TRAINING_MISSING', course, message: `缺少培训记录：${course} / no training record for ${course}` };
    }
    const latest = held.reduce((best, record) => (record.expiresAt > best.expiresAt ? record : best));
    if (latest.expiresAt <= instant) {
      return {
        ok: false,
        code: 'TRAINING_EXPIRED',
        course,
        expiredAt: latest.expiresAt,
        message: `培训已于 ${latest.expiresAt.slice(0, 10)} 过期：${course} / training ${course} expired on ${latest.expiresAt.slice(0, 10)}`,
      };
    }
  }
  return { ok: true };
}
