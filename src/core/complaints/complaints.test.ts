import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../calendar/index.ts';
import { checkComplaintDraft, checkReward, checkTriage } from './check-complaint.ts';
import type { ComplaintDraft } from './complaint.ts';
import { complaintDeadlines, complaintStanding } from './deadlines.ts';
import { remediesFor } from './remedies.ts';
import { normaliseQueryCode, queryCodeFrom, trackingNumber } from './tracking-number.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('complaint deadlines', () => {
  it('counts 1 and 15 working days from the day after receipt, over the National Day holiday and its make-up Saturday', () => {
    // Filed Wednesday 30 September 2026; 1–7 October are holidays, Saturday 10 October is worked.
    const { acknowledgeBy, answerBy } = complaintDeadlines(shanghai('2026-09-30T10:00:00'), DEFAULT_CALENDAR);
    expect(acknowledgeBy.toISOString()).toBe(shanghai('2026-10-08T23:59:59.999').toISOString());
    expect(answerBy.toISOString()).toBe(shanghai('2026-10-27T23:59:59.999').toISOString());
  });

  it('does not count the day of receipt even when filed at one minute past midnight on a working day', () => {
    const { acknowledgeBy } = complaintDeadlines(shanghai('2026-11-27T00:01:00'), DEFAULT_CALENDAR);
    expect(acknowledgeBy.toISOString()).toBe(shanghai('2026-11-30T23:59:59.999').toISOString());
  });

  it('marks the pending step overdue by working days, and keeps the lateness counted when answered', () => {
    const filed = { acknowledgeBy: shanghai('2026-11-30T23:59:59.999').toISOString(), answerBy: shanghai('2026-12-18T23:59:59.999').toISOString(), acknowledgeOverdueDays: null, answerOverdueDays: null };
    expect(complaintStanding({ ...filed, status: 'received' }, shanghai('2026-11-30T23:59:59.999'), DEFAULT_CALENDAR)).toEqual({ acknowledgementOverdue: false, answerOverdue: false, overdueWorkingDays: 0 });
    // Saturday 5 December: Tuesday to Friday are four working days late.
    expect(complaintStanding({ ...filed, status: 'received' }, shanghai('2026-12-05T09:00:00'), DEFAULT_CALENDAR)).toEqual({ acknowledgementOverdue: true, answerOverdue: false, overdueWorkingDays: 4 });
    expect(complaintStanding({ ...filed, status: 'acknowledged' }, shanghai('2026-12-22T09:00:00'), DEFAULT_CALENDAR)).toEqual({ acknowledgementOverdue: false, answerOverdue: true, overdueWorkingDays: 2 });
    expect(complaintStanding({ ...filed, status: 'answered', answerOverdueDays: 3 }, shanghai('2027-03-01T09:00:00'), DEFAULT_CALENDAR)).toEqual({ acknowledgementOverdue: false, answerOverdue: false, overdueWorkingDays: 3 });
  });
});

describe('tracking numbers and query codes', () => {
  it('formats numbers with the year and a zero-padded serial', () => {
    expect(trackingNumber(2026, 123)).toBe('TS-2026-000123');
    expect(trackingNumber(2027, 1_234_567)).toBe('TS-2027-1234567');
  });

  it('draws each of 12 symbols from 5 bits of one byte, grouped by four', () => {
    const code = queryCodeFrom(Uint8Array.from([0, 1, 31, 32, 63, 255, 10, 17, 18, 21, 26, 27]));
    // 32 and 0 share their low five bits; 21 is N (Crockford skips I, L, O and U).
    expect(code).toBe('01Z0-ZZAH-JNTV');
    expect(() => queryCodeFrom(new Uint8Array(11))).toThrow(RangeError);
  });

  it('reads a code as typed: any case, with or without separators, O as 0 and I or L as 1', () => {
    expect(normaliseQueryCode('01zz-zzah-jmtv')).toBe('01ZZZZAHJMTV');
    expect(normaliseQueryCode('o1ZZ ZZAH JMTV')).toBe('01ZZZZAHJMTV');
    expect(normaliseQueryCode('0lZZZZAHJMTV')).toBe('01ZZZZAHJMTV');
    expect(normaliseQueryCode('01ZZZZAHJMT')).toBeUndefined();
    expect(normaliseQueryCode('01ZZZZAHJMTU')).toBeUndefined();
  });
});

describe('complaint rules', () => {
  const draft: ComplaintDraft = { regionCode: '331199', kind: 'complaint', category: 'leak', summary: '个人信息被泄露', details: '我的身份证号 11010519491231002X 被人用于注册', departmentId: null, contact: null };

  it('accepts personal data in the text: a complaint about one’s own data has to say whose it is', () => {
    expect(checkComplaintDraft(draft, true, undefined)).toEqual([]);
  });

  it('refuses an unknown region, blank text and a department of another region or kind', () => {
    expect(checkComplaintDraft({ ...draft, summary: '  ' }, false, undefined).map((error) => error.code)).toEqual(['COMPLAINT_REGION_UNKNOWN', 'COMPLAINT_TEXT_REQUIRED']);
    expect(checkComplaintDraft({ ...draft, departmentId: 'x' }, true, undefined).map((error) => error.code)).toEqual(['COMPLAINT_DEPARTMENT_UNKNOWN']);
    expect(checkComplaintDraft({ ...draft, departmentId: 'x' }, true, { kind: 'department', regionCode: '330100' }).map((error) => error.code)).toEqual(['COMPLAINT_DEPARTMENT_OUTSIDE_REGION']);
    expect(checkComplaintDraft({ ...draft, departmentId: 'x' }, true, { kind: 'contractor', regionCode: '331199' }).map((error) => error.code)).toEqual(['COMPLAINT_DEPARTMENT_NOT_DEPARTMENT']);
  });

  it('asks a reason for routing away from the named department, and an amount only for a reward granted', () => {
    expect(checkTriage(true, null).map((error) => error.code)).toEqual(['COMPLAINT_REROUTE_REASON_REQUIRED']);
    expect(checkTriage(false, null)).toEqual([]);
    expect(checkReward('granted', 0, '属实').map((error) => error.code)).toEqual(['REWARD_AMOUNT_REQUIRED']);
    expect(checkReward('declined', 100, '属实').map((error) => error.code)).toEqual(['REWARD_AMOUNT_UNEXPECTED']);
    expect(checkReward('granted', 2.5, '属实').map((error) => error.code)).toEqual(['REWARD_AMOUNT_INVALID']);
    expect(checkReward('granted', 500, '线索属实')).toEqual([]);
  });
});

describe('remedies', () => {
  it('names the department, the supervision authority and the people’s court, citing PIPL Art. 50', () => {
    const remedies = remediesFor('云溪县大数据局', '云溪县民政局');
    expect(remedies.map((remedy) => remedy.route)).toEqual(['department', 'supervision_authority', 'peoples_court']);
    expect(remedies[0]!.body).toBe('云溪县民政局');
    expect(remedies[1]!.body).toBe('云溪县大数据局');
    expect(remedies[2]!.basis).toContain('第五十条');
    expect(remediesFor('云溪县大数据局', null).map((remedy) => remedy.route)).toEqual(['supervision_authority', 'peoples_court']);
  });
});
