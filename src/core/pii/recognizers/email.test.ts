import { describe, expect, it } from 'vitest';
import { findEmails } from './email.ts';

function values(text: string): string[] {
  return findEmails(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findEmails', () => {
  it('finds addresses between Chinese characters and punctuation', () => {
    expect(values('联系邮箱：li_si+notice@mail.gov.cn。或zhang.san@163.com，')).toEqual(['li_si+notice@mail.gov.cn', 'zhang.san@163.com']);
  });

  it('drops a full stop at the end of a sentence', () => {
    expect(values('Write to zhangsan@163.com.')).toEqual(['zhangsan@163.com']);
  });

  it('keeps digits in the local part with the address', () => {
    expect(findEmails('QQ邮箱13800138000@qq.com')).toEqual([{ type: 'email', start: 4, end: 22, confidence: 0.95 }]);
  });

  it('rejects masked addresses', () => {
    expect(values('z***@qq.com zhang***n@163.com zhang@***.com')).toEqual([]);
  });

  it('rejects what is not an address', () => {
    expect(values('user@localhost a@b.c @163.com 价格@100.00 .@x.com')).toEqual([]);
  });
});
