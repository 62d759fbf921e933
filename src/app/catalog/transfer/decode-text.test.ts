import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.ts';

const TEXT = '资源代码,资源名称\r\nRES-1,人口基础信息（户籍）\r\n';

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    expect(decodeText(new TextEncoder().encode(`\uFEFF${TEXT}`))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads GBK, as Chinese Excel saves CSV, through GB18030', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'))).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('reads characters outside GBK that GB18030 covers', () => {
    const rare = '𠀀 — 㐀';
    expect(decodeText(iconv.encode(rare, 'gb18030'))).toEqual({ text: rare, encoding: 'gb18030' });
  });

  it('calls plain ASCII UTF-8 (both readings agree)', () => {
    expect(decodeText(new TextEncoder().encode('code,name\n'))).toEqual({ text: 'code,name\n', encoding: 'utf-8' });
  });

  it('handles an empty file and a view into a larger buffer', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
    const bytes = new TextEncoder().encode(`xx${TEXT}`).subarray(2);
    expect(decodeText(bytes).text).toBe(TEXT);
  });
});
