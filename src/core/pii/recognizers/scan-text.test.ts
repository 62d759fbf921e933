import { describe, expect, it } from 'vitest';
import { PII_TYPES } from './finding.ts';
import { RECOGNIZERS, scanText } from './scan-text.ts';

describe('scanText', () => {
  it('reports exact values, offsets and 1-based lines, in text order', () => {
    const text = '公示名单\n申请人：王某某，身份证号11010519491231002X。\n联系电话：13800138000\n';
    expect(scanText(text)).toEqual([
      { type: 'person_name', value: '王某某', start: 9, end: 12, line: 2, confidence: 0.85 },
      { type: 'cn_resident_id', value: '11010519491231002X', start: 17, end: 35, line: 2, confidence: 0.99 },
      { type: 'cn_mobile', value: '13800138000', start: 42, end: 53, line: 3, confidence: 0.9 },
    ]);
  });

  it('keeps one finding where spans overlap: the ID over the card, the email over the mobile', () => {
    // 440305198504121049 is a valid resident ID that also passes Luhn.
    const types = (text: string): string[] => scanText(text).map((finding) => finding.type);
    expect(types('440305198504121049')).toEqual(['cn_resident_id']);
    expect(types('13800138000@qq.com')).toEqual(['email']);
  });

  it('runs only the selected types', () => {
    const text = '申请人：王某某，电话13800138000';
    expect(scanText(text, { types: ['cn_mobile'] }).map((finding) => finding.type)).toEqual(['cn_mobile']);
    expect(scanText(text, { types: [] })).toEqual([]);
  });

  it('finds nothing in an already masked notice', () => {
    const text = '姓名：王*\n身份证号：110105********0021\n手机：138****5678\n住址：浙江省杭州市西湖区****\n邮箱：z***@qq.com\n';
    expect(scanText(text)).toEqual([]);
  });

  it('has a recognizer for every type', () => {
    for (const type of PII_TYPES) expect(typeof RECOGNIZERS[type]).toBe('function');
  });

  it('reads CRLF line endings', () => {
    expect(scanText('a\r\nb\r\n13800138000')[0]?.line).toBe(3);
  });
});
