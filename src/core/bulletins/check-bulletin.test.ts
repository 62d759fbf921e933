import { describe, expect, it } from 'vitest';
import type { BulletinDraft } from './bulletin.ts';
import { checkAcknowledgement, checkBulletinDraft, MAX_ALERT_IDS, TEXT_MAX_LENGTH, type RecipientFacts } from './check-bulletin.ts';

const REGION = '331199';
const ORGANISATIONS = new Map<string, RecipientFacts>([
  ['police', { kind: 'department', regionCode: REGION }],
  ['civil', { kind: 'department', regionCode: REGION }],
  ['bureau', { kind: 'supervisor', regionCode: REGION }],
  ['contractor', { kind: 'contractor', regionCode: REGION }],
  ['elsewhere', { kind: 'department', regionCode: '331102' }],
]);

function draft(changes: Partial<BulletinDraft> = {}): BulletinDraft {
  return { title: '夜间批量查询预警', findings: '告警显示非工作时间批量查询。', measures: '核查账号并加强审批。', severity: 'high', recipients: ['police', 'civil'], alertIds: ['a-1'], ...changes };
}

function codes(changes: Partial<BulletinDraft>): string[] {
  return checkBulletinDraft(draft(changes), REGION, ORGANISATIONS).map((error) => `${error.path} ${error.code}`);
}

describe('checkBulletinDraft', () => {
  it('accepts a complete draft', () => {
    expect(checkBulletinDraft(draft(), REGION, ORGANISATIONS)).toEqual([]);
  });

  it('names every bad field at once', () => {
    expect(codes({ title: '  ', findings: 'x'.repeat(TEXT_MAX_LENGTH + 1), measures: '' })).toEqual(['/title BULLETIN_TEXT_REQUIRED', '/findings BULLETIN_TEXT_TOO_LONG', '/measures BULLETIN_TEXT_REQUIRED']);
  });

  it('addresses only existing departments of the region, each once', () => {
    expect(codes({ recipients: [] })).toEqual(['/recipients BULLETIN_RECIPIENTS_REQUIRED']);
    expect(codes({ recipients: ['police', 'missing', 'elsewhere', 'bureau', 'contractor', 'police'] })).toEqual([
      '/recipients/1 BULLETIN_RECIPIENT_UNKNOWN',
      '/recipients/2 BULLETIN_RECIPIENT_OUTSIDE_REGION',
      '/recipients/3 BULLETIN_RECIPIENT_NOT_DEPARTMENT',
      '/recipients/4 BULLETIN_RECIPIENT_NOT_DEPARTMENT',
      '/recipients/5 BULLETIN_RECIPIENT_DUPLICATE',
    ]);
  });

  it('refers to alerts by well-formed ids, each once, up to a limit', () => {
    expect(codes({ alertIds: ['a-1', 'a-1', 'no spaces'] })).toEqual(['/alertIds/1 BULLETIN_ALERT_ID_DUPLICATE', '/alertIds/2 BULLETIN_ALERT_ID_INVALID']);
    expect(codes({ alertIds: Array.from({ length: MAX_ALERT_IDS + 1 }, (_, index) => `a-${index}`) })).toEqual(['/alertIds BULLETIN_ALERTS_TOO_MANY']);
  });

  it('refuses resident IDs and mobile numbers in the text', () => {
    // GB 11643-1999's own example number, and a reserved-looking mobile number.
    expect(codes({ findings: '涉及 11010519491231002X 的查询', measures: '联系 138 0013 8000' })).toEqual(['/findings TEXT_HAS_PERSONAL_DATA', '/measures TEXT_HAS_PERSONAL_DATA']);
  });
});

describe('checkAcknowledgement', () => {
  it('accepts no response or a plain one, refuses personal numbers and overlong text', () => {
    expect(checkAcknowledgement(null)).toEqual([]);
    expect(checkAcknowledgement('已停用相关账号，整改完毕。')).toEqual([]);
    expect(checkAcknowledgement('已约谈 13800138000').map((error) => error.code)).toEqual(['TEXT_HAS_PERSONAL_DATA']);
    expect(checkAcknowledgement('x'.repeat(4001)).map((error) => error.code)).toEqual(['BULLETIN_TEXT_TOO_LONG']);
  });
});
