import { describe, expect, it } from 'vitest';
import { findLandlines } from './cn-landline.ts';

function values(text: string): string[] {
  return findLandlines(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findLandlines', () => {
  it('finds area code and number in the usual spellings', () => {
    expect(values('电话0571-87654321，(010)12345678，（021）62345678；010 1234 5678；0571-87654321-8001。')).toEqual([
      '0571-87654321',
      '(010)12345678',
      '（021）62345678',
      '010 1234 5678',
      '0571-87654321-8001',
    ]);
  });

  it('gives a number written as one run less confidence', () => {
    const [grouped, run] = findLandlines('0571-87654321 057187654321');
    expect(grouped?.confidence).toBeGreaterThan(run?.confidence ?? 1);
  });

  it('rejects hotlines and service numbers, which have no area code', () => {
    expect(values('监督电话12345，举报12315，报警110，客服95588，热线400-800-1234')).toEqual([]);
  });

  it('rejects dates, timestamps, longer runs, masked numbers and reference numbers', () => {
    expect(values('2023-01-15 1700000000000 90571876543210 0571-****4321 订单号057187654321')).toEqual([]);
  });

  it('rejects a local number without its area code', () => {
    expect(values('电话87654321')).toEqual([]);
  });
});
