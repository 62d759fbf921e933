import type { FieldError } from '../shared/domain-error.ts';

/**
 * An investigation hold-back (暂缓告知): accesses under one grant from `coversFrom` on stay hidden
 * from the data subjects until `endsAt`, or until a supervisor lifts it earlier. PIPL Art. 35
 * lets a state organ withhold notice where notice would impede its statutory duties (Art. 18(1)),
 * but only for as long as that holds: so every hold-back carries an end, and the access is shown
 * once it passes.
 */
export interface HoldBack {
  id: string;
  grantId: string;
  supervisorOrgId: string;
  createdBy: string;
  /** The investigation's case or document number. */
  caseNumber: string;
  reason: string;
  coversFrom: string;
  endsAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
  createdAt: string;
}

/** A hold-back is fixed for at most a year; a longer investigation registers a new one, on record. */
export const HOLD_BACK_MAX_DAYS = 366;
const DAY = 24 * 60 * 60 * 1000;

export interface HoldBackWindow {
  coversFrom: Date;
  endsAt: Date;
}

/** The rules on a new hold-back's window: it covers no future start, ends in the future, and within the maximum. */
export function holdBackWindowErrors(window: HoldBackWindow, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (window.coversFrom > now) errors.push({ path: '/coversFrom', code: 'HOLD_BACK_START_IN_FUTURE', message: '暂缓起点不能晚于当前时间 / a hold-back cannot start in the future' });
  if (window.endsAt <= now) errors.push({ path: '/endsAt', code: 'HOLD_BACK_END_IN_PAST', message: '暂缓截止时间须晚于当前时间 / a hold-back must end in the future' });
  else if (window.endsAt.getTime() - now.getTime() > HOLD_BACK_MAX_DAYS * DAY) {
    errors.push({ path: '/endsAt', code: 'HOLD_BACK_TOO_LONG', message: `暂缓期限不得超过 ${HOLD_BACK_MAX_DAYS} 天 / a hold-back may last at most ${HOLD_BACK_MAX_DAYS} days` });
  }
  return errors;
}

/** When a hold-back stops hiding anything: its end, or its lifting if earlier. */
export function holdBackEnd(holdBack: Pick<HoldBack, 'endsAt' | 'liftedAt'>): string {
  return holdBack.liftedAt !== null && holdBack.liftedAt < holdBack.endsAt ? holdBack.liftedAt : holdBack.endsAt;
}
