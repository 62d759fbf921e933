import { describe, expect, it } from 'vitest';
import { findIpv4Addresses } from './ipv4.ts';

function values(text: string): string[] {
  return findIpv4Addresses(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findIpv4Addresses', () => {
  it('finds addresses next to Chinese text and at the end of a sentence', () => {
    expect(values('服务器IP:10.0.0.1。访问来源192.168.1.10.')).toEqual(['10.0.0.1', '192.168.1.10']);
  });

  it('rejects version and section numbers, out-of-range and leading-zero octets', () => {
    expect(values('版本1.2.3.4.5 v1.2.3.4 256.1.1.1 192.168.01.1 1.2.3 第3.2.1节 12,380.50')).toEqual([]);
  });
});
