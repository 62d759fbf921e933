import { describe, expect, it } from 'vitest';
import { bankCardCheckDigit } from '../pii/index.ts';
import { suggestClassification } from './suggest-classification.ts';

describe('suggestClassification', () => {
  it('takes the name first and lets valid resident IDs confirm it', () => {
    const suggestion = suggestClassification({ name: '证件', samples: ['11010519491231002X', '110105491231002'] });
    expect(suggestion).toMatchObject({ piClass: 'sensitive', sensitiveCategory: 'specific_identity', grade: 'general-3', mask: 'resident_id', subjectKey: true });
    expect(suggestion.reasons.join(' ')).toContain('2 of 2 samples are recognised as cn_resident_id');
  });

  it('recognises emails, which the old identifier check did not know', () => {
    expect(suggestClassification({ name: '备注', samples: ['zhang.wei@163.com', 'lina88@qq.com', ''] })).toMatchObject({ piClass: 'personal', grade: 'general-2', mask: 'email' });
  });

  it('recognises landlines with their area code, and keeps hotlines out', () => {
    expect(suggestClassification({ name: '值班号码', samples: ['0571-87654321', '(010)12345678'] })).toMatchObject({ piClass: 'personal', mask: 'redact' });
    expect(suggestClassification({ name: '值班号码', samples: ['12345', '95588'] })).toMatchObject({ piClass: 'none' });
  });

  it('reads a sample after its item name, as a form would show it: names, passports and addresses', () => {
    expect(suggestClassification({ name: '户主', samples: ['张三', '欧阳娜娜'] })).toMatchObject({ piClass: 'personal', mask: 'name' });
    expect(suggestClassification({ name: '证照', samples: ['E12345678'] })).toMatchObject({ piClass: 'none' });
    expect(suggestClassification({ name: '护照号码', samples: ['E12345678', 'EA1234567'] })).toMatchObject({ piClass: 'sensitive', sensitiveCategory: 'specific_identity', mask: 'redact', subjectKey: true });
    expect(suggestClassification({ name: '现居住地', samples: ['浙江省杭州市西湖区文三路100号3幢201室'] })).toMatchObject({ piClass: 'personal', mask: 'address' });
  });

  it('does not take an order number for a bank card, nor a masked value for a value', () => {
    const body = `62${'1234567890123456'}`;
    const order = body + bankCardCheckDigit(body);
    expect(suggestClassification({ name: '卡号', samples: [order] })).toMatchObject({ piClass: 'sensitive', sensitiveCategory: 'financial_account', mask: 'bank_card' });
    expect(suggestClassification({ name: '订单号', samples: [order] })).toMatchObject({ piClass: 'none', mask: 'none' });
    const masked = suggestClassification({ name: '备注', samples: ['138****5678', '110105********002X'] });
    expect(masked).toMatchObject({ piClass: 'none' });
  });

  it('never lets samples lower what the name says', () => {
    expect(suggestClassification({ name: '身份证号', samples: ['13800138000'] })).toMatchObject({ piClass: 'sensitive', mask: 'resident_id' });
  });
});
