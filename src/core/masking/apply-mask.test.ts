import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { applyMask, maskValue } from './apply-mask.ts';
import { MASK_NAMES } from './mask-names.ts';

const consumerHash = (value: string) => createHmac('sha256', 'consumer key').update(value).digest('hex');
const keys = { keyedHash: consumerHash };

describe('applyMask', () => {
  it('name keeps the first character of 1- to 4-character names', () => {
    expect(applyMask('name', '张')).toBe('*');
    expect(applyMask('name', '张三')).toBe('张*');
    expect(applyMask('name', '张三丰')).toBe('张**');
    expect(applyMask('name', '欧阳娜娜')).toBe('欧***');
    expect(applyMask('name', '𠮷田')).toBe('𠮷*');
    expect(applyMask('name', '阿卜杜·热合曼')).toBe('阿******');
  });

  it('resident_id keeps the first 6 and last 4, 18 characters out', () => {
    expect(applyMask('resident_id', '11010519491231002x')).toBe('110105********002X');
    // The 15-digit form is upgraded first, so the same person always displays the same way.
    expect(applyMask('resident_id', '110105491231002')).toBe('110105********002X');
    expect(applyMask('resident_id', '１１０１０５１９４９１２３１００２Ｘ')).toHaveLength(18);
  });

  it('mobile, bank_card and uscc keep their ends after normalising', () => {
    expect(applyMask('mobile', '+86 138-5678-5678')).toBe('138****5678');
    expect(applyMask('bank_card', '6222 0212 3456 7890 123')).toBe('***************0123');
    expect(applyMask('uscc', '91440300708461136t')).toBe('91440300********6T');
  });

  it('masks too-short identifier values entirely', () => {
    expect(applyMask('resident_id', '1101')).toBe('****');
    expect(applyMask('mobile', '138')).toBe('***');
  });

  it('address, email and birth_date delegate to their operators', () => {
    expect(applyMask('address', '北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
    expect(applyMask('email', 'zhangsan@example.gov.cn')).toBe('z***@example.gov.cn');
    expect(applyMask('birth_date', '1949-12-31')).toBe('1949-**-**');
  });

  it('redact is fixed and none is the identity', () => {
    expect(applyMask('redact', '欧阳娜娜')).toBe('***');
    expect(applyMask('none', '欧阳娜娜😀')).toBe('欧阳娜娜😀');
  });

  it('keeps empty values empty except under redact, keyed_hash and null', () => {
    for (const name of MASK_NAMES) {
      const expected = name === 'redact' ? '***' : name === 'keyed_hash' ? consumerHash('') : name === 'null' ? null : '';
      expect(maskValue(name, '', keys)).toBe(expected);
    }
  });

  it('never leaves half a surrogate pair', () => {
    for (const name of MASK_NAMES) {
      const masked = maskValue(name, '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀@😀.cn', keys) ?? '';
      expect(masked.isWellFormed()).toBe(true);
    }
  });

  it('keyed_hash uses the consumer key it is given, and refuses without one', () => {
    const other = (value: string) => createHmac('sha256', 'another consumer').update(value).digest('hex');
    expect(maskValue('keyed_hash', '张三', keys)).toBe(consumerHash('张三'));
    expect(maskValue('keyed_hash', '张三', { keyedHash: other })).not.toBe(consumerHash('张三'));
    expect(() => applyMask('keyed_hash', '张三')).toThrow(expect.objectContaining({ code: 'MASK_KEY_MISSING' }));
  });

  it('region_code keeps the prefecture of a division code; null withholds the value', () => {
    expect(maskValue('region_code', '331199')).toBe('331100');
    expect(maskValue('region_code', '３３１１９９')).toBe('331100');
    expect(maskValue('region_code', '云溪县')).toBe('***');
    expect(maskValue('null', '张三')).toBeNull();
    // In documents a withheld value still has to print as something.
    expect(applyMask('null', '张三')).toBe('***');
  });
});
