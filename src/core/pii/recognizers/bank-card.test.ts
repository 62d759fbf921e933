import { describe, expect, it } from 'vitest';
import { findBankCards } from './bank-card.ts';

/*
 * Luhn-valid values (check digit worked right to left, doubling every second digit):
 *   6228480012345671       16 digits, UnionPay
 *   6217001234567890122    19 digits
 *   4111111111111111       the well-known Visa test number
 *   610000000000000006     18 digits, Luhn-valid, used as an order number below
 *   440305198504121049     a valid resident ID that also passes Luhn
 */
function values(text: string): string[] {
  return findBankCards(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findBankCards', () => {
  it('finds whole and grouped card numbers next to Chinese text', () => {
    expect(values('卡号6228480012345671。开户行：工商银行；6217 0012 3456 7890 122；4111-1111-1111-1111')).toEqual([
      '6228480012345671',
      '6217 0012 3456 7890 122',
      '4111-1111-1111-1111',
    ]);
  });

  it('is surer after a card label', () => {
    const [labelled, bare] = findBankCards('银行卡号：6228480012345671 另 6217001234567890122');
    expect(labelled?.confidence).toBeGreaterThan(bare?.confidence ?? 1);
  });

  it('rejects a failed Luhn check and numbers no card scheme issues', () => {
    expect(values('6228480012345672 2024031512345678903')).toEqual([]);
  });

  it('takes a valid resident ID for an ID, not a card', () => {
    expect(values('440305198504121049')).toEqual([]);
  });

  it('rejects Luhn-valid order numbers after their label or in their column', () => {
    expect(values('订单号：610000000000000006')).toEqual([]);
    expect(values('序号\t订单编号\t金额\n1\t610000000000000006\t100.00\n')).toEqual([]);
  });

  it('never reports a card inside a longer run or a longer grouped number', () => {
    expect(values('86228480012345671 62284800123456710000 6228 4800 1234 5671 2345')).toEqual([]);
  });

  it('rejects timestamps, amounts and masked numbers', () => {
    expect(values('1700000000000 ¥6228480012345671.00 6228 **** **** 5671 622848******5671')).toEqual([]);
  });

  it('rejects a grouping that is not four by four', () => {
    expect(values('6228 48001234 5671')).toEqual([]);
  });
});
