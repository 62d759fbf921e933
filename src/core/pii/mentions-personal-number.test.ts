import { describe, expect, it } from 'vitest';
import { mentionsPersonalNumber, personalNumberErrors } from './mentions-personal-number.ts';

/** GB 11643's own worked example, with its check character X. */
const RESIDENT_ID = '11010519491231002X';

describe('mentionsPersonalNumber', () => {
  it.each([
    [`申请人${RESIDENT_ID}不符合条件`, true],
    ['身份证 110105 19491231 002x', true],
    ['１１０１０５１９４９１２３１００２Ｘ', true],
    ['联系 138 0013 8000', true],
    ['+86 138-0013-8000', true],
    ['按民政发〔2026〕12号文件办理', false],
    ['联系电话 0571-12345678', false],
    // A long reference number holds an 11-digit window starting 13, which is not a mobile number.
    ['案卷号 2026133800138000123', false],
    ['11010519491231002', false],
  ])('%s → %s', (text, expected) => {
    expect(mentionsPersonalNumber(text)).toBe(expected);
  });

  it('finds a given subject identifier however it is spaced', () => {
    expect(mentionsPersonalNumber('主体 9133 0100 MA2X', '91330100MA2X')).toBe(true);
  });
});

describe('personalNumberErrors', () => {
  it('names each field holding one, and skips empty ones', () => {
    expect(personalNumberErrors([['/reason', `涉及 ${RESIDENT_ID}`], ['/purposeText', '低保核对'], ['/description', null]])).toEqual([
      expect.objectContaining({ path: '/reason', code: 'TEXT_HAS_PERSONAL_DATA' }),
    ]);
  });
});
