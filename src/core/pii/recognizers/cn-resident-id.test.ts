import { describe, expect, it } from 'vitest';
import { findResidentIds } from './cn-resident-id.ts';

/*
 * Known answers (see ../resident-id.test.ts for the hand-worked check characters):
 *   11010519491231002X  the example printed in GB 11643-1999
 *   110105491231002     its 15-digit first-generation form
 *   110105194912310021  same body, wrong check character (should be X)
 *   11010119990230001X  correct check character, but 30 February
 *   990101199003070015  correct check character, but no province 99
 */
const STANDARD_EXAMPLE = '11010519491231002X';

function values(text: string): string[] {
  return findResidentIds(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findResidentIds', () => {
  it('finds an ID right next to Chinese text and punctuation', () => {
    const text = `身份证号${STANDARD_EXAMPLE}。`;
    expect(findResidentIds(text)).toEqual([{ type: 'cn_resident_id', start: 4, end: 22, confidence: 0.99 }]);
  });

  it('finds a lowercase x, full-width digits and the 15-digit form (with less confidence)', () => {
    expect(values('证件：11010519491231002x')).toEqual(['11010519491231002x']);
    expect(values('证件：１１０１０５１９４９１２３１００２Ｘ，')).toEqual(['１１０１０５１９４９１２３１００２Ｘ']);
    const old = findResidentIds('老证110105491231002号');
    expect(old).toHaveLength(1);
    expect(old[0]?.confidence).toBeLessThan(0.99);
  });

  it('rejects a wrong check character, an impossible date and an unknown province', () => {
    expect(values('110105194912310021')).toEqual([]);
    expect(values('11010119990230001X')).toEqual([]);
    expect(values('990101199003070015')).toEqual([]);
  });

  it('rejects 18-digit order numbers, timestamps and amounts', () => {
    expect(values('订单号202403151234567890，时间戳1700000000000，金额¥1,380,013.80')).toEqual([]);
  });

  it('never reports an ID inside a longer run of digits or letters', () => {
    expect(values(`00${STANDARD_EXAMPLE}`)).toEqual([]);
    expect(values(`${STANDARD_EXAMPLE}5`)).toEqual([]);
    expect(values(`ID${STANDARD_EXAMPLE}`)).toEqual([]);
    expect(values(`${STANDARD_EXAMPLE}a`)).toEqual([]);
    expect(values('1101054912310025')).toEqual([]);
  });

  it('ignores masked IDs', () => {
    expect(values('110105********0021 110105********002X 1101051949****002X')).toEqual([]);
  });

  it('does not take a 15-digit reference number after its label for a first-generation ID', () => {
    expect(values('注册号：110105491231002')).toEqual([]);
  });
});
