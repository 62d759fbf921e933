import { describe, expect, it } from 'vitest';
import { findHkMacauPermits } from './cn-hk-macau-permit.ts';

function values(text: string): string[] {
  return findHkMacauPermits(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findHkMacauPermits', () => {
  it('finds the card permit with context, and without it at lower confidence', () => {
    const [withContext] = findHkMacauPermits('往来港澳通行证：C12345678');
    const [bare] = findHkMacauPermits('编码CA1234567');
    expect(withContext?.confidence).toBe(0.9);
    expect(bare?.confidence).toBe(0.7);
  });

  it('finds the old booklet and 回乡证 forms only after a context word', () => {
    expect(values('港澳通行证W12345678；回乡证H1234567890')).toEqual(['W12345678', 'H1234567890']);
    expect(values('W12345678 H1234567890')).toEqual([]);
  });

  it('finds permits in a column headed by the permit', () => {
    expect(values('姓名\t通行证号码\n张三\tW12345678\n')).toEqual(['W12345678']);
  });

  it('rejects wrong lengths, the letters I and O, glued and masked values', () => {
    expect(values('通行证：C1234567 通行证：CI1234567 通行证：XC12345678 通行证：C1234****')).toEqual([]);
  });
});
